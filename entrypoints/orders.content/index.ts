import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { FINDERS, type FinderName } from '../../lib/seller-central/check';
import { SELLER_CENTRAL_HOSTS } from '../../lib/marketplaces';
import { ask } from '../../lib/ask';
import { isContentRequest, type ContentResponse, type PageOrderAnswer } from '../../lib/protocol';
import { createOrderPanel } from './panel';
import { currentOrder, foundFinders, pageMerchant, pageOrder, recordPageCheck } from './page';

/** How long the page must stay still before the finders are run for the page check. */
const CHECK_SETTLE_MS = 400;

/**
 * Seller Central is a single-page app and Chrome injects content scripts only on full page loads, so the
 * script runs on the whole app and shows the panel whenever the URL is an order page. On any other page its
 * work per DOM change is one string comparison.
 */
export default defineContentScript({
  matches: SELLER_CENTRAL_HOSTS.map((host) => `https://${host}/*`),
  runAt: 'document_end',
  main(ctx) {
    const panel = createOrderPanel(ctx);

    // The page check: which finders found something at any time during one order view; at its end the
    // ones that never did are recorded. The finders run only once the page is still, and stop when all found.
    let view: { url: string; found: Set<FinderName> } | undefined;
    let settle: number | undefined;
    const checkSoon = () => {
      if (!view || view.found.size === FINDERS.length) return;
      clearTimeout(settle);
      settle = ctx.setTimeout(() => {
        if (view) for (const f of foundFinders(view.found)) view.found.add(f);
      }, CHECK_SETTLE_MS);
    };
    const endView = () => {
      clearTimeout(settle);
      if (view) recordPageCheck(view.url, FINDERS.filter((f) => !view!.found.has(f)));
      view = undefined;
    };

    let shownFor = location.href;
    const show = () => {
      endView();
      const order = currentOrder(shownFor);
      panel.showFor(order);
      if (order) {
        view = { url: shownFor, found: new Set() };
        checkSoon();
      }
    };
    show();
    const sync = () => {
      if (location.href !== shownFor) {
        shownFor = location.href;
        return show();
      }
      if (!view) return;
      // The app renders the order view after the URL changed, and may replace the action bar later: the
      // control follows with each change.
      panel.keepMounted();
      checkSoon();
    };
    ctx.addEventListener(window, 'wxt:locationchange', sync);
    ctx.addEventListener(window, 'popstate', sync);
    ctx.addEventListener(window, 'pagehide', endView);
    // The app's history.pushState runs in the page's world, where this isolated script cannot hook it,
    // and the Navigation API's events did not reach this world in Chromium 156. Every in-app navigation
    // re-renders the page, though, so a changed URL is noticed with the first DOM change after it.
    const observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      clearTimeout(settle);
    });

    /**
     * The page's order for the popup, with the connection this page uses (the panel's rule and the seller's
     * remembered choice, asked of the background), so the popup acts for the same one.
     */
    const orderAnswer = async (): Promise<PageOrderAnswer | null> => {
      const order = pageOrder(location.href);
      if (!order) return null;
      const merchant = pageMerchant(location.href);
      const pick = await ask('page.connection', merchant ? { merchant } : {}).catch(() => undefined);
      return pick?.kind === 'chosen' ? { ...order, connectionId: pick.connection.id } : order;
    };

    // Only the extension itself can reach this listener (runtime messages never come from the page);
    // its messages are still checked like every other message between the extension's parts.
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id || !isContentRequest(message)) return undefined;
      if (message.type === 'page.order') return orderAnswer() satisfies Promise<ContentResponse<typeof message>>;
      return panel.open(message.segment) satisfies Promise<ContentResponse<typeof message>>;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // Cut off from the extension already: the listener can no longer be called either.
      }
    });
  },
});
