/**
 * BACKGROUND ONLY. The popup's Notifications view: destinations, the ORDER_CHANGE subscription and the
 * move off ORDER_STATUS_CHANGE. The rules (what a valid filter or destination is, how a filter is
 * replaced without losing the subscription, in which order a migration runs) live in
 * lib/notifications; this file only feeds them Amazon's answers and turns outcomes into words.
 *
 * Every change answers with an overview built from Amazon's answers, never guessed: what this change
 * read or wrote, plus what the last read said about the rest (a filter change does not touch the
 * destinations). So each action makes only the calls it needs, at Amazon's 1 request/s per operation:
 * a refresh 2 reads, a filter change 1 read + delete + create, a destination 1 write.
 */
import './guard';
import { SpApiError, type Destination, type SpApi, type Subscription } from '../spapi';
import { buildCreateDestinationRequest, type DestinationTarget } from '../notifications/destinations';
import {
  FILTER_ERROR_KEYS,
  ORDER_CHANGE,
  buildOrderChangeSubscription,
  carryOverUnedited,
  describeSubscription,
  executeFilterPlan,
  filterOutcomeKey,
  planFilterChange,
} from '../notifications/filters';
import { ORDER_STATUS_CHANGE, planMigration, replacementForLegacy } from '../notifications/migration';
import type { CreateSubscriptionRequest } from '../notifications/types';
import type { DestinationView, Explained, NotificationsChange, NotificationsOverview, SaveSubscriptionRequest } from '../protocol';
import { isAmazonSandbox } from '../amazon-sandbox';
import { del, get, put } from '../store/db';
import { legacyInboxOwner } from '../store/settings';
import { api, currentConnectionId, summary } from './connection';
import { explain, scrub } from './explain';
import { Refusal } from './refusal';

export class NotificationRefused extends Refusal {}

const say = (key: string, ...substitutions: string[]): Explained => ({ key, substitutions });

function refuse(key: string, substitutions: string[] = []): never {
  throw new NotificationRefused(say(key, ...substitutions));
}

/** Amazon's refusal with our more specific message in front, keeping its code and request id. */
function refusedAs(key: string, error: unknown, substitutions: string[] = []): NotificationRefused {
  return new NotificationRefused({ ...explain(error), key, substitutions });
}

const hasStatus = (error: unknown, ...statuses: number[]) => error instanceof SpApiError && statuses.includes(error.status);

/**
 * getSubscription answers 404 when there is none. For the retired type, 400 means the same thing:
 * the request has no other input, so Amazon can only be refusing the type name itself.
 */
async function findSubscription(client: SpApi, type: string): Promise<Subscription | undefined> {
  try {
    return await client.getSubscription(type);
  } catch (error) {
    if (hasStatus(error, 404) || (type === ORDER_STATUS_CHANGE && hasStatus(error, 400))) return undefined;
    throw error;
  }
}

/**
 * What Amazon last said, per connection and worker life. `orderChange: null` is "none". The refresh
 * reads both again, so a change made elsewhere shows up there.
 */
interface Known {
  destinations?: Destination[];
  orderChange?: Subscription | null;
}
let known: (Required<Known> & { connection: string }) | undefined;

/** The current connection, and what Amazon's answers depend on: an edited endpoint or client is another account. */
async function connectionKey(): Promise<string> {
  const c = await summary();
  return JSON.stringify([c.id ?? null, c.endpoint ?? null, c.clientId ?? null, c.defaultMarketplaceId ?? null]);
}

/** What the last read said, with this change's own answers laid over it. */
async function knownWith(changes: Known): Promise<Known> {
  const base: Known = known && known.connection === (await connectionKey()) ? { destinations: known.destinations, orderChange: known.orderChange } : {};
  return { ...base, ...changes };
}

/**
 * Amazon deleted the ORDER_STATUS_CHANGE schema: nobody can subscribe to it again, so once Amazon said
 * this connection has none (or the migration deleted it), it is not asked again.
 */
const LEGACY_ABSENT_KEY = 'legacy-absent';
const legacyAbsentKey = async () => `${LEGACY_ABSENT_KEY}:${(await summary()).id ?? ''}`;
const legacyKnownAbsent = async () => (await get<string>('kv', await legacyAbsentKey())) === (await connectionKey());
const rememberLegacyAbsent = async () => put('kv', await connectionKey(), await legacyAbsentKey());

