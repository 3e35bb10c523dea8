/**
 * The ORDER_CHANGE subscription filter: building the createSubscription body, describing an
 * existing subscription, and replacing one filter with another.
 *
 * Amazon has no "update subscription": createSubscription answers 409 while a subscription of
 * the same type exists. Changing the filter is therefore delete-then-create, and the window in
 * between is where a seller could end up with no subscription at all; the executor below closes
 * it by recreating the old subscription when the new one is refused.
 */
import { marketplaceById } from '../marketplaces';
import {
  AGGREGATION_PERIODS,
  isOrderChangeType,
  type AggregationPeriod,
  type CreateSubscriptionRequest,
  type EventFilter,
  type OrderChangeType,
  type Subscription,
} from './types';

export const ORDER_CHANGE = 'ORDER_CHANGE';
/** The only payload version the ORDER_CHANGE schema and Amazon's tutorial use. */
export const ORDER_CHANGE_PAYLOAD_VERSION = '1.0';

export interface OrderChangeFilterInput {
  destinationId: string;
  changeTypes: 'all' | readonly OrderChangeType[];
  /** Empty or absent = every marketplace. */
  marketplaceIds?: readonly string[];
  aggregation?: AggregationPeriod;
}

export type FilterError =
  | 'missing-destination'
  | 'no-change-types'
  | 'unknown-change-type'
  | 'unknown-marketplace'
  | 'bad-aggregation';

export type BuildFilterResult =
  | { ok: true; request: CreateSubscriptionRequest }
  | { ok: false; reason: FilterError; details: string };

export const FILTER_ERROR_KEYS: Readonly<Record<FilterError, string>> = {
  'missing-destination': 'ntf_filter_missing_destination',
  'no-change-types': 'ntf_filter_no_change_types',
  'unknown-change-type': 'ntf_filter_unknown_change_type',
  'unknown-marketplace': 'ntf_filter_unknown_marketplace',
  'bad-aggregation': 'ntf_filter_bad_aggregation',
};

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The exact createSubscription body for ORDER_CHANGE. "all" leaves orderChangeTypes out, which is
 * how the model asks for every type, including ones Amazon adds later; a list that happens to
 * name all three current types is kept as a list, because it would not pick up new ones.
 */
export function buildOrderChangeSubscription(input: OrderChangeFilterInput): BuildFilterResult {
  const destinationId = input.destinationId.trim();
  if (destinationId === '') return { ok: false, reason: 'missing-destination', details: '' };

  const eventFilter: EventFilter = { eventFilterType: ORDER_CHANGE };

  if (input.changeTypes !== 'all') {
    // Values come from the UI at run time, so the type annotation alone proves nothing.
    const bad = input.changeTypes.find((t) => !isOrderChangeType(t));
    if (bad !== undefined) return { ok: false, reason: 'unknown-change-type', details: String(bad) };
    const types = unique(input.changeTypes);
    if (types.length === 0) return { ok: false, reason: 'no-change-types', details: '' };
    eventFilter.orderChangeTypes = types;
  }

  // Blank entries are leftovers of an emptied input field, not a marketplace.
  const marketplaceIds = unique((input.marketplaceIds ?? []).map((id) => id.trim()).filter((id) => id !== ''));
  const unknown = marketplaceIds.filter((id) => marketplaceById(id) === undefined);
  if (unknown.length > 0) return { ok: false, reason: 'unknown-marketplace', details: unknown.join(', ') };
  if (marketplaceIds.length > 0) eventFilter.marketplaceIds = marketplaceIds;

  if (input.aggregation !== undefined) {
    if (!(AGGREGATION_PERIODS as readonly string[]).includes(input.aggregation)) {
      return { ok: false, reason: 'bad-aggregation', details: String(input.aggregation) };
    }
    eventFilter.aggregationSettings = { aggregationTimePeriod: input.aggregation };
  }

  // Only eventFilter is ever written: the model forbids sending it together with filterExpression.
  return {
    ok: true,
    request: { payloadVersion: ORDER_CHANGE_PAYLOAD_VERSION, destinationId, processingDirective: { eventFilter } },
  };
}

