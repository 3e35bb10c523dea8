/**
 * Moving a seller off the retired ORDER_STATUS_CHANGE notification.
 *
 * Amazon deleted the ORDER_STATUS_CHANGE schema on 2026-01-28 and its tutorial says to subscribe
 * to ORDER_CHANGE and delete the old subscription. The order matters: deleting first would leave a
 * gap in which order events reach nobody, so the legacy subscription is removed only once an
 * ORDER_CHANGE subscription exists.
 *
 * How the old payload maps onto the new one (for code and sellers that read both):
 *
 *   Payload.OrderStatusChangeNotification.X      →  Payload.OrderChangeNotification...
 *   SellerId, AmazonOrderId                      →  same names, directly under OrderChangeNotification
 *   MarketplaceId, OrderStatus,
 *   DestinationPostalCode                        →  Summary.<same name>
 *   FulfillmentChannel (AFN/MFN)                 →  Summary.FulfillmentType (AFN/MFN)
 *   PurchaseDate (integer, epoch milliseconds)   →  Summary.PurchaseDate (ISO-8601 string or null)
 *   OrderItemId, SellerSKU, Quantity,
 *   SupplySourceId (one item per message)        →  Summary.OrderItems[] (all items of the order
 *                                                   when NotificationLevel is OrderLevel)
 *   (nothing)                                    →  NotificationLevel, OrderChangeType,
 *                                                   OrderChangeTrigger{TimeOfOrderChange, ChangeReason},
 *                                                   OrderItems[].IsBuyerRequestedCancel, OrderType
 */
import { buildOrderChangeSubscription, type BuildFilterResult } from './filters';
import type { OrderChangeType, Subscription } from './types';

export const ORDER_STATUS_CHANGE = 'ORDER_STATUS_CHANGE';

export type MigrationStep = 'nothing-to-do' | 'create-order-change-first' | 'delete-legacy';

export function planMigration(state: { legacy?: Subscription; orderChange?: Subscription }): MigrationStep {
  if (!state.legacy) return 'nothing-to-do';
  return state.orderChange ? 'delete-legacy' : 'create-order-change-first';
}

export const MIGRATION_STEP_KEYS: Readonly<Record<MigrationStep, string>> = {
  'nothing-to-do': 'ntf_migration_nothing_to_do',
  'create-order-change-first': 'ntf_migration_create_first',
  'delete-legacy': 'ntf_migration_delete_legacy',
};

/**
 * The ORDER_CHANGE subscription that takes over from a legacy one: same destination, so the
 * seller's queue keeps receiving. Which change types to take is the seller's choice; the legacy
 * notification only reported status changes, which is what 'OrderStatusChange' alone gives.
 */
export function replacementForLegacy(
  legacy: Subscription,
  changeTypes: 'all' | readonly OrderChangeType[],
): BuildFilterResult {
  return buildOrderChangeSubscription({ destinationId: legacy.destinationId, changeTypes });
}