function destinationView(d: Destination): DestinationView {
  const view: DestinationView = { destinationId: d.destinationId, name: d.name, kind: 'other' };
  if (d.resource.sqs) return { ...view, kind: 'sqs', arn: d.resource.sqs.arn };
  if (d.resource.eventBridge) {
    const { accountId, region } = d.resource.eventBridge;
    return { ...view, kind: 'eventBridge', accountId, region };
  }
  return view;
}

async function readOverview(client: SpApi, given: Known = {}): Promise<NotificationsOverview> {
  // Amazon's sandbox answers every subscription question with one sample, the retired type included:
  // taken as the seller's state, it would offer a migration that can never finish.
  const samples = isAmazonSandbox((await summary()).endpoint);
  const askLegacy = !samples && !(await legacyKnownAbsent());
  // The client picks the token per operation: grantless for destinations, the seller's for subscriptions.
  const [destinations, orderChange, legacy] = await Promise.all([
    given.destinations ?? client.getDestinations(),
    given.orderChange !== undefined ? (given.orderChange ?? undefined) : findSubscription(client, ORDER_CHANGE),
    askLegacy ? findSubscription(client, ORDER_STATUS_CHANGE) : undefined,
  ]);
  if (askLegacy && !legacy) await rememberLegacyAbsent();
  known = { destinations, orderChange: orderChange ?? null, connection: await connectionKey() };
  const overview: NotificationsOverview = {
    destinations: destinations.map(destinationView),
    migration: planMigration({ legacy, orderChange }),
  };
  if (samples) overview.samples = true;
  if (orderChange) overview.orderChange = describeSubscription(orderChange);
  if (legacy) {
    const { subscriptionId, destinationId, payloadVersion } = legacy;
    overview.legacy = { subscriptionId, destinationId, payloadVersion };
  }
  return overview;
}

// A second click while a replace is half-way would read a subscription that is about to vanish.
let chain: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}

/**
 * A replace runs delete-then-create. Should the worker be stopped between the two, the seller would
 * be left with no subscription and nobody to notice; so the old filter is written down first and
 * crossed out when the replace ends, whatever its outcome.
 */
const PENDING_KEY = 'pending-filter-change';

interface PendingChange {
  restore: CreateSubscriptionRequest;
  at: number;
  /** Whose subscription it was (Amazon keeps them per connection); a record of earlier releases has none. */
  connectionId?: string;
}

/**
 * Puts back the filter of a replace that a stopped worker left half-done. Runs in the one-at-a-time
 * chain, so a record it finds cannot belong to a replace still running in this worker.
 */
async function recoverInterrupted(): Promise<void> {
  const pending = await get<PendingChange>('kv', PENDING_KEY);
  if (!pending) return;
  try {
    // The connection of the replace, whichever one the seller looks at now.
    const client = await api(pending.connectionId ?? (await legacyInboxOwner()));
    if (!(await findSubscription(client, ORDER_CHANGE))) await client.createSubscription(ORDER_CHANGE, pending.restore);
  } finally {
    // One attempt only: a destination deleted meanwhile would otherwise fail on every overview.
    await del('kv', PENDING_KEY);
  }
}

/** On worker start: finish what a stopped worker left, if anything (and if connected at all). */
export function recoverInterruptedChange(): Promise<void> {
  return oneAtATime(async () => {
    await recoverInterrupted();
  }).catch((error: unknown) => console.warn('Order Courier: could not restore the ORDER_CHANGE subscription', scrub(String(error))));
}

export function overview(): Promise<NotificationsOverview> {
  return oneAtATime(async () => {
    const client = await api();
    await recoverInterrupted().catch((error: unknown) => console.warn('Order Courier: could not restore the ORDER_CHANGE subscription', scrub(String(error))));
    return readOverview(client);
  });
}

export function createDestination(req: { name: string; target: DestinationTarget }): Promise<NotificationsChange> {
  return oneAtATime(async () => {
    // Checked again here: the popup's check is a convenience, this one is the rule.
    const built = buildCreateDestinationRequest(req);
    if (!built.ok) refuse(built.key);
    const client = await api();
    let created: Destination;
    try {
      created = await client.createDestination(built.request);
    } catch (error) {
      if (hasStatus(error, 409)) throw refusedAs('nui_destination_exists', error);
      throw error;
    }
    const before = await knownWith({});
    const given = before.destinations ? { ...before, destinations: [...before.destinations, created] } : {};
    return { overview: await readOverview(client, given), outcome: say('nui_destination_created', built.request.name) };
  });
}

