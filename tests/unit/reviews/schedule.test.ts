/**
 * The automatic mode's rules, with a fixed clock: which seen order is scheduled and for when, the next
 * due instant for the one alarm, and how a due order ends without a call (closed while the browser was
 * off, excluded, already requested, a proactive message accepted).
 */
import { describe, expect, it } from 'vitest';
import { dueDecision, expired, listOrder, nextDue, scheduleFor, type AutoReviewEntry } from '../../../lib/reviews/schedule';
import type { ReviewOrder } from '../../../lib/reviews/window';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function shipped(orderId: string, deliveredAt: number, extra: Partial<ReviewOrder> = {}): ReviewOrder {
  return { orderId, marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped', earliestDeliveryDate: iso(deliveredAt), latestDeliveryDate: iso(deliveredAt + DAY), ...extra };
}

const seen = { connectionId: 'primary', now: NOW, exclusions: [] as string[], requested: false };
const due = { now: NOW, exclusions: [] as string[], requested: false, messageAccepted: false };

function entry(over: Partial<AutoReviewEntry> = {}): AutoReviewEntry {
  return { connectionId: 'primary', orderId: '111-0000000-0000001', marketplaceId: 'ATVPDKIKX0DER', opensAt: NOW - 1000, closesAt: NOW + 20 * DAY, opensOn: '2026-11-20', state: 'scheduled', ...over };
}

describe('scheduleFor: what seeing an order does', () => {
  it('schedules a shipped order for the instant its window opens, with the day in the marketplace time zone', () => {
    const deliveredAt = NOW - 2 * DAY;
    const e = scheduleFor(shipped('111-0000000-0000001', deliveredAt, { skus: ['SKU-1'] }), undefined, seen);
    expect(e).toEqual({
      connectionId: 'primary', orderId: '111-0000000-0000001', marketplaceId: 'ATVPDKIKX0DER',
      opensAt: deliveredAt + 5 * DAY, closesAt: deliveredAt + DAY + 30 * DAY, opensOn: '2026-11-23', skus: ['SKU-1'], state: 'scheduled',
    });
  });

  it('schedules an order already inside its window as due now', () => {
    const e = scheduleFor(shipped('111-0000000-0000001', NOW - 8 * DAY), undefined, seen)!;
    expect(e.state).toBe('scheduled');
    expect(e.opensAt).toBeLessThanOrEqual(NOW);
  });

  it('gives no entry to an order that cannot be asked: not shipped, cancelled, closed, excluded, already requested', () => {
    expect(scheduleFor(shipped('111-0000000-0000001', NOW, { status: 'Unshipped' }), undefined, seen)).toBeUndefined();
    expect(scheduleFor(shipped('111-0000000-0000001', NOW, { status: 'Canceled' }), undefined, seen)).toBeUndefined();
    expect(scheduleFor(shipped('111-0000000-0000001', NOW - 60 * DAY), undefined, seen)).toBeUndefined();
    expect(scheduleFor(shipped('111-0000000-0000001', NOW), undefined, { ...seen, exclusions: ['111-0000000-0000001'] })).toBeUndefined();
    expect(scheduleFor(shipped('111-0000000-0000001', NOW), undefined, { ...seen, requested: true })).toBeUndefined();
    expect(scheduleFor({ orderId: '111-0000000-0000001', marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped' }, undefined, seen)).toBeUndefined();
  });

  it('leaves a cancelled or ended entry alone when the order is seen again', () => {
    for (const state of ['cancelled', 'requested', 'too-late', 'failed'] as const) {
      expect(scheduleFor(shipped('111-0000000-0000001', NOW), entry({ state }), seen), state).toBeUndefined();
    }
  });

  it('moves a scheduled entry when the delivery dates move, and changes nothing when they did not', () => {
    const first = scheduleFor(shipped('111-0000000-0000001', NOW), undefined, seen)!;
    expect(scheduleFor(shipped('111-0000000-0000001', NOW), first, seen)).toBeUndefined();
    expect(scheduleFor(shipped('111-0000000-0000001', NOW + 2 * DAY), first, seen)?.opensAt).toBe(NOW + 7 * DAY);
  });

  it('ends a scheduled entry whose order was cancelled or excluded since', () => {
    const first = scheduleFor(shipped('111-0000000-0000001', NOW), undefined, seen)!;
    expect(scheduleFor(shipped('111-0000000-0000001', NOW, { status: 'Canceled' }), first, seen)).toMatchObject({ state: 'skipped', reason: 'cancelled', at: NOW });
    expect(scheduleFor(shipped('111-0000000-0000001', NOW, { skus: ['NO-ASK'] }), first, { ...seen, exclusions: ['NO-ASK'] })).toMatchObject({ state: 'skipped', reason: 'excluded' });
  });
});

describe('nextDue: the one alarm', () => {
  it('is the soonest scheduled entry, ignoring ended and cancelled ones, and none when nothing waits', () => {
    const entries = [
      entry({ orderId: 'a', opensAt: NOW + 3 * DAY }),
      entry({ orderId: 'b', opensAt: NOW + DAY }),
      entry({ orderId: 'c', opensAt: NOW - DAY, state: 'cancelled' }),
      entry({ orderId: 'd', opensAt: NOW - 2 * DAY, state: 'requested' }),
    ];
    expect(nextDue(entries)).toBe(NOW + DAY);
    expect(nextDue(entries.filter((e) => e.state !== 'scheduled'))).toBeUndefined();
    expect(nextDue([])).toBeUndefined();
  });
});

describe('dueDecision: a due entry', () => {
  it('waits before its window opens, and is asked about once it has', () => {
    expect(dueDecision(entry({ opensAt: NOW + 1 }), due)).toEqual({ kind: 'wait' });
    expect(dueDecision(entry({ opensAt: NOW }), due)).toEqual({ kind: 'ask' });
  });

  it('ends "too late", not requested, when the window closed while the browser was off', () => {
    expect(dueDecision(entry({ opensAt: NOW - 40 * DAY, closesAt: NOW - 1 }), due)).toEqual({ kind: 'end', state: 'too-late' });
  });

  it('ends skipped when the order or a SKU was excluded after it was scheduled; the exclusion list always wins', () => {
    expect(dueDecision(entry(), { ...due, exclusions: ['111-0000000-0000001'] })).toEqual({ kind: 'end', state: 'skipped', reason: 'excluded' });
    expect(dueDecision(entry({ skus: ['SKU-9'], opensAt: NOW + DAY }), { ...due, exclusions: ['SKU-9'] })).toEqual({ kind: 'end', state: 'skipped', reason: 'excluded' });
  });

  it('ends already requested when a request is on record (from the order page or a bulk run)', () => {
    expect(dueDecision(entry(), { ...due, requested: true })).toEqual({ kind: 'end', state: 'already-requested' });
  });

  it('follows the one-message rule: a proactive message accepted means no request, and says so', () => {
    expect(dueDecision(entry(), { ...due, messageAccepted: true })).toEqual({ kind: 'end', state: 'message-sent' });
  });

  it('does nothing with a cancelled entry', () => {
    expect(dueDecision(entry({ state: 'cancelled' }), due)).toEqual({ kind: 'wait' });
  });
});

describe('keeping and listing', () => {
  it('keeps an ended entry until a week after its window closed, a scheduled one always', () => {
    expect(expired(entry({ state: 'cancelled', closesAt: NOW - 8 * DAY }), NOW)).toBe(true);
    expect(expired(entry({ state: 'cancelled', closesAt: NOW - 6 * DAY }), NOW)).toBe(false);
    expect(expired(entry({ closesAt: NOW - 8 * DAY }), NOW)).toBe(false);
  });

  it('lists the scheduled ones first, soonest first, then the ended ones, latest first', () => {
    const list = [
      entry({ orderId: 'ended-old', state: 'requested', at: NOW - 2000 }),
      entry({ orderId: 'later', opensAt: NOW + 2 * DAY }),
      entry({ orderId: 'ended-new', state: 'cancelled', at: NOW - 1000 }),
      entry({ orderId: 'sooner', opensAt: NOW + DAY }),
    ].sort(listOrder);
    expect(list.map((e) => e.orderId)).toEqual(['sooner', 'later', 'ended-new', 'ended-old']);
  });
});
