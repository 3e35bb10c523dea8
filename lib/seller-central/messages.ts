/**
 * Catalogue keys (locales/<lang>/messaging.json) for what the panel tells the seller when the page
 * does not give what it needs. The finders' own `reason` strings are for logs, not for sellers.
 */
export const SELLER_CENTRAL_MESSAGES = {
  orderNotFound: 'msg_sc_order_not_found',
  marketplaceUnknown: 'msg_sc_marketplace_unknown',
} as const;
