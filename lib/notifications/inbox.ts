/**
 * The seller's ORDER_CHANGE inbox as plain data: what the popup lists, what the badge counts and
 * which events deserve a desktop notification. Every function returns a new state and touches no
 * browser API, so the background can keep the state in storage and the popup can render it.
 */
import { marketplaceById } from '../marketplaces';
import { changeTypeKey } from './labels';
import type { ParseFailure } from './payload';
import type { OrderChange } from './types';

export const MAX_ENTRIES = 200;
export const MAX_ASIDE = 50;
/** Ids remembered after their entry was dropped by the cap, so a late SQS redelivery stays a duplicate. */
export const MAX_REMEMBERED_IDS = 1000;

export interface InboxEntry {
  change: OrderChange;
  seen: boolean;
  /** A later change of the same order says Canceled: whatever this entry asked for (shipping) is void. */
  orderCancelled?: true;
  /** The connection whose queue it came from; entries stored before several connections have none (the first). */
  connectionId?: string;
}

/** A message that could not be read as an ORDER_CHANGE, kept with its raw text for the seller. */
export interface AsideItem {
  /** The SQS MessageId: unparseable bodies may have no NotificationId. */
  id: string;
  reason: ParseFailure;
  details: string;
  raw: string;
  receivedAt: string;
  /** The connection whose queue held it. */
  connectionId?: string;
}

export interface InboxState {
  entries: InboxEntry[];
  asideItems: AsideItem[];
  /** Ids of changes added, newest first, capped at MAX_REMEMBERED_IDS. */
  knownIds: string[];
}

export const EMPTY_INBOX: InboxState = { entries: [], asideItems: [], knownIds: [] };

function timeOf(change: OrderChange): number {
  const t = Date.parse(change.eventTime);
  return Number.isNaN(t) ? 0 : t;
}

/** A cancellation request the seller still has to answer; once the order is cancelled it is settled. */
export function isUrgent(entry: InboxEntry): boolean {
  return entry.change.isCancellationRequest && !entry.orderCancelled;
}

/** Cancellation requests first because the seller must act before shipping; then newest first. */
function compareEntries(a: InboxEntry, b: InboxEntry): number {
  const urgency = Number(isUrgent(b)) - Number(isUrgent(a));
  return urgency !== 0 ? urgency : timeOf(b.change) - timeOf(a.change);
}

/**
 * Marks every entry of an order that Amazon has since reported as Canceled, so a "new order to ship"
 * entry read later cannot send anyone to ship it. The Canceled change itself stays as it is.
 */
function markCancelledOrders(entries: InboxEntry[]): InboxEntry[] {
  const cancelledAt = new Map<string, number>();
  for (const { change } of entries) {
    if (change.orderStatus !== 'Canceled') continue;
    cancelledAt.set(change.orderId, Math.max(cancelledAt.get(change.orderId) ?? 0, timeOf(change)));
  }
  return entries.map((entry) => {
    const at = cancelledAt.get(entry.change.orderId);
    const cancelled = at !== undefined && entry.change.orderStatus !== 'Canceled' && timeOf(entry.change) <= at;
    if (cancelled === Boolean(entry.orderCancelled)) return entry;
    if (cancelled) return { ...entry, orderCancelled: true };
    const { orderCancelled: _dropped, ...rest } = entry;
    return rest;
  });
}

export interface CancellationScope {
  /** What the buyer wants cancelled, by SKU. */
  items: { sellerSku: string; quantity: number }[];
  /** Units asked to be cancelled, and units in the order as the notification lists them. */
  requested: number;
  total: number;
  wholeOrder: boolean;
}

/**
 * What a cancellation request covers. Items flagged IsBuyerRequestedCancel are the request; with no
 * flag at all (an order-level message whose reason alone says cancel) it is the whole order.
 */
export function cancellationScope(change: OrderChange): CancellationScope | undefined {
  if (!change.isCancellationRequest) return undefined;
  const flagged = change.items.filter((i) => i.isBuyerRequestedCancel === true);
  const chosen = flagged.length > 0 ? flagged : change.items;
  const sum = (items: typeof change.items) => items.reduce((n, i) => n + i.quantity, 0);
  const total = sum(change.items);
  const requested = sum(chosen);
  return { items: chosen.map((i) => ({ sellerSku: i.sellerSku, quantity: i.quantity })), requested, total, wholeOrder: requested === total };
}

