/**
 * BACKGROUND ONLY. The live inbox: listens to each connection's SQS queue, keeps what it found in
 * IndexedDB, counts the unseen changes of all of them on the toolbar badge and raises a desktop
 * notification for the ones the seller asked to hear about.
 *
 *   worker start, connecting ─────────┐
 *   alarm "inbox-poll" (every 30 s) ──┼─▶ one poll loop per connection with a queue: 20 s long polls back to
 *   "Check now" in the popup ─────────┘   back (lib/notifications/poll-loop), so one queue's wait never holds
 *                                         up another's ─▶ pollOnce ─▶ IndexedDB kv "inbox" (entries tagged with
 *                                         their connection) ─▶ badge, notifications, "inbox.updated" to pages
 *
 * Each round ends with extension API calls (storage, badge), which keep an MV3 worker alive, so the
 * loop listens for as long as the browser runs; the alarm is the floor that starts it again when
 * Chrome stopped the worker anyway. The worker can be stopped between any two lines, so nothing lives
 * only in memory: the inbox, the last poll's outcome and the alarm itself are all stored. A message is
 * deleted from the queue only after it is stored (lib/notifications/poller), so a stop loses nothing.
 */
import './guard';
import { browser } from 'wxt/browser';
import { readSecrets, writeSecrets, type AwsSecrets } from '../credentials/vault';
import { rememberSecret } from '../credentials/redact';
import { t } from '../i18n';
import { queueUrlProblem } from '../notifications/destinations';
import {
  EMPTY_INBOX,
  addChanges,
  changeHeadlineKey,
  hasSeenNotification,
  markSeen as markSeenIn,
  entryUrl,
  shouldNotify,
  unseenCount,
  type InboxState,
} from '../notifications/inbox';
import { orderStatusKey } from '../notifications/labels';
import { createPollLoop, type PollLoop } from '../notifications/poll-loop';
import { pollOnce, type PollResult, type PollStore } from '../notifications/poller';
import { SqsError, createSqsClient, explainSqsError, type SqsClient } from '../notifications/sqs';
import type { OrderChange } from '../notifications/types';
import type { Explained, InboxConnection, InboxPollStatus, InboxUpdatedEvent, InboxView, QueueInput } from '../protocol';
import { readConnections } from '../store/connections';
import { del, get, put } from '../store/db';
import { inboxQueuesItem, legacyInboxOwner, notificationPrefs, readInboxQueues } from '../store/settings';
import { currentConnectionId } from './connection';
import { explain, scrub } from './explain';
import { NotificationRefused } from './notifications';
import { NotConnectedError } from './refusal';
import { seeOrderChanges } from './auto-reviews';

export const INBOX_ALARM = 'inbox-poll';
/** Chrome's shortest alarm period: how long a stopped worker leaves the queue unread at most. */
const ALARM_PERIOD_MINUTES = 0.5;
/**
 * SQS's longest wait: fewest requests (one per 20 s while the queue is quiet), and short enough that the
 * round's closing extension API calls come well within Chrome's 30 s idle limit.
 */
export const LISTEN_WAIT_SECONDS = 20;
/** "Check now" with no round under way answers at once when messages wait, and after 1 s when none do. */
const CHECK_NOW_WAIT_SECONDS = 1;
/** "Check now" joining a round under way: a long poll that held nothing this long has nothing to give. */
const CHECK_NOW_JOIN_MS = 700;
/** A full batch (10) suggests more are waiting; this caps one poll's work. */
const MAX_ROUNDS = 5;
const FULL_BATCH = 10;
const STATE_KEY = 'inbox';
/** Each connection's last poll outcome: `inbox-status:<connection id>`. */
const statusKey = (connectionId: string) => `inbox-status:${connectionId}`;
const NOTIFICATION_PREFIX = 'order-change:';
/** Dark red with white text passes WCAG AA contrast on the badge. */
const BADGE_COLOUR = '#b3261e';

const ZERO: PollResult = { received: 0, stored: 0, duplicates: 0, aside: 0, deleted: 0, kept: 0 };

// Every read-modify-write of the inbox goes through this chain: a poll storing changes and the popup
// marking them seen must not overwrite each other's result.
let chain: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}

async function readState(): Promise<InboxState> {
  return (await get<InboxState>('kv', STATE_KEY)) ?? EMPTY_INBOX;
}

/** What the single queue stored before several connections came from the connection that queue is now. */
function tagLegacy(state: InboxState, owner: string): InboxState {
  if (state.entries.every((e) => e.connectionId) && state.asideItems.every((a) => a.connectionId)) return state;
  return {
    ...state,
    entries: state.entries.map((e) => (e.connectionId ? e : { ...e, connectionId: owner })),
    asideItems: state.asideItems.map((a) => (a.connectionId ? a : { ...a, connectionId: owner })),
  };
}

