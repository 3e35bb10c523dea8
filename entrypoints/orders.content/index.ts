import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTRAL_HOSTS } from '../../lib/marketplaces';
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
    panel.showFor(currentOrder(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', (event) => panel.showFor(currentOrder(event.newUrl.href)));

    // Only the extension itself can reach this listener (runtime messages never come from the page).
    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as { type?: string; segment?: unknown } | null;
      if (m?.type === 'page.order') return Promise.resolve(currentOrder(location.href) ?? null);
      if (m?.type === 'panel.open') {
        const opened = panel.open(typeof m.segment === 'string' ? m.segment : undefined);
        return Promise.resolve(opened);
      }
      return undefined;
    });
  },
});
