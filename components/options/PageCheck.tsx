import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n';
import { PAGE_CHECK_KEY, pageCheckText, readPageCheck, type PageCheckEntry } from '../../lib/seller-central/check';

/**
 * The page check the order-page script keeps in storage.local (lib/seller-central/check.ts): which finders
 * missed on which kind of Seller Central page, as text the seller can copy into a bug report.
 */
export function PageCheck() {
  const [entries, setEntries] = useState<PageCheckEntry[] | undefined>(undefined);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const read = () => void browser.storage.local.get(PAGE_CHECK_KEY).then((stored) => setEntries(readPageCheck(stored[PAGE_CHECK_KEY])));
    read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && PAGE_CHECK_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  if (entries === undefined) return null;
  const text = pageCheckText(entries, browser.runtime.getManifest().version);

  const copy = async () => {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(true);
  };
  const clear = async () => {
    await browser.storage.local.remove(PAGE_CHECK_KEY);
    setCopied(false);
  };

  return (
    <section aria-labelledby="page-check-title" data-testid="page-check">
      <h2 id="page-check-title">{t('pc_title')}</h2>
      <p class="hint">{t('pc_intro')}</p>
      {entries.length === 0 ? (
        <p>{t('pc_empty')}</p>
      ) : (
        <>
          <textarea aria-label={t('pc_report')} readOnly rows={Math.min(entries.length + 1, 8)} value={text} />
          <p>
            <button type="button" onClick={() => void copy()}>{t('pc_copy')}</button>{' '}
            <button type="button" onClick={() => void clear()}>{t('pc_clear')}</button>{' '}
            <span role="status">{copied ? t('pc_copied') : ''}</span>
          </p>
        </>
      )}
    </section>
  );
}
