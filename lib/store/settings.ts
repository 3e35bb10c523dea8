/**
 * Settings that are not secret, one storage item per value (storage.local). Secrets live in the vault; the connections in ./connections.ts.
 */
import { storage } from 'wxt/utils/storage';
import { PRIMARY_CONNECTION_ID, readConnections } from './connections';


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

/** The single queue of releases before several connections. Read only to migrate it. */
const legacyInboxQueue = storage.defineItem<InboxQueueSettings | null>('local:inboxQueue', {
  fallback: null,
  version: 1,
});

/**
 * Each connection's queue, by connection id: Amazon keeps destinations and subscriptions per application and
 * region, so each connection has its own queue, or none.
 */
export const inboxQueuesItem = storage.defineItem<Record<string, InboxQueueSettings>>('local:inboxQueues', { fallback: {} });

/** The connection that what the single queue held (its settings, key and changes) belongs to. */
export async function legacyInboxOwner(): Promise<string> {
  return (await readConnections())[0]?.id ?? PRIMARY_CONNECTION_ID;
}

/**
 * The upgrade: the single queue belongs to the first connection, the one that subscribed it (the single
 * connection of that release became the first). Run before every read; once done it reads one item.
 */
async function migrateInboxQueue(): Promise<void> {
  const legacy = await legacyInboxQueue.getValue();
  if (!legacy) return;
  await inboxQueuesItem.setValue({ [await legacyInboxOwner()]: legacy, ...(await inboxQueuesItem.getValue()) });
  await legacyInboxQueue.removeValue();
}

let migrating: Promise<void> | undefined;

export async function readInboxQueues(): Promise<Record<string, InboxQueueSettings>> {
  migrating ??= migrateInboxQueue().finally(() => (migrating = undefined));
  await migrating;
  return inboxQueuesItem.getValue();
}
