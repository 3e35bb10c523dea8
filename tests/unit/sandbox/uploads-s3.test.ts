import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ORDERS } from '../../sandbox/server';
import { call, control, md5Base64, sellerToken, withSandbox } from './helpers';

let base: string;
let token: string;

withSandbox((s) => {
  base = s.url;
});
beforeEach(async () => {
  token = await sellerToken(base);
});

const US = 'ATVPDKIKX0DER';
const FILE = Buffer.from('%PDF-1.4\nOrder Courier test invoice\n%%EOF\n');
const resource = (segment = 'invoice', id: string = SANDBOX_ORDERS.us) => `messaging/v1/orders/${id}/messages/${segment}`;

async function destination(contentMD5 = md5Base64(FILE), segment = 'invoice') {
  const query = new URLSearchParams({ marketplaceIds: US, contentMD5, contentType: 'application/pdf' });
  return call(base, `/uploads/2020-11-01/uploadDestinations/${resource(segment)}?${query}`, { method: 'POST', token });
}

async function put(url: string, body: Buffer, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(body), headers: { 'content-type': 'application/pdf', ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('createUploadDestinationForResource', () => {
  it('returns a presigned PUT URL on this origin and the headers to send', async () => {
    const res = await destination();
    expect(res.status).toBe(201);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('10');
    const { uploadDestinationId, url, headers } = res.body.payload;
    expect(uploadDestinationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers).toEqual({ 'Content-MD5': md5Base64(FILE), 'x-amz-server-side-encryption': 'AES256' });
    const parsed = new URL(url);
    expect(parsed.origin).toBe(base);
    expect(parsed.pathname).toMatch(/^\/s3\//);
    expect(Object.fromEntries(parsed.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Expires': '900', 'X-Amz-SignedHeaders': 'content-md5;host;x-amz-server-side-encryption',
    });
    expect(parsed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a hex digest', 'e3b0c44298fc1c149afbf4c8996fb924', /hex digest/],
    ['Base64 of a hex digest', Buffer.from('e3b0c44298fc1c149afbf4c8996fb924').toString('base64'), /Base64 of a hex digest/],
    ['garbage', 'abc', /not the Base64 encoding/],
  ])('refuses contentMD5 given as %s', async (_name, md5, details) => {
    const res = await destination(md5);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('InvalidInput');
    expect(res.body.errors[0].details).toMatch(details);
  });

  it('refuses missing query parameters and non-messaging resources', async () => {
    const noMd5 = await call(base, `/uploads/2020-11-01/uploadDestinations/${resource()}?marketplaceIds=${US}`, { method: 'POST', token });
    expect(noMd5.status).toBe(400);
    expect(noMd5.body.errors[0].details).toContain('contentMD5');
    const aplus = await call(base, `/uploads/2020-11-01/uploadDestinations/aplus/2020-11-01/contentDocuments?marketplaceIds=${US}&contentMD5=${encodeURIComponent(md5Base64(FILE))}`, { method: 'POST', token });
    expect(aplus.status).toBe(400);
  });
});

describe('S3 PUT to the presigned URL', () => {
  it('stores the bytes and answers 200 with the hex MD5 as ETag', async () => {
    const { url, headers, uploadDestinationId } = (await destination()).body.payload;
    const res = await put(url, FILE, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${Buffer.from(md5Base64(FILE), 'base64').toString('hex')}"`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const objects = (await control(base, 'objects?includeData=true')).body;
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ uploadDestinationId, size: FILE.length, contentType: 'application/pdf' });
    expect(Buffer.from(objects[0].dataBase64, 'base64').equals(FILE)).toBe(true);
  });

  it('answers BadDigest when the body does not match Content-MD5', async () => {
    const { url, headers } = (await destination()).body.payload;
    const res = await put(url, Buffer.from('something else'), headers);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Code>BadDigest</Code>');
    expect((await control(base, 'objects')).body).toEqual([]);
  });

  it('answers InvalidDigest for a malformed Content-MD5 header', async () => {
    const { url, headers } = (await destination()).body.payload;
    const res = await put(url, FILE, { ...headers, 'Content-MD5': 'not-base64!' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Code>InvalidDigest</Code>');
  });

  it('answers SignatureDoesNotMatch for a tampered signature', async () => {
    const { url, headers } = (await destination()).body.payload;
    const tampered = new URL(url);
    const sig = tampered.searchParams.get('X-Amz-Signature') ?? '';
    tampered.searchParams.set('X-Amz-Signature', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    const res = await put(tampered.toString(), FILE, headers);
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers SignatureDoesNotMatch when a signed header is left out or changed', async () => {
    const { url, headers } = (await destination()).body.payload;
    const withoutSse = await put(url, FILE, { 'Content-MD5': headers['Content-MD5'] });
    expect(withoutSse.status).toBe(403);
    expect(withoutSse.text).toContain('SignatureDoesNotMatch');
    const otherMd5 = md5Base64('other');
    const changed = await put(url, Buffer.from('other'), { ...headers, 'Content-MD5': otherMd5 });
    expect(changed.status).toBe(403);
    expect(changed.text).toContain('SignatureDoesNotMatch');
  });

  it('refuses an expired URL with AccessDenied "Request has expired"', async () => {
    const { url, headers } = (await destination()).body.payload;
    await control(base, 'clock', { advanceMs: 901_000 });
    const res = await put(url, FILE, headers);
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Code>AccessDenied</Code>');
    expect(res.text).toContain('Request has expired');
  });

  it('refuses POST with 405 and answers a CORS preflight', async () => {
    const { url } = (await destination()).body.payload;
    const post = await fetch(url, { method: 'POST', body: new Uint8Array(FILE) });
    expect(post.status).toBe(405);
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-md5,x-amz-server-side-encryption,x-amz-meta-custom' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-meta-custom');
    expect(preflight.headers.get('access-control-expose-headers')).toContain('ETag');
  });
});

describe('attachments in messages', () => {
  it('sends an invoice whose attachment was uploaded', async () => {
    const { url, headers, uploadDestinationId } = (await destination()).body.payload;
    expect((await put(url, FILE, headers)).status).toBe(200);
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/invoice?marketplaceIds=${US}`, {
      token, json: { attachments: [{ uploadDestinationId, fileName: 'Invoice 1001.pdf' }] },
    });
    expect(res.status).toBe(201);
    const [message] = (await control(base, 'messages')).body;
    expect(message.attachments).toEqual([{ uploadDestinationId, fileName: 'Invoice 1001.pdf', size: FILE.length, contentType: 'application/pdf' }]);
  });

  it('refuses an attachment whose destination was created but never uploaded to', async () => {
    const { uploadDestinationId } = (await destination()).body.payload;
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/legalDisclosure?marketplaceIds=${US}`, {
      token, json: { attachments: [{ uploadDestinationId, fileName: 'Terms.pdf' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(`Attachment with ID ${uploadDestinationId} does not exist.`);
  });

  it('refuses an attachment whose upload failed', async () => {
    const { url, headers, uploadDestinationId } = (await destination()).body.payload;
    await put(url, Buffer.from('corrupted'), headers); // BadDigest: nothing stored
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/invoice?marketplaceIds=${US}`, {
      token, json: { attachments: [{ uploadDestinationId, fileName: 'Invoice.pdf' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ code: 'InvalidInput', message: `Attachment with ID ${uploadDestinationId} does not exist.`, details: '' }] });
    expect((await control(base, 'messages')).body).toEqual([]);
  });

  it('refuses file types Amazon does not accept', async () => {
    const { url, headers, uploadDestinationId } = (await destination()).body.payload;
    await put(url, FILE, headers);
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/invoice?marketplaceIds=${US}`, {
      token, json: { attachments: [{ uploadDestinationId, fileName: 'invoice.exe' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details).toMatch(/\.pdf/);
  });
});
