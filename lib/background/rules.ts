/**
 * BACKGROUND ONLY. Who may ask for what, and what a valid request looks like. This file is the one place to
 * review what a page of the extension can make the background do.
 */
import './guard';
import type { Schema } from '@cfworker/json-schema';
import type { Rules } from './router';

const orderId: Schema = { type: 'string', pattern: '^\\d{3}-\\d{7}-\\d{7}$' };
const marketplaceId: Schema = { type: 'string', pattern: '^[A-Z0-9]{8,20}$' };
const empty: Schema = { type: 'object', additionalProperties: false };
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

export const RULES: Rules = {
  'connection.get': { pages: ['options', 'popup', 'composer'], schema: empty },
  'connection.save': {
    pages: ['options'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['endpoint', 'defaultMarketplaceId', 'clientId', 'clientSecret', 'refreshToken'],
      properties: {
        endpoint,
        defaultMarketplaceId: marketplaceId,
        clientId: { ...token, minLength: 1 },
        clientSecret: token,
        refreshToken: token,
      },
    },
  },
  'connection.test': { pages: ['options'], schema: empty },
  'connection.forget': { pages: ['options'], schema: empty },
  'order.messageTypes': {
    pages: ['composer', 'popup'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'marketplaceId', 'refresh'],
      properties: { orderId, marketplaceId, refresh: { type: 'boolean' } },
    },
  },
  'order.status': {
    pages: ['composer', 'popup'],
    schema: { type: 'object', additionalProperties: false, required: ['orderId'], properties: { orderId } },
  },
  'orders.recent': {
    pages: ['popup'],
    schema: { type: 'object', additionalProperties: false, required: ['marketplaceId'], properties: { marketplaceId } },
  },
  'message.send': {
    pages: ['composer'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'marketplaceId', 'resendAfterUnknown'],
      properties: { orderId, marketplaceId, resendAfterUnknown: { type: 'boolean' } },
    },
  },
};
