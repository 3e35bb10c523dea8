/**
 * BACKGROUND ONLY. The live inbox: listens to the seller's SQS queue, keeps what it found in
 * IndexedDB, counts the unseen changes on the toolbar badge and raises a desktop notification for
 * the ones the seller asked to hear about.
 *
 *   worker start, connecting ─────────┐
 *   alarm "inbox-poll" (every 30 s) ──┼─▶ poll loop: 20 s long polls back to back (lib/notifications/poll-loop)
 *   "Check now" in the popup ─────────┘      └─▶ pollOnce ─▶ IndexedDB kv "inbox" ─▶ badge, notifications,
 *                                                                                  "inbox.updated" to pages
 *
 * Each round ends with extension API calls (storage, badge), which keep an MV3 worker alive, so the
 * loop listens for as long as the browser runs; the alarm is the floor that starts it again when
 * Chrome stopped the worker anyway. The worker can be stopped between any two lines, so nothing lives
 * only in memory: the inbox, the last poll's outcome and the alarm itself are all stored. A message is
 * deleted from the queue only after it is stored (lib/notifications/poller), so a stop loses nothing.
 */
import './guard';
import { browser } from 'wxt/browser';
import { readSecrets, writeSecrets } from '../credentials/vault';
import { rememberSecret } from '../credentials/redact';
import { t } from '../i18n';
import { queueUrlProblem } from '../notifications/destinations';
import {
  EMPTY_INBOX,
  addChanges,
  changeHeadlineKey,
  hasSeenNotification,
  markSeen as markSeenIn,
  orderUrl,
  shouldNotify,
  unseenCount,
  type InboxState,
} from '../notifications/inbox';
import { orderStatusKey } from '../notifications/labels';
import { createPollLoop } from '../notifications/poll-loop';
import { pollOnce, type PollResult, type PollStore } from '../notifications/poller';
import { SqsError, createSqsClient, explainSqsError, type SqsClient } from '../notifications/sqs';
import type { OrderChange } from '../notifications/types';
import type { Explained, InboxPollStatus, InboxUpdatedEvent, InboxView, QueueInput } from '../protocol';
import { get, put } from '../store/db';
import { inboxQueue, notificationPrefs } from '../store/settings';
import { explain, scrub } from './explain';
import { NotificationRefused } from './notifications';
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
const STATUS_KEY = 'inbox-status';
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

function updateState(change: (state: InboxState) => InboxState): Promise<InboxState> {
  return exclusive(async () => {
    const next = change(await readState());
    await put('kv', next, STATE_KEY);
    return next;
  });
}

export async function inboxView(): Promise<InboxView> {
  const [state, prefs, queue, lastPoll] = await Promise.all([
    readState(),
    notificationPrefs.getValue(),
    inboxQueue.getValue(),
    get<InboxPollStatus>('kv', STATUS_KEY),
  ]);
  const view: InboxView = { entries: state.entries, aside: state.asideItems, unseen: unseenCount(state), prefs };
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

let client: { key: string; sqs: SqsClient } | undefined;

async function queueClient(): Promise<SqsClient | undefined> {
  const [queue, secrets] = await Promise.all([inboxQueue.getValue(), readSecrets()]);
  if (!queue || !secrets.aws) return undefined;
  const key = JSON.stringify([queue.queueUrl, queue.region, secrets.aws.accessKeyId, secrets.aws.secretAccessKey]);
  if (client?.key !== key) {
    client = { key, sqs: createSqsClient({ queueUrl: queue.queueUrl, region: queue.region, ...secrets.aws }) };
  }
  return client.sqs;
}


/** Tests the queue with one receive that hides nothing (visibility 0), then stores the connection. */
export async function connectQueue(input: QueueInput): Promise<InboxView> {
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
  await writeSecrets({ aws: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey } });
  await inboxQueue.setValue({ queueUrl: sqs.queueUrl, region: sqs.region, accessKeyId: input.accessKeyId });
  client = undefined;
  await ensureInboxAlarm();
  listener.start();
  return inboxView();
}

export async function disconnectQueue(): Promise<InboxView> {
  listener.stop();
  await browser.alarms.clear(INBOX_ALARM);
  await inboxQueue.setValue(null);
  await writeSecrets({ aws: undefined });
  client = undefined;
  return inboxView();
}

/** On every worker start and after connecting: the alarm exists exactly while a queue is connected. */
export async function ensureInboxAlarm(): Promise<void> {
  const [queue, existing] = await Promise.all([inboxQueue.getValue(), browser.alarms.get(INBOX_ALARM)]);
  if (!queue) {
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

async function poll(waitTimeSeconds: number, signal: AbortSignal): Promise<PollResult> {
  const sqs = await queueClient();
  if (!sqs) throw new NotificationRefused({ key: 'nui_queue_not_connected', substitutions: [] });
  const fresh: OrderChange[] = [];
  const store: PollStore = {
    hasSeen: async (id) => hasSeenNotification(await readState(), id),
    hasSetAside: async (messageId) => (await readState()).asideItems.some((a) => a.id === messageId),
    saveChanges: async (changes, aside) => {
      await updateState((state) => {
        fresh.push(...changes.filter((c) => !hasSeenNotification(state, c.notificationId)));
        return addChanges(state, changes, aside);
      });
      void seeOrderChanges(changes);
    },
  };
  let total = ZERO;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = await pollOnce({ sqs, store, signal, waitTimeSeconds: round === 0 ? waitTimeSeconds : CHECK_NOW_WAIT_SECONDS });
      total = add(total, result);
      if (result.received < FULL_BATCH) break;
    }
    await put('kv', { at: Date.now(), result: total } satisfies InboxPollStatus, STATUS_KEY);
    return total;
  } catch (error) {
    // A round stopped because the queue was disconnected is no failure of the queue.
    if (!signal.aborted) await put('kv', { at: Date.now(), error: explainInboxError(error) } satisfies InboxPollStatus, STATUS_KEY);
    throw error;
  } finally {
    // What was stored before a failure is real: count it, show it, announce it.
    await refreshBadge();
    await notifyDesktop(fresh);
    if (fresh.length > 0 || total.aside > 0) await announce();
  }
}

const listener = createPollLoop<PollResult>({
  round: poll,
  waitTimeSeconds: LISTEN_WAIT_SECONDS,
  checkWaitTimeSeconds: CHECK_NOW_WAIT_SECONDS,
  joinMs: CHECK_NOW_JOIN_MS,
  empty: ZERO,
  // The failure is stored for the popup by `poll`; the alarm starts listening again.
  onStopped: () => undefined,
});

/** "Check now": joins the round under way (see lib/notifications/poll-loop), or polls at once if none is. */
export async function checkNow(): Promise<PollResult> {
  try {
    return await listener.checkNow();
  } catch (error) {
    throw new NotificationRefused(explainInboxError(error));
  }
}

/** Listens while a queue is connected. */
async function listen(): Promise<void> {
  if (await inboxQueue.getValue()) listener.start();
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
  const entry = (await readState()).entries.find((e) => e.change.notificationId === id);
  const url = entry && orderUrl(entry.change);
  await browser.notifications.clear(notificationId).catch(() => false);
  if (url) await browser.tabs.create({ url });
  await markSeen([id]);
}

/** Worker start: the alarm and the badge are restored from what is stored, and listening starts again. */
export async function startInbox(): Promise<void> {
  await ensureInboxAlarm();
  await refreshBadge();
  await listen();
}
