import { render } from 'preact';
import { ReviewsLauncher } from '../../components/reviews/ReviewsLauncher';
import { AutoReviewsList } from '../../components/reviews/AutoReviews';
import { createAutoReviewsStore } from '../../lib/ui/auto-reviews-store';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/ask';
import { uiLanguage } from '../../lib/i18n';
import { createPopupStore } from '../../lib/ui/popup-store';
import { PopupApp } from '../../components/popup/PopupApp';
import { isAutoReviewsUpdatedEvent, isInboxUpdatedEvent, isPageOrderAnswer, type ContentRequest } from '../../lib/protocol';
import { t } from '../../lib/i18n';
import { createNotificationsStore } from '../../lib/ui/notifications-store';
import { createInboxStore } from '../../lib/ui/inbox-store';
import { NotificationsView } from '../../components/notifications/NotificationsView';
import { InboxView } from '../../components/notifications/InboxView';
import '../../components/common/base.css';
import '../../components/notifications/notifications.css';
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
    const order: unknown = await browser.tabs.sendMessage(tabId, { type: 'page.order' } satisfies ContentRequest);
    return isPageOrderAnswer(order) ? order : undefined;
  },
  async openComposer(order, segment, onPage) {
    const tabId = await activeTabId();
    const open: ContentRequest = { type: 'panel.open', segment };
    if (onPage && tabId !== undefined && (await browser.tabs.sendMessage(tabId, open)) === true) {
      window.close();
      return;
    }
    const params = new URLSearchParams({ orderId: order.orderId, marketplaceId: order.marketplaceId, type: segment });
    // Our own origin, not runtime.getURL: the composer is web-accessible with a dynamic URL, which only
    // works inside a page's frame.
    await browser.tabs.create({ url: `${location.origin}/composer.html?${params.toString()}` });
    window.close();
  },
  onSwitched() {
    void notifications.load();
    void inbox.load();
  },
});

async function openReviews() {
  await browser.tabs.create({ url: browser.runtime.getURL('/reviews.html') });
  window.close();
}

const notifications = createNotificationsStore(ask);
const autoReviews = createAutoReviewsStore(ask);
const inbox = createInboxStore({
  ask,
  // A new tab: when the popup is itself a tab, "the active tab" would be the popup.
  async openOrder(url) {
    await browser.tabs.create({ url });
  },
});

// The background announces stored changes; only our own extension's word counts.
browser.runtime.onMessage.addListener((message, sender) => {
  if (sender.id === browser.runtime.id && isInboxUpdatedEvent(message)) void inbox.refresh();
  if (sender.id === browser.runtime.id && isAutoReviewsUpdatedEvent(message)) void autoReviews.load();
  return undefined;
});

void store.load().then(() => {
  if (store.connected.value === false) return;
  void notifications.load();
  void inbox.load();
  void autoReviews.load();
});
render(
  <PopupApp
    store={store}
    extraViews={[
      { id: 'inbox', label: t('nui_tab_inbox'), render: () => <InboxView store={inbox} /> },
      { id: 'notifications', label: t('nui_tab_notifications'), render: () => <NotificationsView store={notifications} /> },
    ]}
    onOpenSettings={() => void browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app')!,
);
// Beside the tabs, not a tab of its own: the narrow popup has no room for a fourth one.
const reviewsRoot = document.createElement('div');
document.getElementById('app')!.after(reviewsRoot);
render(
  <>
    <ReviewsLauncher onOpen={() => void openReviews()} />
    <AutoReviewsList store={autoReviews} settingsUrl={browser.runtime.getURL('/options.html#auto-reviews')} />
  </>,
  reviewsRoot,
);
