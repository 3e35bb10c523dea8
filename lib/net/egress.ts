/**
 * BACKGROUND ONLY. The one door out of the extension. Every network call (LWA, SP-API, S3, SQS) names the
 * kind of call it is and what it belongs to; this module turns that into a URL, refuses anything outside
 * the rules below, and owns timeouts, retries (backoff with full jitter, Retry-After) and the "may have
 * arrived" rule for calls that must not be repeated.
 *
 *   lwa    the LWA token URL of the endpoint the secrets were entered for (Amazon's, or the custom origin)
 *   spapi  that endpoint's SP-API host (production or sandbox host of the region, or the custom origin)
 *   s3     a presigned upload URL: https on an Amazon S3 host, or on the custom origin of a custom connection
 *   sqs    https://sqs.<region>.amazonaws.com/<account>/<name> (or legacy <region>.queue.amazonaws.com) or
 *          loopback; requests go to the queue host's root "/", as the AWS SDK sends them
 *
 * Plain http only ever reaches loopback (the project's local sandbox).
 */
import { customOrigin, lwaTokenUrl, spApiBase, type Endpoint } from '../spapi/endpoints';
import { NetworkError } from '../spapi/errors';
import { backoffMs, realSleep, type Random, type Sleep } from '../spapi/timing';
import { isAmazonS3Host, isSecureOrLoopback, parseQueueUrl, type QueueRef } from './rules';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export type Call =
  | { kind: 'lwa'; endpoint: Endpoint }
  | { kind: 'spapi'; endpoint: Endpoint; path: string; search?: string }
  | { kind: 's3'; endpoint: Endpoint; uploadUrl: string }
  | { kind: 'sqs'; queueUrl: string };

export type CallKind = Call['kind'];

/**
 * A destination the rules do not allow. `key` explains it to the seller (i18n); the host is the only
 * substitution, so nothing secret (a presigned signature, a path) is repeated.
 */
export class EgressRefused extends Error {
  override readonly name = 'EgressRefused';
  readonly outcomeUnknown = false;
  constructor(
    readonly kind: CallKind,
    readonly key: string,
    readonly host: string,
  ) {
    super(`Refused ${kind} request to ${host || 'an invalid address'}`);
  }
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return '';
  }
}

/** The queue a call may read, or EgressRefused with the reason the seller is shown. */
export function sqsQueue(queueUrl: string): QueueRef {
  const ref = parseQueueUrl(queueUrl);
  if (typeof ref === 'string') throw new EgressRefused('sqs', `nui_queue_url_${ref}`, hostOf(queueUrl));
  return ref;
}

function s3Target(endpoint: Endpoint, uploadUrl: string): string {
  let url: URL;
  try {
    url = new URL(uploadUrl);
  } catch {
    throw new EgressRefused('s3', 'egress_s3_refused', '');
  }
  const custom = customOrigin(endpoint);
  const allowed =
    url.username === '' &&
    url.password === '' &&
    (custom !== undefined ? url.origin === custom && isSecureOrLoopback(url) : url.protocol === 'https:' && url.port === '' && isAmazonS3Host(url.hostname));
  if (!allowed) throw new EgressRefused('s3', 'egress_s3_refused', url.host);
  return url.href;
}

