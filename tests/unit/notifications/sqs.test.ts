import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSqsClient, explainSqsError, SqsError } from '../../../lib/notifications/sqs';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-courier';
const KEY_ID = 'AKIDEXAMPLE0000TEST';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETTEST';

/** The part of a DeleteMessageBatch body the fake answers from. */
interface BatchBody {
  Entries: { Id: string; ReceiptHandle: string }[];
}

interface Captured {
  request: Request;
  body: string;
}

/** A fetch that records what it is given and answers from a list (or a function). */
function fakeFetch(answers: (Response | Error)[] | ((body: BatchBody) => Response)) {
  const captured: Captured[] = [];
  const fetch = async (request: Request) => {
    const body = await request.clone().text();
    captured.push({ request, body });
    const answer = typeof answers === 'function' ? answers(JSON.parse(body)) : answers.shift();
    if (!answer) throw new Error('no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, captured };
}

const json = (status: number, value: unknown) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/x-amz-json-1.0' } });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** SigV4 checked from the specification with node:crypto, independently of aws4fetch. */
function verifySigV4(request: Request, body: string, secret: string) {
  const auth = request.headers.get('authorization') ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return { valid: false, reason: `bad Authorization: ${auth}` };
  const [, keyId, date = '', region = '', service = '', signedHeaders = '', signature] = match;
  const url = new URL(request.url);
  const headerLines = signedHeaders
    .split(';')
    .map((h) => `${h}:${h === 'host' ? url.host : (request.headers.get(h) ?? '').trim()}\n`)
    .join('');
  const canonical = [request.method, url.pathname, url.search.slice(1), headerLines, signedHeaders, sha256(body)].join('\n');
  const amzDate = request.headers.get('x-amz-date') ?? '';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${date}/${region}/${service}/aws4_request`, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, toSign).toString('hex');
  return { valid: expected === signature, keyId, region, service, signedHeaders: signedHeaders.split(';') };
}

describe('receive', () => {
  it('sends a SigV4-signed JSON-protocol ReceiveMessage to the root of the queue host, naming the queue in the body', async () => {
    const { fetch, captured } = fakeFetch([json(200, {})]);
    const sqs = createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch });
    await sqs.receive({ waitTimeSeconds: 20, maxMessages: 10 });

    const [{ request, body }] = captured as [Captured];
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${new URL(QUEUE).origin}/`);
    expect(request.headers.get('x-amz-target')).toBe('AmazonSQS.ReceiveMessage');
    expect(request.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(body)).toEqual({ QueueUrl: QUEUE, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: 60 });

    const check = verifySigV4(request, body, SECRET);
    expect(check).toMatchObject({ valid: true, keyId: KEY_ID, region: 'eu-west-1', service: 'sqs' });
    expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target']));
  });

  it('the signature check fails for a changed body or another secret (so the test above can fail)', async () => {
    const { fetch, captured } = fakeFetch([json(200, {})]);
    await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive();
    const [{ request, body }] = captured as [Captured];
    expect(verifySigV4(request, body.replace('60', '61'), SECRET).valid).toBe(false);
    expect(verifySigV4(request, body, `${SECRET}x`).valid).toBe(false);
  });

  it('signs the session token of temporary credentials', async () => {
    const { fetch, captured } = fakeFetch([json(200, {})]);
    await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: 'TOKEN123', fetch }).receive();
    const [{ request, body }] = captured as [Captured];
    expect(request.headers.get('x-amz-security-token')).toBe('TOKEN123');
    expect(verifySigV4(request, body, SECRET).signedHeaders).toContain('x-amz-security-token');
  });

  it('keeps the limits SQS enforces', async () => {
    const { fetch, captured } = fakeFetch([json(200, {})]);
    await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive({ waitTimeSeconds: 60, maxMessages: 50 });
    expect(JSON.parse(captured[0]!.body)).toMatchObject({ MaxNumberOfMessages: 10, WaitTimeSeconds: 20 });
  });

  it('reads the messages of a ReceiveMessage answer', async () => {
    const { fetch } = fakeFetch([
      json(200, {
        Messages: [
          { MessageId: 'm-1', ReceiptHandle: 'rh-1', MD5OfBody: 'x', Body: '{"a":1}' },
          { MessageId: 'm-2', ReceiptHandle: 'rh-2', MD5OfBody: 'y', Body: 'plain' },
        ],
      }),
    ]);
    const sqs = createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch });
    expect(await sqs.receive()).toEqual([
      { messageId: 'm-1', receiptHandle: 'rh-1', body: '{"a":1}' },
      { messageId: 'm-2', receiptHandle: 'rh-2', body: 'plain' },
    ]);
  });

  it('an empty queue gives an empty list', async () => {
    const { fetch } = fakeFetch([json(200, {})]);
    expect(await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive()).toEqual([]);
  });

  it('hands an abort back unchanged', async () => {
    const controller = new AbortController();
    const fetch = async (request: Request) =>
      new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    const sqs = createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch });
    const pending = sqs.receive({ signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('errors', () => {
  it.each([
    [400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' }, 'QueueDoesNotExist', 'ntf_sqs_err_queue_missing'],
    [403, { __type: 'com.amazon.coral.service#InvalidSignatureException', message: 'The request signature we calculated does not match' }, 'InvalidSignatureException', 'ntf_sqs_err_signature'],
    [403, { __type: 'com.amazon.coral.service#AccessDeniedException', Message: 'not authorized' }, 'AccessDeniedException', 'ntf_sqs_err_access_denied'],
    [403, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'invalid token' }, 'UnrecognizedClientException', 'ntf_sqs_err_unknown_key'],
    [400, { __type: 'com.amazonaws.sqs#KmsAccessDenied', message: 'kms' }, 'KmsAccessDenied', 'ntf_sqs_err_kms'],
    [500, { __type: 'com.amazonaws.sqs#InternalError', message: 'oops' }, 'InternalError', 'ntf_sqs_err_unavailable'],
    [418, { unexpected: true }, 'HTTP418', 'ntf_sqs_err_unknown'],
  ])('HTTP %i %j → %s', async (status, answer, code, key) => {
    const { fetch } = fakeFetch([json(status, answer)]);
    const sqs = createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch });
    const error = await sqs.receive().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqsError);
    expect(error).toMatchObject({ code, status });
    expect(explainSqsError(error)).toBe(key);
  });

  it('reads the code from an XML error body', async () => {
    const xml = '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource is denied.</Message></Error></ErrorResponse>';
    const { fetch } = fakeFetch([new Response(xml, { status: 403 })]);
    const error = await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AccessDenied', message: 'Access to the resource is denied.' });
    expect(explainSqsError(error)).toBe('ntf_sqs_err_access_denied');
  });

  it('turns a failed connection into NetworkError', async () => {
    const { fetch } = fakeFetch([new TypeError('fetch failed')]);
    const error = await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NetworkError', status: 0 });
    expect(explainSqsError(error)).toBe('ntf_sqs_err_network');
  });

  it('refuses an answer that is not JSON', async () => {
    const { fetch } = fakeFetch([new Response('<html>', { status: 200 })]);
    const error = await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).receive().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BadResponse' });
  });

  it('explains anything that is not an SqsError as unknown', () => {
    expect(explainSqsError(new Error('x'))).toBe('ntf_sqs_err_unknown');
  });

  it('never exposes the secret key', async () => {
    const { fetch } = fakeFetch([json(403, { __type: 'com.amazon.coral.service#InvalidSignatureException', message: 'no' })]);
    const sqs = createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch });
    const error = await sqs.receive().catch((e: unknown) => e);
    for (const text of [JSON.stringify(sqs), inspect(sqs, { depth: 5, showHidden: true }), String(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain(SECRET);
    }
  });
});

