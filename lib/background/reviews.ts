/**
 * BACKGROUND ONLY. Review requests ("Request a review", Solicitations API) for one order at a time: the
 * order's state at a glance, and the one request. Every record is keyed by the seller connection.
 *
 * Never twice: a marker is written before the request leaves, so a worker stopped mid-call, a timeout
 * or a lost answer leaves "outcome unknown" behind, never a second request. An unknown outcome is
 * settled by asking Amazon whether it still offers the request.
 */
import './guard';
import { browser } from 'wxt/browser';
import { REVIEW_SOLICITATION } from '../spapi';
import { del, get, put } from '../store/db';
import { t } from '../i18n';
import { reviewWindow, type ReviewWindow } from '../reviews/window';
import type { OrderStatusEvent, ReviewStateView } from '../protocol';
import { api } from './connection';
import { explain } from './explain';
import { historyFor, record } from './history';
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

export async function messageAccepted(connectionId: string, orderId: string): Promise<boolean> {
  return (await historyFor(connectionId, orderId)).some((e) => e.outcome === 'sent' && e.segment !== REVIEW_SOLICITATION);
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
  const [known, accepted] = await Promise.all([marker(connectionId, orderId), messageAccepted(connectionId, orderId)]);
  if (known && known.state !== 'unknown') return requested(known, accepted);
  const client = await api(connectionId);
  const order = await client.getOrder(orderId, marketplaceId);
  const window = reviewWindow(order, { now: Date.now(), exclusions: await exclusions(connectionId) });
  if (window.state !== 'eligible') return known ? requested(known, accepted) : fromWindow(window, accepted);
  const offered = await client.reviewRequestOffered(orderId, order.marketplaceId);
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
