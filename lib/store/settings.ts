/**
 * Settings that are not secret, one storage item per value (storage.local). Secrets live in the vault; the connections in ./connections.ts.
 */
import { storage } from 'wxt/utils/storage';


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
