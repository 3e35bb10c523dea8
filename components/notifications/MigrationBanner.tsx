import { t } from '../../lib/i18n';
import { MIGRATION_STEP_KEYS } from '../../lib/notifications/migration';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ErrorNote } from '../common/ErrorNote';

/** Shown while a retired ORDER_STATUS_CHANGE subscription exists: one button moves the seller off it. */
export function MigrationBanner({ store: s }: { store: NotificationsStore }) {
  const overview = s.overview.value;
  if (!overview?.legacy) return null;
  const destination = overview.destinations.find((d) => d.destinationId === overview.legacy?.destinationId);
  const error = s.error.value?.section === 'migration' ? s.error.value.explained : undefined;
  return (
    <section class="warning migration" aria-labelledby="migration-title" data-testid="migration">
      <h2 id="migration-title">{t('nui_migration_title')}</h2>
      <p>{t('ntf_migration_retired')}</p>
      <p>{t(MIGRATION_STEP_KEYS[overview.migration])}</p>
      {overview.migration === 'create-order-change-first' && (
        <p class="hint">{t('nui_migration_creates', [destination?.name ?? overview.legacy.destinationId])}</p>
      )}
      {error && <ErrorNote error={error} />}
      <button type="button" class="primary" disabled={s.busy.value !== undefined} onClick={() => void s.migrate()}>
        {t('nui_migrate')}
      </button>
    </section>
  );
}
