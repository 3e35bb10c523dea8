/**
 * The SQS stand-in: the queue a seller points the extension at. AWS JSON protocol
 * (POST, X-Amz-Target: AmazonSQS.<Action>) with SigV4-verified requests, long polling and
 * visibility timeouts, because that is what a notification reader must cope with.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SANDBOX_AWS, SANDBOX_QUEUE } from './constants';
import type { SandboxReply, SandboxRequest } from './http';
import { header, isRecord, parseJsonBody } from './http';
import { canonicalRequest, parseAmzDate, parseAuthorization, sha256Hex, signature, signaturesEqual, stringToSign } from './sigv4';
import type { SandboxContext } from './state';

export interface SqsMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  invisibleUntil: number;
}

const DEFAULT_VISIBILITY_SECONDS = 30;
const MAX_WAIT_SECONDS = 20;
const CLOCK_SKEW_MS = 15 * 60_000;

export class Queue {
  messages: SqsMessage[] = [];
  private waiters = new Set<() => void>();
  readonly createdAt = Math.floor(Date.now() / 1000);

  constructor(readonly accountId: string, readonly name: string, readonly region: string) {}

  get arn(): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${this.name}`;
  }

  /** Resolves when a message arrives or after `ms`, whichever comes first. */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export class QueueStore {
  private readonly queues = new Map<string, Queue>();
  /** receipt handle → message id; stale handles stay valid for DeleteMessage, as in SQS. */
  private readonly handles = new Map<string, { queue: Queue; messageId: string }>();
  closed = false;

  constructor() {
    this.ensure(SANDBOX_QUEUE.arn);
  }

  /** Returns the queue behind an SQS ARN, creating it (a destination may name any queue). */
  ensure(arn: string): Queue {
    const [, , , region = 'us-east-1', accountId = '', name = ''] = arn.split(':');
    const key = `${accountId}/${name}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue(accountId, name, region);
      this.queues.set(key, queue);
    }
    return queue;
  }

  find(accountId: string, name: string): Queue | undefined {
    return this.queues.get(`${accountId}/${name}`);
  }

  /** The queue by name alone (control API convenience); the first match wins. */
  findByName(name: string): Queue | undefined {
    return [...this.queues.values()].find((q) => q.name === name);
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  publish(queue: Queue, body: string, now: number): SqsMessage {
    const message: SqsMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: createHash('md5').update(body).digest('hex'),
      sentAt: now,
      receiveCount: 0,
      invisibleUntil: 0,
    };
    queue.messages.push(message);
    queue.wake();
    return message;
  }

  issueHandle(queue: Queue, messageId: string): string {
    const handle = `${randomBytes(24).toString('base64url')}${Buffer.from(messageId).toString('base64url')}`;
    this.handles.set(handle, { queue, messageId });
    return handle;
  }

  resolveHandle(handle: string): { queue: Queue; messageId: string } | undefined {
    return this.handles.get(handle);
  }

  close(): void {
    this.closed = true;
    for (const q of this.queues.values()) q.wake();
  }
}

function sqsReply(status: number, value: unknown): SandboxReply {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(value),
    logBody: value,
  };
}

function sqsError(status: number, type: string, message: string): SandboxReply {
  return sqsReply(status, { __type: type, message });
}

const INVALID_SIGNATURE = 'com.amazon.coral.service#InvalidSignatureException';

/** Verifies the SigV4 Authorization header against the demo AWS key; returns an error reply or null. */
function checkSignature(req: SandboxRequest, region: string, now: number): SandboxReply | null {
  const authorization = header(req, 'authorization');
  if (!authorization) return sqsError(403, 'com.amazon.coral.service#MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (!auth) return sqsError(403, 'com.amazon.coral.service#IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature.');
  if (auth.accessKeyId !== SANDBOX_AWS.accessKeyId) {
    return sqsError(403, 'com.amazon.coral.service#UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const date = header(req, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(date);
  if (Number.isNaN(signedAt) || date.slice(0, 8) !== auth.date) {
    return sqsError(403, 'com.amazon.coral.service#IncompleteSignatureException', 'The X-Amz-Date header is missing or does not match the credential scope date.');
  }
  if (Math.abs(now - signedAt) > CLOCK_SKEW_MS) {
    return sqsError(403, INVALID_SIGNATURE, `Signature expired: ${date} is now earlier than ${new Date(now - CLOCK_SKEW_MS).toISOString()}.`);
  }
  if (auth.service !== 'sqs') return sqsError(403, INVALID_SIGNATURE, `Credential should be scoped to correct service: 'sqs'.`);
  if (auth.region !== region) return sqsError(403, INVALID_SIGNATURE, `Credential should be scoped to a valid region, not '${auth.region}'.`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    queryPairs: req.queryPairs,
    headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: headers['x-amz-content-sha256'] ?? sha256Hex(req.body),
    service: 'sqs',
  });
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const expected = signature(SANDBOX_AWS.secretAccessKey, date, auth, stringToSign(date, scope, canonical));
  if (!signaturesEqual(expected, auth.signature)) {
    return sqsError(403, INVALID_SIGNATURE, 'The request signature we calculated does not match the signature you provided.');
  }
  return null;
}

/** The action name from `X-Amz-Target: AmazonSQS.ReceiveMessage`. */
export function sqsAction(req: SandboxRequest): string | undefined {
  const target = header(req, 'x-amz-target');
  return target?.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : undefined;
}

function queueFor(req: SandboxRequest, body: Record<string, unknown>, store: QueueStore): Queue | undefined {
  const fromPath = req.path.split('/').filter(Boolean);
  if (fromPath.length >= 3) return store.find(fromPath[1] ?? '', fromPath[2] ?? '');
  if (typeof body.QueueUrl !== 'string') return undefined;
  try {
    const [account = '', name = ''] = new URL(body.QueueUrl).pathname.split('/').filter(Boolean).slice(-2);
    return store.find(account, name);
  } catch {
    return undefined;
  }
}

function integerParam(body: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number | string {
  const value = body[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`;
  }
  return value;
}

