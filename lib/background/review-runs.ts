/**
 * BACKGROUND ONLY. Bulk review requests: the orders of a date range, each one's window computed
 * locally, then a run that requests every eligible order once. The run is a journal in IndexedDB (each
 * order's state written as it ends), so it survives a closed page, a stopped worker and a restarted
 * browser; a per-order marker written before each request (lib/background/reviews.ts) keeps an order
 * from ever being asked twice, even when the worker stops between the request and the journal write.
 */
import './guard';
import { browser } from 'wxt/browser';
import { all, get, put } from '../store/db';
import { reviewWindow } from '../reviews/window';
import type { RecentOrder } from '../spapi';
import type { ReviewPreview, ReviewRangeRequest, ReviewRunItem, ReviewRunView } from '../protocol';
import { readConnections } from '../store/connections';
import { api } from './connection';
import { explain } from './explain';
import { Refusal } from './refusal';
import { createOnce, exclusions, exclusionsKey, isOutcomeUnknown, marker, settleUnknown } from './reviews';

const ALARM = 'reviews.run';
/** Wakes a stopped worker to carry on an unfinished run (Chrome's shortest alarm period). */
const ALARM_PERIOD_MIN = 0.5;
const MAX_ORDERS = 2000;
/**
 * A worker that was stopped mid-run forgot how many requests it had just made, while Amazon's buckets
 * still remember: before its first call it waits for a burst (5 at 1 request/s) to refill.
 */
const WARM_UP_MS = 5000;
let pacedThisLife = false;

export async function saveExclusions(connectionId: string, entries: string[]): Promise<string[]> {
  const clean = [...new Set(entries.map((e) => e.trim()).filter((e) => e !== ''))];
  await put('kv', { connectionId, entries: clean }, exclusionsKey(connectionId));
  return clean;
}

/** Each order's starting state, from what the order list carries and what this browser remembers. */
async function classify(connectionId: string, orders: RecentOrder[], now: number): Promise<ReviewRunItem[]> {
  const excluded = await exclusions(connectionId);
  const items: ReviewRunItem[] = [];
  for (const order of orders) {
    const base = { orderId: order.orderId, marketplaceId: order.marketplaceId };
    const known = await marker(connectionId, order.orderId);
    const window = reviewWindow(order, { now, exclusions: excluded, requested: known !== undefined && known.state !== 'unknown' });
    switch (window.state) {
      case 'eligible':
        items.push({ ...base, state: 'pending' });
        break;
      case 'already-requested':
        items.push({ ...base, state: 'already-requested', at: known?.at });
        break;
      case 'too-early':
        items.push({ ...base, state: 'not-eligible', reason: 'too-early', date: window.opensOn });
        break;
      case 'too-late':
        items.push({ ...base, state: 'not-eligible', reason: 'too-late', date: window.closedOn });
        break;
      case 'skipped':
        items.push({ ...base, state: 'not-eligible', reason: window.reason });
        break;
    }
  }
  return items;
}

async function listRange(connectionId: string, range: ReviewRangeRequest): Promise<ReviewRunItem[]> {
  const orders = await (await api(connectionId)).ordersBetween({ marketplaceId: range.marketplaceId, from: range.from, to: range.to, max: MAX_ORDERS });
  return classify(connectionId, orders, Date.now());
}

export function countsOf(items: readonly ReviewRunItem[]): ReviewPreview['counts'] {
  const counts = { eligible: 0, tooEarly: 0, tooLate: 0, alreadyRequested: 0, skipped: 0 };
  for (const item of items) {
    if (item.state === 'pending') counts.eligible += 1;
    else if (item.state === 'already-requested') counts.alreadyRequested += 1;
    else if (item.reason === 'too-early') counts.tooEarly += 1;
    else if (item.reason === 'too-late') counts.tooLate += 1;
    else counts.skipped += 1;
  }
  return counts;
}

