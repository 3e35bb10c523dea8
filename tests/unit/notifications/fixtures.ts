/**
 * Hand-made ORDER_CHANGE messages for the tests (Amazon's own example is read from
 * /work/shared/spapi-models at test time, never copied here).
 */
export const MODELS_DIR = '/work/shared/spapi-models';

export interface MessageOptions {
  notificationId?: string;
  eventTime?: string;
  changeType?: string;
  level?: 'OrderLevel' | 'OrderItemLevel';
  orderId?: string;
  marketplaceId?: string;
  status?: string;
  reason?: string;
  items?: Record<string, unknown>[];
}

/** A complete, valid message; tests change one thing at a time. */
export function message(o: MessageOptions = {}): Record<string, any> {
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: o.eventTime ?? '2026-03-02T10:15:00.000Z',
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: o.level ?? 'OrderLevel',
        SellerId: 'A1SELLERTEST',
        AmazonOrderId: o.orderId ?? '305-1234567-7654321',
        OrderChangeType: o.changeType ?? 'OrderStatusChange',
        OrderChangeTrigger: { TimeOfOrderChange: '2026-03-02T10:14:58.000Z', ChangeReason: o.reason ?? 'Order Status Change' },
        Summary: {
          MarketplaceId: o.marketplaceId ?? 'A1PA6795UKMFR9',
          OrderStatus: o.status ?? 'Unshipped',
          PurchaseDate: '2026-03-02T10:01:00.000Z',
          DestinationPostalCode: '10115',
          FulfillmentType: 'MFN',
          OrderType: 'StandardOrder',
          OrderItems: o.items ?? [
            { OrderItemId: '11223344556677', SellerSKU: 'MUG-BLUE', SupplySourceId: null, Quantity: 2 },
            { OrderItemId: '11223344556688', SellerSKU: 'MUG-RED', SupplySourceId: null, Quantity: 1 },
          ],
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: 'amzn1.sp.solution.test',
      SubscriptionId: 'sub-test-1',
      PublishTime: '2026-03-02T10:15:01.000Z',
      NotificationId: o.notificationId ?? 'n-0001',
    },
  };
}

export function body(o: MessageOptions = {}): string {
  return JSON.stringify(message(o));
}
