import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/ask';
import { uiLanguage } from '../../lib/i18n';
import { createPopupStore, type PageOrder } from '../../lib/ui/popup-store';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/common/base.css';
import './popup.css';

document.documentElement.lang = uiLanguage();

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const store = createPopupStore({
  ask,
  // The content script answers for its page; no tab permission is needed to learn the order.
  async pageOrder() {
    const tabId = await activeTabId();
    if (tabId === undefined) return undefined;
    const order = (await browser.tabs.sendMessage(tabId, { type: 'page.order' })) as PageOrder | null;
    return order ?? undefined;
  },
  async openComposer(order, segment, onPage) {
    const tabId = await activeTabId();
    if (onPage && tabId !== undefined && (await browser.tabs.sendMessage(tabId, { type: 'panel.open', segment }))) {
      window.close();
      return;
    }
    const params = new URLSearchParams({ orderId: order.orderId, marketplaceId: order.marketplaceId, type: segment });
    await browser.tabs.create({ url: browser.runtime.getURL(`/composer.html?${params.toString()}`) });
    window.close();
  },
});

void store.load();
render(
  <PopupApp store={store} extraViews={[]} onOpenSettings={() => void browser.runtime.openOptionsPage()} />,
  document.getElementById('app')!,
);
