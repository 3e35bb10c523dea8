import { describe, expect, it } from 'vitest';
import { buildQuery, explainError, NetworkError, SpApiError } from '../../../lib/spapi';
import { amazonError, json, setup, type Seen } from './helpers';

const ORDER = '902-1845936-5435065';
const US = 'ATVPDKIKX0DER';
const expired = () => amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');

describe('tokens per operation', () => {
  it('uses the seller token for messaging and orders, the grantless token for destinations and by-id subscription calls', async () => {
    const { api, spapiCalls } = setup((req) => {
      if (req.url.pathname.startsWith('/notifications/v1/destinations')) return json(200, { payload: [] });
      if (req.url.pathname.includes('/subscriptions/')) return json(200, { payload: { subscriptionId: 's', payloadVersion: '1.0', destinationId: 'd' } });
      return json(200, {});
    });
    await api.getMessagingActionsForOrder(ORDER, US);
    await api.getDestinations();
    await api.getSubscription('ORDER_CHANGE');
    await api.deleteSubscriptionById('ORDER_CHANGE', 'sub-1');
    const tokens = spapiCalls().map((c) => `${c.method} ${c.url.pathname} ${c.headers['x-amz-access-token']}`);
    expect(tokens).toEqual([
      `GET /messaging/v1/orders/${ORDER} seller-1`,
      'GET /notifications/v1/destinations grantless-2',
      'GET /notifications/v1/subscriptions/ORDER_CHANGE seller-1',
      'DELETE /notifications/v1/subscriptions/ORDER_CHANGE/sub-1 grantless-2',
    ]);
  });

  it('sends the app user agent as x-amz-user-agent and never a User-Agent header', async () => {
    const { api, spapiCalls } = setup(() => json(200, { buyer: { locale: 'de-DE' } }));
    expect(await api.getAttributes(ORDER, US)).toEqual({ buyer: { locale: 'de-DE' } });
    const [call] = spapiCalls();
    expect(call?.headers['x-amz-user-agent']).toBe('OrderCourier/1.2.3');
    expect(call?.headers['user-agent']).toBeUndefined();
    expect(call?.url.href).toBe(`https://sellingpartnerapi-na.amazon.com/messaging/v1/orders/${ORDER}/attributes?marketplaceIds=${US}`);
  });
});

describe('expired access token', () => {
  it('refreshes once and retries once on a 403 "access token … expired"', async () => {
    let n = 0;
    const { api, spapiCalls, lwaCalls } = setup(() => (++n === 1 ? expired() : json(200, { _links: { actions: [] } })));
    expect(await api.getMessagingActionsForOrder(ORDER, US)).toEqual({ _links: { actions: [] } });
    expect(spapiCalls().map((c) => c.headers['x-amz-access-token'])).toEqual(['seller-1', 'seller-2']);
    expect(lwaCalls()).toHaveLength(2);
  });

  it('does not loop: a second rejection is returned to the caller', async () => {
    const { api, spapiCalls, lwaCalls } = setup(() => expired());
    const err = await api.getMessagingActionsForOrder(ORDER, US).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiError);
    expect(spapiCalls()).toHaveLength(2);
    expect(lwaCalls()).toHaveLength(2);
    expect(explainError(err).key).toBe('spapi_access_token_expired');
  });

  it('does not refresh on a 403 that is about roles or templates', async () => {
    const { api, spapiCalls, lwaCalls } = setup(() =>
      amazonError(403, 'Unauthorized', 'Invalid amazonOrderId and template combination.', ''),
    );
    const err = await api.sendMessage(ORDER, US, 'confirmDeliveryDetails', { text: 'Hi' }).catch((e: unknown) => e);
    expect(spapiCalls()).toHaveLength(1);
    expect(lwaCalls()).toHaveLength(1);
    expect(explainError(err).key).toBe('spapi_template_not_available');
  });
});

