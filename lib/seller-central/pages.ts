/**
 * Which Seller Central page a URL is, from the URL alone (pure, no DOM, cheap enough to run on every
 * in-app navigation). Each detector has the URLs it must match written beside it; a test runs every
 * detector against every other detector's URLs, so two kinds of page can never both claim one URL.
 *
 * The page detectors look at the path and query only: the content script runs on Seller Central hosts
 * alone (manifest `matches`), and `isSellerCentral` is the host check for everyone else.
 *
 * Two apps live side by side (reference/seller-central-dom.md): the classic one under /orders-v3 and
 * /gp/orders-v2, and the new selling experience under /amazonsell (rolling out in 2026).
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

function segments(u: URL): string[] {
  return u.pathname.split('/').filter((s) => s !== '');
}

function idParam(u: URL): string | undefined {
  const id = u.searchParams.get('orderID') ?? u.searchParams.get('orderId');
  return id !== null && isOrderId(id) ? id : undefined;
}

export function isOrderId(value: string): boolean {
  return ORDER_ID.test(value);
}

/** The order's own detail view: the Message buyer button belongs here. */
export const orderDetailUrls: readonly string[] = [
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916',
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916/',
  'https://sellercentral.amazon.de/orders-v3/order/305-7226541-3301942?ref=ag_orddet_cont_myo',
  'https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942?mons_sel_mkid=amzn1.mp.o.A1PA6795UKMFR9',
  'https://sellercentral.amazon.co.jp/gp/orders-v2/details?orderID=250-1234567-7654321',
  'https://sellercentral.amazon.co.uk/gp/orders-v2/details/?ie=UTF8&orderID=202-1111111-2222222',
  'https://sellercentral.amazon.com/amazonsell/orders/902-3159896-1390916',
  'https://sellercentral.amazon.fr/amazonsell/orders/403-1234567-7654321/?ref=xx',
  'https://sellercentral.amazon.com/amazonsell/order-details?orderId=902-3159896-1390916',
  'https://sellercentral-europe.amazon.com/amazonsell/order-details?orderId=305-7226541-3301942&mons_sel_mkid=A1PA6795UKMFR9',
];

/**
 * A task on one order that is not its detail view (confirm shipment, buy shipping, refund, packing slip).
 * The order is known (the popup offers it) but the page shows no button: the seller is filling in one of
 * Amazon's forms there, with its own submit controls, and the detail view is one click away.
 */
export const orderTaskUrls: readonly string[] = [
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916/confirm-shipment',
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916/buy-shipping?ref=x',
  'https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942/refund#items',
  'https://sellercentral.amazon.com.tr/orders-v3/order/407-5512398-6620347/edit-shipment?x=1',
  'https://sellercentral.amazon.com/gp/orders-v2/refund?orderID=902-3159896-1390916',
  'https://sellercentral.amazon.de/gp/orders-v2/refund/?orderID=305-7226541-3301942&ref=abc',
  'https://sellercentral.amazon.com/orders/packing-slip?orderId=902-3159896-1390916',
];

type OrderRoute = { orderId: string; kind: 'detail' | 'task' };

function orderRoute(u: URL): OrderRoute | undefined {
  const p = segments(u);
  // /orders-v3/order/<id> and its sub-routes /orders-v3/order/<id>/<task>
  if (p[0] === 'orders-v3' && p[1] === 'order' && p[2] !== undefined && isOrderId(p[2])) {
    return { orderId: p[2], kind: p.length === 3 ? 'detail' : 'task' };
  }
  // /gp/orders-v2/details?orderID=<id>, /gp/orders-v2/refund?orderID=<id>
  if (p.length === 3 && p[0] === 'gp' && p[1] === 'orders-v2' && (p[2] === 'details' || p[2] === 'refund')) {
    const id = idParam(u);
    return id ? { orderId: id, kind: p[2] === 'details' ? 'detail' : 'task' } : undefined;
  }
  // /orders/packing-slip?orderId=<id>
  if (p.length === 2 && p[0] === 'orders' && p[1] === 'packing-slip') {
    const id = idParam(u);
    return id ? { orderId: id, kind: 'task' } : undefined;
  }
  // /amazonsell/orders/<id>, /amazonsell/order-details?orderId=<id>
  if (p[0] === 'amazonsell') {
    if (p.length === 3 && p[1] === 'orders' && isOrderId(p[2]!)) return { orderId: p[2]!, kind: 'detail' };
    if (p.length === 2 && p[1] === 'order-details') {
      const id = idParam(u);
      return id ? { orderId: id, kind: 'detail' } : undefined;
    }
  }
  return undefined;
}

