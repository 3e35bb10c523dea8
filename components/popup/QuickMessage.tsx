import { t } from '../../lib/i18n';
import type { PopupStore } from '../../lib/ui/popup-store';
import { ErrorNote } from '../common/ErrorNote';
import { Field } from '../common/Field';

/** Two clicks from the toolbar to the composer: an order, then a message type. */
export function QuickMessage({ store: s }: { store: PopupStore }) {
  const chosen = s.chosen.value;
  if (chosen) {
    return (
      <section aria-labelledby="quick-types">
        <h2 id="quick-types">{t('pop_typesFor', [chosen.orderId])}</h2>
        {!s.pageOrder.value && (
          <button type="button" onClick={s.back}>
            {t('pop_back')}
          </button>
        )}
        {s.typesError.value && <ErrorNote error={s.typesError.value} />}
        {!s.types.value && !s.typesError.value && <p>{t('app_loading')}</p>}
        {s.types.value?.length === 0 && <p class="warning">{t('cmp_noTypes')}</p>}
        <ul class="plain quick-list">
          {s.types.value?.map((type) => (
            <li key={type.segment}>
              <button type="button" data-segment={type.segment} onClick={() => void s.pickType(type.segment)}>
                {type.title}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-labelledby="quick-orders">
      <h2 id="quick-orders">{t('pop_recentOrders')}</h2>
      {s.sandbox.value && (
        <p class="hint" data-testid="sandbox-sample-order">
          {t('pop_sandboxSampleOrder')}
        </p>
      )}
      {s.recentError.value && <ErrorNote error={s.recentError.value} />}
      {!s.recent.value && !s.recentError.value && <p>{t('app_loading')}</p>}
      {s.recent.value?.length === 0 && <p class="hint">{t('pop_noRecent')}</p>}
      <ul class="plain quick-list">
        {s.recent.value?.map((order) => (
          <li key={order.orderId}>
            <button type="button" data-order={order.orderId} onClick={() => void s.choose(order)}>
              {order.orderId}
              {order.status && <span class="hint"> — {order.status}</span>}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void s.choosePasted();
        }}
      >
        <Field id="paste-order" label={t('pop_pasteOrder')} problem={s.pastedProblem.value}>
          <input id="paste-order" type="text" placeholder="123-1234567-1234567" value={s.pasted.value} onInput={(e) => (s.pasted.value = e.currentTarget.value)} />
        </Field>
        <button type="submit" disabled={!s.pasted.value.trim() || Boolean(s.pastedProblem.value)}>
          {t('pop_showTypes')}
        </button>
      </form>
    </section>
  );
}
