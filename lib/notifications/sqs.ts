/**
 * A minimal Amazon SQS client for the seller's notification queue: receive and delete, nothing
 * else. SigV4 signing comes from aws4fetch (WebCrypto, so it runs in the MV3 service worker).
 *
 * Protocol: exactly what the official AWS SDK (v3, JSON protocol) sends: `POST /` on the queue's host,
 * `X-Amz-Target: AmazonSQS.<Action>`, `Content-Type: application/x-amz-json-1.0`, `x-amzn-query-mode: true`
 * and the queue named by `QueueUrl` in the body (tests/unit/notifications/sqs-sdk.test.ts compares the
 * two). Which queue URLs are allowed at all is the egress gate's rule (lib/net/egress.ts).
 *
 * The credentials stay inside this closure: the returned object exposes no key, and nothing here
 * logs. Errors carry only what AWS sent back, which never contains the secret.
 */
import { AwsClient } from 'aws4fetch';
import { EgressRefused, exchange, sqsQueue, type FetchFn } from '../net/egress';
import { NetworkError } from '../spapi/errors';

export interface SqsClientOptions {
  queueUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Required for a queue URL whose host is not `sqs.<region>.amazonaws.com` (a local sandbox). */
  region?: string;
  fetch?: (request: Request) => Promise<Response>;
}

export interface SqsMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
}

export interface ReceiveOptions {
  /** 0-20; 20 (long polling) keeps the number of empty, billed requests down. */
  waitTimeSeconds?: number;
  /** 1-10, SQS's own limit per call. */
  maxMessages?: number;
  /** How long a received message stays hidden before SQS offers it again. */
  visibilityTimeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface DeleteBatchResult {
  deleted: string[];
  failed: { receiptHandle: string; code: string; message: string }[];
}

export interface SqsClient {
  readonly queueUrl: string;
  readonly region: string;
  receive(options?: ReceiveOptions): Promise<SqsMessage[]>;
  deleteMessage(receiptHandle: string): Promise<void>;
  deleteBatch(receiptHandles: readonly string[]): Promise<DeleteBatchResult>;
}

export class SqsError extends Error {
  override readonly name = 'SqsError';
  constructor(
    /** The AWS error code without its namespace (QueueDoesNotExist), or one of ours (NetworkError). */
    readonly code: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    message: string,
  ) {
    super(message || code);
  }
}

const SQS_ERROR_KEYS: Readonly<Record<string, string>> = {
  InvalidSignatureException: 'ntf_sqs_err_signature',
  SignatureDoesNotMatch: 'ntf_sqs_err_signature',
  IncompleteSignature: 'ntf_sqs_err_signature',
  InvalidClientTokenId: 'ntf_sqs_err_unknown_key',
  UnrecognizedClientException: 'ntf_sqs_err_unknown_key',
  ExpiredToken: 'ntf_sqs_err_expired_token',
  ExpiredTokenException: 'ntf_sqs_err_expired_token',
  RequestExpired: 'ntf_sqs_err_clock',
  AccessDenied: 'ntf_sqs_err_access_denied',
  AccessDeniedException: 'ntf_sqs_err_access_denied',
  QueueDoesNotExist: 'ntf_sqs_err_queue_missing',
  'AWS.SimpleQueueService.NonExistentQueue': 'ntf_sqs_err_queue_missing',
  KmsAccessDenied: 'ntf_sqs_err_kms',
  RequestThrottled: 'ntf_sqs_err_throttled',
  ThrottlingException: 'ntf_sqs_err_throttled',
  ReceiptHandleIsInvalid: 'ntf_sqs_err_receipt_handle',
  InvalidQueueUrl: 'ntf_sqs_err_bad_queue_url',
  NetworkError: 'ntf_sqs_err_network',
  BadResponse: 'ntf_sqs_err_bad_response',
};

/** The i18n key that explains an SQS failure to the seller, with what to check. */
export function explainSqsError(error: unknown): string {
  if (!(error instanceof SqsError)) return 'ntf_sqs_err_unknown';
  return SQS_ERROR_KEYS[error.code] ?? (error.status >= 500 ? 'ntf_sqs_err_unavailable' : 'ntf_sqs_err_unknown');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** AWS JSON errors name the code as `__type`, often namespaced: "com.amazonaws.sqs#QueueDoesNotExist". */
function errorFromResponse(status: number, text: string): SqsError {
  let code = '';
  let message = '';
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const b = body as Record<string, unknown>;
      if (typeof b.__type === 'string') code = b.__type.slice(b.__type.lastIndexOf('#') + 1);
      const m = b.message ?? b.Message;
      if (typeof m === 'string') message = m;
    }
  } catch {
    // Proxies and the query protocol answer in XML; take the code from there if present.
    code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  }
  return new SqsError(code || `HTTP${status}`, status, message);
}

