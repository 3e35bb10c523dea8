import { EgressRefused } from '../../../lib/net/egress';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeResourcePath, explainError, NetworkError, S3UploadError, uploadToS3 } from '../../../lib/spapi';
import { fakeFetch, json, setup, virtualClock, type Seen } from './helpers';

const ORDER = '902-1845936-5435065';
const FILE = new TextEncoder().encode('%PDF-1.4 invoice');
const MD5 = createHash('md5').update(FILE).digest('base64');
const BODY: ArrayBuffer = FILE.buffer;
const S3_URL = 'https://tortuga-prod-na.s3-external-1.amazonaws.com/abc/def?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature=f00';

function s3Error(status: number, code: string, message: string) {
  return {
    status,
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R1</RequestId></Error>`,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'R1' },
  };
}

describe('createUploadDestinationForResource', () => {
  it('sends contentMD5, marketplaceIds and contentType as query, the resource as path', async () => {
    const seen: Seen[] = [];
    const { api } = setup((req) => {
      seen.push(req);
      return json(201, { payload: { uploadDestinationId: 'amzn1.tortuga.1', url: S3_URL, headers: { 'Content-MD5': MD5 } } });
    });
    const dest = await api.createUploadDestinationForResource({
      resource: `/messaging/v1/orders/${ORDER}/messages/invoice`,
      marketplaceId: 'A1PA6795UKMFR9',
      contentMD5: MD5,
      contentType: 'application/pdf',
    });
    expect(dest).toEqual({ uploadDestinationId: 'amzn1.tortuga.1', url: S3_URL, headers: { 'Content-MD5': MD5 } });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.url.pathname).toBe(`/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/${ORDER}/messages/invoice`);
    expect(Object.fromEntries(req.url.searchParams)).toEqual({
      marketplaceIds: 'A1PA6795UKMFR9',
      contentMD5: MD5,
      contentType: 'application/pdf',
    });
    expect(req.body).toBeUndefined();
    expect(req.headers['content-md5']).toBeUndefined();
  });

  it('treats headers: null as no headers', async () => {
    const { api } = setup(() => json(201, { payload: { uploadDestinationId: 'u', url: S3_URL, headers: null } }));
    const dest = await api.createUploadDestinationForResource({ resource: 'messaging/v1/orders/1/messages/invoice', marketplaceId: 'X', contentMD5: MD5 });
    expect(dest.headers).toEqual({});
  });

  it('refuses a hex MD5 before asking Amazon', async () => {
    const { api, server } = setup(() => json(201, {}));
    const hex = createHash('md5').update(FILE).digest('hex');
    await expect(
      api.createUploadDestinationForResource({ resource: 'messaging/v1/orders/1/messages/invoice', marketplaceId: 'X', contentMD5: hex }),
    ).rejects.toThrow(/Base64/);
    expect(server.calls).toHaveLength(0);
  });

  it('a 201 without url is UnexpectedResponse', async () => {
    const { api } = setup(() => json(201, { payload: { uploadDestinationId: 'u' } }));
    await expect(
      api.createUploadDestinationForResource({ resource: 'messaging/v1/orders/1/messages/invoice', marketplaceId: 'X', contentMD5: MD5 }),
    ).rejects.toMatchObject({ code: 'UnexpectedResponse' });
  });

  it('is retried on 500 (creating a destination twice is harmless)', async () => {
    let n = 0;
    const { api, spapiCalls } = setup(() =>
      ++n === 1 ? { status: 500, text: '' } : json(201, { payload: { uploadDestinationId: 'u', url: S3_URL } }),
    );
    await api.createUploadDestinationForResource({ resource: 'messaging/v1/orders/1/messages/invoice', marketplaceId: 'X', contentMD5: MD5 });
    expect(spapiCalls()).toHaveLength(2);
  });

  it('encodes each resource segment but keeps the slashes', () => {
    expect(encodeResourcePath('//messaging/v1/orders/a b/messages/x?y')).toBe('messaging/v1/orders/a%20b/messages/x%3Fy');
  });
});

describe('uploadToS3', () => {
  const clock = virtualClock();
  const opts = (fetch: ReturnType<typeof fakeFetch>['fetch']) => ({ endpoint: { kind: 'production', region: 'NA' } as const, fetch, sleep: clock.sleep, random: () => 0.5 });

  it('PUTs the raw bytes with exactly the returned headers, adding Content-MD5 only when missing', async () => {
    const server = fakeFetch(() => ({ status: 200 }));
    const amazonHeaders = { 'Content-MD5': MD5, 'x-amz-server-side-encryption': 'AES256', 'Content-Type': 'application/pdf' };
    await uploadToS3({ url: S3_URL, headers: amazonHeaders, body: FILE.buffer, contentMD5: MD5, contentType: 'text/plain' }, opts(server.fetch));
    const put = server.calls[0]!;
    expect(put.method).toBe('PUT');
    expect(put.url.href).toBe(S3_URL);
    expect(put.headers).toEqual({ 'content-md5': MD5, 'x-amz-server-side-encryption': 'AES256', 'content-type': 'application/pdf' });
    expect(put.rawBody).toBe(FILE.buffer);
  });

  it('adds Content-MD5 and the given Content-Type when Amazon returned no headers; never an access token', async () => {
    const server = fakeFetch(() => ({ status: 200 }));
    const blob = new Blob([FILE]);
    await uploadToS3({ url: S3_URL, headers: {}, body: blob, contentMD5: MD5, contentType: 'application/pdf' }, opts(server.fetch));
    expect(server.calls[0]?.headers).toEqual({ 'content-md5': MD5, 'content-type': 'application/pdf' });
    expect(server.calls[0]?.rawBody).toBe(blob);
  });

  it.each([
    [400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', 'spapi_s3_digest', false],
    [400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', 'spapi_s3_digest', false],
    [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 'spapi_s3_signature', false],
    [403, 'AccessDenied', 'Request has expired', 'spapi_s3_expired', true],
    [403, 'AccessDenied', 'Access Denied', 'spapi_s3_failed', false],
  ])('%i %s becomes S3UploadError (%s), not retried', async (status, code, message, key, expired) => {
    const server = fakeFetch(() => s3Error(status, code, message));
    const err = await uploadToS3({ url: S3_URL, headers: {}, body: BODY, contentMD5: MD5 }, opts(server.fetch)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3UploadError);
    expect(err).toMatchObject({ status, code, message, expired, requestId: 'R1' });
    expect(server.calls).toHaveLength(1);
    expect(explainError(err).key).toBe(key);
  });

  it('retries 5xx and network failures (a PUT is idempotent)', async () => {
    let n = 0;
    const server = fakeFetch(() => {
      n++;
      if (n === 1) return s3Error(503, 'SlowDown', 'Please reduce your request rate.');
      if (n === 2) return { fail: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }) };
      return { status: 200 };
    });
    await uploadToS3({ url: S3_URL, headers: {}, body: BODY, contentMD5: MD5 }, opts(server.fetch));
    expect(server.calls).toHaveLength(3);
  });

  it('a persistent network failure ends as NetworkError', async () => {
    const server = fakeFetch(() => ({ fail: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }) }));
    const err = await uploadToS3({ url: S3_URL, headers: {}, body: BODY, contentMD5: MD5 }, opts(server.fetch)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(server.calls).toHaveLength(3);
  });

  it('is reachable through the client, using the injected fetch', async () => {
    const { api, server } = setup(() => ({ status: 200 }));
    await api.uploadToS3({ url: S3_URL, headers: {}, body: BODY, contentMD5: MD5 });
    expect(server.calls.map((c) => c.method)).toEqual(['PUT']);
    expect(server.calls[0]?.headers['x-amz-access-token']).toBeUndefined();
  });

  it('refuses a non-Base64 digest, and any upload URL that is not Amazon S3 over https', async () => {
    const server = fakeFetch(() => ({ status: 200 }));
    await expect(uploadToS3({ url: S3_URL, headers: {}, body: BODY, contentMD5: 'abc' }, opts(server.fetch))).rejects.toThrow(RangeError);
    for (const url of ['file:///etc/passwd', 'http://s3.amazonaws.com/b/k', 'https://uploads.example.com/b/k']) {
      await expect(uploadToS3({ url, headers: {}, body: BODY, contentMD5: MD5 }, opts(server.fetch))).rejects.toThrow(EgressRefused);
    }
    expect(server.calls).toHaveLength(0);
  });
});
