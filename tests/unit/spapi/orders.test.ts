import { describe, expect, it } from 'vitest';
import { amazonError, json, setup, type Seen } from './helpers';

const DE = 'A1PA6795UKMFR9';

const v2026Page = {
  orders: [
    {
      orderId: '028-1111111-1111111',
      createdTime: '2026-08-30T10:00:00Z',
      lastUpdatedTime: '2026-08-30T11:00:00Z',
      salesChannel: { channelName: 'AMAZON', marketplaceId: DE },
      fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
      orderItems: [
        { orderItemId: '1', quantityOrdered: 2, product: {} },
        { orderItemId: '2', quantityOrdered: 1, product: {} },
      ],
      somethingNew: true,
    },
    {
      orderId: '028-2222222-2222222',
      createdTime: '2026-08-31T09:00:00Z',
      lastUpdatedTime: '2026-08-31T09:00:00Z',
      salesChannel: { channelName: 'AMAZON', marketplaceId: DE },
      fulfillment: { fulfillmentStatus: 'CANCELLED' },
      orderItems: [],
    },
  ],
  pagination: { nextToken: 'next' },
};

const v0Page = {
  payload: {
    Orders: [
      { AmazonOrderId: '028-3333333-3333333', PurchaseDate: '2026-08-29T08:00:00Z', LastUpdateDate: '2026-08-29T08:00:00Z', OrderStatus: 'Shipped', MarketplaceId: DE, NumberOfItemsShipped: 3, NumberOfItemsUnshipped: 0 },
      { AmazonOrderId: '028-4444444-4444444', PurchaseDate: '2026-08-31T08:00:00Z', LastUpdateDate: '2026-08-31T08:00:00Z', OrderStatus: 'Pending' },
    ],
  },
};

describe('searchOrders / getOrdersV0', () => {
  it('searchOrders sends v2026 query names, csv arrays', async () => {
    const seen: Seen[] = [];
    const { api } = setup((req) => (seen.push(req), json(200, v2026Page)));
    const page = await api.searchOrders({ marketplaceIds: [DE, 'A13V1IB3VIYZZH'], createdAfter: '2026-08-01T00:00:00Z', maxResultsPerPage: 10, paginationToken: 'tok' });
    expect(page.orders).toHaveLength(2);
    expect(seen[0]?.url.pathname).toBe('/orders/2026-01-01/orders');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      createdAfter: '2026-08-01T00:00:00Z',
      marketplaceIds: `${DE},A13V1IB3VIYZZH`,
      maxResultsPerPage: '10',
      paginationToken: 'tok',
    });
  });

  it('getOrdersV0 sends v0 query names', async () => {
    const seen: Seen[] = [];
    const { api } = setup((req) => (seen.push(req), json(200, v0Page)));
    await api.getOrdersV0({ marketplaceIds: [DE], createdAfter: '2026-08-01T00:00:00Z', nextToken: 'n' });
    expect(seen[0]?.url.pathname).toBe('/orders/v0/orders');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ MarketplaceIds: DE, CreatedAfter: '2026-08-01T00:00:00Z', NextToken: 'n' });
  });
});

describe('recentOrders', () => {
  it('uses searchOrders with FULFILLMENT and PACKAGES data and normalises, newest first', async () => {
    const seen: Seen[] = [];
    const { api, clock } = setup((req) => (seen.push(req), json(200, v2026Page)));
    const orders = await api.recentOrders({ marketplaceId: DE, days: 3 });
    expect(orders).toEqual([
      { orderId: '028-2222222-2222222', purchaseDate: '2026-08-31T09:00:00Z', status: 'Canceled', marketplaceId: DE },
      { orderId: '028-1111111-1111111', purchaseDate: '2026-08-30T10:00:00Z', status: 'Unshipped', marketplaceId: DE, itemCount: 3 },
    ]);
    const q = seen[0]!.url.searchParams;
    expect(q.get('includedData')).toBe('FULFILLMENT,PACKAGES');
    expect(q.get('createdAfter')).toBe(new Date(clock.now() - 3 * 86_400_000).toISOString());
  });

  it('falls back to v0 getOrders when searchOrders is not deployed (404)', async () => {
    const { api, spapiCalls } = setup((req) =>
      req.url.pathname.startsWith('/orders/2026-01-01') ? amazonError(404, 'NotFound', 'Resource not found') : json(200, v0Page),
    );
    const orders = await api.recentOrders({ marketplaceId: DE });
    expect(spapiCalls().map((c) => c.url.pathname)).toEqual(['/orders/2026-01-01/orders', '/orders/v0/orders']);
    expect(orders).toEqual([
      { orderId: '028-4444444-4444444', purchaseDate: '2026-08-31T08:00:00Z', status: 'Pending', marketplaceId: DE },
      { orderId: '028-3333333-3333333', purchaseDate: '2026-08-29T08:00:00Z', status: 'Shipped', marketplaceId: DE, itemCount: 3 },
    ]);
  });

  it('does NOT fall back when the seller lacks the role (403): v0 needs the same role and would hide the real reason', async () => {
    const { api, spapiCalls } = setup(() => amazonError(403, 'Unauthorized', 'Access to requested resource is denied.'));
    await expect(api.recentOrders({ marketplaceId: DE })).rejects.toMatchObject({ status: 403 });
    expect(spapiCalls().map((c) => c.url.pathname)).toEqual(['/orders/2026-01-01/orders']);
  });

  it('does NOT fall back on 429 (after its retries), 400 or a network failure', async () => {
    for (const reply of [
      () => amazonError(429, 'QuotaExceeded', 'quota'),
      () => amazonError(400, 'InvalidInput', 'bad date'),
      () => ({ fail: new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }) }),
    ]) {
      const { api, spapiCalls } = setup(reply);
      await expect(api.recentOrders({ marketplaceId: DE })).rejects.toBeDefined();
      expect(spapiCalls().every((c) => c.url.pathname.startsWith('/orders/2026-01-01'))).toBe(true);
    }
  });
});
