import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as errors from '../../../lib/spapi/errors';
import type { Endpoint } from '../../../lib/spapi/endpoints';
import type { CreateDestinationRequest, CreateSubscriptionRequest, Destination, Subscription } from '../../../lib/spapi/types';

// Re-imported with each new worker below, so that the module under test recognises its errors.
let SpApiError = errors.SpApiError;

/** A tiny Amazon: one subscription per type, 409 on a second one, every call logged. */
const amazon = {
  destinations: new Map<string, Destination>(),
  subscriptions: new Map<string, Subscription>(),
  log: [] as string[],
  failNext: new Map<string, errors.SpApiError>(),
  next: 0,
};

function fail(operation: string) {
  const error = amazon.failNext.get(operation);
  if (error) {
    amazon.failNext.delete(operation);
    throw error;
  }
}

const notFound = (operation: string) => new SpApiError(404, 'NotFound', 'Subscription not found.', operation, undefined, 'req-404');

const fakeClient = {
  getDestinations: vi.fn(async () => [...amazon.destinations.values()]),
  createDestination: vi.fn(async (req: CreateDestinationRequest) => {
    amazon.log.push(`createDestination ${req.name}`);
    fail('createDestination');
    const d: Destination = { destinationId: `d-${++amazon.next}`, name: req.name, resource: req.resourceSpecification };
    amazon.destinations.set(d.destinationId, d);
    return d;
  }),
  deleteDestination: vi.fn(async (id: string) => {
    amazon.log.push(`deleteDestination ${id}`);
    fail('deleteDestination');
    amazon.destinations.delete(id);
  }),
  getSubscription: vi.fn(async (type: string) => {
    const s = amazon.subscriptions.get(type);
    if (!s) throw notFound('getSubscription');
    return s;
  }),
  createSubscription: vi.fn(async (type: string, req: CreateSubscriptionRequest) => {
    amazon.log.push(`create ${type} ${JSON.stringify(req.processingDirective?.eventFilter?.orderChangeTypes ?? 'all')}`);
    fail('createSubscription');
    if (amazon.subscriptions.has(type)) throw new SpApiError(409, 'Conflict', 'already subscribed', 'createSubscription', undefined, 'req-409');
    const s: Subscription = { subscriptionId: `s-${++amazon.next}`, ...req };
    amazon.subscriptions.set(type, s);
    return s;
  }),
  deleteSubscriptionById: vi.fn(async (type: string, id: string) => {
    amazon.log.push(`delete ${type} ${id}`);
    fail('deleteSubscriptionById');
    if (amazon.subscriptions.get(type)?.subscriptionId !== id) throw notFound('deleteSubscriptionById');
    amazon.subscriptions.delete(type);
  }),
};

/** The current connection's endpoint, as lib/background/connection.ts summarises it. */
let endpoint: Endpoint | undefined;

const clientsAsked = vi.hoisted(() => [] as (string | undefined)[]);
vi.mock('../../../lib/background/connection', () => ({
  api: async (id?: string) => {
    clientsAsked.push(id);
    return fakeClient;
  },
  currentConnectionId: async () => 'primary',
  summary: async () => ({ configured: Boolean(endpoint), id: 'primary', endpoint, hasClientSecret: true, hasRefreshToken: true }),
  onRateLimitWait: () => () => undefined,
  NotConnectedError: class extends Error {},
}));

let bg = await import('../../../lib/background/notifications');
const db = await import('../../../lib/store/db');

const ARN = 'arn:aws:sqs:us-east-1:123456789012:order-courier-orders';

function withDestination(): string {
  const d: Destination = { destinationId: 'd-q', name: 'Orders', resource: { sqs: { arn: ARN } } };
  amazon.destinations.set(d.destinationId, d);
  return d.destinationId;
}

beforeEach(async () => {
  // A new worker each time: what the last one learnt from Amazon is gone with it.
  vi.resetModules();
  bg = await import('../../../lib/background/notifications');
  SpApiError = (await import('../../../lib/spapi/errors')).SpApiError;
  vi.clearAllMocks();
  await db.del('kv', 'pending-filter-change');
  await db.del('kv', 'legacy-absent:primary');
  amazon.destinations.clear();
  amazon.subscriptions.clear();
  amazon.failNext.clear();
  amazon.log.length = 0;
});

