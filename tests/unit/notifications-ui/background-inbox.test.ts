import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SqsError, type DeleteBatchResult, type ReceiveOptions, type SqsClientOptions, type SqsMessage } from '../../../lib/notifications/sqs';
import { body } from '../notifications/fixtures';

/**
 * An in-memory SQS queue: a received message stays until deleted, as after its visibility timeout. A
 * receive on an empty queue waits like a long poll: until a message is published, the queue fails, the
 * caller aborts, or its wait is over (a second of SQS is 100 ms here).
 */
const sqs = {
  messages: [] as SqsMessage[],
  receives: [] as ReceiveOptions[],
  clients: [] as SqsClientOptions[],
  failReceive: undefined as SqsError | undefined,
  waiting: new Set<(error?: Error) => void>(),
  next: 0,
  publish(text: string) {
    const n = ++this.next;
    this.messages.push({ messageId: `m${n}`, receiptHandle: `h${n}`, body: text });
    this.wake();
  },
  fail(error: SqsError) {
    this.failReceive = error;
    this.wake();
  },
  wake(error?: Error) {
    for (const waiter of [...this.waiting]) waiter(error);
  },
  async receive(o: ReceiveOptions): Promise<SqsMessage[]> {
    this.receives.push(o);
    if (this.failReceive) throw this.failReceive;
    if (this.messages.length === 0 && (o.waitTimeSeconds ?? 0) > 0) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.waiting.delete(done);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(done, (o.waitTimeSeconds ?? 0) * 100);
        o.signal?.addEventListener('abort', () => done(new Error('aborted')));
        this.waiting.add(done);
      });
      if (this.failReceive) throw this.failReceive;
    }
    return this.messages.slice(0, o.maxMessages ?? 10);
  },
};

vi.mock('../../../lib/notifications/sqs', async (original) => {
  const actual = await original<typeof import('../../../lib/notifications/sqs')>();
  return {
    ...actual,
    createSqsClient: (options: SqsClientOptions) => {
      sqs.clients.push(options);
      return {
        queueUrl: options.queueUrl,
        region: options.region ?? 'us-east-1',
        receive: (o: ReceiveOptions = {}) => sqs.receive(o),
        deleteMessage: async () => undefined,
        deleteBatch: async (handles: readonly string[]): Promise<DeleteBatchResult> => {
          sqs.messages = sqs.messages.filter((m) => !handles.includes(m.receiptHandle));
          return { deleted: [...handles], failed: [] };
        },
      };
    },
  };
});

const QUEUE = {
  queueUrl: 'http://127.0.0.1:4000/sqs/123456789012/order-courier-orders',
  region: 'us-east-1',
  accessKeyId: 'AKIAORDERCOURIERDEMO',
  secretAccessKey: 'sandbox-aws-secret-access-key',
};

