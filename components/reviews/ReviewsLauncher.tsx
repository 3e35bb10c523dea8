import { t } from '../../lib/i18n';

/** The popup's way to the bulk page: the run goes on in the background, so the page is a tab of its own. */
export function ReviewsLauncher({ onOpen }: { onOpen: () => void }) {
  return (
    <section aria-labelledby="reviews-launch-title">
      <h2 id="reviews-launch-title">{t('rvb_title')}</h2>
      <p class="hint">{t('rv_window')}</p>
      <button type="button" class="primary" onClick={onOpen}>{t('rv_openBulk')}</button>
    </section>
  );
}