describe('notifications overview', () => {
  it('treats 404 as "no subscription" and reports the migration step', async () => {
    withDestination();
    amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    const overview = await bg.overview();
    expect(overview.destinations).toEqual([{ destinationId: 'd-q', name: 'Orders', kind: 'sqs', arn: ARN }]);
    expect(overview.orderChange).toBeUndefined();
    expect(overview.legacy).toEqual({ subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    expect(overview.migration).toBe('create-order-change-first');
  });

  it('passes any other refusal on (a 403 for the wrong token is not "no subscription")', async () => {
    fakeClient.getSubscription.mockRejectedValueOnce(new SpApiError(403, 'Unauthorized', 'Access to requested resource is denied.', 'getSubscription', undefined, 'r'));
    await expect(bg.overview()).rejects.toMatchObject({ status: 403 });
  });
});

describe('destinations', () => {
  it('validates before sending: a bad ARN never reaches Amazon', async () => {
    await expect(bg.createDestination({ name: 'Orders', target: { kind: 'sqs', arn: 'arn:aws:sns:us-east-1:123456789012:x' } })).rejects.toMatchObject({
      explained: { key: 'ntf_arn_not_sqs' },
    });
    expect(fakeClient.createDestination).not.toHaveBeenCalled();
  });

  it('creates a destination and answers with the fresh overview', async () => {
    const result = await bg.createDestination({ name: ' Orders ', target: { kind: 'sqs', arn: ARN } });
    expect(amazon.log).toEqual(['createDestination Orders']);
    expect(result.overview.destinations.map((d) => d.name)).toEqual(['Orders']);
    expect(result.outcome).toEqual({ key: 'nui_destination_created', substitutions: ['Orders'] });
  });

  it('explains a 409 on delete as "still used by a subscription", keeping Amazon\'s request id', async () => {
    const id = withDestination();
    amazon.failNext.set('deleteDestination', new SpApiError(409, 'Conflict', 'The destination is used by a subscription.', 'deleteDestination', 'Delete subscription s-1 first.', 'req-7'));
    await expect(bg.deleteDestination({ destinationId: id })).rejects.toMatchObject({
      explained: { key: 'nui_destination_in_use', code: 'Conflict', requestId: 'req-7' },
    });
  });
});

describe('saving the ORDER_CHANGE subscription', () => {
  it('creates it with the chosen filter', async () => {
    const destinationId = withDestination();
    const result = await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange', 'BuyerRequestedChange'], marketplaceIds: [] });
    expect(amazon.log).toEqual(['create ORDER_CHANGE ["OrderStatusChange","BuyerRequestedChange"]']);
    expect(result.outcome.key).toBe('ntf_filter_saved');
    expect(result.overview.orderChange?.changeTypes).toEqual(['OrderStatusChange', 'BuyerRequestedChange']);
  });

  it('replaces a different filter by delete-then-create', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] });
    const old = amazon.subscriptions.get('ORDER_CHANGE')!.subscriptionId;
    amazon.log.length = 0;
    const result = await bg.saveSubscription({ destinationId, changeTypes: 'all', marketplaceIds: ['A1PA6795UKMFR9'] });
    expect(amazon.log).toEqual([`delete ORDER_CHANGE ${old}`, 'create ORDER_CHANGE "all"']);
    expect(result.overview.orderChange?.changeTypes).toBe('all');
  });

  it('puts the old filter back when Amazon refuses the new one, and says so with Amazon\'s reason', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] });
    amazon.failNext.set('createSubscription', new SpApiError(400, 'InvalidInput', 'Invalid filter', 'createSubscription', undefined, 'req-400'));
    const result = await bg.saveSubscription({ destinationId, changeTypes: ['DeliveryTipChange'], marketplaceIds: [] });
    expect(result.outcome.key).toBe('ntf_filter_failed_restored');
    expect(result.error).toMatchObject({ key: 'spapi_invalid_input', code: 'InvalidInput', requestId: 'req-400' });
    expect(result.overview.orderChange?.changeTypes).toEqual(['OrderStatusChange']);
  });

  it('does nothing at Amazon when the filter is unchanged', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] });
    amazon.log.length = 0;
    const result = await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] });
    expect(amazon.log).toEqual([]);
    expect(result.outcome.key).toBe('ntf_filter_unchanged');
  });

  it('runs two saves one after the other, never interleaved', async () => {
    const destinationId = withDestination();
    await Promise.all([
      bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] }),
      bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] }),
    ]);
    expect(amazon.log.map((l) => l.split(' ')[0])).toEqual(['create', 'delete', 'create']);
    expect(amazon.subscriptions.get('ORDER_CHANGE')?.processingDirective?.eventFilter?.orderChangeTypes).toEqual(['BuyerRequestedChange']);
  });
});

