/**
 * The extension's IndexedDB database. It lives in the extension's own origin, so the service worker and
 * extension pages (composer, popup, options) share it, and no content script or web page can open it.
 * That is why drafts (with attachment bytes), the send journal and the credential vault live here and
 * not in storage.local, which content scripts can read.
 */
export const DB_NAME = 'order-courier';

export type StoreName = 'kv' | 'drafts' | 'blobs' | 'sends' | 'history' | 'reviews' | 'reviewRuns' | 'autoReviews';

type Migration = (db: IDBDatabase, upgrade: IDBTransaction) => void;

/** PRIMARY_CONNECTION_ID, written out: a released step must not change when that module does. */
const PRIMARY = 'primary';

/**
 * The schema's history: step i upgrades version i to version i + 1, and a new install runs them all.
 * A released step is never edited (databases in the field were built by it); a change is a new step,
 * and tests/unit/store/migrations.test.ts opens a database as the previous release wrote it.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1, the first release: settings and the inbox in `kv`, drafts with their attachment chunks in
  // `blobs`, the send journal and the send history.
  (db) => {
    db.createObjectStore('kv');
    db.createObjectStore('drafts', { keyPath: 'orderId' });
    db.createObjectStore('blobs');
    const sends = db.createObjectStore('sends', { keyPath: 'id' });
    sends.createIndex('orderId', 'orderId');
    const history = db.createObjectStore('history', { keyPath: 'id' });
    history.createIndex('orderId', 'orderId');
  },
  // 1 → 2: the send journal by state, so a restarted worker finds the unfinished sends without reading
  // every send ever made. IndexedDB builds the index over the records already there.
  (_db, upgrade) => {
    upgrade.objectStore('sends').createIndex('state', 'state');
  },
  // 2 → 3: several connections. Drafts are keyed by connection and order, the send journal and the history
  // are found by connection and order; what the single connection kept becomes the first connection's,
  // `primary` (lib/store/connections.ts). A key path cannot change in place: the drafts are read, the store
  // is made anew, and they are written back, all in this one transaction.
  (db, upgrade) => {
    const drafts = upgrade.objectStore('drafts').getAll();
    drafts.onsuccess = () => {
      db.deleteObjectStore('drafts');
      const store = db.createObjectStore('drafts', { keyPath: ['connectionId', 'orderId'] });
      for (const draft of drafts.result as object[]) store.put({ ...draft, connectionId: PRIMARY });
    };
    for (const name of ['sends', 'history'] as const) {
      const store = upgrade.objectStore(name);
      store.createIndex('connectionOrder', ['connectionId', 'orderId']);
      store.openCursor().onsuccess = (event) => {
        const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        cursor.update({ ...(cursor.value as object), connectionId: PRIMARY });
        cursor.continue();
      };
    }
  },
  // 3 → 4: review requests, one marker per connection and order (requested, refused by Amazon, or sent
  // with its outcome unknown), so an order is never asked twice.
  (db) => {
    const reviews = db.createObjectStore('reviews', { keyPath: ['connectionId', 'orderId'] });
    reviews.createIndex('connectionId', 'connectionId');
    // The bulk review runs, a journal like the send journal: each order's state is written as it ends.
    const runs = db.createObjectStore('reviewRuns', { keyPath: 'id' });
    runs.createIndex('connectionId', 'connectionId');
  },
  // 4 → 5: the automatic review requests' schedule, one entry per connection and order (waiting for its
  // window, or where it ended, so a cancelled order is not scheduled again).
  (db) => {
    const auto = db.createObjectStore('autoReviews', { keyPath: ['connectionId', 'orderId'] });
    auto.createIndex('state', 'state');
  },
];

export const DB_VERSION = MIGRATIONS.length;

let opening: Promise<IDBDatabase> | undefined;

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      // One versionchange transaction runs every step: a failed step aborts it, and the database stays
      // at its old version with its records as they were.
      for (let version = event.oldVersion; version < DB_VERSION; version++) MIGRATIONS[version]!(request.result, request.transaction!);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another context upgrading the schema must not be blocked by this one.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = undefined;
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

export async function get<T>(name: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return (await done((await store(name, 'readonly')).get(key))) as T | undefined;
}

export async function put(name: StoreName, value: unknown, key?: IDBValidKey): Promise<void> {
  await done((await store(name, 'readwrite')).put(value, key));
}

export async function del(name: StoreName, key: IDBValidKey): Promise<void> {
  await done((await store(name, 'readwrite')).delete(key));
}

export async function all<T>(name: StoreName): Promise<T[]> {
  return (await done((await store(name, 'readonly')).getAll())) as T[];
}

/** Every value whose key lies between `lower` and `upper`, in key order, in one transaction. */
export async function range<T>(name: StoreName, lower: string, upper: string): Promise<T[]> {
  return (await done((await store(name, 'readonly')).getAll(IDBKeyRange.bound(lower, upper)))) as T[];
}

export async function byIndex<T>(name: StoreName, index: string, value: IDBValidKey): Promise<T[]> {
  return (await done((await store(name, 'readonly')).index(index).getAll(value))) as T[];
}
