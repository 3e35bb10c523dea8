/**
 * Orders API: v2026-01-01 searchOrders/getOrder (the replacement) and the deprecated v0 getOrders,
 * over the sandbox orders, newest first, with the date rules and pagination the models describe.
 */
import type { OrderStatus, SandboxOrder } from './orders-data';
import { ORDER_STATUSES, marketplaceInfo, orderTotal } from './orders-data';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { csv, invalidInput, notFound } from './spapi-common';

interface OrderQuery {
  dateField: 'created' | 'lastUpdated';
  after: number;
  before: number;
  marketplaceIds: string[];
  statuses: OrderStatus[];
  channels: string[];
  orderIds: string[];
  sellerOrderId?: string;
}

interface PageToken {
  api: 'v0' | '2026';
  offset: number;
  pageSize: number;
  query: OrderQuery;
}

// "at least two minutes before the time of the request" (both models)
const SETTLE_MS = 2 * 60_000;

const FULFILLMENT_STATUS: Record<OrderStatus, string> = {
  Pending: 'PENDING', Unshipped: 'UNSHIPPED', PartiallyShipped: 'PARTIALLY_SHIPPED', Shipped: 'SHIPPED',
  Canceled: 'CANCELLED', Unfulfillable: 'UNFULFILLABLE', InvoiceUnconfirmed: 'SHIPPED', PendingAvailability: 'PENDING_AVAILABILITY',
};
const FULFILLED_BY: Record<string, string> = { MFN: 'MERCHANT', AFN: 'AMAZON' };

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(value: string, api: PageToken['api']): PageToken | undefined {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PageToken;
    return token.api === api && Number.isInteger(token.offset) ? token : undefined;
  } catch {
    return undefined;
  }
}

function parseDate(name: string, value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(ms) ? ms : `${name} must be an ISO 8601 date-time.`;
}

interface DateParams {
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
}

/** The shared date rules of both APIs; names are passed so errors quote the caller's parameter names. */
function dateRange(p: DateParams, names: Required<Record<keyof DateParams, string>>, now: number): Pick<OrderQuery, 'dateField' | 'after' | 'before'> | string {
  const values: Record<string, number | undefined> = {};
  for (const key of Object.keys(names) as (keyof DateParams)[]) {
    const parsed = parseDate(names[key], p[key]);
    if (typeof parsed === 'string') return parsed;
    values[key] = parsed;
  }
  const created = values.createdAfter !== undefined;
  const updated = values.lastUpdatedAfter !== undefined;
  if (created === updated) return `Exactly one of ${names.createdAfter} and ${names.lastUpdatedAfter} must be provided.`;
  if (created && (values.lastUpdatedBefore !== undefined)) return `${names.lastUpdatedBefore} cannot be used with ${names.createdAfter}.`;
  if (updated && (values.createdBefore !== undefined)) return `${names.createdBefore} cannot be used with ${names.lastUpdatedAfter}.`;
  const after = (created ? values.createdAfter : values.lastUpdatedAfter) ?? 0;
  const beforeName = created ? names.createdBefore : names.lastUpdatedBefore;
  const before = (created ? values.createdBefore : values.lastUpdatedBefore) ?? now - SETTLE_MS;
  if (before < after) return `${beforeName} must be equal to or after ${created ? names.createdAfter : names.lastUpdatedAfter}.`;
  if (before > now - SETTLE_MS) return `${beforeName} must be at least two minutes before the time of the request.`;
  return { dateField: created ? 'created' : 'lastUpdated', after, before };
}

function pageSize(value: string | undefined, name: string): number | string {
  if (value === undefined) return 100;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : `${name} must be between 1 and 100.`;
}

function select(orders: Iterable<SandboxOrder>, q: OrderQuery): SandboxOrder[] {
  return [...orders]
    .filter((o) => o.listed)
    .filter((o) => {
      const at = Date.parse(q.dateField === 'created' ? o.purchaseDate : o.lastUpdateDate);
      return at >= q.after && at <= q.before;
    })
    .filter((o) => q.marketplaceIds.length === 0 || q.marketplaceIds.includes(o.marketplaceId))
    .filter((o) => q.statuses.length === 0 || q.statuses.includes(o.status))
    .filter((o) => q.channels.length === 0 || q.channels.includes(o.fulfillmentChannel))
    .filter((o) => q.orderIds.length === 0 || q.orderIds.includes(o.amazonOrderId))
    .filter(() => q.sellerOrderId === undefined)
    .sort((a, b) => Date.parse(b.purchaseDate) - Date.parse(a.purchaseDate));
}