/** The 3-7-7 order id a detail or task page is about, or undefined. */
export function orderIdFromUrl(url: UrlLike): string | undefined {
  const u = parse(url);
  return u ? orderRoute(u)?.orderId : undefined;
}

export function isOrderDetailPage(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && orderRoute(u)?.kind === 'detail';
}

export function isOrderTaskPage(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && orderRoute(u)?.kind === 'task';
}

export const orderListUrls: readonly string[] = [
  'https://sellercentral.amazon.com/orders-v3',
  'https://sellercentral.amazon.com/orders-v3/',
  'https://sellercentral.amazon.de/orders-v3?page=2&sort=order_date_desc',
  'https://sellercentral.amazon.com/orders-v3/mfn/unshipped',
  'https://sellercentral.amazon.co.uk/orders-v3/mfn/unshipped/?date-range=last-7',
  'https://sellercentral-europe.amazon.com/orders-v3/fba/all',
  'https://sellercentral.amazon.com/amazonsell/orders',
  'https://sellercentral.amazon.com/amazonsell/orders/mfn',
  'https://sellercentral.amazon.fr/amazonsell/orders/mfn/unshipped?page=3',
  'https://sellercentral.amazon.com/amazonsell/orders/fba/',
];

// The list and its tabs: /orders-v3, /orders-v3/mfn/<tab>, /orders-v3/fba/<tab>, and the same under
// /amazonsell/orders (whose second segment is never a 3-7-7 id: that is an order's page).
const LIST_PATH = /^\/(?:orders-v3|amazonsell\/orders)(?:\/(?:mfn|fba)(?:\/[a-z-]+)?)?\/?$/;

export function isOrderListPage(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && LIST_PATH.test(u.pathname);
}

/** Seller Central pages that are none of the kinds above; no page detector may match them. */
export const otherSellerCentralUrls: readonly string[] = [
  'https://sellercentral.amazon.com/home',
  'https://sellercentral.amazon.com/orders-v3/order/902-3159896',
  'https://sellercentral.amazon.com/orders-v3/order/',
  'https://sellercentral.amazon.com/orders-v3/search?q=902-3159896-1390916',
  'https://sellercentral.amazon.com/orders-v3x/order/902-3159896-1390916',
  'https://sellercentral.amazon.com/gp/orders-v2/details?orderID=not-an-order',
  'https://sellercentral.amazon.com/gp/orders-v2/refund',
  'https://sellercentral.amazon.com/messaging/inbox?orderId=902-3159896-1390916',
  'https://sellercentral.amazon.com/messaging/contact?orderID=902-3159896-1390916&marketplaceID=ATVPDKIKX0DER',
  'https://sellercentral.amazon.com/inventory?orders-v3/order/902-3159896-1390916',
  'https://sellercentral.amazon.com/amazonsell/business',
  'https://sellercentral.amazon.com/amazonsell/manage-products',
  'https://sellercentral.amazon.com/amazonsell/orders/902-3159896',
  'https://sellercentral.amazon.com/amazonsell/orders/902-3159896-1390916/extra',
  'https://sellercentral.amazon.com/amazonsell/order-details',
  'https://sellercentral.amazon.com/amazonsell/shipments',
];

/** The new selling experience (pages under /amazonsell), as opposed to the classic app. */
export function isNewSellerCentral(url: UrlLike): boolean {
  const u = parse(url);
  return u !== undefined && segments(u)[0] === 'amazonsell';
}

export type PageKind = 'order' | 'order-task' | 'order-list' | 'other';

export function pageKind(url: UrlLike): PageKind {
  if (isOrderDetailPage(url)) return 'order';
  if (isOrderTaskPage(url)) return 'order-task';
  if (isOrderListPage(url)) return 'order-list';
  return 'other';
}

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
