/**
 * BACKGROUND ONLY. Review requests ("Request a review", Solicitations API) for one order at a time: the
 * order's state at a glance, and the one request. Every record is keyed by the seller connection.
 *
 * Never twice: a marker is written before the request leaves, so a worker stopped mid-call, a timeout
 * or a lost answer leaves "outcome unknown" behind, never a second request. An unknown outcome is
 * settled by asking Amazon whether it still offers the request.
 *
 * The order's data and Amazon's answer on the request are per-order look-ups, made once and kept like the
 * message types (in storage.session, for the same few minutes): every composer opened on the order reads
 * them. The window is computed from the kept data at every read, so it opens and closes by the clock; the
 * marker and the order's history are read every time, so a request of ours shows at once, and Amazon's
 * answer is asked again when a message accepted for the order may have changed it (`answerHolds`) or a
 * request's outcome is unknown.
 */
import './guard';
import { browser } from 'wxt/browser';
import { REVIEW_SOLICITATION } from '../spapi';
import { del, get, put } from '../store/db';
import { t } from '../i18n';
import { reviewWindow, type ReviewWindow } from '../reviews/window';
import type { HistoryEntry, OrderStatusEvent, ReviewStateView } from '../protocol';
import type { RecentOrder } from '../spapi/types';
import { api } from './connection';
import { explain } from './explain';
import { historyFor, record } from './history';
import { LOOKUP_TTL_MS } from './message-types';
import { latestJob } from './send';

export interface ReviewMarker {
  connectionId: string;
  orderId: string;
  marketplaceId: string;
  /** requested: Amazon answered 201; refused: the documented 403 (already requested or not eligible). */
  state: 'requested' | 'refused' | 'unknown';
  at: number;
}

export const exclusionsKey = (connectionId: string) => `reviews.exclusions:${connectionId}`;

export async function marker(connectionId: string, orderId: string): Promise<ReviewMarker | undefined> {
  return get<ReviewMarker>('reviews', [connectionId, orderId]);
}

export async function mark(m: ReviewMarker): Promise<void> {
  await put('reviews', m);
}

/** The seller's exclusion list (order ids or SKUs) for the connection. */
export async function exclusions(connectionId: string): Promise<string[]> {
  const stored = await get<{ connectionId: string; entries: string[] }>('kv', exclusionsKey(connectionId));
  return stored?.entries ?? [];
}

function messageAcceptedIn(history: readonly HistoryEntry[]): boolean {
  return history.some((e) => e.outcome === 'sent' && e.segment !== REVIEW_SOLICITATION);
}

export async function messageAccepted(connectionId: string, orderId: string): Promise<boolean> {
  return messageAcceptedIn(await historyFor(connectionId, orderId));
}

interface Kept<T> {
  /** When the look-up was started: whatever was recorded for the order from then on may have changed it. */
  at: number;
  value: T;
}

const LOOKUP_PREFIXES = ['review.order:', 'review.offered:'];
const orderKey = (connectionId: string, orderId: string, marketplaceId: string) => `review.order:${connectionId}:${marketplaceId}:${orderId}`;
const offeredKey = (connectionId: string, orderId: string, marketplaceId: string) => `review.offered:${connectionId}:${marketplaceId}:${orderId}`;

/** One entry per order ever opened would add up over a long session: expired ones go when a new one is kept. */
async function forgetExpiredLookups(): Promise<void> {
  const expired = Object.entries(await browser.storage.session.get(null))
    .filter(([key, kept]) => LOOKUP_PREFIXES.some((p) => key.startsWith(p)) && !withinTtl((kept as Kept<unknown>).at))
    .map(([key]) => key);
  if (expired.length) await browser.storage.session.remove(expired);
}

/** Composers opened together on one order share one call, if it was started late enough for them. */
const inFlight = new Map<string, { at: number; answer: Promise<unknown> }>();

/**
 * The kept answer under `key` if `fresh` accepts the time it was asked for, else `ask`'s, kept for the
 * next reader. `reuse` false asks Amazon whatever is kept or under way.
 */
async function lookUp<T>(key: string, reuse: boolean, fresh: (at: number) => boolean, ask: () => Promise<T>): Promise<T> {
  if (reuse) {
    const kept = (await browser.storage.session.get(key))[key] as Kept<T> | undefined;
    if (kept && fresh(kept.at)) return kept.value;
    const running = inFlight.get(key);
    if (running && fresh(running.at)) return running.answer as Promise<T>;
  }
  const at = Date.now();
  const answer = ask().then(async (value) => {
    await forgetExpiredLookups();
    await browser.storage.session.set({ [key]: { at, value } satisfies Kept<T> });
    return value;
  });
  const running = { at, answer };
  inFlight.set(key, running);
  // Only its own entry: a later call may have replaced it.
  void answer.catch(() => undefined).finally(() => {
    if (inFlight.get(key) === running) inFlight.delete(key);
  });
  return answer;
}

const withinTtl = (at: number) => {
  const age = Date.now() - at;
  return age >= 0 && age < LOOKUP_TTL_MS;
};

/** The order's status and delivery dates (Orders API), per connection and order. */
async function orderData(connectionId: string, orderId: string, marketplaceId: string): Promise<RecentOrder> {
  return lookUp(orderKey(connectionId, orderId, marketplaceId), true, withinTtl, async () => (await api(connectionId)).getOrder(orderId, marketplaceId));
}

/**
 * Whether an answer of Amazon's on the request, asked for at `at`, still holds after what the order's
 * history says. One review request or one proactive message per order: the first message Amazon accepts
 * may withdraw the offer, so an answer from before a message that was (or may have been) accepted is out
 * of date; one asked for once a message was accepted already reflects the rule, and later messages change
 * nothing.
 */