function updateState(change: (state: InboxState) => InboxState): Promise<InboxState> {
  return exclusive(async () => {
    const next = change(await readState());
    await put('kv', next, STATE_KEY);
    return next;
  });
}

/** The whole inbox (every connection's changes) with the queue settings of the current connection. */
export async function inboxView(): Promise<InboxView> {
  const connectionId = await currentConnectionId();
  const [stored, prefs, queues, lastPoll, connections, owner] = await Promise.all([
    readState(),
    notificationPrefs.getValue(),
    readInboxQueues(),
    connectionId ? get<InboxPollStatus>('kv', statusKey(connectionId)) : undefined,
    readConnections(),
    legacyInboxOwner(),
  ]);
  const state = tagLegacy(stored, owner);
  const named: InboxConnection[] = connections.map((c) => (c.merchantId ? { id: c.id, name: c.name, merchantId: c.merchantId } : { id: c.id, name: c.name }));
  const view: InboxView = { entries: state.entries, aside: state.asideItems, unseen: unseenCount(state), prefs, connections: named };
  if (connectionId) view.connectionId = connectionId;
  const queue = connectionId ? queues[connectionId] : undefined;
  if (queue) view.queue = { queueUrl: queue.queueUrl, region: queue.region, accessKeyId: queue.accessKeyId };
  if (lastPoll) view.lastPoll = lastPoll;
  return view;
}

/**
 * SQS failures in the seller's words, with AWS's own message cleaned of every held secret (an answer
 * could quote anything); anything else (a locked vault, our own refusals) the way every other operation
 * explains it.
 */
export function explainInboxError(error: unknown): Explained {
  if (error instanceof SqsError) return { key: explainSqsError(error), substitutions: [], code: error.code, detail: scrub(error.message) };
  return explain(error);
}

export async function refreshBadge(state?: InboxState): Promise<void> {
  const unseen = unseenCount(state ?? (await readState()));
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
  await browser.action.setBadgeText({ text: unseen === 0 ? '' : unseen > 99 ? '99+' : String(unseen) });
}

async function announce(): Promise<void> {
  const event: InboxUpdatedEvent = { type: 'inbox.updated' };
  // Rejects when no extension page is open to hear it, which is the usual case.
  await browser.runtime.sendMessage(event).catch(() => undefined);
}

async function notifyDesktop(changes: readonly OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  const prefs = await notificationPrefs.getValue();
  for (const change of changes) {
    if (!shouldNotify(change, prefs)) continue;
    try {
      await browser.notifications.create(NOTIFICATION_PREFIX + change.notificationId, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t(changeHeadlineKey(change)),
        message: t('nui_desktop_message', [change.orderId, t(orderStatusKey(change.orderStatus))]),
      });
    } catch (error) {
      // Notifications turned off for the browser must not stop the inbox itself.
      console.warn('Order Courier: desktop notification failed', scrub(String(error)));
    }
  }
}

// ---- The queue --------------------------------------------------------------------------------

/**
 * Each connection's queue key. The single key of earlier releases becomes the key of the connection its
 * queue now belongs to (lib/store/settings), once.
 */
async function queueSecrets(): Promise<Record<string, AwsSecrets>> {
  const secrets = await readSecrets();
  if (!secrets.aws) return secrets.awsByConnection ?? {};
  const moved = { [await legacyInboxOwner()]: secrets.aws, ...secrets.awsByConnection };
  await writeSecrets({ awsByConnection: moved, aws: undefined });
  return moved;
}

const clients = new Map<string, { key: string; sqs: SqsClient }>();

async function queueClient(connectionId: string): Promise<SqsClient | undefined> {
  const [queue, aws] = await Promise.all([readInboxQueues().then((q) => q[connectionId]), queueSecrets().then((a) => a[connectionId])]);
  if (!queue || !aws) return undefined;
  const key = JSON.stringify([queue.queueUrl, queue.region, aws.accessKeyId, aws.secretAccessKey]);
  const known = clients.get(connectionId);
  if (known?.key === key) return known.sqs;
  const sqs = createSqsClient({ queueUrl: queue.queueUrl, region: queue.region, ...aws });
  clients.set(connectionId, { key, sqs });
  return sqs;
}

/** The connection a queue action is for: the one named, else the current one; there must be one. */
async function owner(connectionId?: string): Promise<string> {
  const id = connectionId ?? (await currentConnectionId());
  if (!id || !(await readConnections()).some((c) => c.id === id)) throw new NotConnectedError();
  return id;
}


