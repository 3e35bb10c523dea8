// Background-only: the single place that attaches the LWA access token to SP-API requests.
//
// Plain fetch rather than ky: every decision ky would make for us is one we need to make differently
// here — which statuses to retry depends on the operation (a message send is never repeated after
// it may have arrived), the token is refreshed on a specific 403, rate-limit waits are reported, and
// a failure must say whether the request left the browser. With retry: 0, throwHttpErrors: false
// and our own timeout, ky would only add a layer between us and the Response.
import { spApiBase, type Endpoint } from './endpoints';
import { errorFromResponse, isAccessTokenRejection, NetworkError, SpApiError } from './errors';
import type { Lwa } from './lwa';
import { fetchText, type FetchFn, type RawResponse } from './net';
import { OPERATIONS, type OperationName } from './operations';
import type { RateLimiter } from './rate-limit';
import { backoffMs, parseRetryAfter, realSleep, type Clock, type Random, type Sleep } from './timing';

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

export type WaitReason = 'rate-limit' | 'throttled' | 'unavailable' | 'server-error' | 'network';
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

function isTransient(status: number): boolean {
  return status === 500 || status === 502 || status === 504;
}

export function createHttp(options: HttpOptions) {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000;
  const userAgent = `OrderCourier/${options.appVersion ?? 'dev'}`;
  const { lwa, limiter } = options;

  async function wait(operation: string, ms: number, reason: WaitReason, signal?: AbortSignal) {
    options.onWait?.({ operation, ms, reason });
    await sleep(ms, signal);
  }

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

  return async function call<T>(req: SpRequest): Promise<SpResponse<T>> {
    const info = OPERATIONS[req.operation];
    const url = `${spApiBase(options.endpoint)}${req.path}${buildQuery(req.query)}`;
    let rejectedToken: string | undefined;
    let tokenRetried = false;

    for (let attempt = 0; ; attempt++) {
      const last = attempt + 1 >= maxAttempts;
      await limiter.acquire(req.operation, req.signal);
      const token = await lwa.accessToken(info.token, rejectedToken ? { forceRefresh: true, rejected: rejectedToken } : {});
      const headers: Record<string, string> = {
        'x-amz-access-token': token,
        'x-amz-user-agent': userAgent,
        accept: 'application/json, application/hal+json',
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';

      let res: RawResponse;
      try {
        res = await fetchText(
          fetchFn,
          url,
          { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) },
          { timeoutMs, signal: req.signal, operation: req.operation },
        );
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        if (!info.idempotent && err.maybeReceived) err.outcomeUnknown = true;
        const retry = !last && err.kind !== 'offline' && err.kind !== 'aborted' && !err.outcomeUnknown;
        if (!retry) throw err;
        await wait(req.operation, backoffMs(attempt, random), 'network', req.signal);
        continue;
      }

      const requestId = res.headers.get('x-amzn-RequestId') ?? undefined;
      limiter.adoptLimit(req.operation, res.headers.get('x-amzn-RateLimit-Limit'));
      if (res.status >= 200 && res.status < 300) {
        return { status: res.status, body: parseSuccess<T>(req, res, requestId), requestId };
      }

      const error = errorFromResponse(res.status, res.text, requestId, req.operation);
      if (isAccessTokenRejection(error) && !tokenRetried) {
        // One fresh token and one more try; a second rejection is not a stale-token problem.
        tokenRetried = true;
        rejectedToken = token;
        attempt--; // does not count against the retry budget for throttling
        continue;
      }
      rejectedToken = undefined;

      if (res.status === 429) limiter.drain(req.operation);
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now());
      error.retryAfterMs = retryAfter;
      if (isTransient(res.status) && !info.idempotent) {
        error.outcomeUnknown = true;
        error.retryable = false;
        throw error;
      }
      const reason: WaitReason | undefined =
        res.status === 429 ? 'throttled' : res.status === 503 ? 'unavailable' : isTransient(res.status) ? 'server-error' : undefined;
      if (!reason || last || (retryAfter ?? 0) > maxRetryWaitMs) throw error;
      await wait(req.operation, retryAfter ?? backoffMs(attempt, random), reason, req.signal);
    }
  };
}

export type HttpCall = ReturnType<typeof createHttp>;