const US_ORDER = '902-3159896-1390916';
const newOrder = () => body({ notificationId: 'n-new', orderId: '111-1111111-1111111', marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T11:00:00.000Z' });
const cancellation = () =>
  body({
    notificationId: 'n-cancel',
    orderId: US_ORDER,
    marketplaceId: 'ATVPDKIKX0DER',
    changeType: 'BuyerRequestedChange',
    reason: 'Buyer Requested Cancel',
    eventTime: '2026-03-02T10:00:00.000Z',
    items: [{ OrderItemId: '1', SellerSKU: 'MUG', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: true }],
  });

async function freshInbox() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const inbox = await import('../../../lib/background/inbox');
  const vault = await import('../../../lib/credentials/vault');
  const settings = await import('../../../lib/store/settings');
  const { connectionsItem } = await import('../../../lib/store/connections');
  // The queue belongs to a connection: the seller has one.
  await connectionsItem.setValue([{ id: 'primary', name: 'Sandbox', endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:4000' }, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'amzn1.application-oa2-client.x' }]);
  return { ...inbox, vault, settings };
}

beforeEach(() => {
  // The previous test's inbox is still listening: end its long poll so it takes nothing from this one.
  sqs.wake(new Error('test over'));
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | (string | number)[]) => [key, ...[subs ?? []].flat()].join('|'));
  sqs.messages = [];
  sqs.receives = [];
  sqs.clients = [];
  sqs.failReceive = undefined;
});

describe('connecting the queue', () => {
  it('tests with one receive that hides nothing, keeps the secret in the vault only, and starts the alarm', async () => {
    const m = await freshInbox();
    sqs.publish(newOrder());
    const view = await m.connectQueue(QUEUE);
    // The test receive; the long polls of listening come after it.
    expect(sqs.receives[0]).toEqual({ waitTimeSeconds: 0, maxMessages: 1, visibilityTimeoutSeconds: 0 });
    expect(view.queue).toEqual({ queueUrl: QUEUE.queueUrl, region: 'us-east-1', accessKeyId: QUEUE.accessKeyId });
    expect(JSON.stringify(view)).not.toContain(QUEUE.secretAccessKey);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(QUEUE.secretAccessKey);
    expect((await m.vault.readSecrets()).awsByConnection?.primary).toEqual({ accessKeyId: QUEUE.accessKeyId, secretAccessKey: QUEUE.secretAccessKey });
    expect(await fakeBrowser.alarms.get('inbox-poll')).toMatchObject({ periodInMinutes: 0.5 });
  });

  it('explains an SQS refusal with its key and saves nothing', async () => {
    const m = await freshInbox();
    sqs.failReceive = new SqsError('InvalidSignatureException', 403, 'The request signature we calculated does not match.');
    await expect(m.connectQueue(QUEUE)).rejects.toMatchObject({
      explained: { key: 'ntf_sqs_err_signature', code: 'InvalidSignatureException' },
    });
    expect(await m.settings.readInboxQueues()).toEqual({});
    expect(await fakeBrowser.alarms.get('inbox-poll')).toBeUndefined();
  });

  it('refuses a URL that is not a queue URL before any request', async () => {
    const m = await freshInbox();
    await expect(m.connectQueue({ ...QUEUE, queueUrl: 'https://example.com/' })).rejects.toMatchObject({ explained: { key: 'nui_queue_url_host' } });
    expect(sqs.clients).toEqual([]);
  });

  it('disconnecting stops the alarm and removes the key, keeping the changes received', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.publish(newOrder());
    await m.checkNow();
    const view = await m.disconnectQueue();
    expect(await fakeBrowser.alarms.get('inbox-poll')).toBeUndefined();
    expect((await m.vault.readSecrets()).aws).toBeUndefined();
    expect(view.queue).toBeUndefined();
    expect(view.entries).toHaveLength(1);
  });
});

describe('polling', () => {
  it('stores new changes once, sets malformed ones aside, counts them on the badge and notifies', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    sqs.publish(newOrder());
    sqs.publish(cancellation());
    sqs.publish(cancellation());
    sqs.publish('{"NotificationType": "ORDER_CHANGE", "Payload": ');
    const result = await m.checkNow();
    expect(result).toMatchObject({ received: 4, stored: 2, duplicates: 1, aside: 1, deleted: 4 });
    expect(sqs.messages).toEqual([]);
    const view = await m.inboxView();
    expect(view.entries.map((e) => e.change.notificationId)).toEqual(['n-cancel', 'n-new']);
    expect(view.aside.map((a) => a.reason)).toEqual(['not-json']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(create.mock.calls.map((c) => c[0])).toEqual(['order-change:n-new', 'order-change:n-cancel']);
    expect(create.mock.calls[1]![1]).toMatchObject({ type: 'basic', title: 'ntf_headline_cancellation_request' });
    // A redelivery later is recognised and neither stored nor notified again.
    sqs.publish(cancellation());
    expect(await m.checkNow()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('raises desktop notifications only for what the seller switched on', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    await m.setPrefs({ cancellations: true, newOrders: false });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    sqs.publish(newOrder());
    sqs.publish(cancellation());
    await m.checkNow();
    expect(create.mock.calls.map((c) => c[0])).toEqual(['order-change:n-cancel']);
  });

  it('listens from connecting on: 20 s long polls, each started again as the last one ends', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    expect(sqs.receives.slice(1)).toEqual([expect.objectContaining({ waitTimeSeconds: m.LISTEN_WAIT_SECONDS })]);
    expect(m.LISTEN_WAIT_SECONDS).toBe(20);
    // Nobody presses anything: the change is stored, counted and announced by the long poll alone.
    sqs.publish(newOrder());
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    // The next long poll is already waiting, and the quiet queue's wait ends in another at once.
    await vi.waitFor(() => expect(sqs.receives.length).toBeGreaterThanOrEqual(4), { timeout: 5000 });
    expect(sqs.waiting.size).toBe(1);
  });

  it('the alarm starts listening again after a failure, and ignores other alarms', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.fail(new SqsError('ServiceUnavailable', 503, 'Try again.'));
    await vi.waitFor(async () => expect((await m.inboxView()).lastPoll?.error).toBeDefined());
    const before = sqs.receives.length;
    sqs.failReceive = undefined;
    await m.onInboxAlarm({ name: 'something-else' });
    expect(sqs.receives.length).toBe(before);
    await m.onInboxAlarm({ name: 'inbox-poll' });
    await vi.waitFor(() => expect(sqs.waiting.size).toBe(1));
    expect(sqs.receives.at(-1)).toMatchObject({ waitTimeSeconds: 20 });
    // A second alarm while listening starts no second receive beside it.
    await m.onInboxAlarm({ name: 'inbox-poll' });
    expect(sqs.waiting.size).toBe(1);
  });

  it('"Check now" during a long poll joins it: the change it brings is the answer, no second receive runs', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    await vi.waitFor(() => expect(sqs.waiting.size).toBe(1));
    const receives = sqs.receives.length;
    const answer = m.checkNow();
    sqs.publish(cancellation());
    expect(await answer).toMatchObject({ received: 1, stored: 1 });
    await vi.waitFor(() => expect(sqs.waiting.size).toBe(1)); // the next long poll, started at once
    expect(sqs.receives.length).toBe(receives + 1);
  });

  it('"Check now" during a long poll on a quiet queue answers "nothing new" and the poll keeps listening', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    await vi.waitFor(() => expect(sqs.waiting.size).toBe(1));
    expect(await m.checkNow()).toMatchObject({ received: 0, stored: 0 });
    expect(sqs.waiting.size).toBe(1);
  });

  it('stores a failed poll for the popup and explains it to "Check now"', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.fail(new SqsError('QueueDoesNotExist', 400, 'The specified queue does not exist.'));
    await vi.waitFor(async () => expect((await m.inboxView()).lastPoll?.error).toBeDefined());
    await expect(m.checkNow()).rejects.toMatchObject({ explained: { key: 'ntf_sqs_err_queue_missing' } });
    await m.onInboxAlarm({ name: 'inbox-poll' });
    expect((await m.inboxView()).lastPoll?.error).toMatchObject({ key: 'ntf_sqs_err_queue_missing', code: 'QueueDoesNotExist' });
  });

  it('says so when "Check now" is asked without a queue', async () => {
    const m = await freshInbox();
    await expect(m.checkNow()).rejects.toMatchObject({ explained: { key: 'nui_queue_not_connected' } });
  });
});

