/**
 * BACKGROUND ONLY. Automatic review requests (optional, off by default): orders the extension sees in the
 * popup's recent-orders list and in the ORDER_CHANGE inbox get an entry in a schedule (IndexedDB store
 * `autoReviews`, keyed by connection and order) for the instant their window opens; one alarm is armed
 * for the soonest entry, and again at every worker start, so a stopped worker or a restarted browser
 * keeps the schedule. A due order goes the way of a manual request: the exclusion list, the one-message
 * rule, Amazon's offer checked, then the one create behind its never-twice marker, paced per connection,
 * recorded in the order's history (lib/background/reviews.ts, review-runs.ts processItem).
 *
 * The setting is one for the browser, not one per connection: it is about how the seller works (whether
 * reviews may be requested without a click), and one switch is what the popup can turn off at once;
 * what is scheduled, requested and excluded stays per connection.
 */
import './guard';
import { browser } from 'wxt/browser';
import { all, del, get, put } from '../store/db';
import { dueDecision, expired, listOrder, nextDue, scheduleFor, type AutoReviewEntry } from '../reviews/schedule';
import type { ReviewOrder } from '../reviews/window';
import type { OrderChange } from '../notifications/types';
import type { AutoReviewView, AutoReviewsUpdatedEvent, AutoReviewsView } from '../protocol';
import { api, currentConnectionId, listConnections } from './connection';
import { explain } from './explain';
import { exclusions, marker, messageAccepted } from './reviews';
import { processItem } from './review-runs';

export const AUTO_ALARM = 'reviews.auto';
const SETTING_KEY = 'reviews.auto';
/** What the popup lists: every scheduled order and the latest ended ones. */
const MAX_LISTED = 50;

export async function autoEnabled(): Promise<boolean> {
  return (await get<{ enabled: boolean }>('kv', SETTING_KEY))?.enabled === true;
}

const key = (e: Pick<AutoReviewEntry, 'connectionId' | 'orderId'>) => [e.connectionId, e.orderId];

// Entries are read, changed and written back by the orders seen, the seller's cancels and the due run;
// one chain keeps one from overwriting another's change.
let chain: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}

async function announce(): Promise<void> {
  const event: AutoReviewsUpdatedEvent = { type: 'reviews.autoUpdated' };
  // No extension page open to hear it is the usual case.
  await browser.runtime.sendMessage(event).catch(() => undefined);
}

/** The one alarm, for the soonest scheduled entry; none while the mode is off or nothing waits. */
export async function arm(): Promise<void> {
  const due = (await autoEnabled()) ? nextDue(await all<AutoReviewEntry>('autoReviews')) : undefined;
  if (due === undefined) {
    await browser.alarms.clear(AUTO_ALARM);
    return;
  }
  const existing = await browser.alarms.get(AUTO_ALARM);
  // Chrome fires an alarm set in the past at once (and a packed extension's no sooner than 30 s from now).
  if (existing?.scheduledTime !== due) await browser.alarms.create(AUTO_ALARM, { when: due });
}

/** Orders the extension saw under a connection (the recent-orders list, an order change): scheduled when the mode is on. */
export async function seeOrders(connectionId: string, orders: readonly ReviewOrder[]): Promise<void> {
  if (orders.length === 0 || !(await autoEnabled())) return;
  const excluded = await exclusions(connectionId);
  const changed = await exclusive(async () => {
    let count = 0;
    for (const order of orders) {
      const [existing, known] = await Promise.all([
        get<AutoReviewEntry>('autoReviews', key({ connectionId, orderId: order.orderId })),
        marker(connectionId, order.orderId),
      ]);
      const next = scheduleFor(order, existing, { connectionId, now: Date.now(), exclusions: excluded, requested: known !== undefined && known.state !== 'unknown' });
      if (!next) continue;
      await put('autoReviews', next);
      count += 1;
    }
    return count;
  });
  if (changed === 0) return;
  await arm();
  await announce();
  // An order already inside its window is due now.
  void runDue();
}

/** The connection an inbox change belongs to: the one named, else the one with its seller id, else the current one. */
async function connectionOfChange(change: OrderChange, named: string | undefined): Promise<string | undefined> {
  if (named) return named;
  const bySeller = (await listConnections()).find((c) => c.merchantId !== undefined && c.merchantId === change.sellerId);
  return bySeller?.id ?? (await currentConnectionId());
}

/**
 * The inbox's hook, called where changes are stored: a shipped order's delivery dates are not in the
 * change, so the order is read (one getOrder, paced like every call) and seen like a recent one.
 */
export async function seeOrderChanges(changes: readonly OrderChange[], connectionId?: string): Promise<void> {
  const shipped = changes.filter((c) => c.orderStatus === 'Shipped');
  if (shipped.length === 0 || !(await autoEnabled())) return;
  for (const change of shipped) {
    try {
      const id = await connectionOfChange(change, connectionId);
      if (!id) continue;
      const order = await (await api(id)).getOrder(change.orderId, change.marketplaceId);
      await seeOrders(id, [order]);
    } catch (error) {
      // The order is seen again in the recent list or a later change; the inbox must not fail for it.
      console.warn('Order Courier: order change not scheduled', explain(error).key);
    }
  }
}

