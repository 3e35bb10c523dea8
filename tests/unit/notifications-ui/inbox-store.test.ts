import { describe, expect, it, vi } from 'vitest';
import { createInboxStore } from '../../../lib/ui/inbox-store';
import type { InboxEntry } from '../../../lib/notifications/inbox';
import type { OrderChange } from '../../../lib/notifications/types';
import type { InboxView } from '../../../lib/protocol';
import { queueUrlProblem } from '../../../lib/notifications/destinations';
import { fakeAsk, refusal } from './fake-ask';

function change(id: string, o: Partial<OrderChange> = {}): OrderChange {
  return {
    notificationId: id,
    eventTime: '2026-03-02T10:15:00.000Z',
    sellerId: 'A1SELLER',
    orderId: '902-3159896-1390916',
    marketplaceId: 'ATVPDKIKX0DER',
    changeType: 'OrderStatusChange',
    level: 'OrderLevel',
    orderStatus: 'Unshipped',
    changeReason: 'Order Status Change',
    timeOfChange: null,
    fulfillmentType: 'MFN',
    orderType: 'StandardOrder',
    purchaseDate: null,
    items: [],
    isCancellationRequest: false,
    isNewUnshippedOrder: true,
    ...o,
  };
}

const prefs = { cancellations: true, newOrders: true };
const view = (entries: InboxEntry[], extra: Partial<InboxView> = {}): InboxView => ({
  entries,
  aside: [],
  unseen: entries.filter((e) => !e.seen).length,
  prefs,
  connections: [],
  ...extra,
});
const seenAll = (v: InboxView): InboxView => view(v.entries.map((e) => ({ ...e, seen: true })), { queue: v.queue });

const SANDBOX_URL = 'http://127.0.0.1:4000/sqs/123456789012/order-courier-orders';

describe('queue URL shape', () => {
  it.each([
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders', undefined],
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo', undefined],
    [SANDBOX_URL, undefined],
    ['http://sqs.eu-west-1.amazonaws.com/123456789012/orders', 'nui_queue_url_https'],
    ['https://sqs.eu-west-1.amazonaws.com/extra/123456789012/orders', 'nui_queue_url_invalid'],
    ['https://sqs.eu-west-1.amazonaws.com/1234/orders', 'nui_queue_url_invalid'],
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders?x=1', 'nui_queue_url_invalid'],
    ['arn:aws:sqs:eu-west-1:123456789012:orders', 'nui_queue_url_https'],
    ['not a url', 'nui_queue_url_invalid'],
  ])('%s → %s', (url, expected) => {
    expect(queueUrlProblem(url)).toBe(expected);
  });
});

