import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DeleteBatchResult, ReceiveOptions, SqsClientOptions, SqsMessage } from '../../../lib/notifications/sqs';
import { body } from '../notifications/fixtures';

/**
 * One in-memory SQS queue per queue URL. A receive on an empty queue waits like a long poll until a message
 * is published to that queue, the caller aborts, or its wait is over (a second of SQS is 100 ms here).
 */
const sqs = {
  queues: new Map<string, SqsMessage[]>(),
  waiting: new Map<string, Set<(error?: Error) => void>>(),
  receives: [] as { queueUrl: string; wait: number }[],
  next: 0,
  of(url: string) {
    if (!this.queues.has(url)) this.queues.set(url, []);
    return this.queues.get(url)!;
  },
  waitersOf(url: string) {
    if (!this.waiting.has(url)) this.waiting.set(url, new Set());
    return this.waiting.get(url)!;
  },
  publish(url: string, text: string) {
    const n = ++this.next;
    this.of(url).push({ messageId: `m${n}`, receiptHandle: `h${n}`, body: text });
    for (const waiter of [...this.waitersOf(url)]) waiter();
  },
  wakeAll(error: Error) {
    for (const set of this.waiting.values()) for (const waiter of [...set]) waiter(error);
  },
  async receive(url: string, o: ReceiveOptions): Promise<SqsMessage[]> {
    this.receives.push({ queueUrl: url, wait: o.waitTimeSeconds ?? 0 });
    if (this.of(url).length === 0 && (o.waitTimeSeconds ?? 0) > 0) {
      await new Promise<void>((resolve, reject) => {
        const waiters = this.waitersOf(url);
        const done = (error?: Error) => {
          waiters.delete(done);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(done, (o.waitTimeSeconds ?? 0) * 100);
        o.signal?.addEventListener('abort', () => done(new Error('aborted')));
        waiters.add(done);
      });
    }
    return this.of(url).slice(0, o.maxMessages ?? 10);
  },
};

vi.mock('../../../lib/notifications/sqs', async (original) => {
  const actual = await original<typeof import('../../../lib/notifications/sqs')>();
  return {
    ...actual,
    createSqsClient: (options: SqsClientOptions) => ({
      queueUrl: options.queueUrl,
      region: options.region ?? 'us-east-1',
      receive: (o: ReceiveOptions = {}) => sqs.receive(options.queueUrl, o),
      deleteMessage: async () => undefined,
      deleteBatch: async (handles: readonly string[]): Promise<DeleteBatchResult> => {
        sqs.queues.set(options.queueUrl, sqs.of(options.queueUrl).filter((m) => !handles.includes(m.receiptHandle)));
        return { deleted: [...handles], failed: [] };
      },
    }),
  };
});

const NA_QUEUE = 'http://127.0.0.1:4000/sqs/123456789012/orders-na';
const EU_QUEUE = 'http://127.0.0.1:4001/sqs/123456789012/orders-eu';
const key = (url: string) => ({ queueUrl: url, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: `secret-of-${url}` });

const NA = { id: 'primary', name: 'North America', endpoint: { kind: 'custom' as const, baseUrl: 'http://127.0.0.1:4000' }, region: 'NA' as const, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'amzn1.application-oa2-client.na' };
const EU = { id: 'c-eu', name: 'Europe', endpoint: { kind: 'custom' as const, baseUrl: 'http://127.0.0.1:4001' }, region: 'EU' as const, defaultMarketplaceId: 'A1PA6795UKMFR9', clientId: 'amzn1.application-oa2-client.eu', merchantId: 'A2EUMERCHANT' };

const usChange = () => body({ notificationId: 'n-us', orderId: '111-1111111-1111111', marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T11:00:00.000Z' });
const deChange = () => body({ notificationId: 'n-de', orderId: '302-2222222-2222222', marketplaceId: 'A1PA6795UKMFR9', eventTime: '2026-03-02T12:00:00.000Z' });

async function freshWorker(connections = [NA, EU]) {
  vi.resetModules();
  const inbox = await import('../../../lib/background/inbox');
  const vault = await import('../../../lib/credentials/vault');
  const settings = await import('../../../lib/store/settings');
  const store = await import('../../../lib/store/connections');
  const db = await import('../../../lib/store/db');
  if (connections.length > 0 && !(await store.connectionsItem.getValue())) await store.connectionsItem.setValue(connections);
  return { ...inbox, vault, settings, store, db };
}

const badge = async () => (await fakeBrowser.action.getBadgeText({})) ?? '';

beforeEach(() => {
  sqs.wakeAll(new Error('test over'));
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((k: string, subs?: string | (string | number)[]) => [k, ...[subs ?? []].flat()].join('|'));
  sqs.queues.clear();
  sqs.waiting.clear();
  sqs.receives = [];
});

describe('the inbox per connection', () => {
  it("listens to each connection's queue: a change says whose queue it came from, the badge counts all", async () => {
    const m = await freshWorker();
    await m.connectQueue(key(NA_QUEUE), NA.id);
    await m.connectQueue(key(EU_QUEUE), EU.id);
    expect(await m.settings.readInboxQueues()).toEqual({
      primary: { queueUrl: NA_QUEUE, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO' },
      'c-eu': { queueUrl: EU_QUEUE, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO' },
    });
    expect((await m.vault.readSecrets()).awsByConnection).toEqual({
      primary: { accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: `secret-of-${NA_QUEUE}` },
      'c-eu': { accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: `secret-of-${EU_QUEUE}` },
    });
    sqs.publish(NA_QUEUE, usChange());
    sqs.publish(EU_QUEUE, deChange());
    await vi.waitFor(async () => expect(await badge()).toBe('2'));
    const view = await m.inboxView();
    const from = Object.fromEntries(view.entries.map((e) => [e.change.notificationId, e.connectionId]));
    expect(from).toEqual({ 'n-us': 'primary', 'n-de': 'c-eu' });
    expect(view.connections).toEqual([
      { id: 'primary', name: 'North America' },
      { id: 'c-eu', name: 'Europe', merchantId: 'A2EUMERCHANT' },
    ]);
  });

  it("one queue's long poll does not hold up another's: a change in the second arrives while the first waits", async () => {
    const m = await freshWorker();
    await m.connectQueue(key(NA_QUEUE), NA.id);
    await m.connectQueue(key(EU_QUEUE), EU.id);
    await vi.waitFor(() => {
      expect(sqs.waitersOf(NA_QUEUE).size).toBe(1);
      expect(sqs.waitersOf(EU_QUEUE).size).toBe(1);
    });
    sqs.publish(EU_QUEUE, deChange());
    await vi.waitFor(async () => expect((await m.inboxView()).entries.map((e) => e.change.notificationId)).toEqual(['n-de']));
    // The North American long poll it did not wait for is still the one under way.
    expect(sqs.waitersOf(NA_QUEUE).size).toBe(1);
    expect(sqs.receives.filter((r) => r.queueUrl === NA_QUEUE && r.wait === 20)).toHaveLength(1);
  });

  it('the queue settings are those of the current connection; "Check now" asks every queue', async () => {
    const m = await freshWorker();
    await m.connectQueue(key(EU_QUEUE), EU.id);
    expect((await m.inboxView()).queue).toBeUndefined(); // the current connection (the first) has none
    await m.store.currentConnectionItem.setValue(EU.id);
    expect((await m.inboxView()).queue?.queueUrl).toBe(EU_QUEUE);
    await m.connectQueue(key(NA_QUEUE), NA.id);
    const answer = m.checkNow();
    sqs.publish(NA_QUEUE, usChange());
    sqs.publish(EU_QUEUE, deChange());
    expect(await answer).toMatchObject({ stored: 2 });
  });

  it("removing a connection stops listening to its queue and forgets its key; the other's goes on and its changes stay", async () => {
    const m = await freshWorker();
    await m.connectQueue(key(NA_QUEUE), NA.id);
    await m.connectQueue(key(EU_QUEUE), EU.id);
    sqs.publish(EU_QUEUE, deChange());
    await vi.waitFor(async () => expect(await badge()).toBe('1'));
    await vi.waitFor(() => expect(sqs.waitersOf(EU_QUEUE).size).toBe(1));
    await m.forgetConnectionQueue(EU.id);
    expect(sqs.waitersOf(EU_QUEUE).size).toBe(0);
    expect(Object.keys(await m.settings.readInboxQueues())).toEqual(['primary']);
    expect(Object.keys((await m.vault.readSecrets()).awsByConnection ?? {})).toEqual(['primary']);
    expect(await fakeBrowser.alarms.get('inbox-poll')).toBeDefined();
    expect((await m.inboxView()).entries.map((e) => e.change.notificationId)).toEqual(['n-de']);
    sqs.publish(NA_QUEUE, usChange());
    await vi.waitFor(async () => expect(await badge()).toBe('2'));
  });
});

describe('the upgrade from the single queue', () => {
  it("the queue, its key and the changes it brought become the first connection's; listening goes on", async () => {
    // What the last single-queue release left: storage.local, the vault's one key, untagged entries.
    const before = await freshWorker([]);
    await fakeBrowser.storage.local.set({ inboxQueue: { queueUrl: NA_QUEUE, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO' } });
    await before.vault.writeSecrets({ aws: { accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 'old-secret' } });
    const parsed = (await import('../../../lib/notifications/payload')).parseOrderChangeNotification(JSON.parse(usChange()));
    if (!parsed.ok) throw new Error('fixture');
    await before.db.put('kv', { entries: [{ change: parsed.change, seen: false }], asideItems: [], knownIds: ['n-us'] }, 'inbox');
    await before.store.connectionsItem.setValue([NA, EU]);

    const m = await freshWorker();
    await m.startInbox();
    expect(await m.settings.readInboxQueues()).toEqual({ primary: { queueUrl: NA_QUEUE, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO' } });
    expect(await fakeBrowser.storage.local.get('inboxQueue')).toEqual({});
    await vi.waitFor(() => expect(sqs.waitersOf(NA_QUEUE).size).toBe(1));
    const secrets = await m.vault.readSecrets();
    expect(secrets.aws).toBeUndefined();
    expect(secrets.awsByConnection).toEqual({ primary: { accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 'old-secret' } });
    const stored = await m.db.get<{ entries: { connectionId?: string }[] }>('kv', 'inbox');
    expect(stored?.entries.map((e) => e.connectionId)).toEqual(['primary']);
    expect(await badge()).toBe('1');
  });
});
