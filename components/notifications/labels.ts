/**
 * Display helpers shared by the notification components. Pure: no state, no browser API beyond Intl.
 */
import { t, uiLanguage } from '../../lib/i18n';
import type { ParseFailure } from '../../lib/notifications/payload';
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

/**
 * The same keys as PARSE_FAILURE_KEYS in lib/notifications/payload, named here because importing that
 * module would ship its JSON-schema validator in the popup. The Record type keeps the two in step.
 */
export const ASIDE_REASON_KEYS: Readonly<Record<ParseFailure, string>> = {
  'not-json': 'ntf_aside_not_json',
  'not-order-change': 'ntf_aside_not_order_change',
  invalid: 'ntf_aside_invalid',
  'unknown-change-type': 'ntf_aside_unknown_change_type',
};
