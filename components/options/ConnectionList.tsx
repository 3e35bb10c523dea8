import { t } from '../../lib/i18n';
import type { ConnectionSummary } from '../../lib/protocol';
import type { ConnectionStore } from '../../lib/ui/connection-store';

function where(c: ConnectionSummary): string {
  if (!c.endpoint) return '';
  if (c.endpoint.kind === 'custom') return c.region ? `${c.endpoint.baseUrl} · ${t(`opt_region_${c.region}`)}` : `${c.endpoint.baseUrl} · ${t('conn_everyRegion')}`;
  return t(`conn_where_${c.endpoint.kind.replace('-', '_')}`, [t(`opt_region_${c.endpoint.region}`)]);
}

/** The seller's connections: open one in the form, remove one, or add another. */
export function ConnectionList({ store }: { store: ConnectionStore }) {
  const { connections } = store.list.value;
  return (
    <section aria-labelledby="connections-title" data-testid="connection-list">
      <h1 id="connections-title">{t('opt_title')}</h1>
      <p class="hint">{t('opt_intro')}</p>
      {connections.length === 0 ? (
        <p>{t('conn_none')}</p>
      ) : (
        <ul class="connections">
          {connections.map((c) => (
            <li key={c.id} data-connection={c.id} aria-current={store.editing.value === c.id ? 'true' : undefined}>
              <strong>{c.name}</strong> <span class="hint">{where(c)} · {c.defaultMarketplaceId}</span>
              <span class="row">
                <button type="button" aria-label={t('conn_editNamed', [c.name ?? ''])} onClick={() => store.select(c.id!)}>
                  {t('conn_edit')}
                </button>
                <button type="button" aria-label={t('conn_removeNamed', [c.name ?? ''])} onClick={() => void store.remove(c.id!)}>
                  {t('conn_remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => store.add()}>
        {t('conn_add')}
      </button>
    </section>
  );
}
