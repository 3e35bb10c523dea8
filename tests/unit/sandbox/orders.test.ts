import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ORDERS } from '../../sandbox/server';
import { call, control, sellerToken, withSandbox } from './helpers';

let base: string;
let token: string;

withSandbox((s) => {
  base = s.url;
});
beforeEach(async () => {
  token = await sellerToken(base);
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const search = (params: Record<string, string>) => call(base, `/orders/2026-01-01/orders?${new URLSearchParams(params)}`, { token });
const getOrders = (params: Record<string, string>) => call(base, `/orders/v0/orders?${new URLSearchParams(params)}`, { token });

describe('Orders v2026-01-01', () => {
  it('searchOrders lists the sandbox orders newest first', async () => {
    const res = await search({ createdAfter: daysAgo(10) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
    const ids = res.body.orders.map((o: { orderId: string }) => o.orderId);
    expect(ids).toEqual(expect.arrayContaining([SANDBOX_ORDERS.us, SANDBOX_ORDERS.de, SANDBOX_ORDERS.tr]));
    expect(ids).not.toContain(SANDBOX_ORDERS.staticSandbox);
    const times = res.body.orders.map((o: { createdTime: string }) => Date.parse(o.createdTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(res.body.createdBefore).toBeDefined();
  });

  it('honours createdAfter, marketplaceIds, fulfillmentStatuses and includedData', async () => {
    const recent = await search({ createdAfter: daysAgo(1) });
    expect(recent.body.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(SANDBOX_ORDERS.tr);
    const de = await search({ createdAfter: daysAgo(10), marketplaceIds: 'A1PA6795UKMFR9', includedData: 'FULFILLMENT,RECIPIENT' });
    expect(de.body.orders).toHaveLength(1);
    expect(de.body.orders[0]).toMatchObject({
      orderId: SANDBOX_ORDERS.de,
      salesChannel: { channelName: 'AMAZON', marketplaceId: 'A1PA6795UKMFR9' },
      fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
      recipient: { deliveryAddress: { countryCode: 'DE' } },
    });
    const shipped = await search({ createdAfter: daysAgo(10), fulfillmentStatuses: 'SHIPPED' });
    expect(shipped.body.orders.every((o: { orderId: string }) => [SANDBOX_ORDERS.tr, '114-6021874-5521807'].includes(o.orderId))).toBe(true);
  });

  it('pages with maxResultsPerPage and paginationToken', async () => {
    const first = await search({ createdAfter: daysAgo(10), maxResultsPerPage: '3' });
    expect(first.body.orders).toHaveLength(3);
    const token2 = first.body.pagination.nextToken;
    const second = await search({ paginationToken: token2, maxResultsPerPage: '3' });
    expect(second.body.orders).toHaveLength(3);
    const third = await search({ paginationToken: second.body.pagination.nextToken, maxResultsPerPage: '3' });
    expect(third.body.pagination).toBeUndefined();
    const all = [...first.body.orders, ...second.body.orders, ...third.body.orders].map((o: { orderId: string }) => o.orderId);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(7);
  });

  it('refuses requests that break the date rules', async () => {
    expect((await search({})).status).toBe(400);
    expect((await search({ createdAfter: daysAgo(2), lastUpdatedAfter: daysAgo(2) })).status).toBe(400);
    const tooLate = await search({ createdAfter: daysAgo(2), createdBefore: new Date().toISOString() });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.errors[0].details).toMatch(/two minutes/);
    expect((await search({ createdAfter: 'yesterday' })).status).toBe(400);
  });

  it('getOrder returns one order or 404', async () => {
    const res = await call(base, `/orders/2026-01-01/orders/${SANDBOX_ORDERS.tr}`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
    expect(res.body.order.orderItems[0]).toMatchObject({ quantityOrdered: 1, product: { sellerSku: 'OC-KUPA-SET' } });
    expect((await call(base, '/orders/2026-01-01/orders/111-0000000-0000000', { token })).status).toBe(404);
  });

  it('lists an order added through the control API', async () => {
    await control(base, 'orders', { amazonOrderId: '702-1111111-2222222', marketplaceId: 'A1PA6795UKMFR9' });
    const res = await search({ createdAfter: daysAgo(1), marketplaceIds: 'A1PA6795UKMFR9' });
    expect(res.body.orders[0].orderId).toBe('702-1111111-2222222');
  });
});

describe('Orders v0 getOrders (deprecated)', () => {
  it('requires MarketplaceIds and one of CreatedAfter / LastUpdatedAfter', async () => {
    const noMarketplace = await getOrders({ CreatedAfter: daysAgo(7) });
    expect(noMarketplace.status).toBe(400);
    expect(noMarketplace.body.errors[0].details).toContain('MarketplaceIds');
    const noDate = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors[0].details).toMatch(/CreatedAfter/);
  });

  it('lists the marketplace\'s orders in the v0 shape, newest first, with NextToken paging', async () => {
    const res = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', CreatedAfter: daysAgo(10), MaxResultsPerPage: '2' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.0167');
    const { Orders, NextToken, CreatedBefore } = res.body.payload;
    expect(Orders).toHaveLength(2);
    expect(Orders[1]).toMatchObject({ AmazonOrderId: SANDBOX_ORDERS.us, OrderStatus: 'Unshipped', FulfillmentChannel: 'MFN', MarketplaceId: 'ATVPDKIKX0DER' });
    expect(CreatedBefore).toBeDefined();
    const next = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', NextToken });
    expect(next.body.payload.Orders.map((o: { AmazonOrderId: string }) => o.AmazonOrderId)).toEqual(['114-6021874-5521807']);
    expect(next.body.payload.NextToken).toBeUndefined();
  });

  it('filters by OrderStatuses', async () => {
    const res = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER,A1PA6795UKMFR9', CreatedAfter: daysAgo(10), OrderStatuses: 'Unshipped' });
    expect(res.body.payload.Orders.map((o: { AmazonOrderId: string }) => o.AmazonOrderId).sort()).toEqual([SANDBOX_ORDERS.de, SANDBOX_ORDERS.us].sort());
  });
});
