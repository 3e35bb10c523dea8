import { t, uiLanguage } from '../../lib/i18n';
import type { ReviewStateView } from '../../lib/protocol';
import type { ReviewStore } from '../../lib/ui/review-store';
import { ErrorNote } from '../common/ErrorNote';

/** Why an order is skipped, as the seller reads it; the bulk page says the same. */
export const SKIP_KEYS: Record<string, string> = {
  excluded: 'rv_skip_excluded',
  cancelled: 'rv_skip_cancelled',
  refunded: 'rv_skip_refunded',
  returned: 'rv_skip_returned',
  'not-shipped': 'rv_skip_notShipped',
  'no-delivery-date': 'rv_skip_noDeliveryDate',
};

/** A `YYYY-MM-DD` day (already in the marketplace's time zone) in the UI's language. */
export function day(value: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return value ?? '';
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function stateText(v: ReviewStateView): string {
  switch (v.state) {
    case 'eligible':
      return t('rv_state_eligible', [day(v.date)]);
    case 'too-early':
      return t('rv_state_tooEarly', [day(v.date)]);
    case 'too-late':
      return t('rv_state_tooLate', [day(v.date)]);
    case 'skipped':
      return t(SKIP_KEYS[v.reason ?? ''] ?? 'rv_state_notOffered');
    case 'not-offered':
      return t(v.messageAccepted ? 'rv_state_notOfferedMessage' : 'rv_state_notOffered');
    case 'already-requested': {
      const at = v.requestedAt === undefined ? '' : new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(v.requestedAt);
      if (v.outcomeUnknown) return t('rv_state_unknown', [at]);
      return v.requestedBy === 'amazon' ? t('rv_state_requestedAmazon') : t('rv_state_requestedUs', [at]);
    }
  }
}

/** The order's review request at a glance, with its one button. */
export function ReviewRequest({ store }: { store: ReviewStore }) {
  const v = store.view.value;
  const error = store.error.value;
  const loadError = store.loadError.value;
  const busy = store.busy.value;
  return (
    <section aria-labelledby="review-title" class="review" data-review-state={v?.state}>
      <h2 id="review-title">{t('rv_title')}</h2>
      {!v && !loadError && <p aria-live="polite">{t('rv_loading')}</p>}
      {!v && loadError && (
        <>
          <p class="hint" data-testid="review-state">
            {t('rv_unreadable', [t(loadError.key, loadError.substitutions)])}
          </p>
          <div class="row">
            <button type="button" onClick={() => void store.load()}>{t('rv_checkAgain')}</button>
          </div>
        </>
      )}
      {v && (
        <p role="status" data-testid="review-state">
          {stateText(v)}
        </p>
      )}
      {v?.state === 'eligible' && v.messageAccepted && <p class="warning" data-testid="review-one-message">{t('rv_oneMessageBefore')}</p>}
      {v?.state === 'already-requested' && v.requestedBy === 'us' && !v.outcomeUnknown && (
        <p class="hint" data-testid="review-one-message">{t('rv_oneMessageAfter')}</p>
      )}
      {v?.state === 'eligible' && (
        <div class="row">
          <button type="button" aria-busy={busy} disabled={busy} onClick={() => void store.request()}>
            {busy ? t('rv_requesting') : t('rv_request')}
          </button>
        </div>
      )}
      {v && v.state !== 'already-requested' && <p class="hint">{t('rv_window')}</p>}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