describe('queue URL and region', () => {
  it('takes the region from a standard host', () => {
    expect(createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET }).region).toBe('eu-west-1');
  });

  it('needs an explicit region for the local sandbox, and signs with it', async () => {
    const local = 'http://127.0.0.1:4510/sqs/123456789012/orders';
    expect(() => createSqsClient({ queueUrl: local, accessKeyId: KEY_ID, secretAccessKey: SECRET })).toThrow(SqsError);
    const { fetch, captured } = fakeFetch([json(200, {})]);
    await createSqsClient({ queueUrl: local, accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-east-1', fetch }).receive();
    expect(captured[0]!.request.url).toBe('http://127.0.0.1:4510/');
    expect(JSON.parse(captured[0]!.body)).toMatchObject({ QueueUrl: local });
    expect(verifySigV4(captured[0]!.request, captured[0]!.body, SECRET)).toMatchObject({ valid: true, region: 'us-east-1' });
  });

  it('refuses plain http to anything but this machine, and non-URLs', () => {
    expect(() => createSqsClient({ queueUrl: 'http://sqs.eu-west-1.amazonaws.com/1/q', accessKeyId: KEY_ID, secretAccessKey: SECRET })).toThrow(/https/);
    expect(() => createSqsClient({ queueUrl: 'queue', accessKeyId: KEY_ID, secretAccessKey: SECRET })).toThrow(SqsError);
    // A look-alike queue on another host could feed forged ORDER_CHANGE alerts.
    expect(() => createSqsClient({ queueUrl: 'https://queue.example.com/123456789012/orders', accessKeyId: KEY_ID, secretAccessKey: SECRET })).toThrow(/Amazon SQS host/);
  });
});

