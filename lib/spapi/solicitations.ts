// Background-only: Solicitations API v1 ("Request a Review").
import { SpApiError } from './errors';
import type { HttpCall } from './http';
import type { CallOptions } from './types';

/** The only solicitation type: product review and seller feedback, requested together. */
export const REVIEW_SOLICITATION = 'productReviewAndSellerFeedback';

const orderPath = (orderId: string) => `/solicitations/v1/orders/${encodeURIComponent(orderId)}`;

export type ReviewRequestOutcome = 'requested' | 'not-available';

/** True when the HAL document lists the review request among the actions available now. */
export function offersReviewRequest(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  const links = (doc as { _links?: { actions?: unknown } })._links;
  if (!Array.isArray(links?.actions)) return false;
  return links.actions.some((a: unknown) => {
    if (typeof a !== 'object' || a === null) return false;
    const { name, href } = a as { name?: unknown; href?: unknown };
    return name === REVIEW_SOLICITATION || (typeof href === 'string' && href.split('?')[0]?.endsWith(`/${REVIEW_SOLICITATION}`) === true);
  });
}

/**
 * Amazon's answer to a request it will not take: already requested for this order, or not eligible.
 * It is a 403 like a token problem, told apart by its message.
 */
export function isSolicitationUnavailable(err: unknown): boolean {
  return err instanceof SpApiError && err.status === 403 && /solicitation is not available/i.test(`${err.message} ${err.details ?? ''}`);
}

export function solicitationOperations(call: HttpCall) {
  return {
    /** Whether Amazon offers the review request for this order right now. */
    async reviewRequestOffered(orderId: string, marketplaceId: string, opts: CallOptions = {}): Promise<boolean> {
      const res = await call<Record<string, unknown>>({
        operation: 'getSolicitationActionsForOrder',
        method: 'GET',
        path: orderPath(orderId),
        query: { marketplaceIds: [marketplaceId] },
        signal: opts.signal,
      });
      return offersReviewRequest(res.body);
    },

    /**
     * Requests the review. Never retried once it may have reached Amazon: a 5xx, a timeout or a lost
     * connection surfaces as an error with `outcomeUnknown: true`.
     */
    async requestReview(orderId: string, marketplaceId: string, opts: CallOptions = {}): Promise<ReviewRequestOutcome> {
      try {
        await call<Record<string, unknown>>({
          operation: 'createProductReviewAndSellerFeedbackSolicitation',
          method: 'POST',
          path: `${orderPath(orderId)}/solicitations/${REVIEW_SOLICITATION}`,
          query: { marketplaceIds: [marketplaceId] },
          signal: opts.signal,
        });
        return 'requested';
      } catch (err) {
        if (isSolicitationUnavailable(err)) return 'not-available';
        throw err;
      }
    },
  };
}
