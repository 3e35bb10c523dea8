/**
 * Which Seller Central page a URL is, from the URL alone (pure, no DOM, cheap enough to run on every
 * in-app navigation). Each detector has the URLs it must match written beside it; a test runs every
 * detector against every other detector's URLs, so two kinds of page can never both claim one URL.
 *
 * The page detectors look at the path and query only: the content script runs on Seller Central hosts
 * alone (manifest `matches`), and `isSellerCentral` is the host check for everyone else.
 */
import { isSellerCentralHost } from '../marketplaces';

export type UrlLike = string | URL;

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

function parse(url: UrlLike): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isOrderId(value: string): boolean {
  return ORDER_ID.test(value);
}

export const orderDetailUrls: readonly string[] = [
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916',
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916/',
  'https://sellercentral.amazon.de/orders-v3/order/305-7226541-3301942?ref=ag_orddet_cont_myo',
  'https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942/refund#items',
  'https://sellercentral.amazon.com.tr/orders-v3/order/407-5512398-6620347/edit-shipment?x=1',
  'https://sellercentral.amazon.co.jp/gp/orders-v2/details?orderID=250-1234567-7654321',
  'https://sellercentral.amazon.co.uk/gp/orders-v2/details/?ie=UTF8&orderID=202-1111111-2222222',
];

/** The 3-7-7 order id in an order detail URL, or undefined. */
export function orderIdFromUrl(url: UrlLike): string | undefined {
  const u = parse(url);
  if (!u) return undefined;
  const path = u.pathname.split('/').filter((s) => s !== '');
  if (path[0] === 'orders-v3' && path[1] === 'order' && path[2] !== undefined && isOrderId(path[2])) return path[2];
  if (path.length === 3 && path[0] === 'gp' && path[1] === 'orders-v2' && path[2] === 'details') {
    const id = u.searchParams.get('orderID') ?? u.searchParams.get('orderId');
    return id !== null && isOrderId(id) ? id : undefined;
  }
  return undefined;
}

export function isOrderDetailPage(url: UrlLike): boolean {
  return orderIdFromUrl(url) !== undefined;
}

export const orderListUrls: readonly string[] = [
  'https://sellercentral.amazon.com/orders-v3',
  'https://sellercentral.amazon.com/orders-v3/',
  'https://sellercentral.amazon.de/orders-v3?page=2&sort=order_date_desc',
  'https://sellercentral.amazon.com/orders-v3/mfn/unshipped',
  'https://sellercentral.amazon.co.uk/orders-v3/mfn/unshipped/?date-range=last-7',
  'https://sellercentral-europe.amazon.com/orders-v3/fba/all',
];

// The list and its tabs: /orders-v3, /orders-v3/mfn/<tab>, /orders-v3/fba/<tab>.
const LIST_PATH = /^\/orders-v3(?:\/(?:mfn|fba)(?:\/[a-z-]+)?)?\/?$/;

export function isOrderListPage(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && LIST_PATH.test(u.pathname);
}

/** Seller Central pages that are neither kind; no page detector may match them. */
export const otherSellerCentralUrls: readonly string[] = [
  'https://sellercentral.amazon.com/home',
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896',
  'https://sellercentral.amazon.com/orders-v3/order/',
  'https://sellercentral.amazon.com/orders-v3/search?q=902-3159896-1390916',
  'https://sellercentral.amazon.com/orders-v3x/order/902-3159896-1390916',
  'https://sellercentral.amazon.com/gp/orders-v2/details?orderID=not-an-order',
  'https://sellercentral.amazon.com/messaging/inbox?orderId=902-3159896-1390916',
  'https://sellercentral.amazon.com/inventory?orders-v3/order/902-3159896-1390916',
];

export const sellerCentralUrls: readonly string[] = [
  'https://sellercentral.amazon.com/home',
  'https://sellercentral-europe.amazon.com/orders-v3',
  'https://SellerCentral.Amazon.co.jp/orders-v3/order/250-1234567-7654321',
  'https://sellercentral.amazon.com.tr/',
];

export const notSellerCentralUrls: readonly string[] = [
  'https://www.amazon.com/orders-v3/order/902-3159896-1390916',
  'http://sellercentral.amazon.com/orders-v3',
  'https://sellercentral.amazon.com.evil.example/orders-v3',
  'https://evil.example/?next=https://sellercentral.amazon.com/',
  'https://sellingpartnerapi-eu.amazon.com/messaging/v1/orders/902-3159896-1390916',
  'not a url',
];

export function isSellerCentral(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === 'https:' && isSellerCentralHost(u.hostname);
}