describe('delete', () => {
  it('deleteMessage sends DeleteMessage with the receipt handle', async () => {
    const { fetch, captured } = fakeFetch([json(200, {})]);
    await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).deleteMessage('rh-1');
    expect(captured[0]!.request.headers.get('x-amz-target')).toBe('AmazonSQS.DeleteMessage');
    expect(JSON.parse(captured[0]!.body)).toEqual({ QueueUrl: QUEUE, ReceiptHandle: 'rh-1' });
  });

  it('deleteBatch sends groups of ten and reports each handle', async () => {
    const { fetch, captured } = fakeFetch((req) => {
      const entries = req.Entries;
      // Refuse one handle to see the failure mapped back to it.
      const failed = entries.filter((e) => e.ReceiptHandle === 'h12');
      return json(200, {
        Successful: entries.filter((e) => !failed.includes(e)).map((e) => ({ Id: e.Id })),
        Failed: failed.map((e) => ({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'bad' })),
      });
    });
    const handles = Array.from({ length: 23 }, (_, i) => `h${i}`);
    const result = await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).deleteBatch(handles);
    expect(captured.map((c) => JSON.parse(c.body).Entries.length)).toEqual([10, 10, 3]);
    expect(captured.every((c) => c.request.headers.get('x-amz-target') === 'AmazonSQS.DeleteMessageBatch')).toBe(true);
    expect(result.deleted).toEqual(handles.filter((h) => h !== 'h12'));
    expect(result.failed).toEqual([{ receiptHandle: 'h12', code: 'ReceiptHandleIsInvalid', message: 'bad' }]);
  });

  it('deleteBatch reports a failed request for every handle in it, without throwing', async () => {
    const { fetch } = fakeFetch([json(403, { __type: 'com.amazon.coral.service#AccessDeniedException', message: 'no' })]);
    const result = await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).deleteBatch(['a', 'b']);
    expect(result.deleted).toEqual([]);
    expect(result.failed.map((f) => [f.receiptHandle, f.code])).toEqual([
      ['a', 'AccessDeniedException'],
      ['b', 'AccessDeniedException'],
    ]);
  });

  it('deleteBatch with nothing to delete makes no request', async () => {
    const { fetch, captured } = fakeFetch([]);
    expect(await createSqsClient({ queueUrl: QUEUE, accessKeyId: KEY_ID, secretAccessKey: SECRET, fetch }).deleteBatch([])).toEqual({ deleted: [], failed: [] });
    expect(captured).toEqual([]);
  });
});
