/**
 * Settings that are not secret, one storage item per value (storage.local). Secrets live in the vault.
 */
import { storage } from 'wxt/utils/storage';
import type { Endpoint } from '../spapi/endpoints';

export interface ConnectionSettings {
  endpoint: Endpoint;
  defaultMarketplaceId: string;
  clientId: string;
}

export const connectionSettings = storage.defineItem<ConnectionSettings | null>('local:connection', {
  fallback: null,
  version: 1,
});

export interface NotificationPrefs {
  cancellations: boolean;
  newOrders: boolean;
}

export const notificationPrefs = storage.defineItem<NotificationPrefs>('local:notificationPrefs', {
  fallback: { cancellations: true, newOrders: true },
  version: 1,
});

export interface InboxQueueSettings {
  queueUrl: string;
  region: string;
  accessKeyId: string;
}

export const inboxQueue = storage.defineItem<InboxQueueSettings | null>('local:inboxQueue', {
  fallback: null,
  version: 1,
});
