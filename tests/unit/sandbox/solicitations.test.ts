import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ORDERS, SANDBOX_REVIEW_ORDERS as R } from '../../sandbox/server';
import { call, control, sellerToken, withSandbox } from './helpers';

let base: string;
let token: string;

withSandbox((s) => {
  base = s.url;
});
beforeEach(async () => {
  token = await sellerToken(base);
});

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const SEGMENT = 'productReviewAndSellerFeedback';
const actions = (id: string, marketplace = US) => call(base, `/solicitations/v1/orders/${id}?marketplaceIds=${marketplace}`, { token });
const request = (id: string, marketplace = US) =>
  call(base, `/solicitations/v1/orders/${id}/solicitations/${SEGMENT}?marketplaceIds=${marketplace}`, { token, method: 'POST' });
const names = (res: { body: { _links: { actions: { name: string }[] } } }) => res.body._links.actions.map((a) => a.name);
const DAY = 86_400_000;

describe('getSolicitationActionsForOrder', () => {
  beforeEach(async () => {
    // These tests look at many orders in a row; throttling has its own test below.
    await control(base, 'rate-limit', { operation: 'getSolicitationActionsForOrder', rate: 100, burst: 100 });
  });

  it('offers the review request, in HAL, for a shipped order inside its window', async () => {
    const res = await actions(R.eligible);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/hal+json');
    expect(res.body._links).toEqual({
      actions: [{ href: `/solicitations/v1/orders/${R.eligible}/solicitations/${SEGMENT}?marketplaceIds=${US}`, name: SEGMENT }],
      self: { href: `/solicitations/v1/orders/${R.eligible}?marketplaceIds=${US}` },
    });
    expect(res.body._embedded.actions[0]._links.schema.href).toBe(`/solicitations/v1/orders/${R.eligible}/solicitations/${SEGMENT}/schema`);
    expect(names(await actions(R.eligibleDe, DE))).toEqual([SEGMENT]);
  });

  it('lists nothing before the window, after it, for refunded, cancelled, unshipped or withheld orders', async () => {
    for (const id of [R.tooEarly, R.closed, R.refunded, R.canceled, R.notOffered, SANDBOX_ORDERS.us]) {
      const res = await actions(id);
      expect(res.status, id).toBe(200);
      expect(names(res), id).toEqual([]);
      expect(res.body._embedded, id).toBeUndefined();
    }
  });

  it('opens the window 5 days after the earliest delivery date and closes it 30 days after the latest', async () => {
    // too early: delivered 1-2 days ago, so it opens 3 days from now
    await control(base, 'clock', { advanceMs: 3 * DAY - 60_000 });
    token = await sellerToken(base); // the clock jump expired the last one
    expect(names(await actions(R.tooEarly))).toEqual([]);
    await control(base, 'clock', { advanceMs: 120_000 });
    expect(names(await actions(R.tooEarly))).toEqual([SEGMENT]);
    // eligible: latest delivery 10 days ago, so it closes 20 days from now
    await control(base, 'clock', { advanceMs: 17 * DAY - 120_000 });
    token = await sellerToken(base);
    expect(names(await actions(R.eligible))).toEqual([SEGMENT]);
    await control(base, 'clock', { advanceMs: 120_000 });
    expect(names(await actions(R.eligible))).toEqual([]);
  });

  it('answers 404 for another marketplace and 400 for a malformed order id', async () => {
    expect((await actions(R.eligible, DE)).status).toBe(404);
    expect((await actions('12-34')).status).toBe(400);
    expect((await call(base, `/solicitations/v1/orders/${R.eligible}`, { token })).status).toBe(400);
  });
});

describe('createProductReviewAndSellerFeedbackSolicitation', () => {
  it('accepts once with 201, then answers the documented 403, and stops offering the action', async () => {
    const first = await request(R.eligible);
    expect(first.status).toBe(201);
    const second = await request(R.eligible);
    expect(second.status).toBe(403);
    expect(second.body.errors[0]).toMatchObject({ code: 'Unauthorized', message: 'The requested solicitation is not available for this amazonOrderId.' });
    expect(names(await actions(R.eligible))).toEqual([]);
    const recorded = (await control(base, 'solicitations')).body;
    expect(recorded).toEqual([expect.objectContaining({ amazonOrderId: R.eligible, marketplaceId: US })]);
  });

  it('refuses outside the window and for refunded or cancelled orders', async () => {
    for (const id of [R.tooEarly, R.closed, R.refunded, R.canceled]) expect((await request(id)).status, id).toBe(403);
    expect((await control(base, 'solicitations')).body).toEqual([]);
  });

  it('throttles at 1 request per second with a burst of 5', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await actions(R.eligible)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect((await request(R.eligible)).headers.get('x-amzn-ratelimit-limit')).toBe('1');
    expect(statuses).toContain(429);
  });

  it('takes the same injected faults as the other operations (accept-then-fail still records the request)', async () => {
    await control(base, 'faults', {
      faults: [{ service: 'spapi', operation: 'createProductReviewAndSellerFeedbackSolicitation', action: 'accept-then-fail', status: 504 }],
    });
    expect((await request(R.eligible)).status).toBe(504);
    expect((await control(base, 'solicitations')).body).toHaveLength(1);
    expect((await request(R.eligible)).status).toBe(403);
  });

  it('lets the control API place an order\'s delivery dates and refund', async () => {
    const delivered = new Date(Date.now() - 7 * DAY).toISOString();
    await control(base, 'orders', { amazonOrderId: '111-9990000-0000001', status: 'Shipped', earliestDeliveryDate: delivered, latestDeliveryDate: delivered });
    expect(names(await actions('111-9990000-0000001'))).toEqual([SEGMENT]);
    await control(base, 'orders', { amazonOrderId: '111-9990000-0000001', refunded: true });
    expect(names(await actions('111-9990000-0000001'))).toEqual([]);
  });
});

describe('Orders v2026-01-01 delivery dates', () => {
  it('carries the promised delivery window under fulfillment.deliverByWindow', async () => {
    const res = await call(base, `/orders/2026-01-01/orders?createdAfter=${new Date(Date.now() - 60 * DAY).toISOString()}&includedData=FULFILLMENT`, { token });
    const order = res.body.orders.find((o: { orderId: string }) => o.orderId === R.eligible);
    expect(order.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(Date.now() - Date.parse(order.fulfillment.deliverByWindow.earliestDateTime)).toBeGreaterThan(11 * DAY);
    expect(Date.now() - Date.parse(order.fulfillment.deliverByWindow.latestDateTime)).toBeGreaterThan(9 * DAY);
  });

  it('serves a package returned to the seller with includedData PACKAGES, and Amazon then offers no review request', async () => {
    const id = '111-9990000-0000002';
    const delivered = new Date(Date.now() - 7 * DAY).toISOString();
    await control(base, 'orders', { amazonOrderId: id, status: 'Shipped', earliestDeliveryDate: delivered, latestDeliveryDate: delivered, packageStatus: 'RETURNED_TO_SELLER' });
    const withPackages = await call(base, `/orders/2026-01-01/orders/${id}?includedData=FULFILLMENT,PACKAGES`, { token });
    expect(withPackages.status).toBe(200);
    expect(withPackages.body.order.packages).toEqual([{ packageReferenceId: `${id}-1`, packageStatus: { status: 'UNDELIVERABLE', detailedStatus: 'RETURNED_TO_SELLER' } }]);
    const without = await call(base, `/orders/2026-01-01/orders/${id}?includedData=FULFILLMENT`, { token });
    expect(without.body.order.packages).toBeUndefined();
    expect(names(await actions(id))).toEqual([]);
  });
});
