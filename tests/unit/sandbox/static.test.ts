/**
 * The sandbox's "static" mode answers as Amazon's own sandbox: the models' static sandbox examples
 * and nothing else. Expected answers are read from the models here too, never written out.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_MARKETPLACE_ID, SAMPLE_MESSAGE_TEXT, SAMPLE_ORDER_ID, SAMPLE_SEARCH_ORDERS } from '../../../lib/amazon-sandbox';
import { DEFAULT_MODELS_DIR, type Sandbox } from '../../sandbox/server';
import { Models } from '../../sandbox/models';
import { NO_MATCH_MESSAGE, matchStatic, staticExamples } from '../../sandbox/static-sandbox';
import { call, grantlessToken, md5Base64, sellerToken, withSandbox } from './helpers';

const models = new Models(DEFAULT_MODELS_DIR);
const example = (model: Parameters<Models['operation']>[0], operationId: string, status: number) =>
  staticExamples(models, model, operationId).find((e) => e.status === status);

let sandbox: Sandbox;
withSandbox((s) => (sandbox = s), { mode: 'static' });

const noMatch = { errors: [{ code: 'InvalidInput', message: NO_MATCH_MESSAGE, details: '' }] };

describe('static mode: messaging', () => {
  it("answers the sample order with the model's example, and any other order with invalid input", async () => {
    const token = await sellerToken(sandbox.url);
    const sample = await call(sandbox.url, `/messaging/v1/orders/${SAMPLE_ORDER_ID}?marketplaceIds=${SAMPLE_MARKETPLACE_ID}`, { token });
    expect(sample.status).toBe(200);
    expect(sample.headers.get('content-type')).toContain('application/hal+json');
    expect(sample.body).toEqual(example('messaging', 'getMessagingActionsForOrder', 200)?.response);

    const real = await call(sandbox.url, `/messaging/v1/orders/902-3159896-1390916?marketplaceIds=${SAMPLE_MARKETPLACE_ID}`, { token });
    expect(real.status).toBe(400);
    expect(real.body).toEqual(noMatch);

    const declared400 = await call(sandbox.url, `/messaging/v1/orders/123-1234567-0000000?marketplaceIds=${SAMPLE_MARKETPLACE_ID}`, { token });
    expect(declared400.status).toBe(400);
    expect(declared400.body).toEqual(example('messaging', 'getMessagingActionsForOrder', 400)?.response);
  });

  it('accepts a message only with the example text', async () => {
    const token = await sellerToken(sandbox.url);
    const path = `/messaging/v1/orders/${SAMPLE_ORDER_ID}/messages/confirmOrderDetails?marketplaceIds=${SAMPLE_MARKETPLACE_ID}`;
    expect((await call(sandbox.url, path, { token, json: { text: SAMPLE_MESSAGE_TEXT } })).status).toBe(201);
    const other = await call(sandbox.url, path, { token, json: { text: 'Is the engraving “Anna” right?' } });
    expect(other.status).toBe(400);
    expect(other.body).toEqual(noMatch);
  });

  it('still checks the token and the model before matching', async () => {
    expect((await call(sandbox.url, `/messaging/v1/orders/${SAMPLE_ORDER_ID}?marketplaceIds=${SAMPLE_MARKETPLACE_ID}`)).status).toBe(403);
    const token = await sellerToken(sandbox.url);
    const missing = await call(sandbox.url, `/messaging/v1/orders/${SAMPLE_ORDER_ID}`, { token });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe('Invalid Input');
  });
});

describe('static mode: orders, uploads, notifications', () => {
  it('answers searchOrders only for the example inputs, not for a rolling date', async () => {
    const token = await sellerToken(sandbox.url);
    const q = (createdAfter: string, marketplace: string) =>
      `/orders/2026-01-01/orders?createdAfter=${createdAfter}&marketplaceIds=${marketplace}&includedData=${SAMPLE_SEARCH_ORDERS.includedData.join(',')}`;
    const sample = await call(sandbox.url, q(SAMPLE_SEARCH_ORDERS.createdAfter, SAMPLE_SEARCH_ORDERS.marketplaceIds[0]), { token });
    expect(sample.status).toBe(200);
    expect(sample.body).toEqual(example('orders2026', 'searchOrders', 200)?.response);
    const rolling = await call(sandbox.url, q(new Date(Date.now() - 7 * 86_400_000).toISOString(), 'ATVPDKIKX0DER'), { token });
    expect(rolling.status).toBe(400);
  });

  it('has no upload examples, so every upload destination request is invalid input', async () => {
    const token = await sellerToken(sandbox.url);
    const res = await call(sandbox.url, `/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/${SAMPLE_ORDER_ID}/messages/legalDisclosure?marketplaceIds=${SAMPLE_MARKETPLACE_ID}&contentMD5=${encodeURIComponent(md5Base64('x'))}`, { token, method: 'POST' });
    expect(staticExamples(models, 'uploads', 'createUploadDestinationForResource')).toEqual([]);
    expect(res.status).toBe(400);
  });

  it('answers every notifications call with its one sample, whatever is asked', async () => {
    const seller = await sellerToken(sandbox.url);
    const grantless = await grantlessToken(sandbox.url);
    const legacy = await call(sandbox.url, '/notifications/v1/subscriptions/ORDER_STATUS_CHANGE', { token: seller });
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(example('notifications', 'getSubscription', 200)?.response);
    const destinations = await call(sandbox.url, '/notifications/v1/destinations', { token: grantless });
    expect(destinations.body).toEqual(example('notifications', 'getDestinations', 200)?.response);
  });
});

describe("the extension's sample inputs for Amazon's sandbox", () => {
  it('each match an example the models declare', () => {
    const ok = (m: ReturnType<typeof matchStatic>) => m !== undefined && m.status < 300;
    expect(ok(matchStatic(models, 'messaging', 'getMessagingActionsForOrder', { path: { amazonOrderId: SAMPLE_ORDER_ID }, query: { marketplaceIds: [SAMPLE_MARKETPLACE_ID] }, body: undefined }))).toBe(true);
    expect(ok(matchStatic(models, 'messaging', 'createConfirmOrderDetails', { path: { amazonOrderId: SAMPLE_ORDER_ID }, query: {}, body: { text: SAMPLE_MESSAGE_TEXT } }))).toBe(true);
    const query = { createdAfter: [SAMPLE_SEARCH_ORDERS.createdAfter], marketplaceIds: [...SAMPLE_SEARCH_ORDERS.marketplaceIds], includedData: [SAMPLE_SEARCH_ORDERS.includedData.join(',')] };
    expect(ok(matchStatic(models, 'orders2026', 'searchOrders', { path: {}, query, body: undefined }))).toBe(true);
  });
});