/** PackageStatus.status for a detailed status (the model's two enums, paired by their descriptions). */
const PACKAGE_STATUS: Record<string, string> = {
  DELIVERED: 'DELIVERED', OUT_FOR_DELIVERY: 'IN_TRANSIT', PICKED_UP: 'SHIPPED', REJECTED_BY_BUYER: 'UNDELIVERABLE',
  UNDELIVERABLE: 'UNDELIVERABLE', RETURNING_TO_SELLER: 'UNDELIVERABLE', RETURNED_TO_SELLER: 'UNDELIVERABLE', LOST: 'UNDELIVERABLE',
};

function toV2026(order: SandboxOrder, included: Set<string>): Record<string, unknown> {
  const market = marketplaceInfo(order.marketplaceId);
  const money = (amount: string) => ({ amount, currencyCode: market.currency });
  return {
    orderId: order.amazonOrderId,
    createdTime: order.purchaseDate,
    lastUpdatedTime: order.lastUpdateDate,
    salesChannel: { channelName: 'AMAZON', marketplaceId: order.marketplaceId, marketplaceName: market.name },
    // No PII: sellers rarely have the role for it, and the extension must not depend on it.
    ...(included.has('BUYER') ? { buyer: {} } : {}),
    ...(included.has('RECIPIENT') ? { recipient: { deliveryAddress: { ...order.shipTo } } } : {}),
    ...(included.has('PROCEEDS') ? { proceeds: { grandTotal: money(orderTotal(order)) } } : {}),
    ...(included.has('FULFILLMENT')
      ? {
        fulfillment: {
          fulfillmentStatus: FULFILLMENT_STATUS[order.status],
          fulfilledBy: FULFILLED_BY[order.fulfillmentChannel],
          ...(order.earliestDeliveryDate
            ? { deliverByWindow: { earliestDateTime: order.earliestDeliveryDate, latestDateTime: order.latestDeliveryDate ?? order.earliestDeliveryDate } }
            : {}),
        },
      }
      : {}),
    // One package per shipped merchant-fulfilled order, and only where a test set its status.
    ...(included.has('PACKAGES') && order.packageStatus && order.fulfillmentChannel === 'MFN'
      ? { packages: [{ packageReferenceId: `${order.amazonOrderId}-1`, packageStatus: { status: PACKAGE_STATUS[order.packageStatus] ?? 'SHIPPED', detailedStatus: order.packageStatus } }] }
      : {}),
    orderItems: order.items.map((i) => ({
      orderItemId: i.orderItemId,
      quantityOrdered: i.quantity,
      product: { asin: i.asin, title: i.title, sellerSku: i.sellerSku, price: { unitPrice: money(i.unitPrice) } },
      ...(included.has('FULFILLMENT') ? { fulfillment: { quantityFulfilled: i.quantityShipped, quantityUnfulfilled: i.quantity - i.quantityShipped } } : {}),
    })),
  };
}

function toV0(order: SandboxOrder): Record<string, unknown> {
  const market = marketplaceInfo(order.marketplaceId);
  const shipped = order.items.reduce((n, i) => n + i.quantityShipped, 0);
  const total = order.items.reduce((n, i) => n + i.quantity, 0);
  const pending = order.status === 'Pending';
  const shipDate = new Date(Date.parse(order.purchaseDate) + 2 * 86_400_000).toISOString();
  return {
    AmazonOrderId: order.amazonOrderId,
    PurchaseDate: order.purchaseDate,
    LastUpdateDate: order.lastUpdateDate,
    OrderStatus: order.status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: market.name,
    ShipServiceLevel: 'Std Dom',
    // Amazon leaves totals and address out until a pending order is paid.
    ...(pending ? {} : { OrderTotal: { CurrencyCode: market.currency, Amount: orderTotal(order) } }),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: total - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: order.purchaseDate,
    ...(order.earliestDeliveryDate
      ? { EarliestDeliveryDate: order.earliestDeliveryDate, LatestDeliveryDate: order.latestDeliveryDate ?? order.earliestDeliveryDate }
      : {}),
    LatestShipDate: shipDate,
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    ...(pending ? {} : {
      ShippingAddress: { City: order.shipTo.city, StateOrRegion: order.shipTo.stateOrRegion, PostalCode: order.shipTo.postalCode, CountryCode: order.shipTo.countryCode },
    }),
    BuyerInfo: {},
  };
}

