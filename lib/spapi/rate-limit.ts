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

/** A token handed out; `answered` tells the limiter when Amazon's answer (or the failure) came back. */
export interface RateGrant {
  answered(): void;
}

export interface RateLimiter {
  /** Resolves when a request may be sent; rejects only if `signal` aborts. */
  acquire(operation: string, signal?: AbortSignal): Promise<RateGrant>;
  /** Feed the `x-amzn-RateLimit-Limit` header of any response. */
  adoptLimit(operation: string, header: string | null | undefined): void;
  /** After a 429: the next request waits a full token interval, or Amazon's Retry-After if that is longer. */
  drain(operation: string, retryAfterMs?: number): void;
  current(operation: string): RateSpec;
}

interface Bucket extends RateSpec {
  /** May go below zero: each waiting caller holds a reservation, so waiters leave in order. */
  tokens: number;
  updated: number;
  /** Tokens taken away after the fact (see `lower`); a sleeping waiter compares it to wake no earlier. */
  lowered: number;
}

/**
 * Tokens accrue 1 % slower than the plan says. The margin covers only rounding (milliseconds here,
 * floating point at Amazon); the timing jitter between us and Amazon is handled by the rule in
 * `answered` below, not by a margin, because no fixed margin is larger than every jitter.
 */
export const DEFAULT_PACING = 0.99;

/**
 * One token bucket per operation, as Amazon's usage plans are described. Tokens are taken at
 * `acquire` time and the caller sleeps until its token would have accrued; that keeps concurrent
 * callers in arrival order and never lets the long-run rate exceed `rate`.
 *
 * Our bucket and Amazon's run on different clocks. Below its burst a token bucket does not care
 * when a token was taken, only how many; what shifts the two apart is a request taken from a full
 * bucket: Amazon's bucket stays full (and drops what accrues) until the request reaches it, which
 * can be any time before its answer comes back. So when the answer arrives, what our bucket
 * credited in between is taken back, as far as Amazon's could have been full. From then on every
 * request leaves no earlier than Amazon's bucket can have its token, whatever the network did
 * (measured before this rule: 1 in 30 calls throttled at 1/s with a 2 % margin).
 *
 * When Amazon reports a different rate, we take it but keep the burst: the header carries only the
 * rate, and Amazon documents burst separately. If that burst is too generous the first excess call
 * gets a 429, `drain` empties the bucket, and from then on calls are paced by the reported rate —
 * at most one 429 per change. A burst below 1 would block forever, so it never goes below 1.
 */
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
      b = { rate: spec.rate, burst, tokens: burst, updated: now(), lowered: 0 };
      buckets.set(operation, b);
    }
    return b;
  }

  function refill(b: Bucket): void {
    const t = now();
    b.tokens = Math.min(b.burst, b.tokens + ((t - b.updated) / 1000) * b.rate * pacing);
    b.updated = t;
  }

  const msFor = (b: Bucket, tokens: number) => Math.ceil((tokens / (b.rate * pacing)) * 1000);

  /** Takes tokens from everyone, sleepers included: they find out when they wake. */
  function lower(b: Bucket, tokens: number): void {
    if (tokens <= 0) return;
    b.tokens -= tokens;
    b.lowered += tokens;
  }

  function grant(b: Bucket, before: number, takenAt: number): RateGrant {
    let done = false;
    return {
      answered() {
        if (done) return;
        done = true;
        refill(b);
        // How much of what accrued between taking the token and the answer Amazon's full bucket dropped.
        const accrued = ((now() - takenAt) / 1000) * b.rate * pacing;
        lower(b, Math.min(1, Math.max(0, before + accrued - b.burst)));
      },
    };
  }

  return {
    async acquire(operation, signal) {
      if (signal?.aborted) throw signal.reason;
      const b = bucket(operation);
      refill(b);
      const before = b.tokens;
      b.tokens -= 1;
      if (b.tokens >= 0) return grant(b, before, now());
      let seen = b.lowered;
      let ms = msFor(b, -b.tokens);
      options.onWait?.({ operation, ms });
      try {
        for (;;) {
          await sleep(ms, signal);
          // Tokens taken back while we slept push our token back by as much.
          const extra = b.lowered - seen;
          if (extra <= 0) break;
          seen = b.lowered;
          ms = msFor(b, extra);
        }
      } catch (err) {
        // Give the reservation back so an abandoned call does not slow the others down.
        refill(b);
        b.tokens += 1;
        throw err;
      }
      // A waiter's token has just accrued: the bucket is empty, not full, so the answer changes nothing.
      return grant(b, 0, now());
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

    drain(operation, retryAfterMs) {
      const b = bucket(operation);
      refill(b);
      // Amazon's Retry-After is its own view of the bucket: no token before then.
      const floor = retryAfterMs !== undefined && retryAfterMs > 0 ? 1 - (retryAfterMs / 1000) * b.rate * pacing : 0;
      lower(b, b.tokens - Math.min(b.tokens, 0, floor));
    },

    current(operation) {
      const b = bucket(operation);
      return { rate: b.rate, burst: b.burst };
    },
  };
}