export interface MarketplaceLabel {
  id: string;
  /** Absent when the id is not in lib/marketplaces.ts (Amazon opened a new marketplace). */
  country?: string;
  countryCode?: string;
}

export interface SubscriptionSummary {
  subscriptionId?: string;
  destinationId: string;
  payloadVersion: string;
  /** Strings, not OrderChangeType: Amazon may return a type this build does not know. */
  changeTypes: 'all' | string[];
  marketplaces: 'all' | MarketplaceLabel[];
  aggregation?: AggregationPeriod;
  /** Set when the subscription was made elsewhere with a CEL expression instead of an eventFilter. */
  filterExpression?: string;
}

/** An absent or empty list both mean "no restriction" for display and comparison. */
function listOrAll(list: readonly string[] | undefined): 'all' | string[] {
  return list === undefined || list.length === 0 ? 'all' : unique(list);
}

export function describeSubscription(subscription: Subscription | CreateSubscriptionRequest): SubscriptionSummary {
  const directive = subscription.processingDirective;
  const filter = directive?.eventFilter;
  const marketplaceIds = listOrAll(filter?.marketplaceIds);
  const summary: SubscriptionSummary = {
    destinationId: subscription.destinationId,
    payloadVersion: subscription.payloadVersion,
    changeTypes: listOrAll(filter?.orderChangeTypes),
    marketplaces:
      marketplaceIds === 'all'
        ? 'all'
        : marketplaceIds.map((id) => {
            const m = marketplaceById(id);
            return m ? { id, country: m.country, countryCode: m.countryCode } : { id };
          }),
  };
  if ('subscriptionId' in subscription) summary.subscriptionId = subscription.subscriptionId;
  if (filter?.aggregationSettings) summary.aggregation = filter.aggregationSettings.aggregationTimePeriod;
  if (directive?.filterExpression !== undefined) summary.filterExpression = directive.filterExpression;
  return summary;
}

/** A canonical form: order of list entries carries no meaning for Amazon. */
function filterKey(s: Subscription | CreateSubscriptionRequest): string {
  const d = describeSubscription(s);
  const sorted = (v: 'all' | string[]) => (v === 'all' ? v : [...v].sort());
  return JSON.stringify([
    s.processingDirective?.eventFilter?.eventFilterType ?? null,
    sorted(d.changeTypes),
    sorted(d.marketplaces === 'all' ? 'all' : d.marketplaces.map((m) => m.id)),
    d.aggregation ?? null,
    d.filterExpression ?? null,
  ]);
}

/** True when both deliver the same notifications (destination not compared). */
export function sameFilter(a: Subscription | CreateSubscriptionRequest, b: Subscription | CreateSubscriptionRequest): boolean {
  return filterKey(a) === filterKey(b);
}

export type CarryOverResult =
  | { ok: true; request: CreateSubscriptionRequest }
  /** The current subscription filters with an expression the popup cannot edit: ask before dropping it. */
  | { ok: false; reason: 'filter-expression'; expression: string };

/**
 * The popup edits change types and marketplaces only. What else the seller's subscription has is kept
 * through a replace: its aggregation period is carried into the new filter, and a CEL filter
 * expression, which cannot be combined with an eventFilter, is dropped only when the seller said so.
 */
export function carryOverUnedited(
  current: Subscription | undefined,
  desired: CreateSubscriptionRequest,
  options: { dropFilterExpression?: boolean } = {},
): CarryOverResult {
  const directive = current?.processingDirective;
  if (directive?.filterExpression !== undefined && !options.dropFilterExpression) {
    return { ok: false, reason: 'filter-expression', expression: directive.filterExpression };
  }
  const aggregation = directive?.eventFilter?.aggregationSettings;
  const filter = desired.processingDirective?.eventFilter;
  if (!aggregation || !filter || filter.aggregationSettings) return { ok: true, request: desired };
  return { ok: true, request: { ...desired, processingDirective: { ...desired.processingDirective, eventFilter: { ...filter, aggregationSettings: aggregation } } } };
}

