/**
 * When Amazon lets a seller request a review for an order, computed locally from what the order list
 * already carries, so no call is spent on an order the window rules out.
 *
 * Amazon's rule (Solicitations API; Seller Central's "5-30 day range"): the order is Shipped, and now is
 * from 5 days after its earliest delivery date to 30 days after its latest one. A refunded or returned
 * order is not offered, one request (or one free-form proactive message) per order is allowed, and the
 * seller's exclusion list (order ids or SKUs) always wins. The boundaries are instants, as Amazon
 * compares them; the dates shown to the seller are days in the marketplace's time zone.
 */
import { marketplaceTimeZone } from '../marketplaces';
import type { OrderStatus } from '../spapi/types';

export const OPENS_AFTER_DAYS = 5;
export const CLOSES_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ReviewOrder {
  orderId: string;
  marketplaceId: string;
  status: OrderStatus;
  /** ISO date-times; the latest falls back to the earliest when Amazon gives only one. */
  earliestDeliveryDate?: string;
  latestDeliveryDate?: string;
  refunded?: boolean;
  returned?: boolean;
  skus?: readonly string[];
}

export type SkipReason = 'excluded' | 'cancelled' | 'refunded' | 'returned' | 'not-shipped' | 'no-delivery-date';

export type ReviewWindow =
  | { state: 'eligible'; closesAt: number; closesOn: string }
  | { state: 'too-early'; opensAt: number; opensOn: string }
  | { state: 'too-late'; closedAt: number; closedOn: string }
  | { state: 'already-requested' }
  | { state: 'skipped'; reason: SkipReason };

export interface WindowInput {
  now: number;
  /** Order ids or SKUs the seller never wants asked. */
  exclusions?: readonly string[];
  /** A request for this order was already accepted (by us, or Amazon answered "already requested"). */
  requested?: boolean;
}

/** `YYYY-MM-DD` of the instant in the given time zone. */
export function dayIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isExcluded(order: Pick<ReviewOrder, 'orderId' | 'skus'>, exclusions: readonly string[]): boolean {
  if (exclusions.length === 0) return false;
  const set = new Set(exclusions);
  return set.has(order.orderId) || (order.skus ?? []).some((sku) => set.has(sku));
}

/** The seller's list as typed: one entry per line or comma, blanks and repeats dropped. */
export function parseExclusions(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((e) => e.trim()).filter((e) => e !== ''))];
}

/** The instants the window opens and closes, from the delivery dates alone; undefined without a date. */
export function windowBounds(order: Pick<ReviewOrder, 'earliestDeliveryDate' | 'latestDeliveryDate'>): { opensAt: number; closesAt: number } | undefined {
  const earliest = Date.parse(order.earliestDeliveryDate ?? '');
  const latestGiven = Date.parse(order.latestDeliveryDate ?? '');
  if (Number.isNaN(earliest)) return undefined;
  const latest = Number.isNaN(latestGiven) ? earliest : Math.max(earliest, latestGiven);
  return { opensAt: earliest + OPENS_AFTER_DAYS * DAY_MS, closesAt: latest + CLOSES_AFTER_DAYS * DAY_MS };
}

export function reviewWindow(order: ReviewOrder, input: WindowInput): ReviewWindow {
  if (isExcluded(order, input.exclusions ?? [])) return { state: 'skipped', reason: 'excluded' };
  if (input.requested) return { state: 'already-requested' };
  if (order.status === 'Canceled' || order.status === 'Unfulfillable') return { state: 'skipped', reason: 'cancelled' };
  if (order.refunded) return { state: 'skipped', reason: 'refunded' };
  if (order.returned) return { state: 'skipped', reason: 'returned' };
  if (order.status !== 'Shipped') return { state: 'skipped', reason: 'not-shipped' };
  const bounds = windowBounds(order);
  if (!bounds) return { state: 'skipped', reason: 'no-delivery-date' };
  const { opensAt, closesAt } = bounds;
  const timeZone = marketplaceTimeZone(order.marketplaceId);
  if (input.now < opensAt) return { state: 'too-early', opensAt, opensOn: dayIn(opensAt, timeZone) };
  if (input.now > closesAt) return { state: 'too-late', closedAt: closesAt, closedOn: dayIn(closesAt, timeZone) };
  return { state: 'eligible', closesAt, closesOn: dayIn(closesAt, timeZone) };
}

/** Only an eligible order is worth an actions check; every other state is known without a call. */
export function worthAsking(window: ReviewWindow): boolean {
  return window.state === 'eligible';
}
