import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RecentOrder } from '../../../lib/spapi';

/** Amazon for the run: every order is offered a review request; each request waits until the test lets it answer. */
const amazon = {
  asked: [] as string[],
  answers: [] as Array<() => void>,
  async requestReview(orderId: string): Promise<'requested'> {
    amazon.asked.push(orderId);
    await new Promise<void>((resolve) => amazon.answers.push(resolve));
    return 'requested';
  },
};

vi.mock('../../../lib/background/connection', () => ({
  api: async () => ({
    ordersBetween: async () => orders,
    reviewRequestOffered: async () => true,
    requestReview: (orderId: string) => amazon.requestReview(orderId),
  }),
  onRateLimitWait: () => () => undefined,
}));

const DAY = 86_400_000;
const shipped = (orderId: string): RecentOrder => ({
  orderId,
  purchaseDate: new Date(Date.now() - 20 * DAY).toISOString(),
  status: 'Shipped',
  marketplaceId: 'ATVPDKIKX0DER',
  earliestDeliveryDate: new Date(Date.now() - 10 * DAY).toISOString(),
  latestDeliveryDate: new Date(Date.now() - 9 * DAY).toISOString(),
});
const orders = ['111-0000001-0000001', '111-0000002-0000002', '111-0000003-0000003'].map(shipped);
const RANGE = { marketplaceId: 'ATVPDKIKX0DER', from: Date.now() - 30 * DAY, to: Date.now() };

async function freshWorker() {
  vi.resetModules();
  const runs = await import('../../../lib/background/review-runs');
  const store = await import('../../../lib/store/connections');
  const db = await import('../../../lib/store/db');
  return { ...runs, store, db };
}

const states = (run: { items: { state: string; reason?: string }[] } | undefined) => run?.items.map((i) => (i.reason ? `${i.state}: ${i.reason}` : i.state));

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  globalThis.indexedDB = new IDBFactory();
  amazon.asked = [];
  amazon.answers = [];
});

describe('removing a connection with a bulk review run under way', () => {
  it('counts the orders not yet asked; once removed, the request on its way keeps its outcome and every other order ends "connection removed", with no request after', async () => {
    const m = await freshWorker();
    const run = await m.start('c-eu', RANGE);
    await vi.waitFor(() => expect(amazon.asked).toHaveLength(1));
    expect(await m.unaskedOrders('c-eu')).toBe(3);
    expect(await m.unaskedOrders('primary')).toBe(0);

    const ending = m.endRunsOf('c-eu');
    // The request already on its way is answered after the removal began; the removal waits for it.
    await vi.waitFor(async () => expect((await m.db.get<{ status: string }>('reviewRuns', run.id))?.status).toBe('stopped'));
    amazon.answers.shift()!();
    await ending;

    const ended = await m.db.get<{ status: string; items: { state: string; reason?: string }[] }>('reviewRuns', run.id);
    expect(ended?.status).toBe('stopped');
    expect(states(ended)).toEqual(['requested', 'failed: connection-removed', 'failed: connection-removed']);
    expect(await m.unaskedOrders('c-eu')).toBe(0);
    expect(amazon.asked).toEqual([orders[0]!.orderId]);
    expect(await fakeBrowser.alarms.get('reviews.run')).toBeUndefined();
  });

  it('a paused run ends the same way, and asks nothing', async () => {
    const m = await freshWorker();
    const run = await m.start('c-eu', RANGE);
    await vi.waitFor(() => expect(amazon.asked).toHaveLength(1));
    await m.control('c-eu', run.id, 'pause');
    amazon.answers.shift()!();
    await vi.waitFor(async () => expect(states(await m.db.get('reviewRuns', run.id))).toEqual(['requested', 'pending', 'pending']));
    expect(await m.unaskedOrders('c-eu')).toBe(2);
    await m.endRunsOf('c-eu');
    expect(states(await m.db.get('reviewRuns', run.id))).toEqual(['requested', 'failed: connection-removed', 'failed: connection-removed']);
    expect(amazon.asked).toHaveLength(1);
  });

  it('a worker that stopped mid-removal ends the run of the connection that is gone instead of carrying it on', async () => {
    const m = await freshWorker();
    await m.store.connectionsItem.setValue([]);
    const run = { id: 'r1', connectionId: 'gone', marketplaceId: 'ATVPDKIKX0DER', from: 0, to: 1, status: 'running', createdAt: 1, items: orders.map((o) => ({ orderId: o.orderId, marketplaceId: o.marketplaceId, state: 'pending' })) };
    await m.db.put('reviewRuns', run);
    await m.resumeRuns();
    expect(states(await m.db.get('reviewRuns', 'r1'))).toEqual(['failed: connection-removed', 'failed: connection-removed', 'failed: connection-removed']);
    expect(amazon.asked).toEqual([]);
  });
});
