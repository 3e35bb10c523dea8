import { describe, expect, it } from 'vitest';
import {
  isOrderDetailPage,
  isNewSellerCentral,
  isOrderListPage,
  isOrderTaskPage,
  isSellerCentral,
  orderTaskUrls,
  pageKind,
  notSellerCentralUrls,
  orderDetailUrls,
  orderIdFromUrl,
  orderListUrls,
  otherSellerCentralUrls,
  sellerCentralUrls,
} from '../../../lib/seller-central/pages';

/** Each page-kind detector with the URLs written beside it. */
const detectors = {
  isOrderDetailPage: { detect: isOrderDetailPage, urls: orderDetailUrls },
  isOrderTaskPage: { detect: isOrderTaskPage, urls: orderTaskUrls },
  isOrderListPage: { detect: isOrderListPage, urls: orderListUrls },
};

describe('page detectors', () => {
  for (const [name, { detect, urls }] of Object.entries(detectors)) {
    it(`${name} matches every URL written beside it`, () => {
      expect(urls.length).toBeGreaterThan(2);
      for (const url of urls) expect(detect(url), url).toBe(true);
    });

    for (const [otherName, other] of Object.entries(detectors)) {
      if (otherName === name) continue;
      it(`${name} matches none of ${otherName}'s URLs`, () => {
        for (const url of other.urls) expect(detect(url), url).toBe(false);
      });
    }

    it(`${name} matches none of the other Seller Central pages`, () => {
      for (const url of otherSellerCentralUrls) expect(detect(url), url).toBe(false);
    });
  }

  it('the example lists are disjoint', () => {
    const all = [...orderDetailUrls, ...orderTaskUrls, ...orderListUrls, ...otherSellerCentralUrls];
    expect(new Set(all).size).toBe(all.length);
  });

  it('accepts URL objects and never throws on junk', () => {
    expect(isOrderDetailPage(new URL('https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916'))).toBe(true);
    for (const junk of ['', 'not a url', '/orders-v3/order/902-3159896-1390916', 'javascript:alert(1)']) {
      expect(isOrderDetailPage(junk)).toBe(false);
      expect(isOrderListPage(junk)).toBe(false);
      expect(isOrderTaskPage(junk)).toBe(false);
      expect(pageKind(junk)).toBe('other');
    }
  });

  it('pageKind names each example list', () => {
    for (const url of orderDetailUrls) expect(pageKind(url), url).toBe('order');
    for (const url of orderTaskUrls) expect(pageKind(url), url).toBe('order-task');
    for (const url of orderListUrls) expect(pageKind(url), url).toBe('order-list');
    for (const url of otherSellerCentralUrls) expect(pageKind(url), url).toBe('other');
  });

  it('tells the new Seller Central from the classic one', () => {
    expect(isNewSellerCentral('https://sellercentral.amazon.com/amazonsell/orders/902-3159896-1390916')).toBe(true);
    expect(isNewSellerCentral('https://sellercentral.amazon.com/amazonsell')).toBe(true);
    expect(isNewSellerCentral('https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916')).toBe(false);
    expect(isNewSellerCentral('https://sellercentral.amazon.com/orders-v3?x=/amazonsell/')).toBe(false);
  });
});

describe('orderIdFromUrl', () => {
  it.each([
    ['https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916', '902-3159896-1390916'],
    ['https://sellercentral.amazon.de/orders-v3/order/305-7226541-3301942?ref=ag_orddet_cont_myo', '305-7226541-3301942'],
    ['https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942/refund#items', '305-7226541-3301942'],
    ['https://sellercentral.amazon.co.jp/gp/orders-v2/details?orderID=250-1234567-7654321', '250-1234567-7654321'],
    ['https://sellercentral.amazon.com/gp/orders-v2/refund?orderID=902-3159896-1390916', '902-3159896-1390916'],
    ['https://sellercentral.amazon.com/amazonsell/orders/902-3159896-1390916', '902-3159896-1390916'],
    ['https://sellercentral.amazon.com/amazonsell/order-details?orderId=902-3159896-1390916', '902-3159896-1390916'],
    ['https://sellercentral.amazon.com/amazonsell/orders/mfn', undefined],
    ['https://sellercentral.amazon.com/amazonsell/order-details?orderId=SO-1001', undefined],
    ['https://sellercentral.amazon.com/orders-v3/order/902-3159896-13909160', undefined],
    ['https://sellercentral.amazon.com/orders-v3/order/902-3159896-139091', undefined],
    ['https://sellercentral.amazon.com/orders-v3/order/S02-3159896-1390916', undefined],
    ['https://sellercentral.amazon.com/orders-v3?orderId=902-3159896-1390916', undefined],
  ])('%s → %s', (url, id) => {
    expect(orderIdFromUrl(url)).toBe(id);
  });

  it('reads a 3-7-7 id from every detail and task example, and none from the lists', () => {
    for (const url of [...orderDetailUrls, ...orderTaskUrls]) expect(orderIdFromUrl(url), url).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    for (const url of orderListUrls) expect(orderIdFromUrl(url), url).toBeUndefined();
  });
});

describe('isSellerCentral', () => {
  it('matches Seller Central hosts over HTTPS, in any letter case', () => {
    for (const url of sellerCentralUrls) expect(isSellerCentral(url), url).toBe(true);
  });

  it('rejects look-alikes, other Amazon hosts, plain HTTP and junk', () => {
    for (const url of notSellerCentralUrls) expect(isSellerCentral(url), url).toBe(false);
  });
});