describe('what the popup does not edit survives a replace', () => {
  it('keeps the aggregation period of the existing subscription', async () => {
    const destinationId = withDestination();
    amazon.subscriptions.set('ORDER_CHANGE', {
      subscriptionId: 'agg',
      payloadVersion: '1.0',
      destinationId,
      processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' } } },
    });
    const result = await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] });
    expect(amazon.subscriptions.get('ORDER_CHANGE')?.processingDirective?.eventFilter).toEqual({
      eventFilterType: 'ORDER_CHANGE',
      orderChangeTypes: ['BuyerRequestedChange'],
      aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' },
    });
    expect(result.overview.orderChange?.aggregation).toBe('FiveMinutes');
  });

  it('asks before replacing a filter expression, changes nothing until the seller agrees', async () => {
    const destinationId = withDestination();
    const withExpression: Subscription = { subscriptionId: 'cel', payloadVersion: '1.0', destinationId, processingDirective: { filterExpression: 'x > 1' } };
    amazon.subscriptions.set('ORDER_CHANGE', withExpression);
    const asked = await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] });
    expect(asked.outcome).toEqual({ key: 'ntf_filter_expression_would_be_lost', substitutions: ['x > 1'] });
    expect(asked.error?.key).toBe('nui_nothing_changed');
    expect(amazon.log).toEqual([]);
    expect(amazon.subscriptions.get('ORDER_CHANGE')).toEqual(withExpression);

    const done = await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [], dropFilterExpression: true });
    expect(done.outcome.key).toBe('ntf_filter_saved');
    expect(amazon.log).toEqual(['delete ORDER_CHANGE cel', 'create ORDER_CHANGE ["BuyerRequestedChange"]']);
  });
});

describe("Amazon's sandbox", () => {
  it('shows the sample subscription as a sample and offers no migration', async () => {
    endpoint = { kind: 'amazon-sandbox', region: 'NA' };
    try {
      withDestination();
      // Amazon's sandbox answers getSubscription with its sample for every type, the retired one included.
      amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'TEST_CASE_200_SUBSCRIPTION_ID', payloadVersion: '1.0', destinationId: 'd-q' });
      const overview = await bg.overview();
      expect(overview.samples).toBe(true);
      expect(overview.legacy).toBeUndefined();
      expect(overview.migration).toBe('nothing-to-do');
    } finally {
      endpoint = undefined;
    }
  });
});

