// Background-only: one HTTP exchange with a timeout, and an honest answer to "did it reach the server?".
import { NetworkError } from './errors';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Node/undici failure codes that prove no byte of the request reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function isOffline(): boolean {
  // `navigator.onLine === false` is reliable (true is not); absent outside browsers.
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

/**
 * Sends one request and reads the whole body, both under `timeoutMs`. Everything that is not an HTTP
 * answer becomes a NetworkError. A timeout, a cancel in flight, or an unexplained failure may have
 * happened after the server received the request, so those report `maybeReceived: true`; the caller
 * must not blindly repeat a non-idempotent request then.
 */
export async function fetchText(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  opts: { timeoutMs: number; signal?: AbortSignal; operation?: string },
): Promise<RawResponse> {
  const { signal: outer, operation } = opts;
  if (outer?.aborted) throw new NetworkError('aborted', false, 'Cancelled before sending', operation);
  if (isOffline()) throw new NetworkError('offline', false, 'The browser is offline', operation);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onOuterAbort = () => controller.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (err) {
    if (timedOut) {
      throw new NetworkError('timeout', true, `No complete answer within ${opts.timeoutMs} ms`, operation);
    }
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
