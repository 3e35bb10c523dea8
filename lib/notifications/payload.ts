/**
 * Turns one SQS message body into an OrderChange, or into a reason it could not be one.
 * Never throws: a queue can hold anything (test messages, the retired ORDER_STATUS_CHANGE, a
 * change type Amazon added after this build), and every one of those must reach the seller's
 * "aside" list with its raw text instead of breaking the poller.
 */
import { Validator } from '@cfworker/json-schema';
import { ORDER_CHANGE_MESSAGE_SCHEMA } from './payload-schema';
import {
  isOrderChangeType,
  type FulfillmentType,
  type NotificationLevel,
  type OrderChange,
  type OrderChangeItem,
  type OrderItemStatus,
  type OrderStatus,
  type OrderType,
} from './types';

export type ParseFailure = 'not-json' | 'not-order-change' | 'invalid' | 'unknown-change-type';

export type ParseResult =
  | { ok: true; change: OrderChange }
  | { ok: false; reason: ParseFailure; details: string; raw: string };

export const PARSE_FAILURE_KEYS: Readonly<Record<ParseFailure, string>> = {
  'not-json': 'ntf_aside_not_json',
  'not-order-change': 'ntf_aside_not_order_change',
  invalid: 'ntf_aside_invalid',
  'unknown-change-type': 'ntf_aside_unknown_change_type',
};

// Built once: the validator walks the schema at run time, no code generation involved.
const validator = new Validator(ORDER_CHANGE_MESSAGE_SCHEMA as object, '7', false);

/** The shape the schema guarantees once validation passed; only the fields mapped below. */
interface ValidMessage {
  EventTime: string;
  Payload: {
    OrderChangeNotification: {
      NotificationLevel: NotificationLevel;
      SellerId: string;
      AmazonOrderId: string;
      OrderChangeType: string;
      OrderChangeTrigger: { TimeOfOrderChange: string | null; ChangeReason: string };
      Summary: {
        MarketplaceId: string;
        OrderStatus: OrderStatus;
        PurchaseDate: string | null;
        FulfillmentType: FulfillmentType;
        OrderType: OrderType;
        OrderItems: {
          OrderItemId: string;
          SellerSKU: string;
          Quantity: number;
          OrderItemStatus?: OrderItemStatus;
          IsBuyerRequestedCancel?: boolean;
        }[];
      };
    };
  };
  NotificationMetadata: { PublishTime: string; NotificationId: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rawText(body: unknown): string {
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? String(body);
  } catch {
    return String(body);
  }
}

/** The first few leaf errors; the "property X does not match" wrappers above them add nothing. */
function describeErrors(errors: { keyword: string; instanceLocation: string; error: string }[]): string {
  return errors
    .filter((e) => e.keyword !== 'properties' && e.keyword !== 'items')
    .slice(0, 3)
    .map((e) => `${e.instanceLocation.replace(/^#/, '') || '/'}: ${e.error}`)
    .join('; ');
}

export function parseOrderChangeNotification(body: unknown): ParseResult {
  const raw = rawText(body);
  let message: unknown = body;
  if (typeof body === 'string') {
    try {
      message = JSON.parse(body);
    } catch (error) {
      return { ok: false, reason: 'not-json', details: error instanceof Error ? error.message : 'not JSON', raw };
    }
  }
  const fail = (reason: ParseFailure, details: string): ParseResult => ({ ok: false, reason, details, raw });

  if (!isRecord(message)) return fail('not-order-change', 'not a JSON object');
  if (message.NotificationType !== 'ORDER_CHANGE') {
    return fail('not-order-change', `NotificationType: ${JSON.stringify(message.NotificationType) ?? 'missing'}`);
  }
  // Checked before the schema so that a type Amazon adds later is reported as such, not as "invalid".
  const payload = message.Payload;
  const inner = isRecord(payload) ? payload.OrderChangeNotification : undefined;
  const changeType = isRecord(inner) ? inner.OrderChangeType : undefined;
  if (typeof changeType === 'string' && !isOrderChangeType(changeType)) {
    return fail('unknown-change-type', changeType);
  }

  const result = validator.validate(message);
  if (!result.valid) return fail('invalid', describeErrors(result.errors));
  return { ok: true, change: toOrderChange(message as unknown as ValidMessage) };
}

function toOrderChange(message: ValidMessage): OrderChange {
  const n = message.Payload.OrderChangeNotification;
  const s = n.Summary;
  // Safe after the pre-check and the schema's enum, but narrowed again rather than cast.
  const changeType = isOrderChangeType(n.OrderChangeType) ? n.OrderChangeType : 'OrderStatusChange';
  const items = s.OrderItems.map((i) => {
    const item: OrderChangeItem = { orderItemId: i.OrderItemId, sellerSku: i.SellerSKU, quantity: i.Quantity };
    if (i.OrderItemStatus !== undefined) item.status = i.OrderItemStatus;
    if (i.IsBuyerRequestedCancel !== undefined) item.isBuyerRequestedCancel = i.IsBuyerRequestedCancel;
    return item;
  });
  const changeReason = n.OrderChangeTrigger.ChangeReason;
  return {
    notificationId: message.NotificationMetadata.NotificationId,
    eventTime: message.EventTime,
    publishTime: message.NotificationMetadata.PublishTime,
    sellerId: n.SellerId,
    orderId: n.AmazonOrderId,
    marketplaceId: s.MarketplaceId,
    changeType,
    level: n.NotificationLevel,
    orderStatus: s.OrderStatus,
    changeReason,
    timeOfChange: n.OrderChangeTrigger.TimeOfOrderChange,
    fulfillmentType: s.FulfillmentType,
    orderType: s.OrderType,
    purchaseDate: s.PurchaseDate,
    items,
    // The item flag is the precise signal; the free-text reason ("Buyer Requested Cancel" in
    // Amazon's example) covers order-level messages that carry no per-item flag.
    isCancellationRequest:
      changeType === 'BuyerRequestedChange' &&
      (items.some((i) => i.isBuyerRequestedCancel === true) || /cancel/i.test(changeReason)),
    isNewUnshippedOrder: changeType === 'OrderStatusChange' && s.OrderStatus === 'Unshipped',
  };
}
