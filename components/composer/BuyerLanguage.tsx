import { t, uiLanguage } from '../../lib/i18n';

/** Amazon asks sellers to write in the buyer's language; GetAttributes tells which one it is. */
export function BuyerLanguage({ locale }: { locale: string }) {
  let name = locale;
  try {
    name = new Intl.DisplayNames([uiLanguage()], { type: 'language' }).of(locale) ?? locale;
  } catch {
    // An unusual tag is still worth showing as it came.
  }
  return (
    <p class="buyer-language" data-locale={locale}>
      {t('cmp_buyerLanguage', [name])}
    </p>
  );
}
