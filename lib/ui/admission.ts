/**
 * Whether the composer, framed in a page, was framed by our own panel on Seller Central. Only the framing
 * is judged here; the token is redeemed with the background (operation composer.redeem).
 */
import { SELLER_CENTRAL_HOSTS } from '../marketplaces';
import type { Explained } from '../protocol';

const SELLER_CENTRAL_ORIGINS = new Set(SELLER_CENTRAL_HOSTS.map((host) => `https://${host}`));

export const REFUSED_FRAME: Explained = { key: 'cmp_refusedFrame', substitutions: [] };
export const REFUSED_TOKEN: Explained = { key: 'cmp_refusedToken', substitutions: [] };

/**
 * `ancestorOrigins`: location.ancestorOrigins, nearest first (Chromium; undefined where the browser has
 * none). The panel frames the composer directly in Seller Central's top page, so there is exactly one
 * ancestor and it is Seller Central; anything else framed it.
 */
export function framingProblem(ancestorOrigins: readonly string[] | undefined, token: string): Explained | undefined {
  if (ancestorOrigins && (ancestorOrigins.length !== 1 || !SELLER_CENTRAL_ORIGINS.has(ancestorOrigins[0]!))) return REFUSED_FRAME;
  if (!token) return REFUSED_TOKEN;
  return undefined;
}