/** Entries are checked too: an old cancellation can outlive its id in `knownIds`. */
function knownSet(state: InboxState): Set<string> {
  return new Set([...state.knownIds, ...state.entries.map((e) => e.change.notificationId)]);
}

export function hasSeenNotification(state: InboxState, notificationId: string): boolean {
  return knownSet(state).has(notificationId);
}

/**
 * Adds new changes and aside items, from the queue of `connectionId` when given; ids already known are
 * ignored, so redelivery is harmless.
 */
export function addChanges(state: InboxState, changes: readonly OrderChange[], aside: readonly AsideItem[] = [], connectionId?: string): InboxState {
  const known = knownSet(state);
  const added: InboxEntry[] = [];
  const newIds: string[] = [];
  for (const change of changes) {
    if (known.has(change.notificationId)) continue;
    known.add(change.notificationId);
    newIds.unshift(change.notificationId);
    added.push(connectionId === undefined ? { change, seen: false } : { change, seen: false, connectionId });
  }
  // Dropping past the cap after sorting removes the oldest non-urgent entries first.
  const entries = markCancelledOrders([...added, ...state.entries]).sort(compareEntries).slice(0, MAX_ENTRIES);

  const asideIds = new Set(state.asideItems.map((a) => a.id));
  const freshAside: AsideItem[] = [];
  for (const item of aside) {
    if (asideIds.has(item.id)) continue;
    asideIds.add(item.id);
    freshAside.unshift(connectionId === undefined ? item : { ...item, connectionId }); // the last one received is the newest
  }
  const asideItems = [...freshAside, ...state.asideItems].slice(0, MAX_ASIDE);

  const knownIds = [...newIds, ...state.knownIds].slice(0, MAX_REMEMBERED_IDS);
  return { entries, asideItems, knownIds };
}

export function unseenCount(state: InboxState): number {
  return state.entries.filter((e) => !e.seen).length;
}

export function markSeen(state: InboxState, ids: readonly string[] | 'all'): InboxState {
  const chosen = ids === 'all' ? undefined : new Set(ids);
  return {
    ...state,
    entries: state.entries.map((e) =>
      !e.seen && (chosen === undefined || chosen.has(e.change.notificationId)) ? { ...e, seen: true } : e,
    ),
  };
}

export interface NotifyPrefs {
  cancellations: boolean;
  newOrders: boolean;
}

/** Desktop notifications only for what needs the seller now, and only when they switched it on. */
export function shouldNotify(change: OrderChange, prefs: NotifyPrefs): boolean {
  return (prefs.cancellations && change.isCancellationRequest) || (prefs.newOrders && change.isNewUnshippedOrder);
}

/**
 * The order's page in Seller Central for the marketplace it was placed in. Undefined for a
 * marketplace missing from lib/marketplaces.ts: a link into the wrong marketplace would show
 * "order not found", which is worse than no link. With the merchant of the connection the change came
 * from, the page opens in that merchant's account (Seller Central's own account switch parameter), which
 * is also how the order page's panel picks that connection where several serve the host.
 */
export function orderUrl(change: Pick<OrderChange, 'orderId' | 'marketplaceId'>, merchantId?: string): string | undefined {
  const marketplace = marketplaceById(change.marketplaceId);
  if (!marketplace) return undefined;
  const url = new URL(`https://${marketplace.sellerCentralHost}/orders-v3/order/${encodeURIComponent(change.orderId)}`);
  if (merchantId) url.searchParams.set('mons_sel_dir_mcid', merchantId);
  return url.href;
}

/** The order page of an entry, in the merchant account of the connection it came from. */
export function entryUrl(entry: InboxEntry, connections: readonly { id: string; merchantId?: string }[]): string | undefined {
  return orderUrl(entry.change, connections.find((c) => c.id === entry.connectionId)?.merchantId);
}

/** The i18n key for a change's headline in the inbox and the desktop notification. */
export function changeHeadlineKey(change: OrderChange): string {
  if (change.isCancellationRequest) return 'ntf_headline_cancellation_request';
  if (change.isNewUnshippedOrder) return 'ntf_headline_new_order';
  return changeTypeKey(change.changeType);
}
