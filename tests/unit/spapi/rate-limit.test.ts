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

  it('by default paces 2 % under the plan: never early at Amazon, still at least 95 % of the rate', async () => {
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
