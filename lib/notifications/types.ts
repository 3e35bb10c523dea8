/**
 * Shapes shared by the notification modules. The subscription types mirror the parts of the
 * Notifications API v1 model (notifications.json) that Order Courier reads or writes; fields the
 * extension never touches (TrackingFilter, other eventFilterTypes) are left out on purpose.
 * Pure types and constants: safe to import from the popup and the background alike.
 */

/** The values of the model's OrderChangeTypeEnum, in the order the UI lists them. */
export const ORDER_CHANGE_TYPES = ['OrderStatusChange', 'BuyerRequestedChange', 'DeliveryTipChange'] as const;
export type OrderChangeType = (typeof ORDER_CHANGE_TYPES)[number];

export function isOrderChangeType(value: unknown): value is OrderChangeType {
  return typeof value === 'string' && (ORDER_CHANGE_TYPES as readonly string[]).includes(value);
}

export const AGGREGATION_PERIODS = ['FiveMinutes', 'TenMinutes'] as const;
export type AggregationPeriod = (typeof AGGREGATION_PERIODS)[number];

export interface EventFilter {
  eventFilterType: string;
  /** Absent = every change type, present-and-current and any Amazon adds later. */
  orderChangeTypes?: string[];
  /** Absent = every marketplace. */
  marketplaceIds?: string[];
  aggregationSettings?: { aggregationTimePeriod: AggregationPeriod };
}

/** eventFilter and filterExpression are mutually exclusive per the model. */
export interface ProcessingDirective {
  eventFilter?: EventFilter;
  filterExpression?: string;
}

export interface CreateSubscriptionRequest {
  payloadVersion: string;
  destinationId: string;
  processingDirective?: ProcessingDirective;
}

export interface Subscription extends CreateSubscriptionRequest {
  subscriptionId: string;
}

export const ORDER_STATUSES = [
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
  'PendingAvailability',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const NOTIFICATION_LEVELS = ['OrderLevel', 'OrderItemLevel'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

export const FULFILLMENT_TYPES = ['AFN', 'MFN'] as const;
export type FulfillmentType = (typeof FULFILLMENT_TYPES)[number];

export const ORDER_TYPES = ['StandardOrder', 'LongLeadTimeOrder', 'Preorder', 'BackOrder', 'SourcingOnDemandOrder'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_ITEM_STATUSES = ['Unshipped', 'Shipped'] as const;
export type OrderItemStatus = (typeof ORDER_ITEM_STATUSES)[number];

export interface OrderChangeItem {
  orderItemId: string;
  sellerSku: string;
  quantity: number;
  /** Amazon only sends it when the items of one order differ in status. */
  status?: OrderItemStatus;
  isBuyerRequestedCancel?: boolean;
}

/** One ORDER_CHANGE notification, flattened to what the inbox and the desktop notification need. */
export interface OrderChange {
  notificationId: string;
  eventTime: string;
  publishTime?: string;
  sellerId: string;
  orderId: string;
  marketplaceId: string;
  changeType: OrderChangeType;
  level: NotificationLevel;
  orderStatus: OrderStatus;
  changeReason: string;
  timeOfChange: string | null;
  fulfillmentType: FulfillmentType;
  orderType: OrderType;
  purchaseDate: string | null;
  items: OrderChangeItem[];
  /** A buyer asked to cancel: the seller has to act before shipping. */
  isCancellationRequest: boolean;
  /** The order just became Unshipped: it can be prepared now. */
  isNewUnshippedOrder: boolean;
}
