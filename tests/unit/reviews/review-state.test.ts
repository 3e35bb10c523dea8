/**
 * The composer's review-request state: the order's data and Amazon's answer on the request are asked for
 * once per order and kept, the window still follows the clock, and whatever changes Amazon's answer (a
 * message accepted for the order, a request of ours) makes it asked again. Module reloads stand in for a
 * restarted worker: IndexedDB and storage.session outlive it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecentOrder } from '../../../lib/spapi/types';

const fakeApi = {
  getOrder: vi.fn<(orderId: string, marketplaceId: string) => Promise<RecentOrder>>(),
  reviewRequestOffered: vi.fn<(orderId: string, marketplaceId: string) => Promise<boolean>>(),
  requestReview: vi.fn<(orderId: string, marketplaceId: string) => Promise<'requested' | 'refused'>>(),
};

vi.mock('../../../lib/background/connection', () => ({
  api: async () => fakeApi,
  onRateLimitWait: () => () => undefined,
}));

const C = 'primary';
const OTHER_CONNECTION = 'b2c3d4e5-0000-4000-8000-000000000000';
const ORDER = '902-3159896-1390916';
const MARKETPLACE = 'ATVPDKIKX0DER';
const DAY = 86_400_000;
const MINUTE = 60_000;
const DELIVERED = Date.parse('2026-11-01T12:00:00Z');
/** Five days after delivery: the window opens. */
const OPENS = DELIVERED + 5 * DAY;
const CLOSES = DELIVERED + 30 * DAY;

const order: RecentOrder = {
  orderId: ORDER,
  purchaseDate: '2026-10-28T09:00:00Z',
  status: 'Shipped',
  marketplaceId: MARKETPLACE,
  earliestDeliveryDate: new Date(DELIVERED).toISOString(),
  latestDeliveryDate: new Date(DELIVERED).toISOString(),
};

async function freshModules() {
  vi.resetModules();
  const reviews = await import('../../../lib/background/reviews');
  const history = await import('../../../lib/background/history');
  return { ...reviews, ...history };
}

const calls = () => ({ getOrder: fakeApi.getOrder.mock.calls.length, offered: fakeApi.reviewRequestOffered.mock.calls.length });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
  // The history entry's title of a review request.
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(OPENS + 3 * DAY);
  fakeApi.getOrder.mockReset().mockResolvedValue(order);
  fakeApi.reviewRequestOffered.mockReset().mockResolvedValue(true);
  fakeApi.requestReview.mockReset().mockResolvedValue('requested');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('whether Amazon\'s answer on the request still holds', () => {
  const entry = (at: number, outcome: 'sent' | 'failed' | 'unknown', segment = 'confirmOrderDetails') => ({ id: String(at), orderId: ORDER, segment, title: '', at, outcome });

  it('holds with no message, or only failed ones, since it was asked for', async () => {
    const { answerHolds } = await freshModules();
    expect(answerHolds(100, [])).toBe(true);
    expect(answerHolds(100, [entry(150, 'failed')])).toBe(true);
    expect(answerHolds(100, [entry(50, 'sent')])).toBe(true);
  });

  it('does not hold once a message was or may have been accepted after it', async () => {
    const { answerHolds } = await freshModules();
    expect(answerHolds(100, [entry(150, 'sent')])).toBe(false);
    expect(answerHolds(100, [entry(100, 'sent')])).toBe(false);
    expect(answerHolds(100, [entry(150, 'unknown')])).toBe(false);
    expect(answerHolds(100, [entry(150, 'unknown'), entry(50, 'unknown')])).toBe(false);
  });

  it('asked for after an accepted message, it holds whatever is sent later', async () => {
    const { answerHolds } = await freshModules();
    expect(answerHolds(100, [entry(150, 'sent'), entry(50, 'sent')])).toBe(true);
  });

  it('review requests of ours are the marker\'s business, not a message', async () => {
    const { answerHolds } = await freshModules();
    expect(answerHolds(100, [entry(150, 'sent', 'productReviewAndSellerFeedback')])).toBe(true);
  });
});

