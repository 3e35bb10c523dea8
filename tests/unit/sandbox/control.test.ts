import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, Sandbox } from '../../sandbox/server';
import { SANDBOX_CREDENTIALS, SANDBOX_ORDERS, startSandbox } from '../../sandbox/server';
import { call, control, lwa, md5Base64, sellerToken } from './helpers';

let sandbox: Sandbox;
let base: string;
let token: string;
const tmp = mkdtempSync(join(tmpdir(), 'sandbox-log-'));
const logFile = join(tmp, 'requests.jsonl');

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, logFile });
  base = sandbox.url;
});
afterAll(async () => {
  expect(sandbox.violations()).toEqual([]);
  await sandbox.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(async () => {
  await control(base, 'reset', {});
  token = await sellerToken(base);
});

const US = 'ATVPDKIKX0DER';
const attributes = `/messaging/v1/orders/${SANDBOX_ORDERS.us}/attributes?marketplaceIds=${US}`;
const sendPath = `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/confirmOrderDetails?marketplaceIds=${US}`;

describe('faults', () => {
  it('a status fault answers once with the given status, body and headers, then disappears', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'GetAttributes', action: 'status', status: 429, headers: { 'Retry-After': '2' } }] });
    const throttled = await call(base, attributes, { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.body.errors[0].code).toBe('QuotaExceeded');
    expect((await call(base, attributes, { token })).status).toBe(200);
    expect((await control(base, 'faults')).body).toEqual([]);
  });

  it('fires `times` times and matches on pathIncludes', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', pathIncludes: '/attributes', times: 2, action: 'status', status: 503 }] });
    expect((await call(base, attributes, { token })).status).toBe(503);
    expect((await call(base, attributes, { token })).status).toBe(503);
    expect((await call(base, attributes, { token })).status).toBe(200);
  });

  it('can make LWA answer invalid_grant', async () => {
    await control(base, 'faults', {
      faults: [{ service: 'lwa', action: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' } }],
    });
    await expect(sellerToken(base)).rejects.toThrow(/invalid_grant/);
    await expect(sellerToken(base)).resolves.toMatch(/^Atza\|/);
  });

  it('malformed-json answers 200 with a body that does not parse', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'GetAttributes', action: 'malformed-json' }] });
    const res = await fetch(`${base}${attributes}`, { headers: { 'x-amz-access-token': token } });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('accept-then-fail sends the message but answers 504', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'createConfirmOrderDetails', action: 'accept-then-fail' }] });
    const res = await call(base, sendPath, { token, json: { text: 'Is the engraving right?' } });
    expect(res.status).toBe(504);
    expect((await control(base, 'messages')).body).toHaveLength(1);
  });

  it('accept-then-fail can drop the connection after sending', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'createConfirmOrderDetails', action: 'accept-then-fail', then: 'destroy' }] });
    await expect(call(base, sendPath, { token, json: { text: 'Hello' } })).rejects.toThrow();
    expect((await control(base, 'messages')).body).toHaveLength(1);
  });

  it('destroy drops the connection without serving', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'createConfirmOrderDetails', action: 'destroy' }] });
    await expect(call(base, sendPath, { token, json: { text: 'Hello' } })).rejects.toThrow();
    expect((await control(base, 'messages')).body).toEqual([]);
  });

  it('delay serves normally after the delay; hang never answers', async () => {
    await control(base, 'faults', { faults: [{ service: 'spapi', operation: 'GetAttributes', action: 'delay', delayMs: 300 }] });
    const started = Date.now();
    expect((await call(base, attributes, { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await control(base, 'faults', { faults: [{ service: 's3', action: 'hang' }] });
    await expect(fetch(`${base}/s3/any/key`, { method: 'PUT', body: 'x', signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it('refuses a malformed fault spec', async () => {
    const res = await control(base, 'faults', { faults: [{ service: 'spapi', action: 'explode' }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/action/);
  });
});

describe('request log', () => {
  it('writes one JSON object per request to SANDBOX_LOG with secrets masked', async () => {
    const destination = await call(base, `/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/invoice?marketplaceIds=${US}&contentMD5=${encodeURIComponent(md5Base64('pdf'))}`, { method: 'POST', token });
    const { url, headers } = destination.body.payload;
    expect((await fetch(url, { method: 'PUT', body: 'pdf', headers })).status).toBe(200);

    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogEntry);
    const memory = (await control(base, 'log')).body as LogEntry[];
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(SANDBOX_CREDENTIALS.clientSecret);
    expect(text).not.toContain(SANDBOX_CREDENTIALS.refreshToken);
    expect(text).not.toContain(token);
    expect(text).not.toContain(new URL(url).searchParams.get('X-Amz-Signature'));

    const tokenCall = lines.filter((l) => l.service === 'lwa').at(-1);
    expect(tokenCall).toMatchObject({ method: 'POST', path: '/auth/o2/token', status: 200, requestBody: { grant_type: 'refresh_token', client_secret: '***', refresh_token: '***' } });
    expect(tokenCall?.responseBody).toMatchObject({ access_token: '***', token_type: 'bearer' });

    const upload = lines.find((l) => l.operation === 'createUploadDestinationForResource');
    expect(upload).toMatchObject({ service: 'spapi', status: 201, requestHeaders: { 'x-amz-access-token': '***' }, query: { marketplaceIds: [US] } });
    const put = lines.filter((l) => l.service === 's3').at(-1);
    expect(put).toMatchObject({ method: 'PUT', status: 200, operation: 'PutObject', requestBody: { bytes: 3 }, query: { 'X-Amz-Signature': ['***'] } });
    expect(put?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The in-memory log (GET /__control/log) holds the same objects since the last reset.
    expect(memory.map((e) => e.path)).toEqual(lines.slice(-memory.length).map((e) => e.path));
  });
});

describe('control API', () => {
  it('reset forgets tokens, messages, subscriptions and faults', async () => {
    await call(base, sendPath, { token, json: { text: 'Hello' } });
    await control(base, 'faults', { faults: [{ service: 'spapi', action: 'status', status: 500 }] });
    await control(base, 'reset', {});
    expect((await control(base, 'messages')).body).toEqual([]);
    expect((await control(base, 'faults')).body).toEqual([]);
    expect((await call(base, attributes, { token })).status).toBe(403);
  });

  it('answers unknown endpoints with 404 and CORS headers', async () => {
    const res = await control(base, 'nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('Seller Central pages', () => {
  it('serves the classic app on classic routes and the new app on /amazonsell routes, and 404 elsewhere', async () => {
    for (const [path, marker] of [
      [`/orders-v3/order/${SANDBOX_ORDERS.de}`, 'MYO-app'],
      ['/orders-v3/mfn/unshipped', 'MYO-app'],
      [`/gp/orders-v2/refund?orderID=${SANDBOX_ORDERS.us}`, 'MYO-app'],
      [`/amazonsell/orders/${SANDBOX_ORDERS.us}`, 'sc-shell'],
      [`/amazonsell/order-details?orderId=${SANDBOX_ORDERS.us}`, 'sc-shell'],
    ] as const) {
      const res = await fetch(`${base}/__pages${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(marker);
    }
    expect((await fetch(`${base}/__pages/home`)).status).toBe(404);
  });
});

describe('without the models', () => {
  it('says so and still refuses requests that lack required parameters', async () => {
    const bare = await startSandbox({ quiet: true, modelsDir: join(tmp, 'missing') });
    try {
      expect(bare.modelsAvailable).toBe(false);
      const res = await lwa(bare.url, {
        grant_type: 'refresh_token', refresh_token: SANDBOX_CREDENTIALS.refreshToken,
        client_id: SANDBOX_CREDENTIALS.clientId, client_secret: SANDBOX_CREDENTIALS.clientSecret,
      });
      const missing = await call(bare.url, `/messaging/v1/orders/${SANDBOX_ORDERS.us}`, { token: res.body.access_token });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].details).toContain('marketplaceIds');
    } finally {
      await bare.close();
    }
  });
});
