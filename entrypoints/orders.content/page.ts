import { orderIdFromUrl } from '../../lib/seller-central/pages';
import { detectMarketplace } from '../../lib/seller-central/marketplace';

export interface PageOrder {
  orderId: string;
  /** Empty when the page does not say (a shared host with no hint); the seller's default is used then. */
  marketplaceId: string;
}

export function currentOrder(url: string): PageOrder | undefined {
  const orderId = orderIdFromUrl(url);
  if (!orderId) return undefined;
  return { orderId, marketplaceId: detectMarketplace(url, document).marketplaceId ?? '' };
}
