import { describe, expect, it } from 'vitest';
import { offersReviewRequest } from '../../../lib/spapi';
import { amazonError, json, setup } from './helpers';

const US = 'ATVPDKIKX0DER';
const ID = '111-2040501-3000001';
const SEGMENT = 'productReviewAndSellerFeedback';
const offered = {
  _links: {
    actions: [{ href: `/solicitations/v1/orders/${ID}/solicitations/${SEGMENT}?marketplaceIds=${US}`, name: SEGMENT }],
    self: { href: `/solicitations/v1/orders/${ID}?marketplaceIds=${US}` },
  },
};
const UNAVAILABLE = 'The requested solicitation is not available for this amazonOrderId.';

describe('Solicitations client', () => {
  it('reads the HAL actions list: offered, empty, or named only by its href', async () => {
    const { api, spapiCalls } = setup(() => json(200, offered, { 'content-type': 'application/hal+json' }));
    expect(await api.reviewRequestOffered(ID, US)).toBe(true);
    const seen = spapiCalls()[0]!;
    expect(seen.url.pathname).toBe(`/solicitations/v1/orders/${ID}`);
    expect(seen.url.searchParams.get('marketplaceIds')).toBe(US);
    expect(seen.headers['x-amz-access-token']).toMatch(/^seller-/);
    expect(offersReviewRequest({ _links: { actions: [], self: { href: '/x' } } })).toBe(false);
    expect(offersReviewRequest({ _links: { actions: [{ href: `/solicitations/v1/orders/${ID}/solicitations/${SEGMENT}?marketplaceIds=${US}` }] } })).toBe(true);
    expect(offersReviewRequest('nonsense')).toBe(false);
  });

  it('requests the review with a POST and no body; 201 means requested', async () => {
    const { api, spapiCalls } = setup(() => ({ status: 201, text: '' }));
    expect(await api.requestReview(ID, US)).toBe('requested');
    const seen = spapiCalls()[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url.pathname).toBe(`/solicitations/v1/orders/${ID}/solicitations/${SEGMENT}`);
    expect(seen.body).toBeUndefined();
  });

  it('takes the documented 403 as "not available" without refreshing the token', async () => {
    const { api, spapiCalls, lwaCalls } = setup(() => amazonError(403, 'Unauthorized', UNAVAILABLE));
    expect(await api.requestReview(ID, US)).toBe('not-available');
    expect(spapiCalls()).toHaveLength(1);
    expect(lwaCalls()).toHaveLength(1);
  });

  it('never repeats a request that may have reached Amazon', async () => {
    const { api, spapiCalls } = setup(() => json(500, { errors: [{ code: 'InternalFailure', message: 'x' }] }));
    await expect(api.requestReview(ID, US)).rejects.toMatchObject({ status: 500, outcomeUnknown: true });
    expect(spapiCalls()).toHaveLength(1);
  });

  it('reads an order\'s delivery window and SKUs from Orders v2026 getOrder', async () => {
    const { api, spapiCalls } = setup(() => json(200, {
      order: {
        orderId: ID, createdTime: '2026-09-01T00:00:00Z', lastUpdatedTime: '2026-09-05T00:00:00Z',
        salesChannel: { marketplaceId: US }, orderItems: [{ orderItemId: '1', quantityOrdered: 1, product: { sellerSku: 'MUG' } }],
        fulfillment: { fulfillmentStatus: 'SHIPPED', deliverByWindow: { earliestDateTime: '2026-09-08T00:00:00Z', latestDateTime: '2026-09-10T00:00:00Z' } },
      },
    }));
    expect(await api.getOrder(ID, US)).toEqual({
      orderId: ID, purchaseDate: '2026-09-01T00:00:00Z', status: 'Shipped', marketplaceId: US, itemCount: 1,
      earliestDeliveryDate: '2026-09-08T00:00:00Z', latestDeliveryDate: '2026-09-10T00:00:00Z', skus: ['MUG'],
    });
    expect(spapiCalls()[0]!.url.searchParams.get('includedData')).toBe('FULFILLMENT,PACKAGES');
  });

  it('getOrder marks an order returned when every package went back to the seller, and only then', async () => {
    const order = (detailed: string[]) => ({
      order: {
        orderId: ID, createdTime: '2026-09-01T00:00:00Z', lastUpdatedTime: '2026-09-02T00:00:00Z', salesChannel: { marketplaceId: US }, orderItems: [],
        fulfillment: { fulfillmentStatus: 'SHIPPED' },
        packages: detailed.map((d, i) => ({ packageReferenceId: String(i), packageStatus: { status: 'UNDELIVERABLE', detailedStatus: d } })),
      },
    });
    for (const [detailed, returned] of [
      [['RETURNED_TO_SELLER'], true],
      [['REJECTED_BY_BUYER', 'RETURNING_TO_SELLER'], true],
      [['RETURNED_TO_SELLER', 'DELIVERED'], false],
      [[], false],
    ] as const) {
      const { api } = setup(() => json(200, order([...detailed])));
      expect((await api.getOrder(ID, US)).returned, detailed.join()).toBe(returned || undefined);
    }
  });
});