export type FilterChangeStep =
  | { action: 'delete'; subscriptionId: string }
  | { action: 'create'; request: CreateSubscriptionRequest };

/** Plain data, so the background can keep it in storage while it runs. */
export interface FilterChangePlan {
  notificationType: typeof ORDER_CHANGE;
  kind: 'unchanged' | 'create' | 'replace';
  steps: FilterChangeStep[];
  /** The old subscription's body, recreated if the new one cannot be created. */
  restore?: CreateSubscriptionRequest;
}

export function planFilterChange(current: Subscription | undefined, desired: CreateSubscriptionRequest): FilterChangePlan {
  const base = { notificationType: ORDER_CHANGE } as const;
  if (!current) return { ...base, kind: 'create', steps: [{ action: 'create', request: desired }] };
  if (
    sameFilter(current, desired) &&
    current.destinationId === desired.destinationId &&
    current.payloadVersion === desired.payloadVersion
  ) {
    return { ...base, kind: 'unchanged', steps: [] };
  }
  const restore: CreateSubscriptionRequest = {
    payloadVersion: current.payloadVersion,
    destinationId: current.destinationId,
  };
  if (current.processingDirective) restore.processingDirective = current.processingDirective;
  return {
    ...base,
    kind: 'replace',
    steps: [
      { action: 'delete', subscriptionId: current.subscriptionId },
      { action: 'create', request: desired },
    ],
    restore,
  };
}

/** The two Notifications API operations the plan needs; the background passes its SP-API client. */
export interface SubscriptionApi {
  deleteSubscriptionById(notificationType: string, subscriptionId: string): Promise<unknown>;
  createSubscription(notificationType: string, request: CreateSubscriptionRequest): Promise<Subscription>;
}

export type FilterChangeOutcome =
  /** subscription is undefined when the plan had nothing to do. */
  | { ok: true; subscription: Subscription | undefined }
  /** The old subscription could not be deleted: nothing changed. */
  | { ok: false; failedAt: 'delete'; error: unknown }
  /** The new filter was refused; `restored` is the old filter again (with a new id) when there was one. */
  | { ok: false; failedAt: 'create'; error: unknown; restored?: Subscription }
  /** Refused, and the old filter could not be put back: the seller has no subscription now. */
  | { ok: false; failedAt: 'restore'; error: unknown; restoreError: unknown };

/** Runs a plan step by step. Never throws: every failure is an outcome the UI can explain. */
export async function executeFilterPlan(plan: FilterChangePlan, api: SubscriptionApi): Promise<FilterChangeOutcome> {
  let deleted = false;
  let created: Subscription | undefined;
  for (const step of plan.steps) {
    if (step.action === 'delete') {
      try {
        await api.deleteSubscriptionById(plan.notificationType, step.subscriptionId);
        deleted = true;
      } catch (error) {
        return { ok: false, failedAt: 'delete', error };
      }
      continue;
    }
    try {
      created = await api.createSubscription(plan.notificationType, step.request);
    } catch (error) {
      if (!deleted || !plan.restore) return { ok: false, failedAt: 'create', error };
      try {
        const restored = await api.createSubscription(plan.notificationType, plan.restore);
        return { ok: false, failedAt: 'create', error, restored };
      } catch (restoreError) {
        return { ok: false, failedAt: 'restore', error, restoreError };
      }
    }
  }
  return { ok: true, subscription: created };
}

/** The i18n key that tells the seller how a filter change ended. */
export function filterOutcomeKey(outcome: FilterChangeOutcome): string {
  if (outcome.ok) return outcome.subscription ? 'ntf_filter_saved' : 'ntf_filter_unchanged';
  switch (outcome.failedAt) {
    case 'delete':
      return 'ntf_filter_failed_nothing_changed';
    case 'create':
      return outcome.restored ? 'ntf_filter_failed_restored' : 'ntf_filter_failed_create';
    case 'restore':
      return 'ntf_filter_failed_lost';
  }
}
