// Background-only: Orders API v2026-01-01 (current) and v0 (deprecated, fallback only).
import { SpApiError } from './errors';
import type { HttpCall } from './http';
import type { Clock } from './timing';
import type {
  CallOptions,
  GetOrdersV0Response,
  OrderStatus,
  OrderV0,
  OrderV2026,
  RecentOrder,
  SearchOrdersResponse,
} from './types';

export interface SearchOrdersInput extends CallOptions {
  marketplaceIds: readonly string[];
  createdAfter: string;
  createdBefore?: string;
  maxResultsPerPage?: number;
  paginationToken?: string;
  /** e.g. ['FULFILLMENT'], without which an order carries no status. */
  includedData?: readonly string[];
}

export interface GetOrdersV0Input extends CallOptions {
  marketplaceIds: readonly string[];
  createdAfter: string;
  createdBefore?: string;
  maxResultsPerPage?: number;
  nextToken?: string;
}

export interface RecentOrdersInput extends CallOptions {
  marketplaceId: string;
  /** How far back, in days. Default 7. */
  days?: number;
  /** One page of at most this many orders (1–100). Default 50. */
  limit?: number;
}

const V2026_STATUS: Readonly<Record<string, OrderStatus>> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};
const V0_STATUS = new Set<string>(Object.values(V2026_STATUS).concat('InvoiceUnconfirmed'));

export interface OrdersBetweenInput extends CallOptions {
  marketplaceId: string;
  /** Epoch milliseconds; `to` is moved back to two minutes ago, the latest both APIs accept. */
  from: number;
  to: number;
  /** At most this many orders (pages of 100). Default 1000. */
  max?: number;
}

// "at least two minutes before the time of the request" (both Orders models), with a margin for clocks.
const SETTLE_MS = 3 * 60_000;

/**
 * What every order read asks for: the fulfillment (status, promised delivery) and the packages, whose
 * status is the only thing in the Orders data that says an order came back (no field says "refunded").
 */
const ORDER_DATA = ['FULFILLMENT', 'PACKAGES'];
/** A package's detailed statuses that mean it went back to the seller, not to the buyer. */
const BACK_TO_SELLER = new Set(['REJECTED_BY_BUYER', 'RETURNING_TO_SELLER', 'RETURNED_TO_SELLER']);

function returnedToSeller(order: OrderV2026): boolean {
  const packages = order.packages ?? [];
  return packages.length > 0 && packages.every((p) => BACK_TO_SELLER.has(p.packageStatus?.detailedStatus ?? ''));
}

export function fromV2026(order: OrderV2026, fallbackMarketplaceId: string): RecentOrder {
  const quantities = (order.orderItems ?? []).map((i) => i.quantityOrdered).filter((q) => typeof q === 'number');
  const skus = (order.orderItems ?? []).map((i) => i.product?.sellerSku).filter((sku): sku is string => typeof sku === 'string');
  return {
    orderId: order.orderId,
    purchaseDate: order.createdTime,
    status: V2026_STATUS[order.fulfillment?.fulfillmentStatus ?? ''] ?? 'Unknown',
    marketplaceId: order.salesChannel?.marketplaceId ?? fallbackMarketplaceId,
    ...(quantities.length ? { itemCount: quantities.reduce((a, b) => a + b, 0) } : {}),
    ...deliveryDates(order.fulfillment?.deliverByWindow?.earliestDateTime, order.fulfillment?.deliverByWindow?.latestDateTime),
    ...(skus.length ? { skus } : {}),
    ...(returnedToSeller(order) ? { returned: true } : {}),
  };
}

function deliveryDates(earliest: unknown, latest: unknown): Pick<RecentOrder, 'earliestDeliveryDate' | 'latestDeliveryDate'> {
  return {
    ...(typeof earliest === 'string' ? { earliestDeliveryDate: earliest } : {}),
    ...(typeof latest === 'string' ? { latestDeliveryDate: latest } : {}),
  };
}

export function fromV0(order: OrderV0, fallbackMarketplaceId: string): RecentOrder {
  const { NumberOfItemsShipped: shipped, NumberOfItemsUnshipped: unshipped } = order;
  const counted = shipped !== undefined || unshipped !== undefined;
  return {
    orderId: order.AmazonOrderId,
    purchaseDate: order.PurchaseDate,
    status: V0_STATUS.has(order.OrderStatus) ? (order.OrderStatus as OrderStatus) : 'Unknown',
    marketplaceId: order.MarketplaceId ?? fallbackMarketplaceId,
    ...(counted ? { itemCount: (shipped ?? 0) + (unshipped ?? 0) } : {}),
    ...deliveryDates(order.EarliestDeliveryDate, order.LatestDeliveryDate),
  };
}

/**
 * Only "this API is not there" (404: not deployed in this region or endpoint) falls back to v0. A 403 is
 * the seller's missing role, which v0 needs just as much: falling back would hide the real reason behind
 * a second refusal. Throttling, outages and network failures would fail on v0 the same way, and v0 has
 * its own, separate quota that we should not burn for nothing.
 */