describe('a replace cut short by a stopped service worker', () => {
  const PENDING = 'pending-filter-change';

  it('writes the old filter down before deleting it, and crosses it out afterwards', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: ['OrderStatusChange'], marketplaceIds: [] });
    const seenDuringDelete: unknown[] = [];
    fakeClient.deleteSubscriptionById.mockImplementationOnce(async (type: string) => {
      seenDuringDelete.push(await db.get('kv', PENDING));
      amazon.subscriptions.delete(type);
    });
    await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] });
    expect(seenDuringDelete).toEqual([
      { restore: { payloadVersion: '1.0', destinationId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] } } }, at: expect.any(Number), connectionId: 'primary' },
    ]);
    expect(await db.get('kv', PENDING)).toBeUndefined();
  });

  it("puts the old filter back at the connection whose replace it was, whichever connection is current now", async () => {
    const destinationId = withDestination();
    const restore = { payloadVersion: '1.0', destinationId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] } } };
    await db.put('kv', { restore, at: 1, connectionId: 'europe' }, PENDING);
    clientsAsked.length = 0;
    await bg.recoverInterruptedChange();
    expect(clientsAsked).toEqual(['europe']);
    expect(amazon.log).toEqual(['create ORDER_CHANGE ["OrderStatusChange"]']);
  });

  it('puts the old filter back when a stopped worker left the record and no subscription, once', async () => {
    const destinationId = withDestination();
    const restore = { payloadVersion: '1.0', destinationId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] } } };
    await db.put('kv', { restore, at: 1 }, PENDING);
    await bg.recoverInterruptedChange();
    expect(amazon.log).toEqual(['create ORDER_CHANGE ["OrderStatusChange"]']);
    const overview = await bg.overview();
    expect(overview.orderChange?.changeTypes).toEqual(['OrderStatusChange']);
    expect(amazon.log).toHaveLength(1);
  });

  it('leaves the subscription alone when the replace had finished at Amazon', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: ['DeliveryTipChange'], marketplaceIds: [] });
    await db.put('kv', { restore: { payloadVersion: '1.0', destinationId }, at: 1 }, PENDING);
    amazon.log.length = 0;
    await bg.overview();
    expect(amazon.log).toEqual([]);
    expect(await db.get('kv', PENDING)).toBeUndefined();
  });
});

describe('migrating off ORDER_STATUS_CHANGE', () => {
  it('creates ORDER_CHANGE on the legacy destination first, then deletes the legacy subscription', async () => {
    withDestination();
    amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    const result = await bg.migrate();
    expect(amazon.log).toEqual(['create ORDER_CHANGE "all"', 'delete ORDER_STATUS_CHANGE old']);
    expect(result.outcome.key).toBe('ntf_migration_done');
    expect(result.overview.orderChange?.destinationId).toBe('d-q');
    expect(result.overview.migration).toBe('nothing-to-do');
  });

  it('keeps the legacy subscription when ORDER_CHANGE cannot be created', async () => {
    withDestination();
    amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    amazon.failNext.set('createSubscription', new SpApiError(403, 'Unauthorized', 'Access denied', 'createSubscription', undefined, 'r'));
    await expect(bg.migrate()).rejects.toMatchObject({ status: 403 });
    expect(amazon.subscriptions.has('ORDER_STATUS_CHANGE')).toBe(true);
  });

  it('only deletes the legacy one when ORDER_CHANGE already exists, and reports a failed delete as the step left', async () => {
    withDestination();
    amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    amazon.subscriptions.set('ORDER_CHANGE', { subscriptionId: 'new', payloadVersion: '1.0', destinationId: 'd-q' });
    amazon.failNext.set('deleteSubscriptionById', new SpApiError(503, 'ServiceUnavailable', 'try later', 'deleteSubscriptionById', undefined, 'r'));
    const result = await bg.migrate();
    expect(amazon.log).toEqual(['delete ORDER_STATUS_CHANGE old']);
    expect(result.outcome.key).toBe('ntf_migration_delete_legacy');
    expect(result.error?.key).toBe('spapi_server_error');
    expect(result.overview.migration).toBe('delete-legacy');
  });
});

/** Every call to the fake Amazon since the last `callsSince()`, reads included, as "operation type". */
let seen = 0;
function callsSince(): string[] {
  const all = Object.entries(fakeClient).flatMap(([name, fn]) =>
    fn.mock.calls.map((args, i) => ({ order: fn.mock.invocationCallOrder[i]!, call: [name, ...args.filter((a) => typeof a === 'string' && /^[A-Z_]+$/.test(a))].join(' ') })),
  );
  const fresh = all.filter((c) => c.order > seen).sort((a, b) => a.order - b.order);
  seen = Math.max(seen, ...all.map((c) => c.order));
  return fresh.map((c) => c.call);
}

