import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTRAL_HOSTS } from '../../lib/marketplaces';
import { isContentRequest, type ContentResponse } from '../../lib/protocol';
import { createOrderPanel } from './panel';
import { currentOrder } from './page';

/**
 * Seller Central is a single-page app and Chrome injects content scripts only on full page loads, so the
 * script runs on the whole app and shows the panel whenever the URL is an order page.
 */
export default defineContentScript({
  matches: SELLER_CENTRAL_HOSTS.map((host) => `https://${host}/*`),
  runAt: 'document_end',
  main(ctx) {
    const panel = createOrderPanel(ctx);
    let shownFor = location.href;
    panel.showFor(currentOrder(shownFor));
    const sync = () => {
      // The app re-renders its content without a navigation too, and may throw the button away with it.
      if (location.href === shownFor) return panel.keepMounted();
      shownFor = location.href;
      panel.showFor(currentOrder(shownFor));
    };
    ctx.addEventListener(window, 'wxt:locationchange', sync);
    ctx.addEventListener(window, 'popstate', sync);
    // The app's history.pushState runs in the page's world, where this isolated script cannot hook it,
    // and the Navigation API's events did not reach this world in Chromium 156. Every in-app navigation
    // re-renders the page, though, so a changed URL is noticed with the first DOM change after it, and a
    // re-render that removed the button puts it back.
    const observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());

    // Only the extension itself can reach this listener (runtime messages never come from the page);
    // its messages are still checked like every other message between the extension's parts.
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (sender.id !== browser.runtime.id || !isContentRequest(message)) return undefined;
      if (message.type === 'page.order') return Promise.resolve<ContentResponse<typeof message>>(currentOrder(location.href) ?? null);
      return panel.open(message.segment) satisfies Promise<ContentResponse<typeof message>>;
    });
  },
});
