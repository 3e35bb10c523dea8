/**
 * IndexedDB upgrades keep every record. A database is written exactly as the first release (schema
 * version 1) wrote it, with the records each part of the extension keeps there, and then opened by the
 * current lib/store/db.ts.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ORDER = '902-3159896-1390916';
const OTHER = '305-7226541-3301942';

/** The first release's schema, frozen here as it shipped; never change it to match the code. */
function releaseOneSchema(db: IDBDatabase) {
  db.createObjectStore('kv');
  db.createObjectStore('drafts', { keyPath: 'orderId' });
  db.createObjectStore('blobs');
  const sends = db.createObjectStore('sends', { keyPath: 'id' });
  sends.createIndex('orderId', 'orderId');
  const history = db.createObjectStore('history', { keyPath: 'id' });
  history.createIndex('orderId', 'orderId');
}

const attachment = { id: 'att-0001-aaaa', fileName: 'proof.pdf', originalName: 'proof.pdf', type: 'application/pdf', size: 6, chunks: 1, md5: 'XUFAKcIhh4TeRO1GLQvsAA==' };
const job = (id: string, orderId: string, state: string, createdAt: number) => ({
  id, orderId, marketplaceId: 'ATVPDKIKX0DER', segment: 'confirmOrderDetails', title: 'Confirm order details', state,
  text: 'Hello', dates: {}, attachments: [], createdAt, updatedAt: createdAt,
});

/** What release 1 kept, store by store: [key, value] for stores without a key path. */
const RECORDS = {
  kv: [
    ['vault', { iv: new Uint8Array([1, 2, 3]), data: new Uint8Array([9, 8, 7]).buffer }],
    ['inbox', { entries: [{ id: 'n-1', change: { notificationId: 'n-1', orderId: ORDER, kind: 'cancellation' }, seen: false, receivedAt: 5 }], aside: [] }],
    ['inbox-status', { at: 7, result: { received: 1, stored: 1, duplicates: 0, aside: 0, deleted: 1, kept: 0 } }],
    ['notifications-pending', { restore: { subscriptionId: 's-1' }, at: 8 }],
  ],
  drafts: [
    { orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', segment: 'confirmCustomizationDetails', text: 'Proof attached.', dates: {}, attachments: [attachment], linksConfirmed: false, updatedAt: 3 },
    { orderId: OTHER, marketplaceId: '', text: 'Guten Tag', dates: { coverageStartDate: '2026-12-01' }, attachments: [], linksConfirmed: true, updatedAt: 4 },
  ],
  // Attachment bytes are stored as Blobs, one per chunk.
  blobs: [[`${attachment.id}#000`, new Blob([new Uint8Array([1, 2, 3, 4, 5, 6])])]],
  sends: [job('job-sent', ORDER, 'sent', 1), job('job-uploading', ORDER, 'uploading', 2), job('job-sending', OTHER, 'sending', 3), job('job-failed', OTHER, 'failed', 4)],
  history: [
    { id: 'job-sent', orderId: ORDER, segment: 'confirmOrderDetails', title: 'Confirm order details', at: 1, outcome: 'sent' },
    { id: 'job-failed', orderId: OTHER, segment: 'confirmOrderDetails', title: 'Confirm order details', at: 4, outcome: 'failed', error: { key: 'x', substitutions: [] } },
  ],
} as const;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function writeReleaseOne(): Promise<void> {
  const open = indexedDB.open('order-courier', 1);
  open.onupgradeneeded = () => releaseOneSchema(open.result);
  const db = await request(open);
  const tx = db.transaction(Object.keys(RECORDS), 'readwrite');
  for (const [store, records] of Object.entries(RECORDS)) {
    for (const record of records) {
      if (Array.isArray(record)) tx.objectStore(store).put(record[1], record[0] as string);
      else tx.objectStore(store).put(record);
    }
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function currentRelease() {
  vi.resetModules();
  return import('../../../lib/store/db');
}

function schemaOf(db: IDBDatabase) {
  const stores = [...db.objectStoreNames];
  const tx = db.transaction(stores, 'readonly');
  return stores.map((name) => {
    const s = tx.objectStore(name);
    return { name, keyPath: s.keyPath, indexes: [...s.indexNames].map((i) => ({ i, keyPath: s.index(i).keyPath })) };
  });
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('IndexedDB migrations', () => {
  it('upgrades a release-1 database to the current version without losing a record; the single connection\'s become `primary`\'s', async () => {
    await writeReleaseOne();
    const store = await currentRelease();
    const db = await store.openDb();
    expect(db.version).toBe(store.DB_VERSION);
    expect(store.DB_VERSION).toBeGreaterThan(1);
    for (const [name, records] of Object.entries(RECORDS)) {
      for (const record of records) {
        if (Array.isArray(record)) expect(await store.get(name as never, record[0] as string), `${name} ${record[0]}`).toEqual(record[1]);
        else if (name === 'drafts') expect(await store.get('drafts', ['primary', (record as { orderId: string }).orderId])).toEqual({ ...record, connectionId: 'primary' });
        else expect(await store.get(name as never, (record as { id: string }).id)).toEqual({ ...record, connectionId: 'primary' });
      }
      expect(await store.all(name as never)).toHaveLength(records.length);
    }
  });

  it('after the upgrade the parts of the extension read the old records through their new and old indexes', async () => {
    await writeReleaseOne();
    const store = await currentRelease();
    // The send journal's new index finds the unfinished sends written before it existed.
    expect((await store.byIndex<{ id: string }>('sends', 'state', 'uploading')).map((j) => j.id)).toEqual(['job-uploading']);
    expect((await store.byIndex<{ id: string }>('sends', 'state', 'sending')).map((j) => j.id)).toEqual(['job-sending']);
    expect((await store.byIndex<{ id: string }>('sends', 'orderId', ORDER)).map((j) => j.id).sort()).toEqual(['job-sent', 'job-uploading']);
    expect((await store.byIndex<{ id: string }>('history', 'orderId', OTHER)).map((h) => h.id)).toEqual(['job-failed']);
    // Sends and history of the single connection are the first connection's.
    expect((await store.byIndex<{ id: string }>('sends', 'connectionOrder', ['primary', ORDER])).map((j) => j.id).sort()).toEqual(['job-sent', 'job-uploading']);
    expect((await store.byIndex<{ id: string }>('history', 'connectionOrder', ['primary', OTHER])).map((h) => h.id)).toEqual(['job-failed']);
    // A draft and its attachment bytes come back whole through the drafts module, as the first connection's.
    const drafts = await import('../../../lib/store/drafts');
    expect(await drafts.getDraft('primary', ORDER)).toEqual(RECORDS.drafts[0]);
    expect(await drafts.getDraft('another-connection', ORDER)).toBeUndefined();
    const blob = await drafts.getAttachmentBlob(attachment);
    expect(blob && [...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a new install and an upgraded one end with the same schema', async () => {
    const fresh = await (await currentRelease()).openDb();
    const freshSchema = schemaOf(fresh);
    fresh.close();
    globalThis.indexedDB = new IDBFactory();
    await writeReleaseOne();
    const upgraded = await (await currentRelease()).openDb();
    expect(schemaOf(upgraded)).toEqual(freshSchema);
  });

  it('a database already at the current version is opened as it is', async () => {
    const first = await currentRelease();
    await first.put('drafts', { ...RECORDS.drafts[1], connectionId: 'primary' });
    (await first.openDb()).close();
    const again = await currentRelease();
    expect(await again.get('drafts', ['primary', OTHER])).toEqual({ ...RECORDS.drafts[1], connectionId: 'primary' });
  });
});
