import { t } from '../../lib/i18n';
import type { ConnectionStore } from '../../lib/ui/connection-store';

/**
 * What "Amazon's sandbox" can and cannot show, beside the setting: it is a static sandbox that answers
 * only the sample requests in Amazon's API models, so it proves the app's credentials and the
 * extension's requests, never the seller's own orders, roles or subscriptions.
 */
export function AmazonSandboxNote({ store }: { store: ConnectionStore }) {
  if (store.kind.value !== 'amazon-sandbox') return null;
  return (
    <div class="warning" data-testid="amazon-sandbox-note" id="amazon-sandbox-note">
      <p>{t('sbx_what')}</p>
      <ul>
        <li>{t('sbx_can')}</li>
        <li>{t('sbx_cannot')}</li>
        <li>{t('sbx_messages')}</li>
        <li>{t('sbx_attachments')}</li>
        <li>{t('sbx_notifications')}</li>
      </ul>
    </div>
  );
}
