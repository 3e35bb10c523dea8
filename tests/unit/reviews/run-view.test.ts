import { describe, expect, it } from 'vitest';
import { dayToMs, msToDay, progressOf, runCsv } from '../../../lib/ui/reviews-store';
import type { ReviewRunView } from '../../../lib/protocol';

const T0 = Date.UTC(2026, 8, 20, 12, 0, 0);

function run(items: ReviewRunView['items']): ReviewRunView {
  return { id: 'r1', connectionId: 'primary', marketplaceId: 'ATVPDKIKX0DER', from: 0, to: 1, status: 'running', createdAt: T0, items };
}

describe('bulk run view', () => {
  it('counts done orders and estimates the time left at the pace measured so far', () => {
    const r = run([
      { orderId: 'a', marketplaceId: 'M', state: 'requested', at: T0 + 2000 },
      { orderId: 'b', marketplaceId: 'M', state: 'not-eligible', reason: 'too-early', date: '2026-09-30' },
      { orderId: 'c', marketplaceId: 'M', state: 'requested', at: T0 + 4000 },
      { orderId: 'd', marketplaceId: 'M', state: 'pending' },
      { orderId: 'e', marketplaceId: 'M', state: 'pending' },
    ]);
    expect(progressOf(r, T0 + 5000)).toEqual({ done: 3, total: 5, msLeft: 4000 });
    // Before any order ends, Amazon's documented 1 request per second.
    expect(progressOf(run([{ orderId: 'd', marketplaceId: 'M', state: 'pending' }]), T0).msLeft).toBe(1000);
  });

  it('exports one CSV line per order, quoting what needs it', () => {
    const csv = runCsv(run([
      { orderId: '111-0000000-0000001', marketplaceId: 'M', state: 'requested', at: T0 },
      { orderId: '111-0000000-0000002', marketplaceId: 'M', state: 'failed', reason: 'spapi, "odd"' },
    ]));
    expect(csv).toBe([
      'orderId,marketplaceId,outcome,reason,date,at',
      '111-0000000-0000001,M,requested,,,2026-09-20T12:00:00.000Z',
      '111-0000000-0000002,M,failed,"spapi, ""odd""",,',
      '',
    ].join('\n'));
  });

  it('reads a date input as the whole day', () => {
    expect(dayToMs('2026-09-20', 'start')).toBe(Date.UTC(2026, 8, 20));
    expect(dayToMs('2026-09-20', 'end')).toBe(Date.UTC(2026, 8, 21) - 1);
    expect(dayToMs('20.09.2026', 'start')).toBeUndefined();
    expect(msToDay(T0)).toBe('2026-09-20');
  });
});
