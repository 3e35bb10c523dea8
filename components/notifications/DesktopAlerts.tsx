import { t } from '../../lib/i18n';
import type { InboxStore } from '../../lib/ui/inbox-store';

/** Which changes deserve a desktop notification; the badge counts every change regardless. */
export function DesktopAlerts({ store: s }: { store: InboxStore }) {
  const prefs = s.view.value?.prefs;
  if (!prefs) return null;
  return (
    <fieldset class="desktop-alerts">
      <legend>{t('nui_desktop_title')}</legend>
      <label class="choice">
        <input type="checkbox" role="switch" checked={prefs.cancellations} onChange={(e) => void s.setPref('cancellations', e.currentTarget.checked)} />
        {t('nui_desktop_cancellations')}
      </label>
      <label class="choice">
        <input type="checkbox" role="switch" checked={prefs.newOrders} onChange={(e) => void s.setPref('newOrders', e.currentTarget.checked)} />
        {t('nui_desktop_new_orders')}
      </label>
    </fieldset>
  );
}