export function createSqsClient(options: SqsClientOptions): SqsClient {
  let ref: ReturnType<typeof sqsQueue>;
  try {
    ref = sqsQueue(options.queueUrl);
  } catch (error) {
    if (error instanceof EgressRefused) {
      const why = error.key === 'nui_queue_url_https' ? 'must use https' : error.key === 'nui_queue_url_host' ? 'is not on an Amazon SQS host' : 'is not a queue URL';
      throw new SqsError('InvalidQueueUrl', 0, `The queue URL ${why}.`);
    }
    throw error;
  }
  // AWS's own hosts name their region; only a queue on this machine (the sandbox) needs one given.
  const region = ref.region ?? options.region;
  if (!region) throw new SqsError('InvalidQueueUrl', 0, 'The queue URL does not name an AWS region; give one.');

  const queueUrl = ref.url.toString();
  const aws = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    service: 'sqs',
    region,
  });
  const given = options.fetch;
  const fetchFn: FetchFn | undefined = given ? (input, init) => given(new Request(input, init)) : undefined;

  async function call(action: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const request = await aws.sign(`${ref.url.origin}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AmazonSQS.${action}`,
        'x-amzn-query-mode': 'true',
      },
      body: JSON.stringify({ QueueUrl: queueUrl, ...body }),
    });
    let response;
    try {
      response = await exchange(
        { kind: 'sqs', queueUrl },
        { method: 'POST', headers: Object.fromEntries(request.headers), body: await request.text() },
        { fetch: fetchFn, signal },
      );
    } catch (error) {
      // An abort is the caller's decision, not a network failure: hand it back unchanged.
      if (signal?.aborted) throw signal.reason ?? error;
      throw new SqsError('NetworkError', 0, error instanceof NetworkError ? error.message : String(error));
    }
    const text = response.text;
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response.status, text);
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new SqsError('BadResponse', response.status, 'SQS answered with something other than a JSON object.');
  }

  async function receive(opts: ReceiveOptions = {}): Promise<SqsMessage[]> {
    const result = await call(
      'ReceiveMessage',
      {
        MaxNumberOfMessages: clamp(opts.maxMessages ?? 10, 1, 10),
        WaitTimeSeconds: clamp(opts.waitTimeSeconds ?? 20, 0, 20),
        VisibilityTimeout: clamp(opts.visibilityTimeoutSeconds ?? 60, 0, 43_200),
      },
      opts.signal,
    );
    // An empty queue answers {} with no Messages key at all.
    const list = result.Messages ?? [];
    if (!Array.isArray(list)) throw new SqsError('BadResponse', 200, 'Messages is not a list.');
    const messages: SqsMessage[] = [];
    for (const m of list as unknown[]) {
      const r = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
      // Without a receipt handle a message could never be deleted; SQS always sends one.
      if (typeof r.ReceiptHandle !== 'string' || typeof r.MessageId !== 'string') continue;
      messages.push({ messageId: r.MessageId, receiptHandle: r.ReceiptHandle, body: typeof r.Body === 'string' ? r.Body : '' });
    }
    return messages;
  }

  async function deleteMessage(receiptHandle: string): Promise<void> {
    await call('DeleteMessage', { ReceiptHandle: receiptHandle });
  }

  /** DeleteMessageBatch in chunks of 10 (SQS's limit). Never throws: failures are listed per handle. */
  async function deleteBatch(receiptHandles: readonly string[]): Promise<DeleteBatchResult> {
    const result: DeleteBatchResult = { deleted: [], failed: [] };
    for (let start = 0; start < receiptHandles.length; start += 10) {
      const chunk = receiptHandles.slice(start, start + 10);
      const entries = chunk.map((ReceiptHandle, i) => ({ Id: `m${i}`, ReceiptHandle }));
      try {
        const answer = await call('DeleteMessageBatch', { Entries: entries });
        const ok = new Set(listOf(answer.Successful).map((s) => s.Id));
        const failures = new Map(listOf(answer.Failed).map((f) => [f.Id, f]));
        entries.forEach((e) => {
          if (ok.has(e.Id)) return void result.deleted.push(e.ReceiptHandle);
          const f = failures.get(e.Id);
          result.failed.push({
            receiptHandle: e.ReceiptHandle,
            code: typeof f?.Code === 'string' ? f.Code : 'NotConfirmed',
            message: typeof f?.Message === 'string' ? f.Message : '',
          });
        });
      } catch (error) {
        const code = error instanceof SqsError ? error.code : 'NetworkError';
        const message = error instanceof Error ? error.message : String(error);
        for (const e of entries) result.failed.push({ receiptHandle: e.ReceiptHandle, code, message });
      }
    }
    return result;
  }

  return { queueUrl, region, receive, deleteMessage, deleteBatch };
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}
