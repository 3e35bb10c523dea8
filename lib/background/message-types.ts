/**
 * BACKGROUND ONLY. The message types Amazon offers for an order, and the buyer's language, fetched once per
 * order and kept for a few minutes (in storage.session, so a restarted worker does not ask again): the
 * composer, the popup and the send check all read the same answer.
 */
import './guard';
import { browser } from 'wxt/browser';
import { api } from './connection';
import { parseMessagingActions, type OfferedType } from '../messaging/actions';
import { t, tl } from '../i18n';
import type { MessageTypesResult, MessageTypeView } from '../protocol';

/** How long a per-order look-up is kept (message types here, the review-request look-ups in reviews.ts). */
export const LOOKUP_TTL_MS = 5 * 60_000;

interface Cached {
  at: number;
  offered: OfferedType[];
  buyerLocale?: string;
}

const inFlight = new Map<string, Promise<Cached>>();

function cacheKey(connectionId: string, orderId: string, marketplaceId: string): string {
  return `types:${connectionId}:${marketplaceId}:${orderId}`;
}

async function fetchTypes(connectionId: string, orderId: string, marketplaceId: string): Promise<Cached> {
  const client = await api(connectionId);
  const [hal, attributes] = await Promise.all([
    client.getMessagingActionsForOrder(orderId, marketplaceId),
    // The buyer's language is a hint; the panel still works without it.
    client.getAttributes(orderId, marketplaceId).catch(() => undefined),
  ]);
  const { types } = parseMessagingActions(hal);
  return { at: Date.now(), offered: types, buyerLocale: attributes?.buyer?.locale };
}

export async function offeredTypes(connectionId: string, orderId: string, marketplaceId: string, refresh: boolean): Promise<Cached> {
  const key = cacheKey(connectionId, orderId, marketplaceId);
  if (!refresh) {
    const stored = (await browser.storage.session.get(key))[key] as Cached | undefined;
    if (stored && Date.now() - stored.at < LOOKUP_TTL_MS) return stored;
  }
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchTypes(connectionId, orderId, marketplaceId).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  await browser.storage.session.set({ [key]: fresh });
  return fresh;
}

/**
 * Drops the order's cached list, so the next read asks Amazon again: after Amazon refused a type it had
 * offered ("Invalid amazonOrderId and template combination"), the list is known to be out of date.
 */
export async function forgetTypes(connectionId: string, orderId: string, marketplaceId: string): Promise<void> {
  await browser.storage.session.remove(cacheKey(connectionId, orderId, marketplaceId));
}

export function toView(type: OfferedType): MessageTypeView {
  const title = tl(type.title);
  return {
    segment: type.segment,
    title,
    ...(type.amazonTitle !== undefined && type.amazonTitle !== title ? { amazonTitle: type.amazonTitle } : {}),
    // Our explanation, in the UI's language, for a type we know; Amazon's (English) for one we do not.
    description: type.spec ? t(type.spec.explanationKey) : type.description,
    supported: type.supported,
    reason: type.reason && t(type.reason, type.reasonSubstitutions),
    schema: type.supported ? (type.schema as Record<string, unknown>) : undefined,
  };
}

export async function messageTypes(connectionId: string, orderId: string, marketplaceId: string, refresh: boolean): Promise<MessageTypesResult> {
  const cached = await offeredTypes(connectionId, orderId, marketplaceId, refresh);
  return { types: cached.offered.map(toView), buyerLocale: cached.buyerLocale };
}
