/**
 * ORDER_CHANGE notifications as Amazon delivers them to an SQS queue, built from sandbox orders,
 * and the subscription filter (orderChangeTypes, marketplaceIds) that decides whether one is sent.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_APPLICATION_ID, SANDBOX_SELLER_ID } from './constants';
import { isRecord } from './http';
import type { SandboxOrder } from './orders-data';

export type OrderChangeType = 'BuyerRequestedChange' | 'DeliveryTipChange' | 'OrderStatusChange';
export const ORDER_CHANGE_TYPES: OrderChangeType[] = ['BuyerRequestedChange', 'DeliveryTipChange', 'OrderStatusChange'];

const DEFAULT_REASONS: Record<OrderChangeType, string> = {
  BuyerRequestedChange: 'Buyer Requested Cancel',
  DeliveryTipChange: 'Delivery Tip Change',
  OrderStatusChange: 'Order Status Change',
};

export interface OrderChangeOptions {
  changeType: OrderChangeType;
  changeReason?: string;
  notificationLevel?: 'OrderLevel' | 'OrderItemLevel';
  subscriptionId: string;
  now: number;
}

export function orderChangeNotification(order: SandboxOrder, options: OrderChangeOptions): Record<string, unknown> {
  const now = new Date(options.now).toISOString();
  const buyerCancel = options.changeType === 'BuyerRequestedChange';
  const shipped = order.items.reduce((n, i) => n + i.quantityShipped, 0);
  const total = order.items.reduce((n, i) => n + i.quantity, 0);
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: options.notificationLevel ?? 'OrderLevel',
        SellerId: SANDBOX_SELLER_ID,
        AmazonOrderId: order.amazonOrderId,
        OrderChangeType: options.changeType,
        OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: options.changeReason ?? DEFAULT_REASONS[options.changeType] },
        Summary: {
          MarketplaceId: order.marketplaceId,
          OrderStatus: order.status,
          PurchaseDate: order.purchaseDate,
          DestinationPostalCode: order.shipTo.postalCode,
          FulfillmentType: order.fulfillmentChannel,
          OrderType: 'StandardOrder',
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: total - shipped,
          OrderItems: order.items.map((i) => ({
            OrderItemId: i.orderItemId,
            SellerSKU: i.sellerSku,
            SupplySourceId: null,
            Quantity: i.quantity,
            OrderItemStatus: i.quantityShipped >= i.quantity ? 'Shipped' : 'Unshipped',
            QuantityShipped: i.quantityShipped,
            ...(buyerCancel ? { IsBuyerRequestedCancel: true } : {}),
          })),
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: SANDBOX_APPLICATION_ID,
      SubscriptionId: options.subscriptionId,
      PublishTime: now,
      NotificationId: randomUUID(),
    },
  };
}

/** Amazon's rule: an absent (or empty) list means "everything". filterExpression (CEL) is not evaluated. */
export function passesEventFilter(processingDirective: unknown, changeType: OrderChangeType, marketplaceId: string): boolean {
  const filter = isRecord(processingDirective) && isRecord(processingDirective.eventFilter) ? processingDirective.eventFilter : undefined;
  if (!filter) return true;
  const types = Array.isArray(filter.orderChangeTypes) ? filter.orderChangeTypes : [];
  const marketplaces = Array.isArray(filter.marketplaceIds) ? filter.marketplaceIds : [];
  return (types.length === 0 || types.includes(changeType)) && (marketplaces.length === 0 || marketplaces.includes(marketplaceId));
}
