import { browser } from 'wxt/browser';
import { marketplacesInRegion, type RegionId } from '../../lib/marketplaces';

function msg(key: string, subs?: string[]): string {
  return (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, subs) || key;
}

/**
 * Asks which marketplace this shared host's orders belong to (sellercentral-europe and -japan name only
 * the region, and the page gave no hint), once per host: the answer is kept and the panel opens.
 */
export function askMarketplace(root: ShadowRoot, host: string, region: RegionId, returnFocus: HTMLElement, onAnswer: (marketplaceId: string) => void): void {
  root.querySelector('.ask')?.remove();
  const box = document.createElement('form');
  box.className = 'ask';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-labelledby', 'oc-ask-title');
  const title = document.createElement('p');
  title.id = 'oc-ask-title';
  title.textContent = msg('panel_askMarketplace');
  const label = document.createElement('label');
  label.textContent = msg('panel_askMarketplaceLabel');
  const select = document.createElement('select');
  const names = new Intl.DisplayNames([browser.i18n.getUILanguage()], { type: 'region' });
  for (const m of marketplacesInRegion(region)) select.append(new Option(names.of(m.countryCode) ?? m.country, m.id));
  label.append(select);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = msg('panel_askMarketplaceHint', [host]);
  const go = document.createElement('button');
  go.type = 'submit';
  go.textContent = msg('panel_askMarketplaceContinue');
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = msg('app_close');
  const close = () => {
    box.remove();
    returnFocus.focus();
  };
  cancel.addEventListener('click', close);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  box.addEventListener('submit', (e) => {
    e.preventDefault();
    box.remove();
    onAnswer(select.value);
  });
  box.append(title, label, hint, go, cancel);
  root.append(box);
  select.focus();
}
