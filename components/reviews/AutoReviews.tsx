import { t } from '../../lib/i18n';
import type { AutoReviewView } from '../../lib/protocol';
import type { AutoReviewsStore } from '../../lib/ui/auto-reviews-store';
import { ErrorNote } from '../common/ErrorNote';
import { SKIP_KEYS, day } from '../composer/ReviewRequest';

/** Where a scheduled order stands, as the seller reads it. */
export function autoStateText(e: AutoReviewView): string {
  switch (e.state) {
    case 'scheduled':
      return t('rva_state_scheduled', [day(e.opensOn)]);
    case 'requested':
      return t('rva_state_requested');
    case 'already-requested':
      return t('rva_state_alreadyRequested');
    case 'not-offered':
      return t('rva_state_notOffered');
    case 'message-sent':
      return t('rva_state_messageSent');
    case 'skipped':
      return t(SKIP_KEYS[e.reason ?? ''] ?? 'rva_state_skipped');
    case 'too-late':
      return t('rva_state_tooLate', [day(e.opensOn)]);
    case 'cancelled':
      return t('rva_state_cancelled');
    case 'failed':
      return t('rva_state_failed', [e.reason ? t(e.reason) : '']);
  }
}

/** The options page's part: the switch and what it does, in one line. */
export function AutoReviewsSetting({ store }: { store: AutoReviewsStore }) {
  const view = store.view.value;
  return (
    <section id="auto-reviews" aria-labelledby="auto-reviews-title" data-testid="auto-reviews-setting">
      <h2 id="auto-reviews-title">{t('rva_settingsTitle')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={view?.enabled === true}
          disabled={view === undefined || store.busy.value}
          aria-describedby="auto-reviews-hint"
          onChange={(e) => void store.setEnabled(e.currentTarget.checked)}
        />{' '}
        {t('rva_toggle')}
      </label>
      <p class="hint" id="auto-reviews-hint">{t('rva_explain')}</p>
      {store.error.value && <ErrorNote error={store.error.value} />}
    </section>
  );
}

/**
 * The popup's part: what is scheduled and where each ended, cancel one or all, and the mode turned off
 * (the settings a link away). Nothing shows while the mode is off and nothing was ever scheduled.
 */
export function AutoReviewsList({ store, settingsUrl }: { store: AutoReviewsStore; settingsUrl: string }) {
  const view = store.view.value;
  if (!view || (!view.enabled && view.entries.length === 0)) return null;
  const scheduled = store.scheduled.value;
  return (
    <section class="auto-reviews" aria-labelledby="auto-reviews-title" data-testid="auto-reviews">
      <h2 id="auto-reviews-title">{t('rva_title')}</h2>
      <p class="hint" data-testid="auto-reviews-mode">
        {view.enabled ? t('rva_on') : t('rva_off')}{' '}
        <a href={settingsUrl} target="_blank" rel="noopener">
          {t('rva_settingsLink')}
        </a>
      </p>
      {view.entries.length === 0 ? (
        <p class="hint">{t('rva_none')}</p>
      ) : (
        <ul class="auto-list" aria-live="polite">
          {view.entries.map((e) => (
            <li key={`${e.connectionId}:${e.orderId}`} data-order={e.orderId} data-state={e.state}>
              <span>
                <strong>{e.orderId}</strong>
                {e.connectionName ? <span class="hint"> · {e.connectionName}</span> : null}
                <br />
                <span data-testid="auto-review-state">{autoStateText(e)}</span>
              </span>
              {e.state === 'scheduled' && (
                <button type="button" disabled={store.busy.value} aria-label={t('rva_cancelNamed', [e.orderId])} onClick={() => void store.cancel(e)}>
                  {t('rva_cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        {scheduled.length > 1 && (
          <button type="button" disabled={store.busy.value} onClick={() => void store.cancelAll()}>
            {t('rva_cancelAll')}
          </button>
        )}
        <button type="button" disabled={store.busy.value} onClick={() => void store.setEnabled(!view.enabled)}>
          {view.enabled ? t('rva_turnOff') : t('rva_turnOn')}
        </button>
      </div>
      {store.error.value && <ErrorNote error={store.error.value} />}
    </section>
  );
}