export async function preview(connectionId: string, range: ReviewRangeRequest): Promise<ReviewPreview> {
  const items = await listRange(connectionId, range);
  return { counts: countsOf(items), items };
}

async function runsOf(connectionId: string): Promise<ReviewRunView[]> {
  return (await all<ReviewRunView>('reviewRuns')).filter((r) => r.connectionId === connectionId).sort((a, b) => b.createdAt - a.createdAt);
}

export async function latestRun(connectionId: string): Promise<ReviewRunView | null> {
  return (await runsOf(connectionId))[0] ?? null;
}

// Run records are read, changed and written back by the loop and by the seller's controls; one chain
// keeps one from overwriting the other's change.
let updating: Promise<unknown> = Promise.resolve();
function updateRun(runId: string, change: (run: ReviewRunView) => void): Promise<ReviewRunView | undefined> {
  const next = updating.then(async () => {
    const run = await get<ReviewRunView>('reviewRuns', runId);
    if (!run) return undefined;
    change(run);
    await put('reviewRuns', run);
    return run;
  });
  updating = next.catch(() => undefined);
  return next;
}

export async function start(connectionId: string, range: ReviewRangeRequest): Promise<ReviewRunView> {
  const unfinished = (await runsOf(connectionId)).find((r) => r.status === 'running' || r.status === 'paused');
  if (unfinished) throw new Refusal({ key: 'rv_runActive', substitutions: [] });
  const run: ReviewRunView = {
    id: crypto.randomUUID(),
    connectionId,
    marketplaceId: range.marketplaceId,
    from: range.from,
    to: range.to,
    status: 'running',
    createdAt: Date.now(),
    items: await listRange(connectionId, range),
  };
  await put('reviewRuns', run);
  drive(connectionId, run.id);
  return run;
}

export async function control(connectionId: string, runId: string, action: 'pause' | 'resume' | 'stop'): Promise<ReviewRunView> {
  const run = await updateRun(runId, (r) => {
    if (r.connectionId !== connectionId || r.status === 'finished' || r.status === 'stopped') return;
    if (action === 'pause' && r.status === 'running') r.status = 'paused';
    if (action === 'resume' && r.status === 'paused') r.status = 'running';
    if (action === 'stop') {
      r.status = 'stopped';
      for (const item of r.items) if (item.state === 'pending') Object.assign(item, { state: 'failed', reason: 'stopped', at: Date.now() });
    }
  });
  if (!run || run.connectionId !== connectionId) throw new Refusal({ key: 'rv_runMissing', substitutions: [] });
  if (run.status === 'running') drive(connectionId, run.id, true);
  return run;
}

/**
 * One eligible order: Amazon's offer checked, then the one request. Undefined when the run was paused
 * or stopped in between: the order stays pending, and nothing was requested for it.
 */
export async function processItem(connectionId: string, item: ReviewRunItem, running: () => Promise<boolean>): Promise<ReviewRunItem | undefined> {
  const done = (change: Partial<ReviewRunItem>): ReviewRunItem => ({ ...item, ...change, at: Date.now() });
  const known = await marker(connectionId, item.orderId);
  if (known && known.state !== 'unknown') return done({ state: 'already-requested' });
  const offered = await (await api(connectionId)).reviewRequestOffered(item.orderId, item.marketplaceId);
  // A request left unanswered (the worker stopped, the answer was lost) either arrived or did not.
  if (known && (await settleUnknown(known, offered))) return done({ state: 'requested' });
  if (!offered) return done({ state: 'not-eligible', reason: 'not-offered' });
  if (!(await running())) return undefined;
  try {
    const result = await createOnce(connectionId, item.orderId, item.marketplaceId);
    return done({ state: result.state === 'requested' ? 'requested' : 'already-requested' });
  } catch (error) {
    return done({ state: 'failed', reason: isOutcomeUnknown(error) ? 'outcome-unknown' : explain(error).key });
  }
}

const driving = new Map<string, Promise<void>>();

