import { t } from '../../lib/i18n';
import { changeHeadlineKey, orderUrl, type InboxEntry } from '../../lib/notifications/inbox';
import { changeTypeKey, orderStatusKey } from '../../lib/notifications/labels';
import type { InboxStore } from '../../lib/ui/inbox-store';
import { formatTime } from './labels';

/** One change: words for urgency and novelty, never colour alone. */
function ChangeText({ entry, fresh }: { entry: InboxEntry; fresh: boolean }) {
  const c = entry.change;
  return (
    <>
      <span class="change-head">
        {c.isCancellationRequest && <span class="tag urgent">{t('nui_urgent')}</span>}
        {fresh && <span class="tag new">{t('nui_new')}</span>}
        <strong>{t(changeHeadlineKey(c))}</strong>
      </span>
      <span class="mono">{t('ntf_order_label', [c.orderId])}</span>
      <span class="hint">
        {t(changeTypeKey(c.changeType))} · {t(orderStatusKey(c.orderStatus))} · <time dateTime={c.eventTime}>{formatTime(c.eventTime)}</time>
      </span>
    </>
  );
}

/** The inbox: cancellation requests first, then newest; a change opens its order page. */
export function ChangeList({ store: s }: { store: InboxStore }) {
  const entries = s.view.value?.entries;
  if (!entries) return null;
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">{t('nui_changes_title')}</h2>
      {entries.length === 0 && <p class="hint">{t('nui_no_changes')}</p>}
      <ul class="plain changes" data-testid="changes">
        {entries.map((entry) => {
          const c = entry.change;
          const fresh = s.fresh.value.has(c.notificationId) || !entry.seen;
          const common = { 'data-order': c.orderId, 'data-urgent': String(c.isCancellationRequest), class: `change${c.isCancellationRequest ? ' urgent' : ''}` };
          return (
            <li key={c.notificationId}>
              {orderUrl(c) ? (
                <button type="button" {...common} onClick={() => void s.open(entry)}>
                  <ChangeText entry={entry} fresh={fresh} />
                </button>
              ) : (
                <div {...common}>
                  <ChangeText entry={entry} fresh={fresh} />
                  <span class="hint">{t('nui_no_order_page', [c.marketplaceId])}</span>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
