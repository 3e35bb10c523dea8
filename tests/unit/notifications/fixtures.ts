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
export function message(o: MessageOptions = {}): Record<string, unknown> {
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

export type Path = readonly (string | number)[];

/** Walks a parsed JSON value; tests use it to change one field of a message. */
export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

export function setAt(root: unknown, path: Path, value: unknown): void {
  (getAt(root, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

export function dropAt(root: unknown, path: Path): void {
  delete (getAt(root, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]!];
}

export const OCN = ['Payload', 'OrderChangeNotification'] as const;
export const SUMMARY = [...OCN, 'Summary'] as const;
export const ITEM0 = [...SUMMARY, 'OrderItems', 0] as const;