async function update(entry: AutoReviewEntry, change: Partial<AutoReviewEntry>, onlyIfScheduled = true): Promise<boolean> {
  return exclusive(async () => {
    const current = await get<AutoReviewEntry>('autoReviews', key(entry));
    if (!current || (onlyIfScheduled && current.state !== 'scheduled')) return false;
    await put('autoReviews', { ...current, ...change, at: Date.now() });
    return true;
  });
}

async function stillScheduled(entry: AutoReviewEntry): Promise<boolean> {
  const current = await get<AutoReviewEntry>('autoReviews', key(entry));
  return current?.state === 'scheduled' && (await autoEnabled());
}

/** One due entry: ended without a call where the stored facts decide, else Amazon asked once. */
async function settle(entry: AutoReviewEntry, now: number): Promise<void> {
  const { connectionId, orderId, marketplaceId } = entry;
  const [excluded, known, accepted] = await Promise.all([exclusions(connectionId), marker(connectionId, orderId), messageAccepted(connectionId, orderId)]);
  const decision = dueDecision(entry, { now, exclusions: excluded, requested: known !== undefined && known.state !== 'unknown', messageAccepted: accepted });
  if (decision.kind === 'wait') return;
  if (decision.kind === 'end') {
    await update(entry, { state: decision.state, ...(decision.reason ? { reason: decision.reason } : {}) });
    return;
  }
  let result;
  try {
    result = await processItem(connectionId, { orderId, marketplaceId, state: 'pending' }, () => stillScheduled(entry));
  } catch (error) {
    // The offer check failed (offline, throttled past its retries, a removed connection): nothing was asked.
    await update(entry, { state: 'failed', reason: explain(error).key });
    return;
  }
  // Cancelled or turned off in between: nothing was requested, the entry stays as the seller left it.
  if (!result) return;
  if (result.state === 'requested') await update(entry, { state: 'requested' }, false);
  else if (result.state === 'already-requested') await update(entry, { state: 'already-requested' }, false);
  else if (result.state === 'not-eligible') await update(entry, { state: 'not-offered' });
  else await update(entry, { state: 'failed', reason: result.reason ?? 'app_unexpectedError' });
}

let running: Promise<void> | undefined;
let again = false;

/** Every due entry, one after another; a call while a run is under way makes it look once more. */
export function runDue(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        if (!(await autoEnabled())) break;
        const now = Date.now();
        const entries = await all<AutoReviewEntry>('autoReviews');
        for (const entry of entries) if (expired(entry, now)) await exclusive(() => del('autoReviews', key(entry)));
        const due = entries.filter((e) => e.state === 'scheduled' && e.opensAt <= now).sort((a, b) => a.opensAt - b.opensAt);
        for (const entry of due) {
          await settle(entry, now);
          await announce();
        }
      } while (again);
    } finally {
      // Cleared with no wait in between: a call from now on starts a run of its own, none is lost.
      running = undefined;
    }
    await arm();
  })();
  return running;
}

/** Worker start (browser start, install, update, a stopped worker woken): due orders first, then the alarm again. */
export async function startAutoReviews(): Promise<void> {
  await runDue();
}

export function onAutoReviewAlarm(alarm: { name: string }): void {
  if (alarm.name === AUTO_ALARM) void runDue();
}

export async function autoReviewsView(): Promise<AutoReviewsView> {
  const [enabled, entries, connections] = await Promise.all([autoEnabled(), all<AutoReviewEntry>('autoReviews'), listConnections()]);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const several = connections.length > 1;
  const listed: AutoReviewView[] = [...entries].sort(listOrder).slice(0, MAX_LISTED).map((e) => ({
    connectionId: e.connectionId,
    ...(several && names.has(e.connectionId) ? { connectionName: names.get(e.connectionId)! } : {}),
    orderId: e.orderId,
    marketplaceId: e.marketplaceId,
    opensOn: e.opensOn,
    state: e.state,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.at !== undefined ? { at: e.at } : {}),
  }));
  return { enabled, entries: listed };
}

export async function setAutoEnabled(enabled: boolean): Promise<AutoReviewsView> {
  await put('kv', { enabled }, SETTING_KEY);
  await arm();
  if (enabled) void runDue();
  void announce();
  return autoReviewsView();
}

/** The seller cancels one scheduled order, or every one: a cancelled order is never requested, nor scheduled again. */
export async function cancel(target: { connectionId: string; orderId: string } | { all: true }): Promise<AutoReviewsView> {
  await exclusive(async () => {
    const chosen = 'all' in target ? (await all<AutoReviewEntry>('autoReviews')) : [await get<AutoReviewEntry>('autoReviews', key(target))];
    for (const entry of chosen) if (entry?.state === 'scheduled') await put('autoReviews', { ...entry, state: 'cancelled', at: Date.now() });
  });
  await arm();
  void announce();
  return autoReviewsView();
}
