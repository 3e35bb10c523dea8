/**
 * The automatic mode in the background, on IndexedDB and Chrome's alarms (fake ones), with Amazon as a
 * fake client: off by default, one alarm for the soonest order, re-armed at a worker start, one request
 * per due order through the never-twice path, and no request for a cancelled, excluded, closed or
 * already-messaged order. The inbox hook reads a shipped order's dates and schedules it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RecentOrder } from '../../../lib/spapi';
import type { OrderChange } from '../../../lib/notifications/types';

const DAY = 86_400_000;
const START = Date.parse('2026-11-20T12:00:00Z');
const C = 'primary';

const orders = new Map<string, RecentOrder>();
const fakeApi = {
  getOrder: vi.fn(async (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return order;
  }),
  reviewRequestOffered: vi.fn(async () => true),
  requestReview: vi.fn(async () => 'requested' as const),
};

vi.mock('../../../lib/background/connection', () => ({
  api: async () => fakeApi,
  onRateLimitWait: () => () => undefined,
  listConnections: async () => [{ id: 'primary', name: 'Main', merchantId: 'A1SELLER' }],
  currentConnectionId: async () => 'primary',
}));

function order(orderId: string, deliveredAt: number, extra: Partial<RecentOrder> = {}): RecentOrder {
  const o: RecentOrder = {
    orderId, marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped', purchaseDate: new Date(deliveredAt - 3 * DAY).toISOString(),
    earliestDeliveryDate: new Date(deliveredAt).toISOString(), latestDeliveryDate: new Date(deliveredAt).toISOString(), ...extra,
  };
  orders.set(orderId, o);
  return o;
}

/** A fresh worker: modules loaded anew; `keepDb` keeps what the previous one stored, as a restart does. */
async function background(keepDb = false) {
  vi.resetModules();
  if (!keepDb) globalThis.indexedDB = new IDBFactory();
  const auto = await import('../../../lib/background/auto-reviews');
  const runs = await import('../../../lib/background/review-runs');
  const history = await import('../../../lib/background/history');
  const db = await import('../../../lib/store/db');
  return { ...auto, runs, history, db };
}