/** Tests the queue with one receive that hides nothing (visibility 0), then stores it as the connection's queue. */
export async function connectQueue(input: QueueInput, connectionId?: string): Promise<InboxView> {
  const id = await owner(connectionId);
  const problem = queueUrlProblem(input.queueUrl);
  if (problem) throw new NotificationRefused({ key: problem, substitutions: [] });
  // Known before the first request, so an answer quoting it is cleaned even if the queue is never saved.
  rememberSecret(input.secretAccessKey);
  let sqs: SqsClient;
  try {
    sqs = createSqsClient({ ...input, queueUrl: input.queueUrl.trim(), region: input.region.trim() });
    await sqs.receive({ waitTimeSeconds: 0, maxMessages: 1, visibilityTimeoutSeconds: 0 });
  } catch (error) {
    throw new NotificationRefused(explainInboxError(error));
  }
  const aws = await queueSecrets();
  await writeSecrets({ awsByConnection: { ...aws, [id]: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey } } });
  await inboxQueuesItem.setValue({ ...(await readInboxQueues()), [id]: { queueUrl: sqs.queueUrl, region: sqs.region, accessKeyId: input.accessKeyId } });
  clients.delete(id);
  await ensureInboxAlarm();
  // A queue connected again in place of another: the new one is listened to from now on.
  listeners.get(id)?.stop();
  listenerOf(id).start();
  return inboxView();
}

/** Stops listening to a connection's queue and forgets it and its key. */
async function forgetQueue(connectionId: string): Promise<void> {
  listeners.get(connectionId)?.stop();
  listeners.delete(connectionId);
  const { [connectionId]: _queue, ...queues } = await readInboxQueues();
  await inboxQueuesItem.setValue(queues);
  const { [connectionId]: _key, ...keys } = await queueSecrets();
  await writeSecrets({ awsByConnection: keys });
  clients.delete(connectionId);
  await del('kv', statusKey(connectionId));
  await ensureInboxAlarm();
}

export async function disconnectQueue(connectionId?: string): Promise<InboxView> {
  await forgetQueue(await owner(connectionId));
  return inboxView();
}

/**
 * A removed connection's queue is no longer listened to and its key leaves the vault; the changes it
 * brought stay in the inbox (they are the seller's record), without a merchant to open them in. Runs
 * before the connection's LWA secrets go, while the vault still holds the queue key.
 */
export async function forgetConnectionQueue(connectionId: string): Promise<void> {
  if ((await readInboxQueues())[connectionId] || listeners.has(connectionId)) await forgetQueue(connectionId);
}

/** On every worker start and after connecting: the alarm exists exactly while some queue is connected. */
export async function ensureInboxAlarm(): Promise<void> {
  const [queues, existing] = await Promise.all([readInboxQueues(), browser.alarms.get(INBOX_ALARM)]);
  if (Object.keys(queues).length === 0) {
    if (existing) await browser.alarms.clear(INBOX_ALARM);
    return;
  }
  // Creating it again would restart its period; a worker that restarts often would then never poll.
  if (!existing) await browser.alarms.create(INBOX_ALARM, { periodInMinutes: ALARM_PERIOD_MINUTES, delayInMinutes: ALARM_PERIOD_MINUTES });
}

// ---- Polling ----------------------------------------------------------------------------------

function add(a: PollResult, b: PollResult): PollResult {
  return {
    received: a.received + b.received,
    stored: a.stored + b.stored,
    duplicates: a.duplicates + b.duplicates,
    aside: a.aside + b.aside,
    deleted: a.deleted + b.deleted,
    kept: a.kept + b.kept,
  };
}

async function poll(connectionId: string, waitTimeSeconds: number, signal: AbortSignal): Promise<PollResult> {
  const sqs = await queueClient(connectionId);
  if (!sqs) throw new NotificationRefused({ key: 'nui_queue_not_connected', substitutions: [] });
  const fresh: OrderChange[] = [];
  const store: PollStore = {
    hasSeen: async (id) => hasSeenNotification(await readState(), id),
    hasSetAside: async (messageId) => (await readState()).asideItems.some((a) => a.id === messageId),
    saveChanges: async (changes, aside) => {
      await updateState((state) => {
        fresh.push(...changes.filter((c) => !hasSeenNotification(state, c.notificationId)));
        return addChanges(state, changes, aside, connectionId);
      });
      void seeOrderChanges(changes, connectionId);
    },
  };
  let total = ZERO;
  let status: InboxPollStatus | undefined;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = await pollOnce({ sqs, store, signal, waitTimeSeconds: round === 0 ? waitTimeSeconds : CHECK_NOW_WAIT_SECONDS });
      total = add(total, result);
      if (result.received < FULL_BATCH) break;
    }
    status = { at: Date.now(), result: total };
    return total;
  } catch (error) {
    // A round stopped because the queue was disconnected is no failure of the queue.
    if (!signal.aborted) status = { at: Date.now(), error: explainInboxError(error) };
    throw error;
  } finally {
    // What was stored before a failure is real: count it, show it, announce it.
    await refreshBadge();
    await notifyDesktop(fresh);
    if (fresh.length > 0 || total.aside > 0) await announce();
    // Written last, so whoever reads it finds the round over (an alarm then starts a new one).
    if (status) await put('kv', status, statusKey(connectionId));
  }
}