describe('throttling and outages', () => {
  it('429 with Retry-After waits that long, then succeeds', async () => {
    let n = 0;
    const { api, waits, clock, spapiCalls } = setup(() =>
      ++n === 1 ? amazonError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', undefined, { 'retry-after': '7' }) : json(200, {}),
    );
    const t0 = clock.now();
    await api.getAttributes(ORDER, US);
    expect(spapiCalls()).toHaveLength(2);
    expect(waits).toContainEqual({ operation: 'GetAttributes', ms: 7000, reason: 'throttled' });
    expect(clock.now() - t0).toBeGreaterThanOrEqual(7000);
  });

  it('429 without Retry-After: drains the bucket, so the retry waits at least one token interval', async () => {
    let n = 0;
    const { api, clock, spapiCalls } = setup(() => (++n === 1 ? amazonError(429, 'QuotaExceeded', 'quota') : json(200, {})));
    const t0 = clock.now();
    await api.getAttributes(ORDER, US);
    const sentAt = spapiCalls().length;
    expect(sentAt).toBe(2);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(1000); // 1 request/s for GetAttributes
  });

  it('gives up after 4 attempts of 429 with a retryable QuotaExceeded', async () => {
    const { api, spapiCalls } = setup(() => amazonError(429, 'QuotaExceeded', 'quota'));
    const err = await api.getAttributes(ORDER, US).catch((e: unknown) => e);
    expect(spapiCalls()).toHaveLength(4);
    expect(err).toMatchObject({ status: 429, code: 'QuotaExceeded', retryable: true });
    expect(explainError(err).key).toBe('spapi_quota_exceeded');
  });

  it('does not wait out a Retry-After longer than a minute', async () => {
    const { api, spapiCalls } = setup(() => amazonError(429, 'QuotaExceeded', 'quota', undefined, { 'retry-after': '3600' }));
    const err = await api.getAttributes(ORDER, US).catch((e: unknown) => e);
    expect(spapiCalls()).toHaveLength(1);
    expect(err).toMatchObject({ retryAfterMs: 3_600_000 });
  });

  it('503 is retried with growing (jittered) backoff and an HTTP-date Retry-After is honoured', async () => {
    let n = 0;
    const { api, waits, clock } = setup(() => {
      n++;
      if (n === 1) return { status: 503, text: 'Service Unavailable' };
      if (n === 2) return { status: 503, text: '', headers: { 'retry-after': new Date(clock.now() + 5000).toUTCString() } };
      return json(200, {});
    });
    await api.getAttributes(ORDER, US);
    const backoff = waits.filter((w) => w.reason === 'unavailable').map((w) => w.ms);
    expect(backoff).toHaveLength(2);
    expect(backoff[0]).toBe(500); // random 0.5 × 1 s
    expect(backoff[1]).toBeGreaterThanOrEqual(4000);
    expect(backoff[1]).toBeLessThanOrEqual(5000);
  });

  it('500 is retried for a GET', async () => {
    let n = 0;
    const { api, spapiCalls } = setup(() => (++n === 1 ? amazonError(500, 'InternalFailure', 'We encountered an internal error.') : json(200, { buyer: {} })));
    await expect(api.getAttributes(ORDER, US)).resolves.toEqual({ buyer: {} });
    expect(spapiCalls()).toHaveLength(2);
  });

  it.each([500, 502, 503, 504])('%i on a message send is NOT retried and is flagged outcomeUnknown', async (status) => {
    const { api, spapiCalls } = setup(() => amazonError(status, 'InternalFailure', 'We encountered an internal error.'));
    const err = await api.sendMessage(ORDER, US, 'confirmOrderDetails', { text: 'Hello' }).catch((e: unknown) => e);
    expect(spapiCalls()).toHaveLength(1);
    expect(err).toBeInstanceOf(SpApiError);
    expect(err).toMatchObject({ status, outcomeUnknown: true, retryable: false });
    expect(explainError(err).key).toBe('spapi_outcome_unknown');
  });

  it('a message send IS retried on 429 (Amazon did not take it)', async () => {
    let n = 0;
    const { api, spapiCalls } = setup(() => {
      n++;
      if (n <= 2) return amazonError(429, 'QuotaExceeded', 'quota');
      return { status: 201, json: {}, headers: { 'x-amzn-RequestId': 'req-201' } };
    });
    await expect(api.sendMessage(ORDER, US, 'invoice', { attachments: [] })).resolves.toEqual({ status: 201, requestId: 'req-201' });
    expect(spapiCalls()).toHaveLength(3);
  });

  it('a timed-out message send is a NetworkError with outcomeUnknown, sent once', async () => {
    const { api, spapiCalls } = setup(() => 'hang', { timeoutMs: 20 });
    const err = await api.sendMessage(ORDER, US, 'warranty', { attachments: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ kind: 'timeout', maybeReceived: true, outcomeUnknown: true });
    expect(spapiCalls()).toHaveLength(1);
  });

  it('a connection reset after sending a message is outcomeUnknown; a refused connection is retried', async () => {
    const reset = setup(() => ({ fail: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }) }));
    const err = await reset.api.sendMessage(ORDER, US, 'unexpectedProblem', { text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'failed', maybeReceived: true, outcomeUnknown: true });
    expect(reset.spapiCalls()).toHaveLength(1);

    let n = 0;
    const refused = setup(() => (++n === 1 ? { fail: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }) } : { status: 201 }));
    await expect(refused.api.sendMessage(ORDER, US, 'unexpectedProblem', { text: 'x' })).resolves.toMatchObject({ status: 201 });
    expect(refused.spapiCalls()).toHaveLength(2);
  });

  it('a GET that times out is retried', async () => {
    let n = 0;
    const { api, spapiCalls } = setup(() => (++n === 1 ? 'hang' : json(200, {})), { timeoutMs: 20 });
    await api.getAttributes(ORDER, US);
    expect(spapiCalls()).toHaveLength(2);
  });
});

