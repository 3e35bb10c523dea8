import { t } from '../../lib/i18n';
import { MIGRATION_STEP_KEYS } from '../../lib/notifications/migration';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ResultFor } from './results';

/** Shown while a retired ORDER_STATUS_CHANGE subscription exists: one button moves the seller off it. */
export function MigrationBanner({ store: s }: { store: NotificationsStore }) {
  const overview = s.overview.value;
  // Once the migration is done the banner is gone; its result stays where the banner was.
  if (!overview?.legacy) return s.result.value?.action === 'migrate' ? <ResultFor store={s} actions={['migrate']} testId="migrate-result" /> : null;
  const destination = overview.destinations.find((d) => d.destinationId === overview.legacy?.destinationId);
  return (
    <section class="warning migration" aria-labelledby="migration-title" data-testid="migration">
      <h2 id="migration-title">{t('nui_migration_title')}</h2>
      <p>{t('ntf_migration_retired')}</p>
      <p>{t(MIGRATION_STEP_KEYS[overview.migration])}</p>
      {overview.migration === 'create-order-change-first' && (
        <p class="hint">{t('nui_migration_creates', [destination?.name ?? overview.legacy.destinationId])}</p>
      )}
      <button type="button" class="primary" disabled={s.busy.value !== undefined} onClick={() => void s.migrate()}>
        {t('nui_migrate')}
      </button>
      <ResultFor store={s} actions={['migrate']} testId="migrate-result" />
    </section>
  );
}