describe('review state look-ups', () => {
  it('asks for the order and the request once, however many composers open on it', async () => {
    const m = await freshModules();
    for (let i = 0; i < 5; i++) expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('eligible');
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
  });

  it('composers opening at the same moment share one call of each', async () => {
    const m = await freshModules();
    const states = await Promise.all([1, 2, 3].map(() => m.reviewState(C, ORDER, MARKETPLACE)));
    expect(states.map((s) => s.state)).toEqual(['eligible', 'eligible', 'eligible']);
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
  });

  it('keeps them across a restarted worker', async () => {
    await (await freshModules()).reviewState(C, ORDER, MARKETPLACE);
    await (await freshModules()).reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
  });

  it('asks again once the kept answers are five minutes old', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    vi.setSystemTime(Date.now() + 4 * MINUTE);
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
    vi.setSystemTime(Date.now() + 2 * MINUTE);
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 2, offered: 2 });
  });

  it('keeps each connection\'s answers apart', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    fakeApi.reviewRequestOffered.mockResolvedValue(false);
    expect((await m.reviewState(OTHER_CONNECTION, ORDER, MARKETPLACE)).state).toBe('not-offered');
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('eligible');
    expect(calls()).toEqual({ getOrder: 2, offered: 2 });
  });

  it('a message accepted for the order makes Amazon\'s answer asked again (one request or one message), not the order', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    vi.setSystemTime(Date.now() + 1000);
    await m.record(C, { orderId: ORDER, segment: 'confirmCustomizationDetails', title: 'Confirm customization details', at: Date.now(), outcome: 'sent' });
    fakeApi.reviewRequestOffered.mockResolvedValue(false);
    vi.setSystemTime(Date.now() + 1000);
    const state = await m.reviewState(C, ORDER, MARKETPLACE);
    expect(state).toEqual({ state: 'not-offered', messageAccepted: true });
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
    // Asked after the message: kept again, and a second message changes nothing more.
    await m.reviewState(C, ORDER, MARKETPLACE);
    vi.setSystemTime(Date.now() + 1000);
    await m.record(C, { orderId: ORDER, segment: 'confirmOrderDetails', title: 'Confirm order details', at: Date.now(), outcome: 'sent' });
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
  });

  it('a message that failed leaves Amazon\'s answer standing; one whose outcome is unknown does not', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    vi.setSystemTime(Date.now() + 1000);
    await m.record(C, { orderId: ORDER, segment: 'confirmCustomizationDetails', title: 'Confirm customization details', at: Date.now(), outcome: 'failed' });
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
    vi.setSystemTime(Date.now() + 1000);
    await m.record(C, { orderId: ORDER, segment: 'confirmCustomizationDetails', title: 'Confirm customization details', at: Date.now(), outcome: 'unknown' });
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
  });

  it('an answer asked for while a message was being sent is not kept past the message', async () => {
    const m = await freshModules();
    let answer!: (offered: boolean) => void;
    fakeApi.reviewRequestOffered.mockImplementationOnce(() => new Promise<boolean>((r) => (answer = r)));
    const first = m.reviewState(C, ORDER, MARKETPLACE);
    await vi.waitFor(() => expect(fakeApi.reviewRequestOffered).toHaveBeenCalled());
    // The message is accepted while Amazon's answer is on its way.
    vi.setSystemTime(Date.now() + 1000);
    await m.record(C, { orderId: ORDER, segment: 'confirmCustomizationDetails', title: 'Confirm customization details', at: Date.now(), outcome: 'sent' });
    answer(true);
    await first;
    fakeApi.reviewRequestOffered.mockResolvedValue(false);
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('not-offered');
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
  });

  it('a request of ours shows as requested without asking, and an unknown outcome asks Amazon afresh', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    fakeApi.requestReview.mockRejectedValueOnce(Object.assign(new Error('timeout'), { outcomeUnknown: true }));
    await expect(m.requestReview(C, ORDER, MARKETPLACE)).rejects.toThrow('timeout');
    // Amazon took it: it no longer offers another.
    fakeApi.reviewRequestOffered.mockResolvedValue(false);
    const settled = await m.reviewState(C, ORDER, MARKETPLACE);
    expect(settled).toMatchObject({ state: 'already-requested', requestedBy: 'us' });
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
    await m.reviewState(C, ORDER, MARKETPLACE);
    expect(calls()).toEqual({ getOrder: 1, offered: 2 });
  });

  it('the window opens by the clock with the kept order data, and only then is Amazon asked', async () => {
    vi.setSystemTime(OPENS - MINUTE);
    const m = await freshModules();
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('too-early');
    expect(calls()).toEqual({ getOrder: 1, offered: 0 });
    vi.setSystemTime(OPENS + MINUTE);
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('eligible');
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
  });

  it('the window closes by the clock, with the kept answers', async () => {
    vi.setSystemTime(CLOSES - MINUTE);
    const m = await freshModules();
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('eligible');
    vi.setSystemTime(CLOSES + MINUTE);
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('too-late');
    expect(calls()).toEqual({ getOrder: 1, offered: 1 });
  });

  it('expired look-ups are dropped when a new one is kept, so a long session does not pile them up', async () => {
    const m = await freshModules();
    await m.reviewState(C, ORDER, MARKETPLACE);
    const kept = async () => Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('review.')).sort();
    expect(await kept()).toEqual([`review.offered:${C}:${MARKETPLACE}:${ORDER}`, `review.order:${C}:${MARKETPLACE}:${ORDER}`]);
    vi.setSystemTime(Date.now() + 6 * MINUTE);
    const other = '902-0000000-0000001';
    fakeApi.getOrder.mockResolvedValue({ ...order, orderId: other });
    await m.reviewState(C, other, MARKETPLACE);
    expect(await kept()).toEqual([`review.offered:${C}:${MARKETPLACE}:${other}`, `review.order:${C}:${MARKETPLACE}:${other}`]);
  });

  it('a failed look-up is not kept', async () => {
    const m = await freshModules();
    fakeApi.getOrder.mockRejectedValueOnce(new Error('503'));
    await expect(m.reviewState(C, ORDER, MARKETPLACE)).rejects.toThrow('503');
    expect((await m.reviewState(C, ORDER, MARKETPLACE)).state).toBe('eligible');
    expect(calls()).toEqual({ getOrder: 2, offered: 1 });
  });
});
