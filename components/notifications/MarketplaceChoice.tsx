import { t } from '../../lib/i18n';
import { MARKETPLACES } from '../../lib/marketplaces';
import type { NotificationsStore } from '../../lib/ui/notifications-store';
import { countryName } from './labels';

/** Optional: no marketplace ticked means every marketplace, which is what most sellers want. */
export function MarketplaceChoice({ store: s }: { store: NotificationsStore }) {
  const chosen = s.marketplaceIds.value;
  const summary = chosen.length === 0 ? t('ntf_summary_all_marketplaces') : t('nui_marketplaces_chosen', [String(chosen.length)]);
  return (
    <details class="marketplaces">
      <summary>
        {t('nui_marketplaces')}: {summary}
      </summary>
      <fieldset>
        <legend>{t('nui_marketplaces_legend')}</legend>
        {/* No inner scrolling: a scroll box cut its last visible row in half. The list is folded away until opened. */}
        <ul class="plain marketplace-list">
          {MARKETPLACES.map((m) => (
            <li key={m.id}>
              <label class="choice marketplace-row">
                <input type="checkbox" checked={chosen.includes(m.id)} onChange={(e) => s.toggleMarketplace(m.id, e.currentTarget.checked)} />
                <span class="marketplace-name">{countryName(m.countryCode, m.country)}</span>{' '}
                <span class="mono hint">{m.id}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}
