import { describe, expect, it } from 'vitest';
import { createRateLimiter, OPERATIONS, type RateSpec, type RateWait } from '../../../lib/spapi';
import { virtualClock } from './helpers';

function limiter(limits: Record<string, RateSpec> = { op: { rate: 1, burst: 5 } }) {
  const clock = virtualClock(0);
  const waits: RateWait[] = [];
  // Exact pacing, so the bucket arithmetic can be checked to the millisecond; the default margin has its own test.
  const l = createRateLimiter({ limits, now: clock.now, sleep: clock.sleep, onWait: (w) => waits.push(w), pacing: 1 });
  return { l, clock, waits };
}

/** Largest number of grants inside any window of `windowMs` (half-open). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (const start of times) best = Math.max(best, times.filter((t) => t >= start && t < start + windowMs).length);
  return best;
}

describe('token bucket pacing', () => {
  it('30 concurrent calls at 1/s burst 5 take 25 s of virtual time and never exceed the rate', async () => {
    const { l, clock, waits } = limiter();
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => l.acquire('op').then(() => granted.push(clock.now()))));
    expect(granted).toHaveLength(30);
    expect(Math.max(...granted)).toBe(25_000);
    expect(granted.filter((t) => t === 0)).toHaveLength(5); // the burst goes at once
    // Long-run: in any 10 s window at most burst + 10·rate grants.
    expect(maxInWindow(granted, 10_000)).toBeLessThanOrEqual(5 + 10);
    // After the burst: exactly one per second.
    const after = granted.filter((t) => t > 0).sort((a, b) => a - b);
    after.forEach((t, i) => expect(t).toBe((i + 1) * 1000));
    expect(waits).toHaveLength(25);
    expect(waits[0]).toEqual({ operation: 'op', ms: 1000 });
  });

  it('by default paces 1 % under the plan: never early at Amazon, still at least 95 % of the rate', async () => {
    const clock = virtualClock(0);
    const l = createRateLimiter({ limits: { op: { rate: 1, burst: 5 } }, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];
    for (let i = 0; i < 30; i++) {
      await l.acquire('op');
      granted.push(clock.now());
    }
    const gaps = granted.slice(6).map((t, i) => t - granted[i + 5]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
    const achieved = 24 / ((granted[29]! - granted[5]!) / 1000);
    expect(achieved).toBeGreaterThanOrEqual(0.95);
    expect(achieved).toBeLessThan(1);
  });

  it('sequential calls are paced the same way', async () => {
    const { l, clock } = limiter();
    for (let i = 0; i < 30; i++) await l.acquire('op');
    expect(clock.now()).toBe(25_000);
  });

  it('refills over time, up to the burst', async () => {
    const { l, clock, waits } = limiter();
    for (let i = 0; i < 5; i++) await l.acquire('op');
    clock.advance(60_000); // a minute idle refills 5, not 60
    for (let i = 0; i < 5; i++) await l.acquire('op');
    expect(waits).toHaveLength(0);
    await l.acquire('op');
    expect(waits).toEqual([{ operation: 'op', ms: 1000 }]);
  });

  it('keeps operations independent', async () => {
    const { l, waits } = limiter({ op: { rate: 1, burst: 1 }, other: { rate: 1, burst: 1 } });
    await l.acquire('op');
    await l.acquire('other');
    expect(waits).toHaveLength(0);
  });

  it('an aborted wait rejects and gives its place back', async () => {
    const { l, clock } = limiter({ op: { rate: 1, burst: 1 } });
    await l.acquire('op');
    const controller = new AbortController();
    const waiting = l.acquire('op', controller.signal);
    controller.abort(new Error('seller cancelled'));
    await expect(waiting).rejects.toThrow('seller cancelled');
    await l.acquire('op');
    expect(clock.now()).toBe(1000); // not 2000: the abandoned reservation was returned
  });

  it('throws for an operation without a usage plan', async () => {
    const { l } = limiter();
    await expect(l.acquire('nope')).rejects.toThrow(/usage plan/);
  });

  it('is seeded with the documented plans', () => {
    const l = createRateLimiter();
    expect(l.current('createConfirmOrderDetails')).toEqual({ rate: 1, burst: 5 });
    expect(l.current('sendInvoice')).toEqual({ rate: 1, burst: 5 });
    expect(l.current('createUploadDestinationForResource')).toEqual({ rate: 10, burst: 10 });
    expect(l.current('getOrders')).toEqual({ rate: 0.0167, burst: 20 });
    expect(l.current('searchOrders')).toEqual({ rate: 0.0056, burst: 20 });
    expect(l.current('getOrder')).toEqual({ rate: 0.5, burst: 30 });
    for (const name of Object.keys(OPERATIONS)) expect(l.current(name).rate).toBeGreaterThan(0);
  });
});

describe('adapting to Amazon', () => {
  it('adopts x-amzn-RateLimit-Limit and keeps the burst', async () => {
    const { l, clock } = limiter();
    l.adoptLimit('op', '0.5');
    expect(l.current('op')).toEqual({ rate: 0.5, burst: 5 });
    for (let i = 0; i < 7; i++) await l.acquire('op');
    expect(clock.now()).toBe(4000); // 5 at once, then one every 2 s
  });

  it('ignores missing or unreadable headers', () => {
    const { l } = limiter();
    for (const h of [null, undefined, '', 'abc', '0', '-1', 'Infinity']) l.adoptLimit('op', h);
    expect(l.current('op')).toEqual({ rate: 1, burst: 5 });
  });

  it('after a 429 the next call waits a full token interval', async () => {
    const { l, clock, waits } = limiter({ op: { rate: 0.5, burst: 5 } });
    await l.acquire('op'); // 4 tokens left
    l.drain('op');
    await l.acquire('op');
    expect(clock.now()).toBe(2000);
    expect(waits).toEqual([{ operation: 'op', ms: 2000 }]);
  });

  it('a lower limit reported with a 429 is followed from the next call on', async () => {
    const { l, clock } = limiter({ op: { rate: 1, burst: 5 } });
    await l.acquire('op');
    l.adoptLimit('op', '0.25');
    l.drain('op');
    const t0 = clock.now();
    await l.acquire('op');
    await l.acquire('op');
    expect(clock.now() - t0).toBe(8000); // 4 s per call at 0.25/s
  });
});

/**
 * Amazon's bucket as its usage plans describe it (and as the sandbox keeps it): full until the first
 * request arrives, refilled at `rate` up to `burst`, one token per request that arrives.
 */
