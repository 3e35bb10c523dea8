import { t } from '../../lib/i18n';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ConfirmDelete } from './ConfirmDelete';
import { destinationTarget } from './labels';
import { ResultFor } from './results';

/** Where Amazon delivers notifications, each with what uses it and a guarded delete. */
export function DestinationList({ store: s }: { store: NotificationsStore }) {
  const overview = s.overview.value;
  if (!overview) return null;
  // A deleted destination leaves no button to show the result under: it goes where the list was.
  const result = <ResultFor store={s} actions={['delete-destination']} testId="delete-destination-result" />;
  if (overview.destinations.length === 0) {
    return (
      <>
        <p class="hint">{t('nui_no_destinations')}</p>
        {result}
      </>
    );
  }
  const pending = s.pendingDelete.value;
  return (
    <>
    <ul class="plain card-list" aria-label={t('nui_destinations')}>
      {overview.destinations.map((d) => {
        const usedBy = [
          overview.orderChange?.destinationId === d.destinationId ? 'ORDER_CHANGE' : undefined,
          overview.legacy?.destinationId === d.destinationId ? 'ORDER_STATUS_CHANGE' : undefined,
        ].filter(Boolean);
        const confirming = pending?.kind === 'destination' && pending.id === d.destinationId;
        return (
          <li key={d.destinationId} class="card" data-destination={d.destinationId}>
            <p class="card-title">{d.name}</p>
            <p class="hint mono">{destinationTarget(d)}</p>
            {usedBy.length > 0 && <p class="hint">{t('nui_destination_used_by', [usedBy.join(', ')])}</p>}
            {confirming ? (
              <ConfirmDelete question={t('nui_confirm_delete_destination', [d.name])} onConfirm={() => void s.confirmDelete()} onCancel={s.cancelDelete} />
            ) : (
              <button
                type="button"
                disabled={s.busy.value !== undefined}
                aria-label={t('nui_delete_destination_named', [d.name])}
                onClick={() => s.askDelete({ kind: 'destination', id: d.destinationId, name: d.name })}
              >
                {t('nui_delete')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
    {result}
    </>
  );
}