describe('inbox store', () => {
  it('marks what it shows as seen only once the Inbox tab is on screen, and keeps the "New" marks', async () => {
    const first = view([{ change: change('n1'), seen: false }, { change: change('n0'), seen: true }]);
    const { ask, calls } = fakeAsk({ 'inbox.get': () => first, 'inbox.markSeen': () => seenAll(first) });
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    await s.load();
    expect(calls.map((c) => c.op)).toEqual(['inbox.get']);
    await s.shown();
    expect(calls[1]).toEqual({ op: 'inbox.markSeen', req: { ids: ['n1'] } });
    expect(s.view.value?.unseen).toBe(0);
    expect([...s.fresh.value]).toEqual(['n1']);
  });

  it('derives the region from a standard queue URL and flags a different one', () => {
    const s = createInboxStore({ ask: fakeAsk({}).ask, openOrder: vi.fn() });
    s.queueUrl.value = 'https://sqs.eu-central-1.amazonaws.com/123456789012/orders';
    expect(s.regionFromUrl.value).toBe('eu-central-1');
    expect(s.problems.value.region).toBeUndefined();
    s.region.value = 'us-east-1';
    expect(s.problems.value.region).toBe('nui_region_mismatch');
  });

  it('connects with trimmed values, forgets the secret and announces the connection', async () => {
    const connected = view([], { queue: { queueUrl: SANDBOX_URL, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO' } });
    const { ask, calls } = fakeAsk({ 'inbox.connectQueue': () => connected });
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    s.queueUrl.value = ` ${SANDBOX_URL} `;
    s.region.value = 'us-east-1';
    s.accessKeyId.value = 'AKIAORDERCOURIERDEMO';
    s.secretAccessKey.value = 'sandbox-aws-secret-access-key ';
    expect(await s.connect()).toBe(true);
    expect(calls[0]!.req).toEqual({ queueUrl: SANDBOX_URL, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 'sandbox-aws-secret-access-key' });
    expect(s.secretAccessKey.value).toBe('');
    expect(s.view.value?.queue?.accessKeyId).toBe('AKIAORDERCOURIERDEMO');
    expect(s.result.value).toMatchObject({ action: 'connect', ok: true, outcome: { key: 'nui_queue_connected' } });
  });

  it('refuses to send an incomplete connection and names every missing field', async () => {
    const { ask, calls } = fakeAsk({});
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    s.queueUrl.value = 'https://example.com/queue';
    expect(await s.connect()).toBe(false);
    // The filled field says what is wrong with it; the empty ones ask for their value.
    expect(s.problems.value).toEqual({
      queueUrl: 'nui_queue_url_host',
      region: 'nui_region_invalid',
      accessKeyId: 'nui_enter_access_key_id',
      secretAccessKey: 'nui_secret_required',
    });
    expect(calls).toEqual([]);
  });

  it('forgets a stale problem once the seller edits the field, even back to empty', async () => {
    const s = createInboxStore({ ask: fakeAsk({}).ask, openOrder: vi.fn() });
    s.edit('queueUrl', 'https://example.com/queue');
    expect(s.problems.value.queueUrl).toBe('nui_queue_url_host');
    s.edit('queueUrl', '');
    expect(s.problems.value.queueUrl).toBeUndefined();
    expect(await s.connect()).toBe(false);
    expect(s.problems.value.queueUrl).toBe('nui_enter_queue_url');
    s.edit('queueUrl', 'h');
    s.edit('queueUrl', '');
    expect(s.problems.value.queueUrl).toBeUndefined();
    expect(s.problems.value.accessKeyId).toBe('nui_enter_access_key_id');
  });

  it('shows SQS\'s refusal of the test receive and still forgets the secret', async () => {
    const { ask } = fakeAsk({
      'inbox.connectQueue': () => {
        throw refusal('ntf_sqs_err_signature', { code: 'InvalidSignatureException' });
      },
    });
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    s.queueUrl.value = SANDBOX_URL;
    s.region.value = 'us-east-1';
    s.accessKeyId.value = 'AKIAORDERCOURIERDEMO';
    s.secretAccessKey.value = 'wrong';
    expect(await s.connect()).toBe(false);
    expect(s.result.value).toMatchObject({ action: 'connect', ok: false, error: { key: 'ntf_sqs_err_signature' } });
    expect(s.secretAccessKey.value).toBe('');
  });

  it('"Check now" reports what it found; what arrives stays unseen (the badge counts it) but is marked new', async () => {
    const after = view([{ change: change('n2', { isCancellationRequest: true, changeType: 'BuyerRequestedChange' }), seen: false }]);
    const { ask, ops } = fakeAsk({
      'inbox.get': () => view([]),
      'inbox.checkNow': () => ({ result: { received: 4, stored: 1, duplicates: 1, aside: 1, deleted: 4, kept: 0 }, view: after }),
    });
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    await s.load();
    await s.shown();
    await s.checkNow();
    expect(s.result.value).toEqual({ action: 'check', ok: true, outcome: { key: 'nui_check_result', substitutions: ['1', '1', '1'] } });
    expect(s.view.value?.unseen).toBe(1);
    expect(s.fresh.value.has('n2')).toBe(true);
    expect(ops()).toEqual(['inbox.get', 'inbox.checkNow']);
  });

  it('opens an order through the entry and marks that change seen', async () => {
    const entry = { change: change('n3', { marketplaceId: 'A1PA6795UKMFR9', orderId: '305-7226541-3301942' }), seen: false };
    const { ask, calls } = fakeAsk({ 'inbox.markSeen': () => view([{ ...entry, seen: true }]) });
    const openOrder = vi.fn();
    const s = createInboxStore({ ask, openOrder });
    await s.open(entry);
    expect(openOrder).toHaveBeenCalledWith('https://sellercentral.amazon.de/orders-v3/order/305-7226541-3301942');
    expect(calls).toEqual([{ op: 'inbox.markSeen', req: { ids: ['n3'] } }]);
  });

  it("opens an order in the merchant account of the connection whose queue brought it", async () => {
    const entry = { change: change('n5', { marketplaceId: 'A1PA6795UKMFR9', orderId: '305-7226541-3301942' }), seen: false, connectionId: 'eu' };
    const connections = [{ id: 'primary', name: 'North America' }, { id: 'eu', name: 'Europe', merchantId: 'A2EUMERCHANT' }];
    const { ask } = fakeAsk({ 'inbox.get': () => view([entry], { connections }), 'inbox.markSeen': () => view([{ ...entry, seen: true }], { connections }) });
    const openOrder = vi.fn();
    const s = createInboxStore({ ask, openOrder });
    await s.load();
    await s.open(entry);
    expect(openOrder).toHaveBeenCalledWith('https://sellercentral.amazon.de/orders-v3/order/305-7226541-3301942?mons_sel_dir_mcid=A2EUMERCHANT');
  });

  it('does not open a page for a marketplace it has no Seller Central host for', async () => {
    const openOrder = vi.fn();
    const { ask, calls } = fakeAsk({});
    const s = createInboxStore({ ask, openOrder });
    await s.open({ change: change('n4', { marketplaceId: 'AXXXXXXXXXNEW' }), seen: false });
    expect(openOrder).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('switches a desktop-notification preference and keeps the other', async () => {
    const { ask, calls } = fakeAsk({
      'inbox.get': () => view([]),
      'inbox.setPrefs': (req) => view([], { prefs: req }),
    });
    const s = createInboxStore({ ask, openOrder: vi.fn() });
    await s.load();
    await s.setPref('newOrders', false);
    expect(calls[1]!.req).toEqual({ cancellations: true, newOrders: false });
    expect(s.view.value?.prefs).toEqual({ cancellations: true, newOrders: false });
  });
});