function amazonBucket(now: () => number, plan: RateSpec) {
  let tokens = plan.burst;
  let updated: number | undefined;
  return {
    arrive(): 200 | 429 {
      const t = now();
      tokens = Math.min(plan.burst, tokens + ((t - (updated ?? t)) / 1000) * plan.rate);
      updated = t;
      if (tokens < 1) return 429;
      tokens -= 1;
      return 200;
    },
  };
}

/**
 * Calls through the limiter to `amazonBucket` over a network whose delay differs per request: `there(i)`
 * to reach Amazon, `back(i)` for the answer. Returns the statuses and when each request arrived.
 */
async function overJitteryNetwork(
  l: ReturnType<typeof createRateLimiter>,
  clock: ReturnType<typeof virtualClock>,
  calls: number,
  there: (i: number) => number,
  back: (i: number) => number,
) {
  const amazon = amazonBucket(clock.now, { rate: 1, burst: 5 });
  const statuses: number[] = [];
  const arrivals: number[] = [];
  await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const grant = await l.acquire('op');
      await clock.sleep(there(i));
      arrivals[i] = clock.now();
      const status = amazon.arrive();
      await clock.sleep(back(i));
      grant.answered();
      statuses[i] = status;
      if (status === 429) l.drain('op');
    }),
  );
  return { statuses, arrivals };
}

describe('timing jitter between us and Amazon', () => {
  it('a slow burst and fast requests after it: throttled with a 2 % margin alone, never with the answer rule', async () => {
    // The burst goes out on fresh connections and reaches Amazon 60 ms late; the requests after it reuse them.
    const there = (i: number) => (i < 5 ? 60 : 2);
    const back = () => 2;

    // What the 2 % margin did: the answers are ignored (as before), and request 6 lands before Amazon's token.
    const before = virtualClock(0);
    const margin = createRateLimiter({ limits: { op: { rate: 1, burst: 5 } }, now: before.now, sleep: before.sleep, pacing: 0.98 });
    const unaware = { ...margin, acquire: async (op: string) => (await margin.acquire(op), { answered() {} }) };
    const old = await overJitteryNetwork(unaware as ReturnType<typeof createRateLimiter>, before, 12, there, back);
    expect(old.statuses.filter((s) => s === 429).length).toBeGreaterThan(0);

    const clock = virtualClock(0);
    const l = createRateLimiter({ limits: { op: { rate: 1, burst: 5 } }, now: clock.now, sleep: clock.sleep });
    const now = await overJitteryNetwork(l, clock, 30, there, back);
    expect(now.statuses.filter((s) => s === 429)).toEqual([]);
    // Still at the plan's rate: 25 requests after the burst in a little over 25 s.
    const last = Math.max(...now.arrivals);
    expect(25 / (last / 1000)).toBeGreaterThanOrEqual(0.95);
  });

  it('random delays of up to 300 ms each way never earn a 429', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let run = 0; run < 5; run++) {
      const clock = virtualClock(0);
      const l = createRateLimiter({ limits: { op: { rate: 1, burst: 5 } }, now: clock.now, sleep: clock.sleep });
      const delays = Array.from({ length: 20 }, () => [Math.round(random() * 300), Math.round(random() * 300)] as const);
      const { statuses } = await overJitteryNetwork(l, clock, 20, (i) => delays[i]![0], (i) => delays[i]![1]);
      expect(statuses.filter((s) => s === 429)).toEqual([]);
    }
  });

  it('a token taken from a bucket below its burst is not charged for the time its answer took', async () => {
    const { l, clock } = limiter();
    const first = await l.acquire('op'); // from the full bucket
    const second = await l.acquire('op');
    clock.advance(100);
    second.answered(); // no effect: the bucket was not full when it was taken
    first.answered(); // 100 ms of accrual Amazon's full bucket may have dropped
    for (let i = 0; i < 3; i++) await l.acquire('op');
    await l.acquire('op');
    // 3 tokens used at 100 ms with 0.1 accrued and 0.1 taken back: the next one at 1100 ms.
    expect(clock.now()).toBe(1100);
  });

  it('an answer that comes while others wait pushes their turn back, in order', async () => {
    const { l, clock } = limiter({ op: { rate: 1, burst: 1 } });
    const first = await l.acquire('op');
    const granted: number[] = [];
    const waiting = [l.acquire('op'), l.acquire('op')].map((p) => p.then(() => granted.push(clock.now())));
    clock.advance(250);
    first.answered();
    await Promise.all(waiting);
    expect(granted).toEqual([1250, 2250]);
  });

  it("a 429's Retry-After holds the next call until then", async () => {
    const { l, clock, waits } = limiter({ op: { rate: 1, burst: 5 } });
    await l.acquire('op');
    l.drain('op', 3000);
    await l.acquire('op');
    expect(clock.now()).toBe(3000);
    expect(waits).toEqual([{ operation: 'op', ms: 3000 }]);
  });
});
