/**
 * Display helpers shared by the notification components. Pure: no state, no browser API beyond Intl.
 */
import { t, uiLanguage } from '../../lib/i18n';
import type { DestinationView } from '../../lib/protocol';

/** What a destination points at, so two destinations with similar names stay distinguishable. */
export function destinationTarget(d: DestinationView): string {
  if (d.kind === 'sqs' && d.arn) return d.arn;
  if (d.kind === 'eventBridge') return t('nui_eventbridge_target', [d.accountId ?? '?', d.region ?? '?']);
  return t('nui_destination_other');
}

let regionNames: Intl.DisplayNames | undefined;

/** The country in the seller's language ("Deutschland"), falling back to Amazon's English name. */
export function countryName(countryCode: string | undefined, fallback: string): string {
  if (!countryCode) return fallback;
  try {
    regionNames ??= new Intl.DisplayNames([uiLanguage()], { type: 'region' });
    return regionNames.of(countryCode) ?? fallback;
  } catch {
    return fallback;
  }
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' }).format(time);
}
