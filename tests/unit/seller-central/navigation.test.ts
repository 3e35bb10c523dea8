/**
 * The fixtures behave like Seller Central's single-page app: following an order link changes the URL
 * with pushState and swaps the content, without a reload. Here the fixture's own inline script runs
 * against linkedom with a minimal history/location, and the detectors and finders are asserted after
 * each navigation, the way the content script will see the page.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { isOrderDetailPage, isOrderListPage, orderIdFromUrl } from '../../../lib/seller-central/pages';
import { findAnchor, findOrderIdOnPage } from '../../../lib/seller-central/selectors';
import { asDocument, fixtureDom, type FixtureName } from './fixtures';

function boot(name: FixtureName, startUrl: string) {
  const { document, window } = fixtureDom(name);
  const location = new URL(startUrl);
  let reloads = 0;
  const history = {
    pushState(_state: unknown, _title: string, url: string) {
      const next = new URL(url, location.href);
      location.href = next.href;
    },
  };
  const script = [...document.querySelectorAll('script')].find((s) => !s.getAttribute('type'));
  if (!script) throw new Error(`${name} has no inline script`);
  runInNewContext(script.textContent ?? '', {
    document,
    window: { addEventListener: window.addEventListener.bind(window) },
    history,
    location,
    Element: window.Element,
    setTimeout,
  });
  const click = (href: string) => {
    const link = document.querySelector(`a[data-spa][href="${href}"]`);
    if (!link) throw new Error(`no link to ${href}`);
    const event = new window.Event('click', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'button', { value: 0 });
    link.dispatchEvent(event);
    if (!event.defaultPrevented) reloads++; // a real browser would have loaded a new page
  };
  return { document, location, click, reloads: () => reloads };
}

describe('in-app navigation in the fixtures', () => {
  it('order list → order detail: the URL changes, no reload, and the button anchor and order id appear', async () => {
    vi.useFakeTimers();
    try {
      const page = boot('order-list.html', 'https://sellercentral.amazon.com/orders-v3');
      expect(isOrderListPage(page.location)).toBe(true);
      expect(findAnchor(asDocument(page.document)).found?.placement).toBe('prepend');

      for (const id of ['902-3159896-1390916', '305-7226541-3301942', '407-5512398-6620347']) {
        page.click(`/orders-v3/order/${id}`);
        expect(page.location.pathname).toBe(`/orders-v3/order/${id}`);
        expect(isOrderDetailPage(page.location)).toBe(true);
        expect(orderIdFromUrl(page.location)).toBe(id);
        // Like the real app, the view arrives a moment after the URL changes.
        expect(findAnchor(asDocument(page.document)).found?.placement).toBe('prepend');
        await vi.advanceTimersByTimeAsync(100);
        expect(findAnchor(asDocument(page.document)).found?.placement).toBe('append');
        expect(findOrderIdOnPage(asDocument(page.document)).found).toBe(id);
        page.click('/orders-v3');
        await vi.advanceTimersByTimeAsync(100);
        expect(isOrderListPage(page.location)).toBe(true);
      }
      expect(page.reloads()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('order detail → another order: the new order id replaces the old one', async () => {
    vi.useFakeTimers();
    try {
      const page = boot('order-detail-europe.html', 'https://sellercentral-europe.amazon.com/orders-v3/order/902-3159896-1390916');
      expect(findOrderIdOnPage(asDocument(page.document)).found).toBe('902-3159896-1390916');
      page.click('/orders-v3/order/407-5512398-6620347');
      await vi.advanceTimersByTimeAsync(100);
      expect(orderIdFromUrl(page.location)).toBe('407-5512398-6620347');
      expect(findOrderIdOnPage(asDocument(page.document)).found).toBe('407-5512398-6620347');
      expect(page.reloads()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