function invalidParameter(message: string): SandboxReply {
  return sqsError(400, 'com.amazonaws.sqs#InvalidParameterValueException', message);
}

export async function handleSqs(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxReply> {
  const { queues, clock } = ctx.state;
  const action = sqsAction(req);
  if (req.method !== 'POST' || !action) {
    return sqsError(400, 'com.amazon.coral.service#UnknownOperationException', 'Use POST with an X-Amz-Target: AmazonSQS.<Action> header (AWS JSON protocol 1.0).');
  }
  const parsed = parseJsonBody(req.body);
  const body = isRecord(parsed) ? parsed : {};
  if (parsed instanceof Error || (parsed !== undefined && !isRecord(parsed))) {
    return sqsError(400, 'com.amazon.coral.service#SerializationException', 'The request body is not a JSON object.');
  }
  const queue = queueFor(req, body, queues);
  const authError = checkSignature(req, queue?.region ?? SANDBOX_QUEUE.region, clock.now());
  if (authError) return authError;
  if (!queue) return sqsError(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');

  switch (action) {
    case 'ReceiveMessage':
      return receiveMessage(body, queue, ctx);
    case 'DeleteMessage': {
      const handle = typeof body.ReceiptHandle === 'string' ? body.ReceiptHandle : '';
      const error = deleteByHandle(queue, handle, queues);
      return error ? sqsError(400, 'com.amazonaws.sqs#ReceiptHandleIsInvalid', error) : sqsReply(200, {});
    }
    case 'DeleteMessageBatch':
      return deleteMessageBatch(body, queue, queues);
    case 'GetQueueAttributes':
      return sqsReply(200, { Attributes: queueAttributes(queue, body.AttributeNames, clock.now()) });
    default:
      return sqsError(400, 'com.amazon.coral.service#UnknownOperationException',
        `The sandbox queue supports ReceiveMessage, DeleteMessage, DeleteMessageBatch and GetQueueAttributes, not ${action}.`);
  }
}

async function receiveMessage(body: Record<string, unknown>, queue: Queue, ctx: SandboxContext): Promise<SandboxReply> {
  const { queues, clock } = ctx.state;
  const max = integerParam(body, 'MaxNumberOfMessages', 1, 1, 10);
  const wait = integerParam(body, 'WaitTimeSeconds', 0, 0, MAX_WAIT_SECONDS);
  const visibility = integerParam(body, 'VisibilityTimeout', DEFAULT_VISIBILITY_SECONDS, 0, 43_200);
  for (const v of [max, wait, visibility]) if (typeof v === 'string') return invalidParameter(v);
  const wanted = [
    ...(Array.isArray(body.AttributeNames) ? body.AttributeNames : []),
    ...(Array.isArray(body.MessageSystemAttributeNames) ? body.MessageSystemAttributeNames : []),
  ].filter((a): a is string => typeof a === 'string');

  // Real time, not the sandbox clock: a test advancing the clock must not cut a long poll short.
  const deadline = Date.now() + (wait as number) * 1000;
  for (;;) {
    const now = clock.now();
    const visible = queue.messages.filter((m) => m.invisibleUntil <= now).slice(0, max as number);
    if (visible.length > 0) {
      const messages = visible.map((m) => {
        m.receiveCount += 1;
        m.firstReceivedAt ??= now;
        m.invisibleUntil = now + (visibility as number) * 1000;
        return {
          MessageId: m.messageId,
          ReceiptHandle: queues.issueHandle(queue, m.messageId),
          MD5OfBody: m.md5OfBody,
          Body: m.body,
          ...(wanted.length > 0 ? { Attributes: messageAttributes(m, wanted) } : {}),
        };
      });
      return sqsReply(200, { Messages: messages });
    }
    const left = deadline - Date.now();
    if (left <= 0 || queues.closed) return sqsReply(200, {});
    // Short slices so that messages whose visibility timeout ran out are noticed too.
    await queue.waitForChange(Math.min(left, 200));
  }
}

function messageAttributes(m: SqsMessage, wanted: string[]): Record<string, string> {
  const all: Record<string, string> = {
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    SenderId: 'AIDASANDBOXNOTIFICATIONS',
  };
  if (wanted.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
}

function deleteByHandle(queue: Queue, handle: string, store: QueueStore): string | null {
  const found = store.resolveHandle(handle);
  if (!found || found.queue !== queue) return `The input receipt handle "${handle}" is not a valid receipt handle.`;
  queue.messages = queue.messages.filter((m) => m.messageId !== found.messageId);
  return null;
}

function deleteMessageBatch(body: Record<string, unknown>, queue: Queue, store: QueueStore): SandboxReply {
  const entries = Array.isArray(body.Entries) ? body.Entries.filter(isRecord) : [];
  if (entries.length === 0) return sqsError(400, 'com.amazonaws.sqs#EmptyBatchRequest', 'There should be at least one DeleteMessageBatchRequestEntry in the request.');
  if (entries.length > 10) return sqsError(400, 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
  const Successful: { Id: string }[] = [];
  const Failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
  for (const entry of entries) {
    const id = typeof entry.Id === 'string' ? entry.Id : '';
    const error = deleteByHandle(queue, typeof entry.ReceiptHandle === 'string' ? entry.ReceiptHandle : '', store);
    if (error) Failed.push({ Id: id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: error });
    else Successful.push({ Id: id });
  }
  return sqsReply(200, { Successful, Failed });
}

function queueAttributes(queue: Queue, names: unknown, now: number): Record<string, string> {
  const visible = queue.messages.filter((m) => m.invisibleUntil <= now).length;
  const all: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(queue.messages.length - visible),
    ApproximateNumberOfMessagesDelayed: '0',
    VisibilityTimeout: String(DEFAULT_VISIBILITY_SECONDS),
    ReceiveMessageWaitTimeSeconds: '0',
    MessageRetentionPeriod: '345600',
    MaximumMessageSize: '262144',
    DelaySeconds: '0',
    CreatedTimestamp: String(queue.createdAt),
    LastModifiedTimestamp: String(queue.createdAt),
  };
  const wanted = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  if (wanted.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
}