export function deleteDestination(req: { destinationId: string }): Promise<NotificationsChange> {
  return oneAtATime(async () => {
    const client = await api();
    try {
      await client.deleteDestination(req.destinationId);
    } catch (error) {
      if (hasStatus(error, 409)) throw refusedAs('nui_destination_in_use', error);
      throw error;
    }
    const before = await knownWith({});
    const given = before.destinations ? { ...before, destinations: before.destinations.filter((d) => d.destinationId !== req.destinationId) } : {};
    return { overview: await readOverview(client, given), outcome: say('nui_destination_deleted') };
  });
}

export function saveSubscription(req: SaveSubscriptionRequest): Promise<NotificationsChange> {
  return oneAtATime(async () => {
    const built = buildOrderChangeSubscription(req);
    if (!built.ok) refuse(FILTER_ERROR_KEYS[built.reason], built.details ? [built.details] : []);
    const connectionId = await currentConnectionId();
    const client = await api(connectionId);
    const current = await findSubscription(client, ORDER_CHANGE);
    const carried = carryOverUnedited(current, built.request, { dropFilterExpression: req.dropFilterExpression === true });
    if (!carried.ok) {
      // Nothing is changed at Amazon: the popup asks the seller, and a yes comes back as dropFilterExpression.
      const given = await knownWith({ orderChange: current ?? null });
      return { overview: await readOverview(client, given), outcome: say('ntf_filter_expression_would_be_lost', carried.expression), error: say('nui_nothing_changed') };
    }
    const plan = planFilterChange(current, carried.request);
    if (plan.restore) await put('kv', { restore: plan.restore, at: Date.now(), ...(connectionId ? { connectionId } : {}) } satisfies PendingChange, PENDING_KEY);
    const outcome = await executeFilterPlan(plan, {
      deleteSubscriptionById: (type, id) => client.deleteSubscriptionById(type, id),
      createSubscription: (type, request) => client.createSubscription(type, request),
    });
    if (plan.restore) await del('kv', PENDING_KEY);
    // Success: the subscription is what createSubscription answered (or, unchanged, what was read). A
    // failure part-way leaves it uncertain, so it is read again.
    const given = await knownWith(outcome.ok ? { orderChange: outcome.subscription ?? current ?? null } : { orderChange: undefined });
    const change: NotificationsChange = { overview: await readOverview(client, given), outcome: say(filterOutcomeKey(outcome)) };
    if (!outcome.ok) change.error = explain(outcome.error);
    return change;
  });
}

export function deleteSubscription(req: { subscriptionId: string }): Promise<NotificationsChange> {
  return oneAtATime(async () => {
    const client = await api();
    await client.deleteSubscriptionById(ORDER_CHANGE, req.subscriptionId);
    return { overview: await readOverview(client, await knownWith({ orderChange: null })), outcome: say('nui_subscription_deleted') };
  });
}

/**
 * One step for the seller, two for Amazon: ORDER_CHANGE first (on the legacy subscription's
 * destination, so the same queue keeps receiving), and the legacy subscription deleted only once
 * ORDER_CHANGE exists. The new subscription takes every change type: the old one had no filter
 * either, and buyer cancellation requests are the reason to move. The seller can narrow it after.
 */
export function migrate(): Promise<NotificationsChange> {
  return oneAtATime(async () => {
    const client = await api();
    const [legacy, existing] = await Promise.all([
      findSubscription(client, ORDER_STATUS_CHANGE),
      findSubscription(client, ORDER_CHANGE),
    ]);
    const step = planMigration({ legacy, orderChange: existing });
    if (!legacy || step === 'nothing-to-do') {
      return { overview: await readOverview(client, await knownWith({ orderChange: existing ?? null })), outcome: say('ntf_migration_nothing_to_do') };
    }
    let orderChange = existing;
    if (step === 'create-order-change-first') {
      const built = replacementForLegacy(legacy, 'all');
      if (!built.ok) refuse(FILTER_ERROR_KEYS[built.reason], built.details ? [built.details] : []);
      // If Amazon refuses, nothing was deleted: the router explains the refusal and the legacy stays.
      orderChange = await client.createSubscription(ORDER_CHANGE, built.request);
    }
    const given = await knownWith({ orderChange: orderChange ?? null });
    try {
      await client.deleteSubscriptionById(ORDER_STATUS_CHANGE, legacy.subscriptionId);
    } catch (error) {
      // ORDER_CHANGE is in place; only the clean-up is left, and the banner offers it again.
      return { overview: await readOverview(client, given), outcome: say('ntf_migration_delete_legacy'), error: explain(error) };
    }
    if (!isAmazonSandbox((await summary()).endpoint)) await rememberLegacyAbsent();
    return { overview: await readOverview(client, given), outcome: say('ntf_migration_done') };
  });
}
