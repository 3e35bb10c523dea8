import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { createComposerStore } from '../../lib/ui/composer-store';
import { backgroundDrafts } from '../../lib/ui/background-drafts';
import { ComposerApp } from '../../components/composer/ComposerApp';
import '../../components/common/base.css';
import './composer.css';

const params = new URLSearchParams(location.search);
const orderId = params.get('orderId') ?? '';
const embedded = params.get('embedded') === '1';
document.documentElement.lang = uiLanguage();
document.title = t('panel_title', [orderId]);

/**
 * Firefox gives an extension page framed in a web page a reduced API without runtime.openOptionsPage
 * (measured in Firefox 153); the options page opened in a new tab is the same page.
 */
function openSettings() {
  if (typeof browser.runtime.openOptionsPage === 'function') void browser.runtime.openOptionsPage();
  else window.open(browser.runtime.getURL('/options.html'), '_blank');
}

async function start() {
  // A page that did not name the marketplace falls back to the seller's default.
  let marketplaceId = params.get('marketplaceId') ?? '';
  if (!marketplaceId) marketplaceId = (await ask('connection.get', {})).defaultMarketplaceId ?? '';
  const store = createComposerStore({
    orderId,
    marketplaceId,
    initialSegment: params.get('type') ?? undefined,
    ask,
    drafts: backgroundDrafts(ask, orderId),
    newId: () => crypto.randomUUID(),
  });
  render(
    <ComposerApp store={store} embedded={embedded} onOpenSettings={openSettings} />,
    document.getElementById('app')!,
  );
  await store.load();
  // While a send is under way, follow it: the background may restart and finish it on its own.
  setInterval(() => {
    if (store.busy.value || store.job.value?.state === 'unknown') void store.refreshStatus().catch(() => undefined);
  }, 700);
}

if (embedded) {
  // The panel around this frame closes on Escape, as a dialog should; the frame tells it so.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') window.parent.postMessage({ orderCourier: 'close' }, '*');
  });
}

void start();
