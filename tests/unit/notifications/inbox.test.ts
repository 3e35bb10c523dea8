import { describe, expect, it } from 'vitest';
import {
  addChanges,
  cancellationScope,
  changeHeadlineKey,
  EMPTY_INBOX,
  entryUrl,
  hasSeenNotification,
  markSeen,
  MAX_ASIDE,
  MAX_ENTRIES,
  orderUrl,
  shouldNotify,
  unseenCount,
  type AsideItem,
} from '../../../lib/notifications/inbox';
import { parseOrderChangeNotification } from '../../../lib/notifications/payload';
import type { OrderChange } from '../../../lib/notifications/types';
import { body, type MessageOptions } from './fixtures';

function change(o: MessageOptions): OrderChange {
  const result = parseOrderChangeNotification(body(o));
  if (!result.ok) throw new Error(result.details);
  return result.change;
}

/** Minute `n` of one day, so ordering by time is easy to read. */
const minute = (n: number) => new Date(Date.UTC(2026, 2, 2, 8, 0) + n * 60_000).toISOString();
const newOrder = (id: string, n: number) => change({ notificationId: id, eventTime: minute(n) });
const cancelRequest = (id: string, n: number) =>
  change({ notificationId: id, eventTime: minute(n), changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Cancel' });
const aside = (id: string): AsideItem => ({ id, reason: 'not-json', details: 'x', raw: 'x', receivedAt: minute(0) });
const ids = (state: typeof EMPTY_INBOX) => state.entries.map((e) => e.change.notificationId);

describe('addChanges', () => {
  it('puts cancellation requests first, then newest first', () => {
    const state = addChanges(EMPTY_INBOX, [newOrder('a', 1), cancelRequest('c-old', 2), newOrder('b', 5), cancelRequest('c-new', 3)]);
    expect(ids(state)).toEqual(['c-new', 'c-old', 'b', 'a']);
  });

  it('ignores a notification it already holds, within a batch and across batches', () => {
    let state = addChanges(EMPTY_INBOX, [newOrder('a', 1), newOrder('a', 1)]);
    state = addChanges(state, [newOrder('a', 1), newOrder('b', 2)]);
    expect(ids(state)).toEqual(['b', 'a']);
  });

  it('keeps a redelivery out even after its entry was dropped by the cap', () => {
    let state = addChanges(EMPTY_INBOX, [newOrder('first', 0)]);
    state = addChanges(state, Array.from({ length: MAX_ENTRIES }, (_, i) => newOrder(`n${i}`, i + 1)));
    expect(ids(state)).not.toContain('first');
    expect(hasSeenNotification(state, 'first')).toBe(true);
    expect(ids(addChanges(state, [newOrder('first', 0)]))).not.toContain('first');
  });

  it(`keeps at most ${MAX_ENTRIES}, dropping the oldest ordinary entries before any cancellation request`, () => {
    const many = Array.from({ length: MAX_ENTRIES + 50 }, (_, i) => newOrder(`n${i}`, i + 10));
    const state = addChanges(EMPTY_INBOX, [cancelRequest('urgent-but-old', 0), ...many]);
    expect(state.entries).toHaveLength(MAX_ENTRIES);
    expect(ids(state)[0]).toBe('urgent-but-old');
    expect(ids(state)).toContain(`n${MAX_ENTRIES + 49}`);
    expect(ids(state)).not.toContain('n0');
  });

  it(`keeps unreadable messages aside, newest first, once each, at most ${MAX_ASIDE}`, () => {
    let state = addChanges(EMPTY_INBOX, [], [aside('m1'), aside('m2')]);
    state = addChanges(state, [], [aside('m2'), aside('m3')]);
    expect(state.asideItems.map((a) => a.id)).toEqual(['m3', 'm2', 'm1']);
    state = addChanges(state, [], Array.from({ length: 60 }, (_, i) => aside(`x${i}`)));
    expect(state.asideItems).toHaveLength(MAX_ASIDE);
    expect(state.asideItems[0]?.id).toBe('x59');
    expect(state.entries).toEqual([]);
  });

  it('does not change the state it was given', () => {
    const before = addChanges(EMPTY_INBOX, [newOrder('a', 1)]);
    const copy = structuredClone(before);
    addChanges(before, [newOrder('b', 2)], [aside('m')]);
    markSeen(before, 'all');
    expect(before).toEqual(copy);
  });
});

describe('unseenCount and markSeen', () => {
  const state = addChanges(EMPTY_INBOX, [newOrder('a', 1), newOrder('b', 2), cancelRequest('c', 3)]);

  it('counts new entries as unseen', () => {
    expect(unseenCount(state)).toBe(3);
  });

  it('marks chosen ids', () => {
    const next = markSeen(state, ['a', 'c', 'unknown']);
    expect(unseenCount(next)).toBe(1);
    expect(next.entries.find((e) => e.change.notificationId === 'b')?.seen).toBe(false);
  });

  it('marks everything', () => {
    expect(unseenCount(markSeen(state, 'all'))).toBe(0);
  });

  it('new arrivals are unseen again', () => {
    expect(unseenCount(addChanges(markSeen(state, 'all'), [newOrder('d', 4)]))).toBe(1);
  });
});

describe('shouldNotify', () => {
  const cancel = cancelRequest('c', 1);
  const unshipped = newOrder('n', 1);
  const shipped = change({ notificationId: 's', status: 'Shipped' });

  it.each([
    [{ cancellations: true, newOrders: true }, [true, true, false]],
    [{ cancellations: true, newOrders: false }, [true, false, false]],
    [{ cancellations: false, newOrders: true }, [false, true, false]],
    [{ cancellations: false, newOrders: false }, [false, false, false]],
  ])('%j', (prefs, expected) => {
    expect([cancel, unshipped, shipped].map((c) => shouldNotify(c, prefs))).toEqual(expected);
  });

  it('has a headline for each kind', () => {
    expect(changeHeadlineKey(cancel)).toBe('ntf_headline_cancellation_request');
    expect(changeHeadlineKey(unshipped)).toBe('ntf_headline_new_order');
    expect(changeHeadlineKey(shipped)).toBe('ntf_change_OrderStatusChange');
  });
});

describe('orderUrl', () => {
  it.each([
    ['ATVPDKIKX0DER', 'https://sellercentral.amazon.com/orders-v3/order/111-2222222-3333333'],
    ['A1PA6795UKMFR9', 'https://sellercentral.amazon.de/orders-v3/order/111-2222222-3333333'],
    ['A33AVAJ2PDY3EV', 'https://sellercentral.amazon.com.tr/orders-v3/order/111-2222222-3333333'],
    ['A1VC38T7YXB528', 'https://sellercentral.amazon.co.jp/orders-v3/order/111-2222222-3333333'],
  ])('%s → %s', (marketplaceId, url) => {
    expect(orderUrl({ orderId: '111-2222222-3333333', marketplaceId })).toBe(url);
  });

  it('gives no link for an unknown marketplace', () => {
    expect(orderUrl({ orderId: '111-2222222-3333333', marketplaceId: 'ANEWMARKET' })).toBeUndefined();
  });

  it('cannot be steered off the order path by the order id', () => {
    expect(orderUrl({ orderId: '../../x?y#z', marketplaceId: 'ATVPDKIKX0DER' })).toBe(
      'https://sellercentral.amazon.com/orders-v3/order/..%2F..%2Fx%3Fy%23z',
    );
  });

  it("opens a change in the merchant account of the connection it came from, on its marketplace's host", () => {
    const connections = [{ id: 'na' }, { id: 'eu', merchantId: 'A2EU MERCHANT&x' }];
    const de = { change: change({ orderId: '302-1111111-2222222', marketplaceId: 'A1PA6795UKMFR9' }), seen: false, connectionId: 'eu' };
    expect(entryUrl(de, connections)).toBe('https://sellercentral.amazon.de/orders-v3/order/302-1111111-2222222?mons_sel_dir_mcid=A2EU+MERCHANT%26x');
    const us = { change: change({ orderId: '111-1111111-2222222', marketplaceId: 'ATVPDKIKX0DER' }), seen: false, connectionId: 'na' };
    expect(entryUrl(us, connections)).toBe('https://sellercentral.amazon.com/orders-v3/order/111-1111111-2222222');
    // A change of a connection removed since still opens, in whatever account the browser is in.
    expect(entryUrl({ ...de, connectionId: 'gone' }, connections)).toBe('https://sellercentral.amazon.de/orders-v3/order/302-1111111-2222222');
  });

  it('tags changes and set-aside messages with the connection whose queue held them', () => {
    const aside: AsideItem = { id: 'm1', reason: 'not-json', details: '', raw: '{', receivedAt: '2026-03-02T10:00:00.000Z' };
    const state = addChanges(EMPTY_INBOX, [change({ notificationId: 'a' })], [aside], 'eu');
    expect(state.entries.map((e) => e.connectionId)).toEqual(['eu']);
    expect(state.asideItems.map((a) => a.connectionId)).toEqual(['eu']);
  });
});

describe('what a cancellation request asks to cancel', () => {
  it('names the flagged items with their quantities, and how many of the order they are', () => {
    const c = change({
      changeType: 'BuyerRequestedChange',
      reason: 'Buyer Requested Cancel',
      items: [
        { OrderItemId: '1', SellerSKU: 'MUG-BLUE', SupplySourceId: null, Quantity: 2, IsBuyerRequestedCancel: true },
        { OrderItemId: '2', SellerSKU: 'MUG-RED', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: false },
      ],
    });
    expect(cancellationScope(c)).toEqual({ items: [{ sellerSku: 'MUG-BLUE', quantity: 2 }], requested: 2, total: 3, wholeOrder: false });
  });

  it('is the whole order when the reason says cancel and no item is flagged', () => {
    const c = change({ changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Cancel' });
    expect(cancellationScope(c)).toEqual({
      items: [{ sellerSku: 'MUG-BLUE', quantity: 2 }, { sellerSku: 'MUG-RED', quantity: 1 }],
      requested: 3,
      total: 3,
      wholeOrder: true,
    });
  });

  it('is nothing for other changes', () => {
    expect(cancellationScope(newOrder('n1', 1))).toBeUndefined();
  });
});

describe('an order cancelled after it was listed', () => {
  const cancelled = (id: string, n: number) => change({ notificationId: id, eventTime: minute(n), status: 'Canceled' });

  it('marks the earlier "new order to ship" entry, whichever arrives first', () => {
    const later = addChanges(addChanges(EMPTY_INBOX, [newOrder('new', 1)]), [cancelled('gone', 5)]);
    expect(later.entries.find((e) => e.change.notificationId === 'new')?.orderCancelled).toBe(true);
    const together = addChanges(EMPTY_INBOX, [cancelled('gone', 5), newOrder('new', 1)]);
    expect(together.entries.find((e) => e.change.notificationId === 'new')?.orderCancelled).toBe(true);
    // The cancellation itself is what it says; it is not "cancelled" again.
    expect(together.entries.find((e) => e.change.notificationId === 'gone')?.orderCancelled).toBeUndefined();
  });

  it('leaves other orders alone, and a settled cancellation request is no longer urgent', () => {
    const other = change({ notificationId: 'other', orderId: '305-7654321-1234567', eventTime: minute(2) });
    const state = addChanges(EMPTY_INBOX, [other, cancelRequest('ask', 0), cancelled('gone', 3)]);
    expect(state.entries.find((e) => e.change.notificationId === 'other')?.orderCancelled).toBeUndefined();
    expect(state.entries.find((e) => e.change.notificationId === 'ask')?.orderCancelled).toBe(true);
    expect(state.entries.map((e) => e.change.notificationId)).toEqual(['gone', 'other', 'ask']);
  });
});
