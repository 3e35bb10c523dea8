import { describe, expect, it } from 'vitest';
import { dayIn, isExcluded, parseExclusions, reviewWindow, worthAsking, type ReviewOrder } from '../../../lib/reviews/window';

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
// A fixed clock: 2026-09-20 12:00 UTC.
const NOW = Date.UTC(2026, 8, 20, 12, 0, 0);
const DAY = 86_400_000;

function order(extra: Partial<ReviewOrder> = {}): ReviewOrder {
  return {
    orderId: '111-0000000-0000001', marketplaceId: US, status: 'Shipped',
    earliestDeliveryDate: '2026-09-08T07:00:00Z', latestDeliveryDate: '2026-09-10T07:00:00Z', skus: ['MUG-BLUE'], ...extra,
  };
}

describe('reviewWindow', () => {
  it('is eligible from 5 days after the earliest to 30 days after the latest delivery date', () => {
    expect(reviewWindow(order(), { now: NOW })).toEqual({ state: 'eligible', closesAt: Date.parse('2026-10-10T07:00:00Z'), closesOn: '2026-10-10' });
    const opensAt = Date.parse('2026-09-13T07:00:00Z');
    expect(reviewWindow(order(), { now: opensAt }).state).toBe('eligible');
    expect(reviewWindow(order(), { now: opensAt - 1 })).toEqual({ state: 'too-early', opensAt, opensOn: '2026-09-13' });
    const closesAt = Date.parse('2026-10-10T07:00:00Z');
    expect(reviewWindow(order(), { now: closesAt }).state).toBe('eligible');
    expect(reviewWindow(order(), { now: closesAt + 1 })).toEqual({ state: 'too-late', closedAt: closesAt, closedOn: '2026-10-10' });
  });

  it('names the days in the marketplace\'s time zone', () => {
    // It opens at 2026-09-20T03:00Z: still the evening of the 19th in Los Angeles, midday of the 20th in Tokyo.
    const early = order({ earliestDeliveryDate: '2026-09-15T03:00:00Z', latestDeliveryDate: '2026-09-15T03:00:00Z' });
    const before = NOW - DAY;
    expect(reviewWindow(early, { now: before })).toMatchObject({ state: 'too-early', opensOn: '2026-09-19' });
    expect(reviewWindow({ ...early, marketplaceId: JP }, { now: before })).toMatchObject({ state: 'too-early', opensOn: '2026-09-20' });
    expect(dayIn(Date.parse('2026-09-20T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-09-19');
  });

  it('takes the earliest date for both ends when Amazon gives only one', () => {
    const one = order({ latestDeliveryDate: undefined });
    expect(reviewWindow(one, { now: Date.parse('2026-10-08T07:00:00Z') + 1 }).state).toBe('too-late');
  });

  it('skips cancelled, refunded, returned, unshipped orders and orders without a delivery date, with the reason', () => {
    expect(reviewWindow(order({ status: 'Canceled' }), { now: NOW })).toEqual({ state: 'skipped', reason: 'cancelled' });
    expect(reviewWindow(order({ refunded: true }), { now: NOW })).toEqual({ state: 'skipped', reason: 'refunded' });
    expect(reviewWindow(order({ returned: true }), { now: NOW })).toEqual({ state: 'skipped', reason: 'returned' });
    expect(reviewWindow(order({ status: 'Unshipped' }), { now: NOW })).toEqual({ state: 'skipped', reason: 'not-shipped' });
    expect(reviewWindow(order({ earliestDeliveryDate: undefined, latestDeliveryDate: undefined }), { now: NOW }))
      .toEqual({ state: 'skipped', reason: 'no-delivery-date' });
  });

  it('puts the exclusion list first, then an earlier request', () => {
    expect(reviewWindow(order(), { now: NOW, exclusions: ['111-0000000-0000001'] })).toEqual({ state: 'skipped', reason: 'excluded' });
    expect(reviewWindow(order(), { now: NOW, exclusions: ['MUG-BLUE'], requested: true })).toEqual({ state: 'skipped', reason: 'excluded' });
    expect(reviewWindow(order({ status: 'Canceled' }), { now: NOW, requested: true })).toEqual({ state: 'already-requested' });
    expect(reviewWindow(order(), { now: NOW - 30 * DAY, requested: true })).toEqual({ state: 'already-requested' });
  });

  it('asks Amazon only about orders the window lets through', () => {
    expect(worthAsking(reviewWindow(order(), { now: NOW }))).toBe(true);
    expect(worthAsking(reviewWindow(order(), { now: NOW - 10 * DAY }))).toBe(false);
    expect(worthAsking(reviewWindow(order({ refunded: true }), { now: NOW }))).toBe(false);
  });
});

describe('exclusion list', () => {
  it('matches order ids and SKUs exactly', () => {
    expect(isExcluded(order(), ['MUG-BLUE'])).toBe(true);
    expect(isExcluded(order(), ['mug-blue'])).toBe(false);
    expect(isExcluded(order(), [])).toBe(false);
  });

  it('reads one entry per line or comma, without blanks or repeats', () => {
    expect(parseExclusions(' 111-0000000-0000001\nMUG-BLUE, MUG-BLUE\n\n,SKU 2 ')).toEqual(['111-0000000-0000001', 'MUG-BLUE', 'SKU 2']);
  });
});
