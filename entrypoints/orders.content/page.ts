import { orderIdFromUrl } from '../../lib/seller-central/pages';
import { detectMarketplace } from '../../lib/seller-central/marketplace';

import type { PageOrder } from '../../lib/protocol';

export type { PageOrder };

export function currentOrder(url: string): PageOrder | undefined {
  const orderId = orderIdFromUrl(url);
  if (!orderId) return undefined;
  return { orderId, marketplaceId: detectMarketplace(url, document).marketplaceId ?? '' };
}
