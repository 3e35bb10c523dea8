/** Where each kind of call may go: a table of allowed and refused destinations, and the retry rules. */
import { describe, expect, it } from 'vitest';
import { EgressRefused, exchange, retryVerdict, target, withRetries, type Call } from '../../../lib/net/egress';
import { isAmazonS3Host, isAwsRegion, isLoopbackHost, isOrderId } from '../../../lib/net/rules';
import { NetworkError, SpApiError } from '../../../lib/spapi/errors';
import type { Endpoint } from '../../../lib/spapi/endpoints';

const PROD_EU: Endpoint = { kind: 'production', region: 'EU' };
const SANDBOX_FE: Endpoint = { kind: 'amazon-sandbox', region: 'FE' };
const LOCAL: Endpoint = { kind: 'custom', baseUrl: 'http://127.0.0.1:4510' };
const HOSTED: Endpoint = { kind: 'custom', baseUrl: 'https://spapi.example.net/' };

describe('LWA and SP-API go to the connection they belong to', () => {
  it.each<[Call, string]>([
    [{ kind: 'lwa', endpoint: PROD_EU }, 'https://api.amazon.com/auth/o2/token'],
    [{ kind: 'lwa', endpoint: SANDBOX_FE }, 'https://api.amazon.com/auth/o2/token'],
    [{ kind: 'lwa', endpoint: LOCAL }, 'http://127.0.0.1:4510/auth/o2/token'],
    [{ kind: 'lwa', endpoint: HOSTED }, 'https://spapi.example.net/auth/o2/token'],
    [{ kind: 'spapi', endpoint: PROD_EU, path: '/orders/v0/orders', search: '?a=1' }, 'https://sellingpartnerapi-eu.amazon.com/orders/v0/orders?a=1'],
    [{ kind: 'spapi', endpoint: SANDBOX_FE, path: '/x' }, 'https://sandbox.sellingpartnerapi-fe.amazon.com/x'],
    [{ kind: 'spapi', endpoint: LOCAL, path: '/x' }, 'http://127.0.0.1:4510/x'],
  ])('%j → %s', (call, url) => {
    expect(target(call)).toBe(url);
  });

  it('refuses plain http to a custom address off this machine, and a path that could change the host', () => {
    expect(() => target({ kind: 'lwa', endpoint: { kind: 'custom', baseUrl: 'http://spapi.example.net' } })).toThrow(/https/);
    expect(() => target({ kind: 'spapi', endpoint: PROD_EU, path: '//evil.example/x' })).toThrow();
    expect(() => target({ kind: 'spapi', endpoint: PROD_EU, path: '@evil.example/x' })).toThrow();
  });
});

describe('S3 uploads', () => {
  const allowed: [Endpoint, string][] = [
    [PROD_EU, 'https://s3.amazonaws.com/bucket/key?X-Amz-Signature=1'],
    [PROD_EU, 'https://s3.eu-west-1.amazonaws.com/bucket/key'],
    [PROD_EU, 'https://s3-eu-west-1.amazonaws.com/bucket/key'],
    [PROD_EU, 'https://my-bucket.s3.amazonaws.com/key'],
    [PROD_EU, 'https://my-bucket.s3.eu-west-1.amazonaws.com/key'],
    [PROD_EU, 'https://my-bucket.s3-eu-west-1.amazonaws.com/key'],
    [PROD_EU, 'https://s3.dualstack.us-east-1.amazonaws.com/bucket/key'],
    [PROD_EU, 'https://my-bucket.s3.dualstack.us-east-1.amazonaws.com/key'],
    [PROD_EU, 'https://tortuga-prod-na.s3-external-1.amazonaws.com/key'],
    [LOCAL, 'http://127.0.0.1:4510/s3/bucket/key'],
    [HOSTED, 'https://spapi.example.net/s3/bucket/key'],
  ];
  const refused: [Endpoint, string][] = [
    [PROD_EU, 'http://s3.amazonaws.com/bucket/key'],
    [PROD_EU, 'https://s3.amazonaws.com:8443/bucket/key'],
    [PROD_EU, 'https://s3.amazonaws.com.evil.example/bucket/key'],
    [PROD_EU, 'https://evil.example/s3.amazonaws.com/key'],
    [PROD_EU, 'https://s3.evil-1.amazonaws.com/key'],
    [PROD_EU, 'https://ec2.eu-west-1.amazonaws.com/key'],
    [PROD_EU, 'https://user:pw@s3.amazonaws.com/bucket/key'],
    [PROD_EU, 'http://127.0.0.1:4510/s3/bucket/key'],
    [PROD_EU, 'file:///etc/passwd'],
    [PROD_EU, 'not a url'],
    [LOCAL, 'http://127.0.0.1:4511/s3/bucket/key'],
    [LOCAL, 'https://s3.amazonaws.com/bucket/key'],
    [HOSTED, 'http://spapi.example.net/s3/bucket/key'],
    [HOSTED, 'https://other.example.net/s3/bucket/key'],
  ];
  it.each(allowed)('%j allows %s', (endpoint, url) => {
    expect(target({ kind: 's3', endpoint, uploadUrl: url })).toBe(new URL(url).href);
  });
  it.each(refused)('%j refuses %s', (endpoint, url) => {
    expect(() => target({ kind: 's3', endpoint, uploadUrl: url })).toThrow(EgressRefused);
  });
  it('a refused upload sends nothing and names only the host', async () => {
    const seen: string[] = [];
    const err = await exchange(
      { kind: 's3', endpoint: PROD_EU, uploadUrl: 'http://uploads.example.com/k?X-Amz-Signature=secret' },
      { method: 'PUT', body: 'x' },
      { fetch: async (url) => (seen.push(url), new Response('')) },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ key: 'egress_s3_refused', host: 'uploads.example.com' });
    expect(String((err as Error).message)).not.toContain('secret');
    expect(seen).toEqual([]);
  });
});

