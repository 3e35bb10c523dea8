/**
 * Solicitations API v1 ("Request a Review"): the HAL list of what can be requested now, and the one
 * request per order. Amazon offers it only for a shipped order from 5 days after its earliest to 30
 * days after its latest delivery date, never for a refunded one, and once: a second request (or one
 * outside the window) answers 403 "The requested solicitation is not available for this amazonOrderId."
 */
import { lookupOrder } from './messaging';
import type { SandboxOrder } from './orders-data';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { spapiError } from './spapi-common';

export const SOLICITATION_SEGMENT = 'productReviewAndSellerFeedback';
const DAY_MS = 86_400_000;
export const WINDOW_OPENS_AFTER_DAYS = 5;
export const WINDOW_CLOSES_AFTER_DAYS = 30;

export interface Solicitation {
  amazonOrderId: string;
  marketplaceId: string;
  createdAt: string;
}

export type SolicitationRefusal = 'not-shipped' | 'refunded' | 'returned' | 'no-delivery-date' | 'too-early' | 'too-late' | 'already-requested' | 'withheld';

/** Why Amazon would not offer the solicitation now, or null when it would. */
export function solicitationRefusal(order: SandboxOrder, now: number, sent: readonly Solicitation[]): SolicitationRefusal | null {
  if (sent.some((s) => s.amazonOrderId === order.amazonOrderId)) return 'already-requested';
  if (order.status !== 'Shipped') return 'not-shipped';
  if (order.refunded) return 'refunded';
  if (order.packageStatus && ['REJECTED_BY_BUYER', 'RETURNING_TO_SELLER', 'RETURNED_TO_SELLER'].includes(order.packageStatus)) return 'returned';
  const earliest = Date.parse(order.earliestDeliveryDate ?? '');
  const latest = Date.parse(order.latestDeliveryDate ?? order.earliestDeliveryDate ?? '');
  if (Number.isNaN(earliest) || Number.isNaN(latest)) return 'no-delivery-date';
  if (now < earliest + WINDOW_OPENS_AFTER_DAYS * DAY_MS) return 'too-early';
  if (now > latest + WINDOW_CLOSES_AFTER_DAYS * DAY_MS) return 'too-late';
  if (!order.solicitationOffered) return 'withheld';
  return null;
}

function paths(order: SandboxOrder) {
  const base = `/solicitations/v1/orders/${order.amazonOrderId}`;
  const query = `?marketplaceIds=${order.marketplaceId}`;
  return {
    self: `${base}${query}`,
    action: `${base}/solicitations/${SOLICITATION_SEGMENT}${query}`,
    schema: `${base}/solicitations/${SOLICITATION_SEGMENT}/schema`,
  };
}

export function getSolicitationActionsForOrder(call: SpapiCall): SpapiResult {
  const { order, error } = lookupOrder(call);
  if (error) return error;
  const { state } = call.ctx;
  const p = paths(order);
  const offered = solicitationRefusal(order, state.clock.now(), state.solicitations) === null;
  const body: Record<string, unknown> = {
    _links: { actions: offered ? [{ href: p.action, name: SOLICITATION_SEGMENT }] : [], self: { href: p.self } },
  };
  if (offered) {
    body._embedded = {
      actions: [{
        _links: { self: { href: p.action, name: SOLICITATION_SEGMENT }, schema: { href: p.schema, name: SOLICITATION_SEGMENT } },
        payload: { name: SOLICITATION_SEGMENT },
      }],
    };
  }
  return { status: 200, body };
}

export function createProductReviewAndSellerFeedbackSolicitation(call: SpapiCall): SpapiResult {
  const { order, error } = lookupOrder(call);
  if (error) return error;
  const { state } = call.ctx;
  if (solicitationRefusal(order, state.clock.now(), state.solicitations) !== null) {
    return spapiError(403, 'Unauthorized', 'The requested solicitation is not available for this amazonOrderId.');
  }
  state.solicitations.push({ amazonOrderId: order.amazonOrderId, marketplaceId: order.marketplaceId, createdAt: new Date(state.clock.now()).toISOString() });
  return { status: 201, body: {} };
}
