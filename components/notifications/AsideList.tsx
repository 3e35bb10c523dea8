import { t } from '../../lib/i18n';
import type { InboxStore } from '../../lib/ui/inbox-store';
import { ASIDE_REASON_KEYS, formatTime } from './labels';

/** Raw text beyond this is cut: the popup is narrow, and the start says what the message was. */
const RAW_PREVIEW = 600;

/** Messages that were not ORDER_CHANGE events Order Courier understands, kept for the seller to see. */
export function AsideList({ store: s }: { store: InboxStore }) {
  const aside = s.view.value?.aside;
  if (!aside || aside.length === 0) return null;
  return (
    <details class="aside" data-testid="aside">
      <summary>{t('nui_aside_title', [String(aside.length)])}</summary>
      <ul class="plain">
        {aside.map((item) => (
          <li key={item.id} class="card">
            <p>{t(ASIDE_REASON_KEYS[item.reason])}</p>
            {item.details && <p class="hint">{item.details}</p>}
            <p class="hint">{t('nui_received_at', [formatTime(item.receivedAt)])}</p>
            <pre class="raw">{item.raw.length > RAW_PREVIEW ? `${item.raw.slice(0, RAW_PREVIEW)}…` : item.raw}</pre>
          </li>
        ))}
      </ul>
    </details>
  );
}