/** The one URL a call may go to. Callers never build one themselves. */
export function target(call: Call): string {
  switch (call.kind) {
    case 'lwa':
      return lwaTokenUrl(call.endpoint);
    case 'spapi':
      if (!call.path.startsWith('/') || call.path.startsWith('//')) throw new Error(`SP-API path must start with a single "/": ${call.path}`);
      return `${spApiBase(call.endpoint)}${call.path}${call.search ?? ''}`;
    case 's3':
      return s3Target(call.endpoint, call.uploadUrl);
    case 'sqs':
      // The AWS SDK (JSON protocol) POSTs to the root of the queue's host; the queue is named in the body.
      return `${sqsQueue(call.queueUrl).url.origin}/`;
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Node/undici failure codes that prove no byte of the request reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function isOffline(): boolean {
  // `navigator.onLine === false` is reliable (true is not); absent outside browsers.
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

export const DEFAULT_TIMEOUT_MS: Readonly<Record<CallKind, number>> = {
  lwa: 15_000,
  spapi: 30_000,
  s3: 120_000,
  // Longer than SQS's 20 s long poll.
  sqs: 35_000,
};

export interface ExchangeOptions {
  fetch?: FetchFn;
  timeoutMs?: number;
  signal?: AbortSignal;
  operation?: string;
}

/**
 * Sends one request to the call's URL and reads the whole body, both under the timeout. Everything that
 * is not an HTTP answer becomes a NetworkError; a timeout, a cancel in flight or an unexplained failure
 * may have happened after the server received the request (`maybeReceived: true`).
 */
export async function exchange(call: Call, init: RequestInit, opts: ExchangeOptions = {}): Promise<RawResponse> {
  const url = target(call);
  const fetchFn = opts.fetch ?? ((input, i) => fetch(input, i));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS[call.kind];
  const { signal: outer, operation } = opts;
  if (outer?.aborted) throw new NetworkError('aborted', false, 'Cancelled before sending', operation);
  if (isOffline()) throw new NetworkError('offline', false, 'The browser is offline', operation);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  try {
    // Redirects are not followed: a 3xx must not carry a token or a body to a host the rules never saw.
    const response = await fetchFn(url, { ...init, redirect: 'manual', signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (err) {
    if (timedOut) throw new NetworkError('timeout', true, `No complete answer within ${timeoutMs} ms`, operation);
    if (outer?.aborted) throw new NetworkError('aborted', true, 'Cancelled while in flight', operation);
    if (isOffline()) throw new NetworkError('offline', false, 'The browser is offline', operation);
    const code = causeCode(err);
    const notSent = code !== undefined && NOT_SENT_CODES.has(code);
    throw new NetworkError('failed', !notSent, `Request failed${code ? ` (${code})` : ''}`, operation);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

// ---- Retries ------------------------------------------------------------------------------------

export type WaitReason = 'rate-limit' | 'throttled' | 'unavailable' | 'server-error' | 'network';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** False for a call that must not be repeated once it may have arrived (a message send). */
  idempotent: boolean;
  sleep?: Sleep;
  random?: Random;
  baseMs?: number;
  capMs?: number;
  /** A Retry-After longer than this is not waited out: the error goes to the caller instead. */
  maxRetryWaitMs?: number;
  signal?: AbortSignal;
  onWait?: (ms: number, reason: WaitReason) => void;
}

interface FailureShape {
  status?: number;
  retryAfterMs?: number;
  outcomeUnknown?: boolean;
  retryable?: boolean;
  network?: NetworkError;
}

/** HTTP answers after which the request may have been carried out although no success came back. */
const MAY_HAVE_ARRIVED = new Set([500, 502, 503, 504]);

/**
 * What to do after a failed attempt: wait and retry (with why), or stop. A non-idempotent call stops
 * at the first answer that leaves open whether it was carried out, and is marked `outcomeUnknown`: a 503
 * is such an answer too (a gateway may time out after the service accepted the message).
 */
export function retryVerdict(error: unknown, idempotent: boolean): WaitReason | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as FailureShape;
  const network = error instanceof NetworkError ? error : e.network;
  if (network) {
    if (network.kind === 'offline' || network.kind === 'aborted') return undefined;
    if (!idempotent && network.maybeReceived) {
      markUnknown(error);
      return undefined;
    }
    return 'network';
  }
  const status = e.status ?? 0;
  if (!idempotent && MAY_HAVE_ARRIVED.has(status)) {
    markUnknown(error);
    return undefined;
  }
  if (status === 429) return 'throttled';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server-error';
  // e.g. LWA's temporarily_unavailable, whatever status carried it.
  return idempotent && e.retryable === true ? 'unavailable' : undefined;
}

function markUnknown(error: unknown): void {
  const e = error as FailureShape;
  e.outcomeUnknown = true;
  if ('retryable' in e) e.retryable = false;
}

/** Runs `attempt` until it succeeds or the policy says stop; the last error is thrown unchanged. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  const maxRetryWaitMs = policy.maxRetryWaitMs ?? 60_000;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const reason = retryVerdict(error, policy.idempotent);
      if (!reason || n + 1 >= policy.maxAttempts) throw error;
      const retryAfter = (error as FailureShape).retryAfterMs;
      if ((retryAfter ?? 0) > maxRetryWaitMs) throw error;
      const ms = retryAfter ?? backoffMs(n, random, policy.baseMs, policy.capMs);
      policy.onWait?.(ms, reason);
      await sleep(ms, policy.signal);
    }
  }
}
