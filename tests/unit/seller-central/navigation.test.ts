/**
 * The classic fixture behaves like Seller Central's single-page app: following an order link changes the
 * URL with pushState and swaps the content, without a reload. Its own inline script runs against linkedom,
 * and the detectors and finders are asserted after each navigation, the way the content script sees the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOrderDetailPage, isOrderListPage, isOrderTaskPage, orderIdFromUrl } from '../../../lib/seller-central/pages';
import { findActionBar, findOrderIdOnPage } from '../../../lib/seller-central/selectors';
import { bootFixture } from './fixtures';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const BAR = 'div[data-test-id="order-details-header-action-buttons"]';

describe('in-app navigation in the classic fixture', () => {
  it('order list → order detail: the URL changes, no reload, and the action bar and order id appear after it', async () => {
    const page = bootFixture('classic.html', 'https://sellercentral.amazon.com/orders-v3');
    await vi.advanceTimersByTimeAsync(100);
    expect(isOrderListPage(page.location)).toBe(true);
    expect(findActionBar(page.document).found).toBeUndefined();
    expect(page.document.querySelectorAll('#orders-table tbody tr td[data-test-id="oth-order-details"] .cell-body-title a')).toHaveLength(4);

    for (const id of ['902-3159896-1390916', '305-7226541-3301942', '407-5512398-6620347']) {
      page.click(`/orders-v3/order/${id}`);
      expect(orderIdFromUrl(page.location)).toBe(id);
      expect(isOrderDetailPage(page.location)).toBe(true);
      // Like the real app, the view arrives a moment after the URL changes.
      expect(findActionBar(page.document).found).toBeUndefined();
      await vi.advanceTimersByTimeAsync(100);
      expect(findActionBar(page.document).found).toBeDefined();
      expect(findOrderIdOnPage(page.document).found).toBe(id);
      page.click('/orders-v3');
      await vi.advanceTimersByTimeAsync(100);
      expect(isOrderListPage(page.location)).toBe(true);
    }
    expect(page.reloads()).toBe(0);
  });

  it('order detail → confirm shipment: a task page, with no action bar', async () => {
    const page = bootFixture('classic.html', 'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916');
    await vi.advanceTimersByTimeAsync(100);
    page.click('/orders-v3/order/902-3159896-1390916/confirm-shipment');
    await vi.advanceTimersByTimeAsync(100);
    expect(isOrderTaskPage(page.location)).toBe(true);
    expect(findActionBar(page.document).found).toBeUndefined();
  });

  it('the slow scenario renders the order after seconds, not at load', async () => {
    const page = bootFixture('classic.html', 'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916?scenario=slow');
    await vi.advanceTimersByTimeAsync(3000);
    expect(findActionBar(page.document).found).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1500);
    expect(findActionBar(page.document).found).toBeDefined();
  });

  it('the replaced-bar scenario swaps the action bar for a new element twice', async () => {
    const page = bootFixture('classic.html', 'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916?scenario=replaced-bar');
    await vi.advanceTimersByTimeAsync(100);
    const first = page.document.querySelector(BAR);
    expect(first?.getAttribute('data-generation')).toBe('1');
    await vi.advanceTimersByTimeAsync(1000);
    const second = page.document.querySelector(BAR);
    expect(second).not.toBe(first);
    expect(second?.getAttribute('data-generation')).toBe('2');
    await vi.advanceTimersByTimeAsync(1000);
    expect(page.document.querySelector(BAR)?.getAttribute('data-generation')).toBe('3');
  });
});
