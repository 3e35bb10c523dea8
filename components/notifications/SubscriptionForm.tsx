import { t } from '../../lib/i18n';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { ChangeTypeChoice } from './ChangeTypeChoice';
import { ConfirmDelete } from './ConfirmDelete';
import { MarketplaceChoice } from './MarketplaceChoice';
import { SubscriptionSummary } from './SubscriptionSummary';
import { destinationTarget } from './labels';
import { ResultFor } from './results';

/** The ORDER_CHANGE subscription: what Amazon has, and the form that creates or safely replaces it. */
export function SubscriptionForm({ store: s }: { store: NotificationsStore }) {
  const overview = s.overview.value;
  if (!overview) return null;
  const current = overview.orderChange;
  const dropping = s.confirmDropExpression.value;
  const pending = s.pendingDelete.value;
  const problem = s.filterProblem.value;
  const busy = s.busy.value !== undefined;
  return (
    <section aria-labelledby="subscription-title" data-testid="subscription">
      <h2 id="subscription-title">{t('nui_subscription_title')}</h2>
      {current ? (
        <>
          <SubscriptionSummary summary={current} destinations={overview.destinations} />
          {pending?.kind === 'subscription' ? (
            <ConfirmDelete question={t('nui_confirm_delete_subscription')} onConfirm={() => void s.confirmDelete()} onCancel={s.cancelDelete} />
          ) : (
            current.subscriptionId && (
              <button type="button" disabled={busy} onClick={() => s.askDelete({ kind: 'subscription', id: current.subscriptionId ?? '' })}>
                {t('nui_delete_subscription')}
              </button>
            )
          )}
        </>
      ) : (
        <p class="hint">{t('nui_no_subscription')}</p>
      )}
      <ResultFor store={s} actions={['delete-subscription']} testId="delete-subscription-result" />
      {overview.destinations.length === 0 ? (
        <p class="hint">{t('nui_destination_first')}</p>
      ) : (
        <form
          aria-labelledby="subscription-form-title"
          onSubmit={(e) => {
            e.preventDefault();
            void s.saveSubscription();
          }}
        >
          <h3 id="subscription-form-title">{current ? t('nui_change_subscription') : t('nui_create_subscription')}</h3>
          <label for="sub-destination">{t('nui_destination')}</label>
          <select id="sub-destination" value={s.subDestinationId.value} onChange={(e) => (s.subDestinationId.value = e.currentTarget.value)}>
            {overview.destinations.map((d) => (
              <option key={d.destinationId} value={d.destinationId}>
                {d.name} — {destinationTarget(d)}
              </option>
            ))}
          </select>
          <ChangeTypeChoice store={s} />
          <MarketplaceChoice store={s} />
          {current && <p class="hint">{t('nui_replace_hint')}</p>}
          {problem && (
            <p class="error" id="subscription-problem">
              {t(problem.key, problem.substitutions)}
            </p>
          )}
          {dropping !== undefined ? (
            <div class="confirm" role="group" aria-labelledby="drop-expression-question" data-testid="drop-expression">
              <p id="drop-expression-question">{t('nui_drop_expression_question', [dropping])}</p>
              <div class="row">
                <button type="button" class="danger" onClick={() => void s.saveSubscription(true)}>
                  {t('nui_drop_expression_confirm')}
                </button>
                <button type="button" onClick={s.keepExpression}>
                  {t('nui_drop_expression_keep')}
                </button>
              </div>
            </div>
          ) : (
            <button type="submit" class="primary" disabled={busy || Boolean(problem)} aria-describedby={problem ? 'subscription-problem' : undefined}>
              {t('nui_save_subscription')}
            </button>
          )}
          <ResultFor store={s} actions={['save-subscription']} testId="save-subscription-result" />
        </form>
      )}
    </section>
  );
}
