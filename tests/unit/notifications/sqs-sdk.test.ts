/**
 * The extension's SQS requests against the ones the official AWS SDK builds for the same calls: same
 * method, path, X-Amz-Target, content type and body. The SDK is captured at its request handler, so
 * nothing leaves the process; then it is run against the local sandbox, so the sandbox accepts what real
 * clients send.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSqsClient } from '../../../lib/notifications/sqs';
import { SANDBOX_AWS, SANDBOX_QUEUE, type Sandbox } from '../../sandbox/server';
import { withSandbox } from '../sandbox/helpers';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-courier-orders';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

interface Seen {
  method: string;
  url: string;
  target: string | null;
  contentType: string | null;
  body: unknown;
}

async function sdkRequest(send: (client: SQSClient) => Promise<unknown>): Promise<Seen> {
  let seen: Seen | undefined;
  const client = new SQSClient({
    region: 'eu-west-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { method: string; protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body?: string }) {
        const header = (name: string) => Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
        seen = {
          method: request.method,
          url: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`,
          target: header('x-amz-target'),
          contentType: header('content-type'),
          body: JSON.parse(String(request.body)),
        };
        const body = Readable.from([Buffer.from('{}')]);
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body } };
      },
    } as never,
  });
  await send(client).catch(() => undefined);
  client.destroy();
  if (!seen) throw new Error('the SDK sent nothing');
  return seen;
}

async function extensionRequest(run: (sqs: ReturnType<typeof createSqsClient>) => Promise<unknown>): Promise<Seen> {
  let seen: Seen | undefined;
  const sqs = createSqsClient({
    queueUrl: QUEUE,
    ...CREDENTIALS,
    fetch: async (request: Request) => {
      seen = {
        method: request.method,
        url: request.url,
        target: request.headers.get('x-amz-target'),
        contentType: request.headers.get('content-type'),
        body: JSON.parse(await request.text()),
      };
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' } });
    },
  });
  await run(sqs);
  if (!seen) throw new Error('the extension sent nothing');
  return seen;
}

describe('the extension sends what the AWS SDK sends', () => {
  it('ReceiveMessage', async () => {
    const sdk = await sdkRequest((c) =>
      c.send(new ReceiveMessageCommand({ QueueUrl: QUEUE, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: 60 })),
    );
    const ours = await extensionRequest((s) => s.receive({ maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 }));
    expect(sdk).toMatchObject({ method: 'POST', url: 'https://sqs.eu-west-1.amazonaws.com/', target: 'AmazonSQS.ReceiveMessage' });
    expect(ours).toEqual(sdk);
  });

  it('DeleteMessageBatch', async () => {
    const entries = [
      { Id: 'm0', ReceiptHandle: 'AQEB-first' },
      { Id: 'm1', ReceiptHandle: 'AQEB-second' },
    ];
    const sdk = await sdkRequest((c) => c.send(new DeleteMessageBatchCommand({ QueueUrl: QUEUE, Entries: entries })));
    const ours = await extensionRequest((s) => s.deleteBatch(entries.map((e) => e.ReceiptHandle)));
    expect(sdk.target).toBe('AmazonSQS.DeleteMessageBatch');
    expect(ours).toEqual(sdk);
  });
});

describe('the local sandbox accepts the official client', () => {
  let sandbox: Sandbox;
  withSandbox((s) => {
    sandbox = s;
  });

  it('sends, receives and deletes through the SDK with the queue URL as its only address', async () => {
    const client = new SQSClient({
      region: SANDBOX_QUEUE.region,
      credentials: { accessKeyId: SANDBOX_AWS.accessKeyId, secretAccessKey: SANDBOX_AWS.secretAccessKey },
      maxAttempts: 1,
    });
    try {
      const queueUrl = sandbox.queueUrl;
      const sent = await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' })).catch((e: Error) => e);
      // SendMessage is not part of the sandbox (Amazon publishes, the extension only reads); anything but
      // a routing or signature failure shows the request reached the SQS handler and was verified.
      expect(String((sent as Error).name ?? '')).toMatch(/UnknownOperation/);
      const published = await fetch(`${sandbox.url}/__control/sqs/publish`, { method: 'POST', body: JSON.stringify({ body: 'hello from Amazon', allowInvalid: true }) });
      expect(published.status).toBe(200);
      const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0, MaxNumberOfMessages: 10 }));
      expect(received.Messages?.map((m) => m.Body)).toEqual(['hello from Amazon']);
      const handles = (received.Messages ?? []).map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle! }));
      const deleted = await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handles }));
      expect(deleted.Successful?.map((s) => s.Id)).toEqual(['m0']);
      expect(deleted.Failed ?? []).toEqual([]);
      expect(sandbox.log().filter((e) => e.service === 'sqs').map((e) => [e.operation, e.method, e.path, e.status])).toEqual([
        ['SendMessage', 'POST', '/', 400],
        ['ReceiveMessage', 'POST', '/', 200],
        ['DeleteMessageBatch', 'POST', '/', 200],
      ]);
    } finally {
      client.destroy();
    }
  });
});
