// Background-only: the single place that attaches the LWA access token to SP-API requests.
//
// Plain fetch rather than ky: every decision ky would make for us is one we need to make differently
// here — which statuses to retry depends on the operation (a message send is never repeated after
// it may have arrived), the token is refreshed on a specific 403, rate-limit waits are reported, and
// a failure must say whether the request left the browser. With retry: 0, throwHttpErrors: false
// and our own timeout, ky would only add a layer between us and the Response.
import { DEFAULT_TIMEOUT_MS, exchange, withRetries, type FetchFn, type RawResponse, type WaitReason } from '../net/egress';
import type { Endpoint } from './endpoints';
import { errorFromResponse, isAccessTokenRejection, SpApiError } from './errors';
import type { Lwa } from './lwa';
import { OPERATIONS, type OperationName } from './operations';
import type { RateLimiter } from './rate-limit';
import { parseRetryAfter, type Clock, type Random, type Sleep } from './timing';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface SpRequest {
  operation: OperationName;
  method: 'GET' | 'POST' | 'DELETE';
  /** Already encoded, starting with `/`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface SpResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
}

export type { WaitReason };
export interface WaitEvent {
  operation: string;
  ms: number;
  reason: WaitReason;
}

export interface HttpOptions {
  endpoint: Endpoint;
  lwa: Lwa;
  limiter: RateLimiter;
  fetch?: FetchFn;
  onWait?: (event: WaitEvent) => void;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  appVersion?: string;
  now?: Clock;
  sleep?: Sleep;
  random?: Random;
  /** Attempts per call, the first included (429/503/5xx/network). */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited out: the error goes to the caller instead. */
  maxRetryWaitMs?: number;
}

/** Swagger 2 `csv`: array items joined by a literal comma, each item percent-encoded. */
export function buildQuery(query: Readonly<Record<string, QueryValue>> = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(encodeURIComponent).join(',') : encodeURIComponent(String(value));
    parts.push(`${encodeURIComponent(key)}=${text}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function createHttp(options: HttpOptions) {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS.spapi;
  const userAgent = `OrderCourier/${options.appVersion ?? 'dev'}`;
  const { lwa, limiter } = options;

  function parseSuccess<T>(req: SpRequest, res: RawResponse, requestId: string | undefined): T {
    if (res.text.trim() === '') return {} as T; // 201/200 without a body: nothing to read
    try {
      const body: unknown = JSON.parse(res.text);
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as T;
    } catch {
      // falls through
    }
    throw new SpApiError(res.status, 'UnexpectedResponse', `HTTP ${res.status} body is not a JSON object`, req.operation, undefined, requestId);
  }

  /** One attempt, plus at most one more with a fresh token when Amazon rejected the cached one. */
  async function attempt<T>(req: SpRequest): Promise<SpResponse<T>> {
    const info = OPERATIONS[req.operation];
    let rejectedToken: string | undefined;
    for (;;) {
      const grant = await limiter.acquire(req.operation, req.signal);
      const token = await lwa.accessToken(info.token, rejectedToken ? { forceRefresh: true, rejected: rejectedToken } : {});
      const headers: Record<string, string> = {
        'x-amz-access-token': token,
        'x-amz-user-agent': userAgent,
        accept: 'application/json, application/hal+json',
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      let res: Awaited<ReturnType<typeof exchange>>;
      try {
        res = await exchange(
          { kind: 'spapi', endpoint: options.endpoint, path: req.path, search: buildQuery(req.query) },
          { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) },
          { fetch: options.fetch, timeoutMs, signal: req.signal, operation: req.operation },
        );
      } finally {
        // Amazon took the token somewhere between the grant and now; the limiter needs the latest moment.
        grant.answered();
      }
      const requestId = res.headers.get('x-amzn-RequestId') ?? undefined;
      limiter.adoptLimit(req.operation, res.headers.get('x-amzn-RateLimit-Limit'));
      if (res.status >= 200 && res.status < 300) {
        return { status: res.status, body: parseSuccess<T>(req, res, requestId), requestId };
      }
      const error = errorFromResponse(res.status, res.text, requestId, req.operation);
      // One fresh token and one more try; a second rejection is not a stale-token problem.
      if (isAccessTokenRejection(error) && rejectedToken === undefined) {
        rejectedToken = token;
        continue;
      }
      error.retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
      if (res.status === 429) limiter.drain(req.operation, error.retryAfterMs);
      throw error;
    }
  }

  return function call<T>(req: SpRequest): Promise<SpResponse<T>> {
    return withRetries(() => attempt<T>(req), {
      maxAttempts: options.maxAttempts ?? 4,
      idempotent: OPERATIONS[req.operation].idempotent,
      sleep: options.sleep,
      random: options.random,
      maxRetryWaitMs: options.maxRetryWaitMs,
      signal: req.signal,
      onWait: (ms, reason) => options.onWait?.({ operation: req.operation, ms, reason }),
    });
  };
}

export type HttpCall = ReturnType<typeof createHttp>;
