/**
 * BACKGROUND ONLY. Who may ask for what, and what a valid request looks like. This file is the one place to
 * review what a page of the extension can make the background do.
 */
import './guard';
import type { Schema } from '@cfworker/json-schema';
import type { Rules } from './router';
import { MAX_LENGTH, MIN_LENGTH } from '../credentials/lock';
import { AWS_REGION_PATTERN, ORDER_ID_PATTERN } from '../net/rules';

const orderId: Schema = { type: 'string', pattern: ORDER_ID_PATTERN };
const marketplaceId: Schema = { type: 'string', pattern: '^[A-Z0-9]{8,20}$' };
const empty: Schema = { type: 'object', additionalProperties: false };
const id: Schema = { type: 'string', pattern: '^[A-Za-z0-9-]{8,64}$' };
const shortText: Schema = { type: 'string', maxLength: 300 };
/** `primary` for the first connection, a UUID for the others (lib/store/connections.ts). */
const connectionId: Schema = { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' };
/** Seller Central's merchant id as a page shows it. */
const merchant: Schema = { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._-]*$' };

const draft: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['orderId', 'marketplaceId', 'text', 'dates', 'attachments', 'linksConfirmed', 'updatedAt'],
  properties: {
    orderId,
    marketplaceId: { anyOf: [marketplaceId, { const: '' }] },
    segment: { type: 'string', pattern: '^[A-Za-z]{1,64}$' },
    // Longer than any limit Amazon sets, so the composer can keep what the seller typed and say what is wrong.
    text: { type: 'string', maxLength: 20_000 },
    dates: { type: 'object', maxProperties: 4, additionalProperties: { type: 'string', maxLength: 40 } },
    linksConfirmed: { type: 'boolean' },
    updatedAt: { type: 'number' },
    attachments: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'fileName', 'originalName', 'type', 'size'],
        properties: {
          id,
          fileName: shortText,
          originalName: shortText,
          type: { type: 'string', maxLength: 200 },
          size: { type: 'integer', minimum: 0, maximum: 64 * 1024 * 1024 },
          chunks: { type: 'integer', minimum: 0, maximum: 1000 },
          md5: { type: 'string', pattern: '^[A-Za-z0-9+/]{22}==$' },
        },
      },
    },
  },
};

// A date range of at most a year (the review window closes 30 days after delivery anyway).
const epochMs: Schema = { type: 'number', minimum: 0, maximum: 8.64e15 };
const reviewRange: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['marketplaceId', 'from', 'to'],
  properties: { marketplaceId, from: epochMs, to: epochMs },
};

const token: Schema = { type: 'string', maxLength: 4096, pattern: '^[\\x21-\\x7e]*$' };

const endpoint: Schema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'region'],
      properties: { kind: { enum: ['production', 'amazon-sandbox'] }, region: { enum: ['NA', 'EU', 'FE'] } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'baseUrl'],
      properties: { kind: { const: 'custom' }, baseUrl: { type: 'string', maxLength: 2048, pattern: '^https?://' } },
    },
  ],
};