describe('each action makes only the calls it needs', () => {
  it('the retired ORDER_STATUS_CHANGE is read once; once Amazon says there is none, never again', async () => {
    withDestination();
    callsSince();
    await bg.overview();
    expect(callsSince()).toEqual(['getDestinations', 'getSubscription ORDER_CHANGE', 'getSubscription ORDER_STATUS_CHANGE']);
    await bg.overview();
    expect(callsSince()).toEqual(['getDestinations', 'getSubscription ORDER_CHANGE']);
    // Also in a new worker: it is stored, not remembered in memory.
    vi.resetModules();
    bg = await import('../../../lib/background/notifications');
    SpApiError = (await import('../../../lib/spapi/errors')).SpApiError;
    await bg.overview();
    expect(callsSince()).toEqual(['getDestinations', 'getSubscription ORDER_CHANGE']);
  });

  it('a filter change reads the subscription, deletes, creates, and answers from what create returned', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: 'all', marketplaceIds: [] });
    await bg.overview();
    callsSince();
    const change = await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] });
    expect(callsSince()).toEqual(['getSubscription ORDER_CHANGE', 'deleteSubscriptionById ORDER_CHANGE', 'createSubscription ORDER_CHANGE']);
    expect(change.overview.orderChange).toMatchObject({ changeTypes: ['BuyerRequestedChange'], subscriptionId: amazon.subscriptions.get('ORDER_CHANGE')!.subscriptionId });
    expect(change.overview.destinations.map((d) => d.destinationId)).toEqual([destinationId]);
  });

  it('a filter change in a fresh worker reads the destinations it has not seen yet, and nothing else again', async () => {
    const destinationId = withDestination();
    callsSince();
    await bg.saveSubscription({ destinationId, changeTypes: 'all', marketplaceIds: [] });
    expect(callsSince()).toEqual(['getSubscription ORDER_CHANGE', 'createSubscription ORDER_CHANGE', 'getDestinations', 'getSubscription ORDER_STATUS_CHANGE']);
  });

  it('a failed replace reads the subscription again: its outcome says nothing certain about it', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: 'all', marketplaceIds: [] });
    callsSince();
    amazon.failNext.set('createSubscription', new SpApiError(400, 'InvalidInput', 'no', 'createSubscription', undefined, 'r'));
    await bg.saveSubscription({ destinationId, changeTypes: ['BuyerRequestedChange'], marketplaceIds: [] });
    expect(callsSince().at(-1)).toBe('getSubscription ORDER_CHANGE');
  });

  it('destinations and deleting the subscription: one write each, no read after it', async () => {
    const destinationId = withDestination();
    await bg.saveSubscription({ destinationId, changeTypes: 'all', marketplaceIds: [] });
    await bg.overview();
    callsSince();
    const created = await bg.createDestination({ name: 'Second', target: { kind: 'sqs', arn: `${ARN}-2` } });
    expect(callsSince()).toEqual(['createDestination']);
    expect(created.overview.destinations.map((d) => d.name)).toEqual(['Orders', 'Second']);
    const second = created.overview.destinations[1]!.destinationId;
    const deleted = await bg.deleteDestination({ destinationId: second });
    expect(callsSince()).toEqual(['deleteDestination']);
    expect(deleted.overview.destinations.map((d) => d.name)).toEqual(['Orders']);
    const gone = await bg.deleteSubscription({ subscriptionId: amazon.subscriptions.get('ORDER_CHANGE')!.subscriptionId });
    expect(callsSince()).toEqual(['deleteSubscriptionById ORDER_CHANGE']);
    expect(gone.overview.orderChange).toBeUndefined();
  });

  it('after the migration the retired type is not read again', async () => {
    withDestination();
    amazon.subscriptions.set('ORDER_STATUS_CHANGE', { subscriptionId: 'old', payloadVersion: '1.0', destinationId: 'd-q' });
    await bg.overview();
    callsSince();
    const done = await bg.migrate();
    expect(callsSince()).toEqual([
      'getSubscription ORDER_STATUS_CHANGE',
      'getSubscription ORDER_CHANGE',
      'createSubscription ORDER_CHANGE',
      'deleteSubscriptionById ORDER_STATUS_CHANGE',
    ]);
    expect(done.overview.migration).toBe('nothing-to-do');
    await bg.overview();
    expect(callsSince()).toEqual(['getDestinations', 'getSubscription ORDER_CHANGE']);
  });
});
