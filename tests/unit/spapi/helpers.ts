// Test doubles for the SP-API client: a scripted fake server behind an injected fetch, and virtual time.
import { createLwa, createSpApi, type FetchFn, type SpApiOptions, type WaitEvent } from '../../../lib/spapi';
import type { Endpoint } from '../../../lib/spapi/endpoints';

export interface Seen {
  method: string;
  url: URL;
  /** Lower-cased names, as a server would see them. */
  headers: Record<string, string>;
  body: string | undefined;
  rawBody: unknown;
}

export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { fail: Error }
  | 'hang';

export function fakeFetch(handler: (req: Seen) => Reply | Promise<Reply>) {
  const calls: Seen[] = [];
  const fetch: FetchFn = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const seen: Seen = {
      method: init.method ?? 'GET',
      url: new URL(input),
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      rawBody: init.body,
    };
    calls.push(seen);
    const reply = await handler(seen);
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    if ('fail' in reply) throw reply.fail;
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    return new Response(text === '' ? null : text, { status: reply.status ?? 200, headers: reply.headers });
  };
  return { fetch, calls };
}

/**
 * Virtual time. `sleep` registers a timer; when the program has nothing else to do (a macrotask
 * later), the earliest timer fires and the clock jumps to it. Concurrent sleepers therefore see the
 * same timeline they would in real time, without any real waiting.
 */
export function virtualClock(start = Date.UTC(2026, 8, 1, 12, 0, 0)) {
  let current = start;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  let seq = 0;
  let pumping = false;
  const slept: number[] = [];

  function pump() {
    if (pumping) return;
    pumping = true;
    const step = () => {
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers.shift();
      if (!next) {
        pumping = false;
        return;
      }
      current = Math.max(current, next.at);
      next.resolve();
      setImmediate(step);
    };
    setImmediate(step);
  }

  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    slept,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      slept.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const timer = { at: current + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener('abort', () => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          reject(signal.reason);
        });
        pump();
      });
    },
  };
}

export const LWA_URL = 'https://api.amazon.com/auth/o2/token';
export const NA: Endpoint = { kind: 'production', region: 'NA' };
export const CREDS = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'secret-XYZ', refreshToken: 'Atzr|refresh-123' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json: body, headers: { 'content-type': 'application/json', ...headers } };
}

export function amazonError(status: number, code: string, message: string, details?: string, headers: Record<string, string> = {}) {
  return json(status, { errors: [{ code, message, ...(details === undefined ? {} : { details }) }] }, headers);
}

/** Answers LWA with numbered tokens per grant type ("seller-1", "grantless-1", …). */
export function lwaResponder() {
  let n = 0;
  return (req: Seen): Reply => {
    const form = new URLSearchParams(req.body ?? '');
    n += 1;
    const prefix = form.get('grant_type') === 'client_credentials' ? 'grantless' : 'seller';
    return json(200, { access_token: `${prefix}-${n}`, token_type: 'bearer', expires_in: 3600 });
  };
}

/** A client on virtual time against a fake server; `spapi` handles every non-LWA request. */
export function setup(spapi: (req: Seen) => Reply | Promise<Reply>, extra: Partial<SpApiOptions> = {}) {
  const clock = virtualClock();
  const lwaReply = lwaResponder();
  const server = fakeFetch((req) => (req.url.href === LWA_URL ? lwaReply(req) : spapi(req)));
  const waits: WaitEvent[] = [];
  const lwa = createLwa({ endpoint: NA, credentials: async () => CREDS, fetch: server.fetch, now: clock.now, sleep: clock.sleep });
  const api = createSpApi({
    endpoint: NA,
    lwa,
    fetch: server.fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onWait: (e) => waits.push(e),
    appVersion: '1.2.3',
    ...extra,
  });
  const spapiCalls = () => server.calls.filter((c) => c.url.href !== LWA_URL);
  const lwaCalls = () => server.calls.filter((c) => c.url.href === LWA_URL);
  return { api, clock, server, waits, spapiCalls, lwaCalls };
}