describe('seen, clicks and restarts', () => {
  it('a click on the desktop notification opens the order page and clears it from the badge', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.publish(newOrder());
    sqs.publish(cancellation());
    await m.checkNow();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await m.onNotificationClicked('order-change:n-cancel');
    expect(create).toHaveBeenCalledWith({ url: `https://sellercentral.amazon.com/orders-v3/order/${US_ORDER}` });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    const view = await m.inboxView();
    expect(view.entries.find((e) => e.change.notificationId === 'n-cancel')?.seen).toBe(true);
  });

  it('ignores clicks on notifications that are not ours', async () => {
    const m = await freshInbox();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await m.onNotificationClicked('someone-else');
    expect(create).not.toHaveBeenCalled();
  });

  it('marking everything seen empties the badge', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.publish(newOrder());
    await m.checkNow();
    const view = await m.markSeen('all');
    expect(view.unseen).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('on a worker start restores the alarm only while a queue is connected, without restarting a running one', async () => {
    const m = await freshInbox();
    await m.startInbox();
    expect(await fakeBrowser.alarms.get('inbox-poll')).toBeUndefined();
    await m.connectQueue(QUEUE);
    const created = vi.spyOn(fakeBrowser.alarms, 'create');
    await m.startInbox();
    expect(created).not.toHaveBeenCalled();
    await fakeBrowser.alarms.clear('inbox-poll');
    await m.startInbox();
    expect(await fakeBrowser.alarms.get('inbox-poll')).toMatchObject({ periodInMinutes: 0.5 });
  });

  it('keeps the inbox across a restarted worker (it lives in IndexedDB, not in memory)', async () => {
    const m = await freshInbox();
    await m.connectQueue(QUEUE);
    sqs.publish(cancellation());
    await m.checkNow();
    vi.resetModules();
    const again = await import('../../../lib/background/inbox');
    expect((await again.inboxView()).entries.map((e) => e.change.orderId)).toEqual([US_ORDER]);
  });
});
