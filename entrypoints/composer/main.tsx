import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { createComposerStore } from '../../lib/ui/composer-store';
import { backgroundDrafts, backgroundStatusEvents } from '../../lib/ui/background-drafts';
import { ComposerApp } from '../../components/composer/ComposerApp';
import '../../components/common/base.css';
import './composer.css';

const params = new URLSearchParams(location.search);
const orderId = params.get('orderId') ?? '';
const embedded = params.get('embedded') === '1';
document.documentElement.lang = uiLanguage();
document.title = t('panel_title', [orderId]);

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
    <ComposerApp store={store} embedded={embedded} onOpenSettings={() => void browser.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
  // Follow the order's sends from the start: the background may finish one this page did not start.
  store.follow(backgroundStatusEvents);
  await store.load();
}

if (embedded) {
  // The panel around this frame closes on Escape, as a dialog should; the frame tells it so.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') window.parent.postMessage({ orderCourier: 'close' }, '*');
  });
}

void start();
