import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { describe, expect, it, vi } from 'vitest';
import {
  buildOrderChangeSubscription,
  describeSubscription,
  executeFilterPlan,
  filterOutcomeKey,
  planFilterChange,
  sameFilter,
  type SubscriptionApi,
} from '../../../lib/notifications/filters';
import type { CreateSubscriptionRequest, OrderChangeType, Subscription } from '../../../lib/notifications/types';
import { MODELS_DIR } from './fixtures';

// The model's own definition, read at test time so a model update is picked up.
const model = JSON.parse(readFileSync(`${MODELS_DIR}/notifications.json`, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
const validateCreateSubscription = ajv.compile({
  $ref: '#/definitions/CreateSubscriptionRequest',
  definitions: model.definitions,
});

function build(input: Parameters<typeof buildOrderChangeSubscription>[0]): CreateSubscriptionRequest {
  const result = buildOrderChangeSubscription(input);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.request;
}

describe('buildOrderChangeSubscription', () => {
  it('"all" omits orderChangeTypes entirely', () => {
    expect(build({ destinationId: 'dest-1', changeTypes: 'all' })).toEqual({
      payloadVersion: '1.0',
      destinationId: 'dest-1',
      processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE' } },
    });
  });

  it('keeps chosen types once each, in the order given', () => {
    const request = build({
      destinationId: 'dest-1',
      changeTypes: ['BuyerRequestedChange', 'OrderStatusChange', 'BuyerRequestedChange'],
    });
    expect(request.processingDirective?.eventFilter?.orderChangeTypes).toEqual(['BuyerRequestedChange', 'OrderStatusChange']);
  });

  it('refuses an empty list: the seller must pick at least one or "all"', () => {
    expect(buildOrderChangeSubscription({ destinationId: 'd', changeTypes: [] })).toMatchObject({
      ok: false,
      reason: 'no-change-types',
    });
  });

  it('refuses a change type Amazon does not define', () => {
    const result = buildOrderChangeSubscription({ destinationId: 'd', changeTypes: ['ShipmentChange' as OrderChangeType] });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-change-type', details: 'ShipmentChange' });
  });

  it('refuses a missing destination', () => {
    expect(buildOrderChangeSubscription({ destinationId: '  ', changeTypes: 'all' })).toMatchObject({
      ok: false,
      reason: 'missing-destination',
    });
  });

  it('adds known marketplaces once, omits the list when empty', () => {
    const withIds = build({ destinationId: 'd', changeTypes: 'all', marketplaceIds: ['A1PA6795UKMFR9', 'A33AVAJ2PDY3EV', 'A1PA6795UKMFR9'] });
    expect(withIds.processingDirective?.eventFilter?.marketplaceIds).toEqual(['A1PA6795UKMFR9', 'A33AVAJ2PDY3EV']);
    const empty = build({ destinationId: 'd', changeTypes: 'all', marketplaceIds: [] });
    expect(empty.processingDirective?.eventFilter).not.toHaveProperty('marketplaceIds');
  });

  it('refuses marketplaces missing from the marketplace table', () => {
    const result = buildOrderChangeSubscription({ destinationId: 'd', changeTypes: 'all', marketplaceIds: ['A1PA6795UKMFR9', 'XNOTREAL'] });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-marketplace', details: 'XNOTREAL' });
  });

  it('sets aggregation only when asked and refuses other periods', () => {
    const request = build({ destinationId: 'd', changeTypes: 'all', aggregation: 'TenMinutes' });
    expect(request.processingDirective?.eventFilter?.aggregationSettings).toEqual({ aggregationTimePeriod: 'TenMinutes' });
    expect(build({ destinationId: 'd', changeTypes: 'all' }).processingDirective?.eventFilter).not.toHaveProperty('aggregationSettings');
    const bad = buildOrderChangeSubscription({ destinationId: 'd', changeTypes: 'all', aggregation: 'OneHour' as 'TenMinutes' });
    expect(bad).toMatchObject({ ok: false, reason: 'bad-aggregation' });
  });

  it('never sends filterExpression next to eventFilter', () => {
    const request = build({ destinationId: 'd', changeTypes: ['OrderStatusChange'], marketplaceIds: ['ATVPDKIKX0DER'] });
    expect(Object.keys(request.processingDirective ?? {})).toEqual(['eventFilter']);
  });

  it.each<[string, Parameters<typeof buildOrderChangeSubscription>[0]]>([
    ['all types', { destinationId: 'dest', changeTypes: 'all' }],
    ['chosen types', { destinationId: 'dest', changeTypes: ['OrderStatusChange', 'DeliveryTipChange'] }],
    ['marketplaces and aggregation', { destinationId: 'dest', changeTypes: ['BuyerRequestedChange'], marketplaceIds: ['A2Q3Y263D00KWC'], aggregation: 'FiveMinutes' }],
  ])('body with %s validates against the model CreateSubscriptionRequest', (_name, input) => {
    const ok = validateCreateSubscription(build(input));
    expect(validateCreateSubscription.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the model validator does reject a wrong body (so the test above can fail)', () => {
    expect(validateCreateSubscription({ payloadVersion: '1.0', processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE' } } })).toBe(false);
    expect(
      validateCreateSubscription({ payloadVersion: '1.0', destinationId: 'd', processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['Nope'] } } }),
    ).toBe(false);
  });
});

const current: Subscription = {
  subscriptionId: 'sub-old',
  payloadVersion: '1.0',
  destinationId: 'dest-1',
  processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] } },
};

describe('describeSubscription and sameFilter', () => {
  it('summarises types, marketplaces with their country and the destination', () => {
    const summary = describeSubscription({
      ...current,
      processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', marketplaceIds: ['A33AVAJ2PDY3EV', 'AZZZNEW'] } },
    });
    expect(summary).toEqual({
      subscriptionId: 'sub-old',
      destinationId: 'dest-1',
      payloadVersion: '1.0',
      changeTypes: 'all',
      marketplaces: [{ id: 'A33AVAJ2PDY3EV', country: 'Turkey', countryCode: 'TR' }, { id: 'AZZZNEW' }],
    });
  });

  it('reports a filterExpression subscription made elsewhere', () => {
    const summary = describeSubscription({ ...current, processingDirective: { filterExpression: 'x == `y`' } });
    expect(summary.filterExpression).toBe('x == `y`');
    expect(summary.changeTypes).toBe('all');
  });

  it('ignores order of list entries, but not their content', () => {
    const a = build({ destinationId: 'd1', changeTypes: ['OrderStatusChange', 'BuyerRequestedChange'], marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] });
    const b = build({ destinationId: 'd2', changeTypes: ['BuyerRequestedChange', 'OrderStatusChange'], marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'] });
    expect(sameFilter(a, b)).toBe(true);
    const c = build({ destinationId: 'd1', changeTypes: ['OrderStatusChange'], marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] });
    expect(sameFilter(a, c)).toBe(false);
  });

  it('treats "all" and a list naming every current type as different filters', () => {
    const all = build({ destinationId: 'd', changeTypes: 'all' });
    const list = build({ destinationId: 'd', changeTypes: ['OrderStatusChange', 'BuyerRequestedChange', 'DeliveryTipChange'] });
    expect(sameFilter(all, list)).toBe(false);
  });
});

describe('planFilterChange', () => {
  it('creates when there is no subscription', () => {
    const desired = build({ destinationId: 'dest-1', changeTypes: 'all' });
    expect(planFilterChange(undefined, desired)).toEqual({
      notificationType: 'ORDER_CHANGE',
      kind: 'create',
      steps: [{ action: 'create', request: desired }],
    });
  });

  it('does nothing when filter and destination already match', () => {
    const desired = build({ destinationId: 'dest-1', changeTypes: ['OrderStatusChange'] });
    expect(planFilterChange(current, desired)).toMatchObject({ kind: 'unchanged', steps: [] });
  });

  it('deletes then creates, keeping the old body to restore', () => {
    const desired = build({ destinationId: 'dest-1', changeTypes: 'all' });
    expect(planFilterChange(current, desired)).toEqual({
      notificationType: 'ORDER_CHANGE',
      kind: 'replace',
      steps: [
        { action: 'delete', subscriptionId: 'sub-old' },
        { action: 'create', request: desired },
      ],
      restore: { payloadVersion: '1.0', destinationId: 'dest-1', processingDirective: current.processingDirective },
    });
  });

  it('replaces when only the destination changes', () => {
    const desired = build({ destinationId: 'dest-2', changeTypes: ['OrderStatusChange'] });
    expect(planFilterChange(current, desired).kind).toBe('replace');
  });
});

function fakeApi(failCreates: number[] = [], failDelete = false) {
  const calls: string[] = [];
  let creates = 0;
  const api: SubscriptionApi = {
    deleteSubscriptionById: vi.fn(async (type: string, id: string) => {
      calls.push(`delete ${type} ${id}`);
      if (failDelete) throw new Error('403');
    }),
    createSubscription: vi.fn(async (type: string, request: CreateSubscriptionRequest) => {
      creates += 1;
      calls.push(`create ${type} ${JSON.stringify(request.processingDirective?.eventFilter?.orderChangeTypes ?? 'all')}`);
      if (failCreates.includes(creates)) throw new Error(`create ${creates} refused`);
      return { ...request, subscriptionId: `sub-new-${creates}` };
    }),
  };
  return { api, calls };
}

describe('executeFilterPlan', () => {
  const desired = build({ destinationId: 'dest-1', changeTypes: 'all' });

  it('deletes the old subscription, then creates the new one', async () => {
    const { api, calls } = fakeApi();
    const outcome = await executeFilterPlan(planFilterChange(current, desired), api);
    expect(calls).toEqual(['delete ORDER_CHANGE sub-old', 'create ORDER_CHANGE "all"']);
    expect(outcome).toEqual({ ok: true, subscription: { ...desired, subscriptionId: 'sub-new-1' } });
    expect(filterOutcomeKey(outcome)).toBe('ntf_filter_saved');
  });

  it('recreates the old subscription when the new one is refused', async () => {
    const { api, calls } = fakeApi([1]);
    const outcome = await executeFilterPlan(planFilterChange(current, desired), api);
    expect(calls).toEqual(['delete ORDER_CHANGE sub-old', 'create ORDER_CHANGE "all"', 'create ORDER_CHANGE ["OrderStatusChange"]']);
    expect(api.createSubscription).toHaveBeenLastCalledWith('ORDER_CHANGE', {
      payloadVersion: '1.0',
      destinationId: 'dest-1',
      processingDirective: current.processingDirective,
    });
    expect(outcome).toMatchObject({ ok: false, failedAt: 'create', restored: { subscriptionId: 'sub-new-2' } });
    expect(filterOutcomeKey(outcome)).toBe('ntf_filter_failed_restored');
  });

  it('says so when even the restore fails', async () => {
    const { api } = fakeApi([1, 2]);
    const outcome = await executeFilterPlan(planFilterChange(current, desired), api);
    expect(outcome).toMatchObject({ ok: false, failedAt: 'restore' });
    expect(filterOutcomeKey(outcome)).toBe('ntf_filter_failed_lost');
  });

  it('creates nothing when the delete fails', async () => {
    const { api, calls } = fakeApi([], true);
    const outcome = await executeFilterPlan(planFilterChange(current, desired), api);
    expect(calls).toEqual(['delete ORDER_CHANGE sub-old']);
    expect(outcome).toMatchObject({ ok: false, failedAt: 'delete' });
  });

  it('does not try to restore when there was nothing before', async () => {
    const { api, calls } = fakeApi([1]);
    const outcome = await executeFilterPlan(planFilterChange(undefined, desired), api);
    expect(calls).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, failedAt: 'create' });
    expect(filterOutcomeKey(outcome)).toBe('ntf_filter_failed_create');
  });

  it('calls nothing for an unchanged plan', async () => {
    const { api, calls } = fakeApi();
    const outcome = await executeFilterPlan(planFilterChange(current, { ...current }), api);
    expect(calls).toEqual([]);
    expect(filterOutcomeKey(outcome)).toBe('ntf_filter_unchanged');
  });
});