const alarm = async () => (await fakeBrowser.alarms.getAll()).filter((a) => a.name.startsWith('reviews.'));
const stateOf = async (b: Awaited<ReturnType<typeof background>>, orderId: string) => (await b.autoReviewsView()).entries.find((e) => e.orderId === orderId)?.state;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Order Courier', version: '0.1.0' });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  orders.clear();
  fakeApi.getOrder.mockClear();
  fakeApi.reviewRequestOffered.mockClear();
  fakeApi.requestReview.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the automatic mode', () => {
  it('is off by default: a seen order is not scheduled and no alarm is set', async () => {
    const b = await background();
    expect((await b.autoReviewsView()).enabled).toBe(false);
    await b.seeOrders(C, [order('111-0000000-0000001', START)]);
    expect((await b.autoReviewsView()).entries).toEqual([]);
    expect(await alarm()).toEqual([]);
  });

  it('keeps one alarm for the soonest order, and arms it again at a worker start when Chrome lost it', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START + 2 * DAY), order('111-0000000-0000002', START)]);
    expect((await alarm()).map((a) => [a.name, a.scheduledTime])).toEqual([['reviews.auto', START + 5 * DAY]]);
    const view = await b.autoReviewsView();
    expect(view.entries.map((e) => [e.orderId, e.state, e.opensOn])).toEqual([
      ['111-0000000-0000002', 'scheduled', '2026-11-25'],
      ['111-0000000-0000001', 'scheduled', '2026-11-27'],
    ]);
    await fakeBrowser.alarms.clearAll();
    const restarted = await background(true);
    await restarted.startAutoReviews();
    expect((await alarm()).map((a) => [a.name, a.scheduledTime])).toEqual([['reviews.auto', START + 5 * DAY]]);
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
  });

  it('requests a due order once through the never-twice path, records it in the history, then arms the next one', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START), order('111-0000000-0000002', START + DAY)]);
    vi.setSystemTime(START + 5 * DAY);
    await b.runDue();
    expect(fakeApi.requestReview).toHaveBeenCalledTimes(1);
    expect(fakeApi.requestReview).toHaveBeenCalledWith('111-0000000-0000001', 'ATVPDKIKX0DER');
    expect(await stateOf(b, '111-0000000-0000001')).toBe('requested');
    expect(await stateOf(b, '111-0000000-0000002')).toBe('scheduled');
    expect((await b.history.historyFor(C, '111-0000000-0000001')).map((h) => h.outcome)).toEqual(['sent']);
    expect((await alarm()).map((a) => a.scheduledTime)).toEqual([START + 6 * DAY]);

    // Seen again, and the alarm firing again: never a second request.
    await b.seeOrders(C, [orders.get('111-0000000-0000001')!]);
    await b.runDue();
    expect(fakeApi.requestReview).toHaveBeenCalledTimes(1);
  });

  it('never requests a cancelled order, nor schedules it again when it is seen again', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START), order('111-0000000-0000002', START)]);
    await b.cancel({ connectionId: C, orderId: '111-0000000-0000001' });
    await b.seeOrders(C, [orders.get('111-0000000-0000001')!]);
    expect(await stateOf(b, '111-0000000-0000001')).toBe('cancelled');
    await b.cancel({ all: true });
    expect(await stateOf(b, '111-0000000-0000002')).toBe('cancelled');
    expect(await alarm()).toEqual([]);
    vi.setSystemTime(START + 6 * DAY);
    await b.runDue();
    expect(fakeApi.reviewRequestOffered).not.toHaveBeenCalled();
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
  });

  it('ends an order whose window closed while the browser was off "too late", without a call', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START)]);
    // The browser was off from before the window opened until after it closed; the next worker start runs what is due.
    vi.setSystemTime(START + 32 * DAY);
    await b.startAutoReviews();
    expect(await stateOf(b, '111-0000000-0000001')).toBe('too-late');
    expect(fakeApi.reviewRequestOffered).not.toHaveBeenCalled();
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
  });

  it('skips an order excluded after it was scheduled, and one that already had a proactive message accepted', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START, { skus: ['NO-ASK'] }), order('111-0000000-0000002', START)]);
    await b.runs.saveExclusions(C, ['NO-ASK']);
    await b.history.record(C, { connectionId: C, orderId: '111-0000000-0000002', segment: 'unexpectedProblem', title: 'Unexpected problem', at: START, outcome: 'sent' });
    vi.setSystemTime(START + 5 * DAY);
    await b.runDue();
    const view = await b.autoReviewsView();
    expect(view.entries.find((e) => e.orderId === '111-0000000-0000001')).toMatchObject({ state: 'skipped', reason: 'excluded' });
    expect(view.entries.find((e) => e.orderId === '111-0000000-0000002')).toMatchObject({ state: 'message-sent' });
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
  });

  it('says "not offered" when Amazon does not list the request (a refunded order looks like this)', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START)]);
    fakeApi.reviewRequestOffered.mockResolvedValueOnce(false);
    vi.setSystemTime(START + 5 * DAY);
    await b.runDue();
    expect(await stateOf(b, '111-0000000-0000001')).toBe('not-offered');
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
  });

  it('turned off, nothing is requested and no alarm is left; turned on again, the schedule is armed again', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    await b.seeOrders(C, [order('111-0000000-0000001', START)]);
    await b.setAutoEnabled(false);
    expect(await alarm()).toEqual([]);
    vi.setSystemTime(START + 5 * DAY);
    await b.runDue();
    expect(fakeApi.requestReview).not.toHaveBeenCalled();
    vi.setSystemTime(START + DAY);
    await b.setAutoEnabled(true);
    expect((await alarm()).map((a) => a.scheduledTime)).toEqual([START + 5 * DAY]);
  });
});

describe('the inbox hook', () => {
  const change = (orderId: string, orderStatus: OrderChange['orderStatus']): OrderChange => ({
    notificationId: `n-${orderId}`, eventTime: new Date(START).toISOString(), sellerId: 'A1SELLER', orderId, marketplaceId: 'ATVPDKIKX0DER',
    changeType: 'OrderStatusChange', level: 'OrderLevel', orderStatus, changeReason: '', timeOfChange: null, fulfillmentType: 'MFN',
    orderType: 'StandardOrder', purchaseDate: null, items: [], isCancellationRequest: false, isNewUnshippedOrder: false,
  });

  it('reads a shipped order from the change and schedules it; other changes cost no call', async () => {
    const b = await background();
    await b.setAutoEnabled(true);
    order('111-0000000-0000001', START + DAY);
    order('111-0000000-0000002', START, { status: 'Unshipped' });
    await b.seeOrderChanges([change('111-0000000-0000001', 'Shipped'), change('111-0000000-0000002', 'Unshipped')]);
    expect(fakeApi.getOrder).toHaveBeenCalledTimes(1);
    expect(fakeApi.getOrder).toHaveBeenCalledWith('111-0000000-0000001', 'ATVPDKIKX0DER');
    expect((await b.autoReviewsView()).entries.map((e) => [e.orderId, e.state])).toEqual([['111-0000000-0000001', 'scheduled']]);
  });

  it('costs no call at all while the mode is off', async () => {
    const b = await background();
    order('111-0000000-0000001', START);
    await b.seeOrderChanges([change('111-0000000-0000001', 'Shipped')]);
    expect(fakeApi.getOrder).not.toHaveBeenCalled();
  });
});