export function searchOrdersUnavailable(err: unknown): boolean {
  return err instanceof SpApiError && err.status === 404;
}

export function orderOperations(call: HttpCall, now: Clock) {
  const ops = {
    async searchOrders(input: SearchOrdersInput): Promise<SearchOrdersResponse> {
      const res = await call<SearchOrdersResponse>({
        operation: 'searchOrders',
        method: 'GET',
        path: '/orders/2026-01-01/orders',
        query: {
          createdAfter: input.createdAfter,
          createdBefore: input.createdBefore,
          marketplaceIds: input.marketplaceIds,
          maxResultsPerPage: input.maxResultsPerPage,
          paginationToken: input.paginationToken,
          includedData: input.includedData,
        },
        signal: input.signal,
      });
      return { ...res.body, orders: Array.isArray(res.body.orders) ? res.body.orders : [] };
    },

    /** @deprecated Orders v0 getOrders; Amazon requires migrating to searchOrders by March 2027. */
    async getOrdersV0(input: GetOrdersV0Input): Promise<GetOrdersV0Response> {
      const res = await call<GetOrdersV0Response>({
        operation: 'getOrders',
        method: 'GET',
        path: '/orders/v0/orders',
        query: {
          MarketplaceIds: input.marketplaceIds,
          CreatedAfter: input.createdAfter,
          CreatedBefore: input.createdBefore,
          MaxResultsPerPage: input.maxResultsPerPage,
          NextToken: input.nextToken,
        },
        signal: input.signal,
      });
      return res.body;
    },

    /** One order in the shared vocabulary, with its status and delivery window. */
    async getOrder(orderId: string, fallbackMarketplaceId: string, opts: CallOptions = {}): Promise<RecentOrder> {
      const res = await call<{ order?: OrderV2026 }>({
        operation: 'getOrder',
        method: 'GET',
        path: `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}`,
        query: { includedData: ORDER_DATA },
        signal: opts.signal,
      });
      if (!res.body.order || typeof res.body.order.orderId !== 'string') {
        throw new SpApiError(res.status, 'UnexpectedResponse', 'getOrder answered without an order', 'getOrder', undefined, res.requestId);
      }
      return fromV2026(res.body.order, fallbackMarketplaceId);
    },

    /** Every order created in a date range, with status and delivery window; v0 only where v2026 is not there. */
    async ordersBetween(input: OrdersBetweenInput): Promise<RecentOrder[]> {
      const createdAfter = new Date(input.from).toISOString();
      const createdBefore = new Date(Math.min(input.to, now() - SETTLE_MS)).toISOString();
      const max = input.max ?? 1000;
      const marketplaceIds = [input.marketplaceId];
      const orders: RecentOrder[] = [];
      try {
        let paginationToken: string | undefined;
        do {
          const page = await ops.searchOrders({
            marketplaceIds,
            ...(paginationToken ? { createdAfter, paginationToken } : { createdAfter, createdBefore }),
            maxResultsPerPage: 100,
            includedData: ORDER_DATA,
            signal: input.signal,
          });
          orders.push(...page.orders.map((o) => fromV2026(o, input.marketplaceId)));
          paginationToken = page.pagination?.nextToken;
        } while (paginationToken && orders.length < max);
      } catch (err) {
        if (!searchOrdersUnavailable(err) || orders.length > 0) throw err;
        let nextToken: string | undefined;
        do {
          const page = await ops.getOrdersV0({ marketplaceIds, createdAfter, createdBefore, maxResultsPerPage: 100, nextToken, signal: input.signal });
          orders.push(...(page.payload?.Orders ?? []).map((o) => fromV0(o, input.marketplaceId)));
          nextToken = page.payload?.NextToken;
        } while (nextToken && orders.length < max);
      }
      return orders.slice(0, max);
    },

    /** The newest orders of one marketplace, newest first, in one vocabulary whichever API answered. */
    async recentOrders(input: RecentOrdersInput): Promise<RecentOrder[]> {
      const createdAfter = new Date(now() - (input.days ?? 7) * 86_400_000).toISOString();
      const limit = input.limit ?? 50;
      const marketplaceIds = [input.marketplaceId];
      let orders: RecentOrder[];
      try {
        const page = await ops.searchOrders({
          marketplaceIds,
          createdAfter,
          maxResultsPerPage: limit,
          includedData: ORDER_DATA,
          signal: input.signal,
        });
        orders = page.orders.map((o) => fromV2026(o, input.marketplaceId));
      } catch (err) {
        if (!searchOrdersUnavailable(err)) throw err;
        const page = await ops.getOrdersV0({ marketplaceIds, createdAfter, maxResultsPerPage: limit, signal: input.signal });
        orders = (page.payload?.Orders ?? []).map((o) => fromV0(o, input.marketplaceId));
      }
      const time = (o: RecentOrder) => Date.parse(o.purchaseDate) || 0; // unparseable dates sort last
      return orders.sort((a, b) => time(b) - time(a));
    },
  };
  return ops;
}