export function answerHolds(at: number, history: readonly HistoryEntry[]): boolean {
  const messages = history.filter((e) => e.segment !== REVIEW_SOLICITATION);
  if (messages.some((e) => e.outcome === 'sent' && e.at < at)) return true;
  return !messages.some((e) => (e.outcome === 'sent' || e.outcome === 'unknown') && e.at >= at);
}

/**
 * Whether Amazon lists the request for the order (Solicitations API). Asked again after the kept answer's
 * time is up, when a message for the order overtook it (`answerHolds`), and when settling a request whose
 * outcome is unknown (`reuse` false).
 */
async function offeredNow(connectionId: string, orderId: string, marketplaceId: string, history: readonly HistoryEntry[], reuse: boolean): Promise<boolean> {
  return lookUp(
    offeredKey(connectionId, orderId, marketplaceId),
    reuse,
    (at) => withinTtl(at) && answerHolds(at, history),
    async () => (await api(connectionId)).reviewRequestOffered(orderId, marketplaceId),
  );
}

function fromWindow(window: ReviewWindow, accepted: boolean): ReviewStateView {
  switch (window.state) {
    case 'eligible':
      return { state: 'eligible', date: window.closesOn, messageAccepted: accepted };
    case 'too-early':
      return { state: 'too-early', date: window.opensOn, messageAccepted: accepted };
    case 'too-late':
      return { state: 'too-late', date: window.closedOn, messageAccepted: accepted };
    case 'skipped':
      return { state: 'skipped', reason: window.reason, messageAccepted: accepted };
    case 'already-requested':
      return { state: 'already-requested', messageAccepted: accepted };
  }
}

function requested(m: ReviewMarker, accepted: boolean): ReviewStateView {
  return {
    state: 'already-requested',
    requestedBy: m.state === 'refused' ? 'amazon' : 'us',
    requestedAt: m.at,
    ...(m.state === 'unknown' ? { outcomeUnknown: true } : {}),
    messageAccepted: accepted,
  };
}

/** Where the order stands: computed from its dates first, and Amazon asked only when the window is open. */
export async function reviewState(connectionId: string, orderId: string, marketplaceId: string): Promise<ReviewStateView> {
  const [known, history] = await Promise.all([marker(connectionId, orderId), historyFor(connectionId, orderId)]);
  const accepted = messageAcceptedIn(history);
  if (known && known.state !== 'unknown') return requested(known, accepted);
  const order = await orderData(connectionId, orderId, marketplaceId);
  const window = reviewWindow(order, { now: Date.now(), exclusions: await exclusions(connectionId) });
  if (window.state !== 'eligible') return known ? requested(known, accepted) : fromWindow(window, accepted);
  const offered = await offeredNow(connectionId, orderId, order.marketplaceId, history, !known);
  // An unanswered request either never arrived (Amazon still offers it) or did.
  if (known) return (await settleUnknown(known, offered)) ? requested({ ...known, state: 'requested' }, accepted) : fromWindow(window, accepted);
  return offered ? fromWindow(window, accepted) : { state: 'not-offered', messageAccepted: accepted };
}

async function announce(connectionId: string, orderId: string): Promise<void> {
  const event: OrderStatusEvent = { type: 'order.status', orderId, status: { job: await latestJob(connectionId, orderId), history: await historyFor(connectionId, orderId) } };
  // No page open for the order is not an error.
  await browser.runtime.sendMessage(event).catch(() => undefined);
}

/**
 * The one create call for an order, with its marker written first and its outcome recorded in the
 * order's history. Throws (after recording) when Amazon's answer is an error or never came.
 */
export async function createOnce(connectionId: string, orderId: string, marketplaceId: string): Promise<ReviewMarker> {
  const pending: ReviewMarker = { connectionId, orderId, marketplaceId, state: 'unknown', at: Date.now() };
  await mark(pending);
  const entry = { connectionId, orderId, segment: REVIEW_SOLICITATION, title: t('rv_historyTitle') };
  try {
    const outcome = await (await api(connectionId)).requestReview(orderId, marketplaceId);
    const done: ReviewMarker = { ...pending, state: outcome === 'requested' ? 'requested' : 'refused', at: Date.now() };
    await mark(done);
    await record(connectionId, {
      ...entry, at: done.at, outcome: outcome === 'requested' ? 'sent' : 'failed',
      ...(outcome === 'requested' ? {} : { error: { key: 'rv_notAvailable', substitutions: [] } }),
    });
    return done;
  } catch (error) {
    const unknown = isOutcomeUnknown(error);
    if (!unknown) await del('reviews', [connectionId, orderId]);
    await record(connectionId, { ...entry, at: Date.now(), outcome: unknown ? 'unknown' : 'failed', error: explain(error) });
    throw error;
  } finally {
    void announce(connectionId, orderId);
  }
}

export function isOutcomeUnknown(error: unknown): boolean {
  return (error as { outcomeUnknown?: unknown } | null)?.outcomeUnknown === true;
}

/** An earlier request left without an answer: true when Amazon took it (it no longer offers another). */
export async function settleUnknown(known: ReviewMarker, offered: boolean): Promise<boolean> {
  if (offered) {
    await del('reviews', [known.connectionId, known.orderId]);
    return false;
  }
  await mark({ ...known, state: 'requested' });
  return true;
}

/** Requests the review once; the outcome goes into the order's history beside its messages. */
export async function requestReview(connectionId: string, orderId: string, marketplaceId: string): Promise<ReviewStateView> {
  const known = await marker(connectionId, orderId);
  if (known) return reviewState(connectionId, orderId, marketplaceId);
  const accepted = await messageAccepted(connectionId, orderId);
  return requested(await createOnce(connectionId, orderId, marketplaceId), accepted);
}