export function searchOrders(call: SpapiCall): SpapiResult {
  const q = (name: string) => call.query[name]?.[0];
  const now = call.ctx.state.clock.now();
  let token: PageToken | undefined;
  const tokenValue = q('paginationToken');
  if (tokenValue !== undefined) {
    token = decodeToken(tokenValue, '2026');
    if (!token) return invalidInput('Invalid paginationToken.');
  }
  const size = pageSize(q('maxResultsPerPage'), 'maxResultsPerPage');
  if (typeof size === 'string') return invalidInput(size);
  let query = token?.query;
  if (!query) {
    const range = dateRange(
      { createdAfter: q('createdAfter'), createdBefore: q('createdBefore'), lastUpdatedAfter: q('lastUpdatedAfter'), lastUpdatedBefore: q('lastUpdatedBefore') },
      { createdAfter: 'createdAfter', createdBefore: 'createdBefore', lastUpdatedAfter: 'lastUpdatedAfter', lastUpdatedBefore: 'lastUpdatedBefore' },
      now,
    );
    if (typeof range === 'string') return invalidInput(range);
    const fulfillment = csv(call.query, 'fulfillmentStatuses');
    const statuses = ORDER_STATUSES.filter((s) => fulfillment.includes(FULFILLMENT_STATUS[s]));
    const fulfilledBy = csv(call.query, 'fulfilledBy');
    const channels = Object.keys(FULFILLED_BY).filter((c) => fulfilledBy.includes(FULFILLED_BY[c] ?? ''));
    if (fulfillment.length > 0 && statuses.length === 0) return { status: 200, body: { orders: [] } };
    if (fulfilledBy.length > 0 && channels.length === 0) return { status: 200, body: { orders: [] } };
    query = { ...range, marketplaceIds: csv(call.query, 'marketplaceIds'), statuses, channels, orderIds: [] };
  }
  const included = new Set(csv(call.query, 'includedData'));
  const all = select(call.ctx.state.orders.values(), query);
  const offset = token?.offset ?? 0;
  const slice = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encodeToken({ api: '2026', offset: offset + size, pageSize: size, query }) : undefined;
  const bound = new Date(query.before).toISOString();
  return {
    status: 200,
    body: {
      orders: slice.map((o) => toV2026(o, included)),
      ...(next ? { pagination: { nextToken: next } } : {}),
      ...(query.dateField === 'created' ? { createdBefore: bound } : { lastUpdatedBefore: bound }),
    },
  };
}

export function getOrder(call: SpapiCall): SpapiResult {
  const order = call.ctx.state.orders.get(call.params.orderId ?? '');
  if (!order || !order.listed) return notFound('Order not found.', `No order has id ${call.params.orderId ?? ''}.`);
  return { status: 200, body: { order: toV2026(order, new Set(csv(call.query, 'includedData'))) } };
}

export function getOrders(call: SpapiCall): SpapiResult {
  const q = (name: string) => call.query[name]?.[0];
  const now = call.ctx.state.clock.now();
  let token: PageToken | undefined;
  const tokenValue = q('NextToken');
  if (tokenValue !== undefined) {
    token = decodeToken(tokenValue, 'v0');
    if (!token) return invalidInput('Invalid NextToken.');
  }
  const size = token?.pageSize ?? pageSize(q('MaxResultsPerPage'), 'MaxResultsPerPage');
  if (typeof size === 'string') return invalidInput(size);
  let query = token?.query;
  if (!query) {
    const range = dateRange(
      { createdAfter: q('CreatedAfter'), createdBefore: q('CreatedBefore'), lastUpdatedAfter: q('LastUpdatedAfter'), lastUpdatedBefore: q('LastUpdatedBefore') },
      { createdAfter: 'CreatedAfter', createdBefore: 'CreatedBefore', lastUpdatedAfter: 'LastUpdatedAfter', lastUpdatedBefore: 'LastUpdatedBefore' },
      now,
    );
    if (typeof range === 'string') return invalidInput(range);
    const statuses = csv(call.query, 'OrderStatuses');
    const badStatus = statuses.find((s) => !ORDER_STATUSES.includes(s as OrderStatus));
    if (badStatus) return invalidInput(`"${badStatus}" is not a valid OrderStatuses value.`);
    const channels = csv(call.query, 'FulfillmentChannels');
    const badChannel = channels.find((c) => c !== 'AFN' && c !== 'MFN');
    if (badChannel) return invalidInput(`"${badChannel}" is not a valid FulfillmentChannels value (AFN or MFN).`);
    query = {
      ...range,
      marketplaceIds: csv(call.query, 'MarketplaceIds'),
      statuses: statuses as OrderStatus[],
      channels,
      orderIds: csv(call.query, 'AmazonOrderIds'),
      sellerOrderId: q('SellerOrderId'),
    };
  }
  const all = select(call.ctx.state.orders.values(), query);
  const offset = token?.offset ?? 0;
  const slice = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encodeToken({ api: 'v0', offset: offset + size, pageSize: size, query }) : undefined;
  const bound = new Date(query.before).toISOString();
  return {
    status: 200,
    body: {
      payload: {
        Orders: slice.map(toV0),
        ...(next ? { NextToken: next } : {}),
        ...(query.dateField === 'created' ? { CreatedBefore: bound } : { LastUpdatedBefore: bound }),
      },
    },
  };
}
