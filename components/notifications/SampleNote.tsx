import { t } from '../../lib/i18n';
import type { NotificationsStore } from '../../lib/ui/notifications-store';

/**
 * In Amazon's sandbox every Notifications call answers one fixed sample, whatever was asked; what the
 * view shows below is that sample, not the seller's account, and nothing done here changes it.
 */
export function SampleNote({ store: s }: { store: NotificationsStore }) {
  if (!s.overview.value?.samples) return null;
  return (
    <p class="warning" data-testid="sample-note">
      {t('nui_samples_note')}
    </p>
  );
}
