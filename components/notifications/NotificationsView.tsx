import { t } from '../../lib/i18n';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ErrorNote } from '../common/ErrorNote';
import { DestinationForm } from './DestinationForm';
import { DestinationList } from './DestinationList';
import { MigrationBanner } from './MigrationBanner';
import { SampleNote } from './SampleNote';
import { SubscriptionForm } from './SubscriptionForm';

/**
 * The popup's Notifications tab: migration first (it is urgent), then destinations, then the subscription.
 * Each action's result appears next to its own control (components/notifications/results).
 */
export function NotificationsView({ store: s }: { store: NotificationsStore }) {
  const busy = s.busy.value;
  return (
    <div class="notifications-view" aria-busy={busy !== undefined}>
      {s.loadError.value && (
        <>
          <ErrorNote error={s.loadError.value} />
          <button type="button" onClick={() => void s.load()}>
            {t('app_retry')}
          </button>
        </>
      )}
      {!s.overview.value && !s.loadError.value && <p>{t('app_loading')}</p>}
      <SampleNote store={s} />
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
