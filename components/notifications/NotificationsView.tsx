import { t } from '../../lib/i18n';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ErrorNote } from '../common/ErrorNote';
import { DestinationForm } from './DestinationForm';
import { DestinationList } from './DestinationList';
import { MigrationBanner } from './MigrationBanner';
import { StatusLine } from './StatusLine';
import { SubscriptionForm } from './SubscriptionForm';

const BUSY_KEYS = {
  creating: 'nui_busy_creating',
  deleting: 'nui_busy_deleting',
  saving: 'nui_busy_saving',
  migrating: 'nui_busy_migrating',
} as const;

/** The popup's Notifications tab: migration first (it is urgent), then destinations, then the subscription. */
export function NotificationsView({ store: s }: { store: NotificationsStore }) {
  const busy = s.busy.value;
  return (
    <div class="notifications-view" aria-busy={busy !== undefined}>
      <StatusLine status={s.status.value} busy={busy && t(BUSY_KEYS[busy])} />
      {s.loadError.value && (
        <>
          <ErrorNote error={s.loadError.value} />
          <button type="button" onClick={() => void s.load()}>
            {t('app_retry')}
          </button>
        </>
      )}
      {!s.overview.value && !s.loadError.value && <p>{t('app_loading')}</p>}
      <MigrationBanner store={s} />
      {s.overview.value && (
        <section aria-labelledby="destinations-title" data-testid="destinations">
          <h2 id="destinations-title">{t('nui_destinations')}</h2>
          <DestinationList store={s} />
          <DestinationForm store={s} />
        </section>
      )}
      <SubscriptionForm store={s} />
    </div>
  );
}