function drive(connectionId: string, runId: string, resumed = false): void {
  if (driving.has(runId)) return;
  void browser.alarms.create(ALARM, { periodInMinutes: ALARM_PERIOD_MIN });
  const warmUp = resumed && !pacedThisLife;
  pacedThisLife = true;
  const loop = (async () => {
    if (warmUp) await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    for (;;) {
      const run = await get<ReviewRunView>('reviewRuns', runId);
      if (!run || run.status !== 'running') return;
      const index = run.items.findIndex((i) => i.state === 'pending');
      if (index < 0) {
        await updateRun(runId, (r) => {
          if (r.status === 'running') r.status = 'finished';
        });
        return;
      }
      const item = run.items[index]!;
      let result: ReviewRunItem | undefined;
      const running = async () => (await get<ReviewRunView>('reviewRuns', runId))?.status === 'running';
      try {
        result = await processItem(connectionId, item, running);
      } catch (error) {
        // The offer check failed (throttled past its retries, offline, a lost token): the order is not
        // asked, and says why.
        result = { ...item, state: 'failed', reason: explain(error).key, at: Date.now() };
      }
      if (!result) continue;
      const ended = result;
      await updateRun(runId, (r) => {
        const current = r.items[index];
        if (current?.orderId === item.orderId && current.state === 'pending') r.items[index] = ended;
      });
    }
  })().finally(() => {
    driving.delete(runId);
    void stopAlarmWhenIdle();
  });
  driving.set(runId, loop);
}

async function stopAlarmWhenIdle(): Promise<void> {
  const running = (await all<ReviewRunView>('reviewRuns')).some((r) => r.status === 'running');
  if (!running) await browser.alarms.clear(ALARM);
}

const unfinished = (run: ReviewRunView) => run.status === 'running' || run.status === 'paused';

/** The orders of a connection's unfinished runs not yet asked: what removing the connection would leave. */
export async function unaskedOrders(connectionId: string): Promise<number> {
  return (await runsOf(connectionId)).filter(unfinished).reduce((n, r) => n + r.items.filter((i) => i.state === 'pending').length, 0);
}

/** Every order of the run not yet asked ends "not requested: connection removed", and the run is over. */
function endAsRemoved(runId: string): Promise<ReviewRunView | undefined> {
  return updateRun(runId, (r) => {
    if (unfinished(r)) r.status = 'stopped';
    const at = Date.now();
    for (const item of r.items) if (item.state === 'pending') Object.assign(item, { state: 'failed', reason: 'connection-removed', at });
  });
}

/**
 * Removing a connection: its unfinished runs stop, and no request is made for it afterwards. A request
 * already on its way is waited for and keeps its real outcome; every other order not yet asked ends
 * "not requested: connection removed".
 */
export async function endRunsOf(connectionId: string): Promise<void> {
  const runs = (await runsOf(connectionId)).filter(unfinished);
  // Stopped first: a loop checks its run before each request, so none starts once this is written.
  for (const run of runs) {
    await updateRun(run.id, (r) => {
      if (unfinished(r)) r.status = 'stopped';
    });
  }
  await Promise.all(runs.map((run) => driving.get(run.id)));
  for (const run of runs) await endAsRemoved(run.id);
  await stopAlarmWhenIdle();
}

/**
 * At worker start and on the run's alarm: carry on every run left running. A run whose connection is gone
 * (the worker stopped while it was being removed) ends as removed instead of asking for it.
 */
export async function resumeRuns(): Promise<void> {
  const known = new Set((await readConnections()).map((c) => c.id));
  for (const run of await all<ReviewRunView>('reviewRuns')) {
    if (unfinished(run) && !known.has(run.connectionId)) await endAsRemoved(run.id);
    else if (run.status === 'running') drive(run.connectionId, run.id, true);
  }
  await stopAlarmWhenIdle();
}

export function onReviewAlarm(alarm: { name: string }): void {
  if (alarm.name === ALARM) void resumeRuns();
}
