/**
 * Order Courier's own JSON Schema (draft-07) for an ORDER_CHANGE message, payload version 1.0.
 *
 * Written from the field list in spapi-facts.md §8, not derived from Amazon's file. It asks for
 * the keys Amazon marks as required and checks the types and enums of the fields the inbox reads;
 * everything else (programs, delivery windows, invoice status) may be anything, so a new value
 * there never pushes a message aside. It must never be stricter than Amazon's schema on the
 * fields it reads: tests/unit/notifications/payload.test.ts compares the two.
 *
 * Checked by @cfworker/json-schema, which interprets schemas without generating code, because
 * MV3's content security policy forbids eval in every extension context.
 */
import { FULFILLMENT_TYPES, NOTIFICATION_LEVELS, ORDER_CHANGE_TYPES, ORDER_ITEM_STATUSES, ORDER_STATUSES, ORDER_TYPES } from './types';

const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;
const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] });

const item = {
  type: 'object',
  required: ['OrderItemId', 'SellerSKU', 'SupplySourceId', 'Quantity'],
  properties: {
    OrderItemId: text,
    SellerSKU: text,
    SupplySourceId: textOrNull,
    Quantity: { type: 'integer' },
    OrderItemStatus: oneOf(ORDER_ITEM_STATUSES),
    IsBuyerRequestedCancel: { type: 'boolean' },
  },
};

const summary = {
  type: 'object',
  required: ['MarketplaceId', 'OrderStatus', 'PurchaseDate', 'DestinationPostalCode', 'FulfillmentType', 'OrderType', 'OrderItems'],
  properties: {
    MarketplaceId: text,
    OrderStatus: oneOf(ORDER_STATUSES),
    PurchaseDate: textOrNull,
    DestinationPostalCode: textOrNull,
    FulfillmentType: oneOf(FULFILLMENT_TYPES),
    OrderType: oneOf(ORDER_TYPES),
    OrderItems: { type: 'array', items: item },
  },
};

const change = {
  type: 'object',
  required: ['NotificationLevel', 'SellerId', 'AmazonOrderId', 'OrderChangeType', 'OrderChangeTrigger', 'Summary'],
  properties: {
    NotificationLevel: oneOf(NOTIFICATION_LEVELS),
    SellerId: text,
    // Amazon documents 3-7-7 digits but its schema does not enforce it; neither do we.
    AmazonOrderId: text,
    OrderChangeType: oneOf(ORDER_CHANGE_TYPES),
    OrderChangeTrigger: {
      type: 'object',
      required: ['TimeOfOrderChange', 'ChangeReason'],
      properties: { TimeOfOrderChange: textOrNull, ChangeReason: text },
    },
    Summary: summary,
  },
};

export const ORDER_CHANGE_MESSAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: 'Order Courier: the parts of an ORDER_CHANGE 1.0 message the extension relies on.',
  type: 'object',
  required: ['NotificationVersion', 'NotificationType', 'PayloadVersion', 'EventTime', 'Payload', 'NotificationMetadata'],
  properties: {
    NotificationVersion: text,
    NotificationType: { const: 'ORDER_CHANGE' },
    PayloadVersion: text,
    EventTime: text,
    Payload: { type: 'object', required: ['OrderChangeNotification'], properties: { OrderChangeNotification: change } },
    NotificationMetadata: {
      type: 'object',
      required: ['ApplicationId', 'SubscriptionId', 'PublishTime', 'NotificationId'],
      properties: { ApplicationId: text, SubscriptionId: text, PublishTime: text, NotificationId: text },
    },
  },
} as const;