/** One loop per connection with a queue: each waits on its own queue only. */
const listeners = new Map<string, PollLoop<PollResult>>();

function listenerOf(connectionId: string): PollLoop<PollResult> {
  let loop = listeners.get(connectionId);
  if (!loop) {
    loop = createPollLoop<PollResult>({
      round: (wait, signal) => poll(connectionId, wait, signal),
      waitTimeSeconds: LISTEN_WAIT_SECONDS,
      checkWaitTimeSeconds: CHECK_NOW_WAIT_SECONDS,
      joinMs: CHECK_NOW_JOIN_MS,
      empty: ZERO,
      // The failure is stored for the popup by `poll`; the alarm starts listening again.
      onStopped: () => undefined,
    });
    listeners.set(connectionId, loop);
  }
  return loop;
}

/** The queues to listen to: those of connections that still exist. */
async function queueOwners(): Promise<string[]> {
  const [queues, connections] = await Promise.all([readInboxQueues(), readConnections()]);
  return connections.filter((c) => queues[c.id]).map((c) => c.id);
}

/**
 * "Check now": every queue at once, each joining its round under way (see lib/notifications/poll-loop) or
 * polling at once if none is. A queue that fails does not hide what the others found; its failure is
 * the answer only when none answered.
 */
export async function checkNow(): Promise<PollResult> {
  const owners = await queueOwners();
  if (owners.length === 0) throw new NotificationRefused({ key: 'nui_queue_not_connected', substitutions: [] });
  const results = await Promise.allSettled(owners.map((id) => listenerOf(id).checkNow()));
  const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (answered.length === 0 && failed) throw new NotificationRefused(explainInboxError(failed.reason));
  return answered.reduce(add, ZERO);
}

/** Listens to every connection's queue. */
async function listen(): Promise<void> {
  for (const id of await queueOwners()) listenerOf(id).start();
}

export async function onInboxAlarm(alarm: { name: string }): Promise<void> {
  if (alarm.name !== INBOX_ALARM) return;
  await listen();
}

// ---- Seen, prefs, clicks ----------------------------------------------------------------------

export async function markSeen(ids: readonly string[] | 'all'): Promise<InboxView> {
  const before = await readState();
  const state = await updateState((s) => markSeenIn(s, ids));
  await refreshBadge(state);
  // A change seen in the popup needs no desktop notification any more.
  const cleared = before.entries.filter((e) => !e.seen && (ids === 'all' || ids.includes(e.change.notificationId)));
  await Promise.all(cleared.map((e) => browser.notifications.clear(NOTIFICATION_PREFIX + e.change.notificationId).catch(() => false)));
  return inboxView();
}

export async function setPrefs(prefs: { cancellations: boolean; newOrders: boolean }): Promise<InboxView> {
  await notificationPrefs.setValue({ cancellations: prefs.cancellations, newOrders: prefs.newOrders });
  return inboxView();
}

/** A click on a desktop notification opens the order in Seller Central and counts it as seen. */
export async function onNotificationClicked(notificationId: string): Promise<void> {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
  const id = notificationId.slice(NOTIFICATION_PREFIX.length);
  const view = await inboxView();
  const entry = view.entries.find((e) => e.change.notificationId === id);
  const url = entry && entryUrl(entry, view.connections);
  await browser.notifications.clear(notificationId).catch(() => false);
  if (url) await browser.tabs.create({ url });
  await markSeen([id]);
}

/** Worker start: the alarm and the badge are restored from what is stored, and listening starts again. */
export async function startInbox(): Promise<void> {
  const legacyOwner = await legacyInboxOwner();
  const stored = await readState();
  if (tagLegacy(stored, legacyOwner) !== stored) await updateState((state) => tagLegacy(state, legacyOwner));
  await ensureInboxAlarm();
  await refreshBadge();
  await listen();
}