describe('SQS', () => {
  it.each([
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders', 'https://sqs.eu-west-1.amazonaws.com/'],
    ['https://eu-west-1.queue.amazonaws.com/123456789012/orders.fifo', 'https://eu-west-1.queue.amazonaws.com/'],
    ['http://127.0.0.1:4510/sqs/123456789012/orders', 'http://127.0.0.1:4510/'],
    ['http://localhost:4510/123456789012/orders', 'http://localhost:4510/'],
  ])('%s → POST %s', (queueUrl, url) => {
    expect(target({ kind: 'sqs', queueUrl })).toBe(url);
  });
  it.each([
    ['http://sqs.eu-west-1.amazonaws.com/123456789012/orders', 'nui_queue_url_https'],
    ['https://queue.example.com/123456789012/orders', 'nui_queue_url_host'],
    ['https://sqs.eu-west-1.amazonaws.com.evil.example/123456789012/orders', 'nui_queue_url_host'],
    ['https://sqs.nowhere.amazonaws.com/123456789012/orders', 'nui_queue_url_host'],
    ['https://sqs.eu-west-1.amazonaws.com:444/123456789012/orders', 'nui_queue_url_host'],
    ['https://sqs.eu-west-1.amazonaws.com/prefix/123456789012/orders', 'nui_queue_url_invalid'],
    ['https://sqs.eu-west-1.amazonaws.com/12345/orders', 'nui_queue_url_invalid'],
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders?x=1', 'nui_queue_url_invalid'],
    ['http://10.0.0.5/123456789012/orders', 'nui_queue_url_https'],
    ['queue', 'nui_queue_url_invalid'],
  ])('refuses %s (%s)', (queueUrl, key) => {
    expect(() => target({ kind: 'sqs', queueUrl })).toThrow(expect.objectContaining({ key }));
  });
});

describe('one rule each', () => {
  it.each([
    ['localhost', true], ['LOCALHOST', true], ['sandbox.localhost', true], ['127.0.0.1', true], ['127.8.9.10', true], ['[::1]', true],
    ['127.0.0.256', false], ['127.0.0', false], ['localhost.example.com', false], ['128.0.0.1', false], ['10.0.0.1', false], ['::1', false],
  ])('loopback %s: %s', (host, yes) => {
    expect(isLoopbackHost(host)).toBe(yes);
  });
  it('regions, order ids, S3 hosts', () => {
    expect(['us-east-1', 'eu-west-1', 'us-gov-west-1'].every(isAwsRegion)).toBe(true);
    expect(['useast1', 'EU-WEST-1', 'eu-west', ''].some(isAwsRegion)).toBe(false);
    expect(isOrderId('902-3159896-1390916')).toBe(true);
    expect(isOrderId('902-3159896-139091')).toBe(false);
    expect(isAmazonS3Host('s3.amazonaws.com')).toBe(true);
    expect(isAmazonS3Host('s3.amazonaws.co')).toBe(false);
  });
});

describe('retries', () => {
  const spErr = (status: number) => new SpApiError(status, 'X', 'x', 'op', undefined, undefined);
  it.each([500, 502, 503, 504])('a %i to a call that must not repeat is "may have arrived", never retried', (status) => {
    const err = spErr(status);
    expect(retryVerdict(err, false)).toBeUndefined();
    expect(err).toMatchObject({ outcomeUnknown: true, retryable: false });
  });
  it('429 is retried whatever the call; offline and cancel never', () => {
    expect(retryVerdict(spErr(429), false)).toBe('throttled');
    expect(retryVerdict(spErr(503), true)).toBe('unavailable');
    expect(retryVerdict(new NetworkError('offline', false, 'x'), true)).toBeUndefined();
    expect(retryVerdict(new NetworkError('aborted', true, 'x'), true)).toBeUndefined();
    expect(retryVerdict(new NetworkError('failed', false, 'x'), false)).toBe('network');
    expect(retryVerdict(spErr(400), true)).toBeUndefined();
  });
  it('waits Retry-After when given, else backoff with jitter, and gives up after the last attempt', async () => {
    const waits: number[] = [];
    let n = 0;
    const err = Object.assign(spErr(429), { retryAfterMs: 1234 });
    await expect(
      withRetries(async () => {
        n++;
        throw n === 1 ? err : spErr(502);
      }, { maxAttempts: 3, idempotent: true, random: () => 0.5, sleep: async (ms) => void waits.push(ms) }),
    ).rejects.toMatchObject({ status: 502 });
    expect(n).toBe(3);
    expect(waits).toEqual([1234, 1000]);
  });
  it('a Retry-After beyond the limit goes to the caller', async () => {
    let n = 0;
    await expect(
      withRetries(async () => {
        n++;
        throw Object.assign(spErr(429), { retryAfterMs: 120_000 });
      }, { maxAttempts: 3, idempotent: true, maxRetryWaitMs: 60_000, sleep: async () => undefined }),
    ).rejects.toMatchObject({ status: 429 });
    expect(n).toBe(1);
  });
});