// ---- Notifications view and inbox: shapes only; lib/notifications checks the values with reasons.
const text = (maxLength: number): Schema => ({ type: 'string', minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f]*$' });
const awsRegion: Schema = { type: 'string', pattern: AWS_REGION_PATTERN };
const notificationId: Schema = text(256);
const orderChangeType: Schema = { enum: ['OrderStatusChange', 'BuyerRequestedChange', 'DeliveryTipChange'] };
const passphrase: Schema = { type: 'string', minLength: 1, maxLength: MAX_LENGTH };
const strict = (required: string[], properties: Record<string, Schema>): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const RULES: Rules = {
  'connection.get': { pages: ['options', 'popup', 'composer', 'reviews'], schema: strict([], { connectionId }) },
  'connection.save': {
    pages: ['options'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'endpoint', 'defaultMarketplaceId', 'clientId', 'clientSecret', 'refreshToken'],
      properties: {
        id: connectionId,
        name: { type: 'string', maxLength: 80, pattern: '^[^\\u0000-\\u001f]*$' },
        region: { enum: ['NA', 'EU', 'FE'] },
        merchantId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._-]*$' },
        endpoint,
        defaultMarketplaceId: marketplaceId,
        clientId: { ...token, minLength: 1 },
        clientSecret: token,
        refreshToken: token,
      },
    },
  },
  'connection.test': { pages: ['options'], schema: strict([], { connectionId }) },
  'connection.remove': { pages: ['options'], schema: strict(['connectionId', 'endPendingSends'], { connectionId, endPendingSends: { type: 'boolean' } }) },
  'connections.list': { pages: ['options', 'popup'], schema: empty },
  'connections.setCurrent': { pages: ['options', 'popup'], schema: strict(['connectionId'], { connectionId }) },
  // The order page learns only the names of the connections that fit it, never their settings.
  'page.connection': { pages: ['orderPage'], schema: strict([], { merchant }) },
  'page.chooseConnection': { pages: ['orderPage'], schema: strict(['connectionId'], { connectionId, merchant }) },
  'page.openOptions': { pages: ['orderPage'], schema: empty },
  'order.messageTypes': {
    pages: ['composer', 'popup'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'marketplaceId', 'refresh'],
      properties: { orderId, marketplaceId, refresh: { type: 'boolean' }, connectionId },
    },
  },
  'order.status': {
    pages: ['composer', 'popup'],
    schema: { type: 'object', additionalProperties: false, required: ['orderId'], properties: { orderId } },
  },
  'orders.recent': {
    pages: ['popup'],
    schema: { type: 'object', additionalProperties: false, required: ['marketplaceId'], properties: { marketplaceId, connectionId } },
  },
  'review.state': {
    pages: ['composer'],
    schema: { type: 'object', additionalProperties: false, required: ['orderId', 'marketplaceId'], properties: { orderId, marketplaceId } },
  },
  'review.request': {
    pages: ['composer'],
    schema: { type: 'object', additionalProperties: false, required: ['orderId', 'marketplaceId'], properties: { orderId, marketplaceId } },
  },
  'reviews.preview': { pages: ['reviews'], schema: reviewRange },
  'reviews.start': { pages: ['reviews'], schema: reviewRange },
  'reviews.run': { pages: ['reviews', 'popup'], schema: empty },
  'reviews.control': {
    pages: ['reviews'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['runId', 'action'],
      properties: { runId: { type: 'string', pattern: '^[0-9a-f-]{36}$' }, action: { enum: ['pause', 'resume', 'stop'] } },
    },
  },
  'reviews.exclusions': {
    pages: ['reviews'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { entries: { type: 'array', maxItems: 5000, items: { type: 'string', minLength: 1, maxLength: 100 } } },
    },
  },
  'reviews.auto': { pages: ['popup', 'options'], schema: empty },
  'reviews.autoSet': { pages: ['popup', 'options'], schema: strict(['enabled'], { enabled: { type: 'boolean' } }) },
  'reviews.autoCancel': {
    pages: ['popup'],
    schema: { oneOf: [strict(['connectionId', 'orderId'], { connectionId, orderId }), strict(['all'], { all: { const: true } })] },
  },
  'message.send': {
    pages: ['composer'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'marketplaceId', 'resendAfterUnknown'],
      properties: { orderId, marketplaceId, resendAfterUnknown: { type: 'boolean' }, hold: { type: 'boolean' } },
    },
  },
  'message.confirm': {
    pages: ['composer'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'jobId', 'send'],
      properties: { orderId, jobId: { type: 'string', pattern: '^[0-9a-f-]{36}$' }, send: { type: 'boolean' } },
    },
  },
  'draft.get': {
    pages: ['composer'],
    schema: { type: 'object', additionalProperties: false, required: ['orderId'], properties: { orderId } },
  },
  'draft.save': {
    pages: ['composer'],
    schema: { type: 'object', additionalProperties: false, required: ['draft'], properties: { draft } },
  },
  'draft.attachFile': {
    pages: ['composer'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'attachmentId', 'transferId'],
      properties: { orderId, attachmentId: id, transferId: id },
    },
  },
  'notifications.overview': { pages: ['popup'], schema: empty },
  'notifications.createDestination': {
    pages: ['popup'],
    schema: strict(['name', 'target'], {
      name: { type: 'string', maxLength: 512 },
      target: {
        oneOf: [
          strict(['kind', 'arn'], { kind: { const: 'sqs' }, arn: { type: 'string', maxLength: 1100 } }),
          strict(['kind', 'accountId', 'region'], {
            kind: { const: 'eventBridge' },
            accountId: { type: 'string', maxLength: 64 },
            region: { type: 'string', maxLength: 64 },
          }),
        ],
      },
    }),
  },
  'notifications.deleteDestination': { pages: ['popup'], schema: strict(['destinationId'], { destinationId: text(256) }) },
  'notifications.saveSubscription': {
    pages: ['popup'],
    schema: strict(['destinationId', 'changeTypes', 'marketplaceIds'], {
      destinationId: text(256),
      changeTypes: {
        oneOf: [{ const: 'all' }, { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: orderChangeType }],
      },
      marketplaceIds: { type: 'array', maxItems: 50, uniqueItems: true, items: marketplaceId },
      dropFilterExpression: { type: 'boolean' },
    }),
  },
  'notifications.deleteSubscription': { pages: ['popup'], schema: strict(['subscriptionId'], { subscriptionId: text(256) }) },
  'notifications.migrate': { pages: ['popup'], schema: empty },
  'inbox.get': { pages: ['popup'], schema: empty },
  'inbox.connectQueue': {
    pages: ['popup'],
    schema: strict(['queueUrl', 'region', 'accessKeyId', 'secretAccessKey'], {
      queueUrl: { type: 'string', maxLength: 2048, pattern: '^https?://' },
      region: awsRegion,
      accessKeyId: { type: 'string', pattern: '^[A-Z0-9]{16,128}$' },
      secretAccessKey: { ...token, minLength: 1, maxLength: 256 },
    }),
  },
  'inbox.disconnectQueue': { pages: ['popup'], schema: empty },
  'inbox.markSeen': {
    pages: ['popup'],
    schema: strict(['ids'], { ids: { oneOf: [{ const: 'all' }, { type: 'array', maxItems: 500, items: notificationId }] } }),
  },
  'inbox.setPrefs': {
    pages: ['popup'],
    schema: strict(['cancellations', 'newOrders'], { cancellations: { type: 'boolean' }, newOrders: { type: 'boolean' } }),
  },
  'inbox.checkNow': { pages: ['popup'], schema: empty },
  // A new passphrase must follow the rule; one being checked only has to be short enough to derive quickly.
  'lock.status': { pages: ['options', 'popup', 'composer'], schema: empty },
  'lock.set': {
    pages: ['options'],
    schema: strict(['passphrase'], { passphrase: { type: 'string', minLength: MIN_LENGTH, maxLength: MAX_LENGTH }, current: passphrase }),
  },
  'lock.unlock': { pages: ['options', 'popup', 'composer'], schema: strict(['passphrase'], { passphrase }) },
  'lock.lock': { pages: ['options', 'popup'], schema: empty },
  'lock.remove': { pages: ['options'], schema: strict(['passphrase'], { passphrase }) },
  // The order-page content script asks for its composer frame's one-time token; the frame redeems it.
  'composer.admit': {
    pages: ['orderPage'],
    schema: strict(['orderId', 'marketplaceId', 'connectionId'], { orderId, marketplaceId: { anyOf: [marketplaceId, { const: '' }] }, connectionId }),
  },
  'composer.redeem': {
    pages: ['composer'],
    schema: strict(['token', 'orderId'], { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' }, orderId }),
  },
};
