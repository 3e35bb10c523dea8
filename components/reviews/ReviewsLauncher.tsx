import { t } from '../../lib/i18n';

/** The popup's way to the bulk page: the run goes on in the background, so the page is a tab of its own. */
export function ReviewsLauncher({ onOpen }: { onOpen: () => void }) {
  return (
    <div class="row reviews-launch">
      <button type="button" onClick={onOpen}>{t('rv_openBulk')}</button>
    </div>
  );
}
