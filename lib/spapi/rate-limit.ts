// Background-only: paces SP-API calls per operation (pure logic, no browser APIs).
import { documentedRates } from './operations';
import { realSleep, type Clock, type Sleep } from './timing';

export interface RateSpec {
  /** Requests per second. */
  rate: number;
  burst: number;
}

export interface RateWait {
  operation: string;
  ms: number;
}

export interface RateLimiterOptions {
  /** Defaults to the documented usage plan of every operation the extension uses. */
  limits?: Readonly<Record<string, RateSpec>>;
  now?: Clock;
  sleep?: Sleep;
  /** Called before each wait, so the UI can say "waiting for Amazon's rate limit". */
  onWait?: (wait: RateWait) => void;
  /** Share of the plan's rate to pace at (default DEFAULT_PACING); 1 paces at exactly the plan. */
  pacing?: number;
}

export interface RateLimiter {
  /** Resolves when a request may be sent; rejects only if `signal` aborts. */
  acquire(operation: string, signal?: AbortSignal): Promise<void>;
  /** Feed the `x-amzn-RateLimit-Limit` header of any response. */
  adoptLimit(operation: string, header: string | null | undefined): void;
  /** After a 429: the next request waits a full token interval. */
  drain(operation: string): void;
  current(operation: string): RateSpec;
}

interface Bucket extends RateSpec {
  /** May go below zero: each waiting caller holds a reservation, so waiters leave in order. */
  tokens: number;
  updated: number;
}

/**
 * One token bucket per operation, as Amazon's usage plans are described. Tokens are taken at
 * `acquire` time and the caller sleeps until its token would have accrued; that keeps concurrent
 * callers in arrival order and never lets the long-run rate exceed `rate`.
 *
 * When Amazon reports a different rate, we take it but keep the burst: the header carries only the
 * rate, and Amazon documents burst separately. If that burst is too generous the first excess call
 * gets a 429, `drain` empties the bucket, and from then on calls are paced by the reported rate —
 * at most one 429 per change. A burst below 1 would block forever, so it never goes below 1.
 */
/**
 * By default tokens accrue 2 % slower than the usage plan says. Amazon's bucket starts when our first
 * request arrives, ours when it leaves; pacing at exactly the plan's rate let a request land a few
 * milliseconds before its token and earn a 429 (measured: 1 in 30 calls at 1/s).
 */
export const DEFAULT_PACING = 0.98;

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limits = options.limits ?? documentedRates();
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const buckets = new Map<string, Bucket>();
  const pacing = options.pacing ?? DEFAULT_PACING;

  function bucket(operation: string): Bucket {
    let b = buckets.get(operation);
    if (!b) {
      const spec = limits[operation];
      if (!spec) throw new Error(`No usage plan known for SP-API operation "${operation}"`);
      const burst = Math.max(1, spec.burst);
      b = { rate: spec.rate, burst, tokens: burst, updated: now() };
      buckets.set(operation, b);
    }
    return b;
  }

  function refill(b: Bucket): void {
    const t = now();
    b.tokens = Math.min(b.burst, b.tokens + ((t - b.updated) / 1000) * b.rate * pacing);
    b.updated = t;
  }

  return {
    async acquire(operation, signal) {
      if (signal?.aborted) throw signal.reason;
      const b = bucket(operation);
      refill(b);
      b.tokens -= 1;
      if (b.tokens >= 0) return;
      const ms = Math.ceil((-b.tokens / (b.rate * pacing)) * 1000);
      options.onWait?.({ operation, ms });
      try {
        await sleep(ms, signal);
      } catch (err) {
        // Give the reservation back so an abandoned call does not slow the others down.
        refill(b);
        b.tokens += 1;
        throw err;
      }
    },

    adoptLimit(operation, header) {
      if (header === null || header === undefined) return;
      const rate = Number.parseFloat(header);
      if (!Number.isFinite(rate) || rate <= 0) return;
      const b = bucket(operation);
      if (Math.abs(rate - b.rate) < 1e-9) return;
      refill(b); // tokens earned so far were earned at the old rate
      b.rate = rate;
    },

    drain(operation) {
      const b = bucket(operation);
      refill(b);
      b.tokens = Math.min(b.tokens, 0);
    },

    current(operation) {
      const b = bucket(operation);
      return { rate: b.rate, burst: b.burst };
    },
  };
}
