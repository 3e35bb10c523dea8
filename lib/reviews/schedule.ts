/**
 * The automatic mode's schedule, as pure rules: which seen order gets an entry, when the next one is due,
 * and what a due entry ends as before Amazon is asked. The background (lib/background/auto-reviews.ts)
 * keeps the entries in IndexedDB and makes the calls; everything here is decided from stored facts and a
 * clock, so it is tested with a fixed one.
 */
import { marketplaceTimeZone } from '../marketplaces';
import { dayIn, isExcluded, reviewWindow, windowBounds, type ReviewOrder, type SkipReason } from './window';

/**
 * scheduled: waits for its window; the others are where it ended. `message-sent`: a proactive message was
 * accepted for the order, and Amazon allows one review request or proactive message per order.
 */
export type AutoReviewState =
  | 'scheduled'
  | 'requested'
  | 'already-requested'
  | 'not-offered'
  | 'message-sent'
  | 'skipped'
  | 'too-late'
  | 'cancelled'
  | 'failed';

export interface AutoReviewEntry {
  connectionId: string;
  orderId: string;
  marketplaceId: string;
  /** When the window opens and closes (instants), and the opening day in the marketplace's time zone. */
  opensAt: number;
  closesAt: number;
  opensOn: string;
  skus?: string[];
  state: AutoReviewState;
  /** skipped: the skip reason; failed: the explanation key of the error. */
  reason?: string;
  /** When it ended. */
  at?: number;
}

export interface SeenInput {
  connectionId: string;
  now: number;
  exclusions: readonly string[];
  /** A review request for the order is already on record (this browser's marker). */
  requested: boolean;
}

/**
 * What seeing an order does to its entry: a new or moved entry to store, or undefined when nothing
 * changes. An ended entry (a cancelled one above all) stays as it is; an order that cannot be asked
 * (not shipped yet, closed, cancelled, …) gets no entry, and a scheduled one whose order now says so ends.
 */
export function scheduleFor(order: ReviewOrder, existing: AutoReviewEntry | undefined, input: SeenInput): AutoReviewEntry | undefined {
  if (existing && existing.state !== 'scheduled') return undefined;
  const window = reviewWindow(order, { now: input.now, exclusions: input.exclusions, requested: input.requested });
  const bounds = windowBounds(order);
  if ((window.state === 'too-early' || window.state === 'eligible') && bounds) {
    const entry: AutoReviewEntry = {
      connectionId: input.connectionId,
      orderId: order.orderId,
      marketplaceId: order.marketplaceId,
      opensAt: bounds.opensAt,
      closesAt: bounds.closesAt,
      opensOn: dayIn(bounds.opensAt, marketplaceTimeZone(order.marketplaceId)),
      ...(order.skus && order.skus.length > 0 ? { skus: [...order.skus] } : {}),
      state: 'scheduled',
    };
    const same = existing && existing.opensAt === entry.opensAt && existing.closesAt === entry.closesAt && existing.marketplaceId === entry.marketplaceId;
    return same ? undefined : entry;
  }
  if (!existing) return undefined;
  const ended = { ...existing, at: input.now };
  if (window.state === 'already-requested') return { ...ended, state: 'already-requested' };
  if (window.state === 'too-late') return { ...ended, state: 'too-late' };
  if (window.state === 'skipped') return { ...ended, state: 'skipped', reason: window.reason };
  return undefined;
}

/** The next instant an entry is due, for the one alarm; undefined when nothing waits. */
export function nextDue(entries: readonly AutoReviewEntry[]): number | undefined {
  let next: number | undefined;
  for (const e of entries) if (e.state === 'scheduled' && (next === undefined || e.opensAt < next)) next = e.opensAt;
  return next;
}

export interface DueInput {
  now: number;
  exclusions: readonly string[];
  requested: boolean;
  /** A proactive message from this browser was accepted for the order. */
  messageAccepted: boolean;
}

export type DueDecision =
  | { kind: 'wait' }
  | { kind: 'ask' }
  | { kind: 'end'; state: Exclude<AutoReviewState, 'scheduled'>; reason?: SkipReason };

/**
 * A scheduled entry at `now`: still waiting, worth asking Amazon about, or ended without a call. The
 * exclusion list always wins; a window that closed while the browser was off ends "too late".
 */
export function dueDecision(entry: AutoReviewEntry, input: DueInput): DueDecision {
  if (entry.state !== 'scheduled') return { kind: 'wait' };
  if (isExcluded(entry, input.exclusions)) return { kind: 'end', state: 'skipped', reason: 'excluded' };
  if (input.requested) return { kind: 'end', state: 'already-requested' };
  if (input.now < entry.opensAt) return { kind: 'wait' };
  if (input.now > entry.closesAt) return { kind: 'end', state: 'too-late' };
  if (input.messageAccepted) return { kind: 'end', state: 'message-sent' };
  return { kind: 'ask' };
}

/** Ended entries are kept until their window is long closed, so a cancelled order is not scheduled again. */
export const KEEP_AFTER_CLOSE_MS = 7 * 86_400_000;

export function expired(entry: AutoReviewEntry, now: number): boolean {
  return entry.state !== 'scheduled' && now > entry.closesAt + KEEP_AFTER_CLOSE_MS;
}

/** Scheduled first (soonest first), then the ended ones (latest first). */
export function listOrder(a: AutoReviewEntry, b: AutoReviewEntry): number {
  const sa = a.state === 'scheduled';
  const sb = b.state === 'scheduled';
  if (sa !== sb) return sa ? -1 : 1;
  if (sa) return a.opensAt - b.opensAt;
  return (b.at ?? 0) - (a.at ?? 0);
}
