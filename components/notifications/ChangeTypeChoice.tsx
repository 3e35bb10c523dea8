import { t } from '../../lib/i18n';
import { changeTypeKey } from '../../lib/notifications/labels';
import { ORDER_CHANGE_TYPES } from '../../lib/notifications/types';
import type { NotificationsStore } from '../../lib/ui/notifications-store';

/**
 * "All" and a list are different filters at Amazon: "all" leaves the list out and so also receives
 * types Amazon adds later, while ticking every box today does not. Hence a choice, then boxes.
 */
export function ChangeTypeChoice({ store: s }: { store: NotificationsStore }) {
  const all = s.allTypes.value;
  return (
    <fieldset class="change-types">
      <legend>{t('nui_change_types')}</legend>
      <label class="choice">
        <input type="radio" name="change-types" checked={all} onChange={() => (s.allTypes.value = true)} />
        {t('ntf_summary_all_change_types')}
      </label>
      <label class="choice">
        <input type="radio" name="change-types" checked={!all} onChange={() => (s.allTypes.value = false)} />
        {t('nui_only_these_types')}
      </label>
      <ul class="plain nested" aria-label={t('nui_change_types')}>
        {ORDER_CHANGE_TYPES.map((type) => (
          <li key={type}>
            <label class="choice">
              <input
                type="checkbox"
                disabled={all}
                checked={!all && s.changeTypes.value.includes(type)}
                onChange={(e) => s.toggleType(type, e.currentTarget.checked)}
              />
              {/* Amazon's name on its own line: in brackets beside a long label it wrapped into stray "(" and ")". */}
              <span class="choice-text">
                <span>{t(changeTypeKey(type))}</span>{' '}
                <span class="mono hint">{type}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