describe('responses', () => {
  it('a 2xx that is not JSON is SpApiError UnexpectedResponse with the request id', async () => {
    const { api } = setup(() => ({ status: 200, text: '<html>gateway</html>', headers: { 'x-amzn-RequestId': 'rid-1' } }));
    const err = await api.getAttributes(ORDER, US).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiError);
    expect(err).toMatchObject({ status: 200, code: 'UnexpectedResponse', requestId: 'rid-1' });
    expect(explainError(err)).toEqual({ key: 'spapi_unexpected_response', substitutions: ['200', 'rid-1'] });
  });

  it('adopts the x-amzn-RateLimit-Limit header of a response', async () => {
    const { api } = setup(() => json(200, {}, { 'x-amzn-RateLimit-Limit': '0.5' }));
    await api.getAttributes(ORDER, US);
    expect(api.limiter.current('GetAttributes')).toEqual({ rate: 0.5, burst: 5 });
  });

  it('rejects unknown message types before any request', async () => {
    const { api, server } = setup(() => json(201, {}));
    await expect(api.sendMessage(ORDER, US, 'negativeFeedbackRemoval', {})).rejects.toThrow(/Unknown message type/);
    expect(server.calls).toHaveLength(0);
  });

  it('maps each message segment to its path and JSON body', async () => {
    const seen: Seen[] = [];
    const { api } = setup((req) => (seen.push(req), { status: 201 }));
    const body = { attachments: [{ uploadDestinationId: 'u1', fileName: 'w.pdf' }], coverageStartDate: '2026-01-01T00:00:00Z' };
    await api.sendMessage(ORDER, US, 'warranty', body);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url.pathname).toBe(`/messaging/v1/orders/${ORDER}/messages/warranty`);
    expect(seen[0]?.url.searchParams.get('marketplaceIds')).toBe(US);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual(body);
  });

  it('unwraps notification payloads and joins query arrays with commas', async () => {
    const seen: Seen[] = [];
    const destinations = [{ destinationId: 'd', name: 'n', resource: {} }];
    const { api } = setup((req) => (seen.push(req), json(200, { payload: destinations })));
    expect(await api.getDestinations()).toEqual(destinations);
    expect(buildQuery({ notificationTypes: ['ORDER_CHANGE', 'ANY_OFFER_CHANGED'], pageSize: 50, skipped: undefined })).toBe(
      '?notificationTypes=ORDER_CHANGE,ANY_OFFER_CHANGED&pageSize=50',
    );
  });
});
