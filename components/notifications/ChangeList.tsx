import { t } from '../../lib/i18n';
import { marketplaceById } from '../../lib/marketplaces';
import { cancellationScope, changeHeadlineKey, entryUrl, isUrgent, type InboxEntry } from '../../lib/notifications/inbox';
import { changeTypeKey, orderStatusKey } from '../../lib/notifications/labels';
import type { InboxStore } from '../../lib/ui/inbox-store';
import { countryName, formatTime } from './labels';

/** What the buyer wants cancelled, in the seller's words: the items, and how much of the order that is. */
function CancelScope({ entry }: { entry: InboxEntry }) {
  const scope = cancellationScope(entry.change);
  if (!scope) return null;
  const items = scope.items.map((i) => t('nui_cancel_item', [i.sellerSku, String(i.quantity)])).join(', ');
  return (
    <span class="cancel-scope" data-testid="cancel-scope">
      {scope.wholeOrder ? t('nui_cancel_whole_order', [items]) : t('nui_cancel_part', [items, String(scope.requested), String(scope.total)])}
    </span>
  );
}

/** One change: words for urgency and novelty, never colour alone. */
function ChangeText({ entry, fresh, connection }: { entry: InboxEntry; fresh: boolean; connection: string | undefined }) {
  const c = entry.change;
  const marketplace = marketplaceById(c.marketplaceId);
  return (
    <>
      <span class="change-head">
        {isUrgent(entry) && <span class="tag urgent">{t('nui_urgent')}</span>}
        {entry.orderCancelled && <span class="tag cancelled">{t('nui_order_cancelled_tag')}</span>}
        {fresh && <span class="tag new">{t('nui_new')}</span>}
        <strong>{t(changeHeadlineKey(c))}</strong>
      </span>
      <span class="mono">{t('ntf_order_label', [c.orderId])}</span>
      <span class="marketplace" data-testid="change-marketplace">
        {t('nui_change_marketplace', [countryName(marketplace?.countryCode, c.marketplaceId)])}
      </span>
      {connection && (
        <span class="connection" data-testid="change-connection">
          {t('nui_change_connection', [connection])}
        </span>
      )}
      <CancelScope entry={entry} />
      <span class="hint">
        {t(changeTypeKey(c.changeType))} · {t(orderStatusKey(c.orderStatus))} · <time dateTime={c.eventTime}>{formatTime(c.eventTime)}</time>
      </span>
    </>
  );
}

/** The inbox: cancellation requests first, then newest; a change opens its order page. */
export function ChangeList({ store: s }: { store: InboxStore }) {
  const view = s.view.value;
  if (!view) return null;
  const { entries, connections } = view;
  // One connection needs no naming; with several, each change says whose queue it came from.
  const connectionName = (entry: InboxEntry) => (connections.length > 1 ? connections.find((c) => c.id === entry.connectionId)?.name : undefined);
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">{t('nui_changes_title')}</h2>
      {entries.length === 0 && <p class="hint">{t('nui_no_changes')}</p>}
      <ul class="plain changes" data-testid="changes">
        {entries.map((entry) => {
          const c = entry.change;
          const fresh = s.fresh.value.has(c.notificationId) || !entry.seen;
          const urgent = isUrgent(entry);
          const common = {
            'data-order': c.orderId,
            'data-urgent': String(urgent),
            'data-cancelled': String(Boolean(entry.orderCancelled)),
            class: `change${urgent ? ' urgent' : ''}${entry.orderCancelled ? ' cancelled' : ''}`,
          };
          return (
            <li key={c.notificationId}>
              {entryUrl(entry, connections) ? (
                <button type="button" {...common} onClick={() => void s.open(entry)}>
                  <ChangeText entry={entry} fresh={fresh} connection={connectionName(entry)} />
                </button>
              ) : (
                <div {...common}>
                  <ChangeText entry={entry} fresh={fresh} connection={connectionName(entry)} />
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
