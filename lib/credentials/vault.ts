/**
 * BACKGROUND ONLY. The one owner of the seller's secrets (LWA client secret, refresh token, AWS key for
 * the SQS inbox). They are stored encrypted with AES-GCM in this extension's IndexedDB, which content
 * scripts cannot open (they run in the page's origin). The key is one of two:
 *
 *   no passphrase ─▶ a non-extractable device key, kept in the same IndexedDB
 *   passphrase    ─▶ a key derived from it with PBKDF2 (./lock.ts); the device key is deleted, so nothing
 *                    at rest opens the record, and the derived key lives in storage.session until the
 *                    seller locks or the browser closes
 *
 * Nothing here logs a secret or a passphrase.
 */
import { del, get, put } from '../store/db';
import { rememberSecret } from './redact';
import type { LockStatus } from '../protocol';
import type { Endpoint } from '../spapi/endpoints';
import {
  aesKey,
  checkRule,
  deriveBytes,
  forgetKey,
  newParams,
  rememberKey,
  rememberedKey,
  VaultLockedError,
  WrongPassphraseError,
  type LockParams,
} from './lock';

export { LockError, VaultLockedError, WrongPassphraseError } from './lock';

if (typeof document !== 'undefined' && !location.protocol.endsWith('extension:')) {
  throw new Error('credentials/vault must only run inside the extension');
}

export interface LwaSecrets {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /**
   * Where these secrets were entered for, and so the only place they are ever sent (LWA's token URL is
   * derived from it). Records written before secrets were bound have none until the background binds
   * them to the endpoint configured at the time (lib/background/connection.ts).
   */
  endpoint?: Endpoint;
}

export interface AwsSecrets {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Secrets {
  /** The single connection of release 0.1; moved to `connections.primary` by lib/background/connection.ts. */
  lwa?: LwaSecrets;
  /** Each connection's LWA secrets, by connection id (lib/store/connections.ts). */
  connections?: Record<string, LwaSecrets>;
  /** The single inbox queue's key before several connections; moved to `awsByConnection` by lib/background/inbox.ts. */
  aws?: AwsSecrets;
  /** Each connection's inbox queue key, by connection id. */
  awsByConnection?: Record<string, AwsSecrets>;
}

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  /** Present when sealed under the seller's passphrase: the salt and iteration count that derive its key. */
  lock?: LockParams;
}

type Locked = Sealed & { lock: LockParams };

const isLocked = (sealed: Sealed | undefined): sealed is Locked => sealed?.lock !== undefined;

const KEY_ID = 'vault-key';
const VAULT_ID = 'vault';

async function deviceKey(): Promise<CryptoKey> {
  const existing = await get<CryptoKey>('kv', KEY_ID);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await put('kv', key, KEY_ID);
  return key;
}

async function seal(secrets: Secrets, key: CryptoKey, lock?: LockParams): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(secrets)));
  await put('kv', (lock ? { iv, data, lock } : { iv, data }) satisfies Sealed, VAULT_ID);
}

async function open(sealed: Sealed, key: CryptoKey): Promise<Secrets> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as Secrets;
}

/** The key the record is sealed under right now; a passphrase record not unlocked this session has none. */
async function currentKey(sealed: Sealed): Promise<CryptoKey> {
  if (!sealed.lock) return deviceKey();
  const bytes = await rememberedKey(sealed.lock);
  if (!bytes) throw new VaultLockedError();
  return aesKey(bytes);
}

/** The passphrase is right exactly when its key opens the record: AES-GCM's tag fails for any other key. */
async function openWith(sealed: Locked, passphrase: string): Promise<{ secrets: Secrets; bytes: Uint8Array<ArrayBuffer> }> {
  const bytes = await deriveBytes(passphrase, sealed.lock);
  const key = await aesKey(bytes);
  let secrets: Secrets;
  try {
    secrets = await open(sealed, key);
  } catch {
    throw new WrongPassphraseError();
  }
  return { secrets, bytes };
}

let cached: Secrets | undefined;

/** Every value the vault hands out is known to redact() before anyone can use it. */
function remembered(secrets: Secrets): Secrets {
  const lwa = [secrets.lwa, ...Object.values(secrets.connections ?? {})];
  for (const value of [...lwa.flatMap((l) => [l?.clientSecret, l?.refreshToken]), secrets.aws?.secretAccessKey, ...Object.values(secrets.awsByConnection ?? {}).map((a) => a.secretAccessKey)]) rememberSecret(value);
  return secrets;
}
let queue: Promise<unknown> = Promise.resolve();

/**
 * One vault operation at a time. Resealing replaces the record and deletes or creates keys in steps; a
 * read or write slipping in between would find a record and a key that do not belong together.
 */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const record = () => get<Sealed>('kv', VAULT_ID);

/** The secrets, or VaultLockedError while a passphrase protects them and this session is not unlocked. */
export async function readSecrets(): Promise<Secrets> {
  if (cached) return cached;
  return exclusive(async () => {
    if (cached) return cached;
    const sealed = await record();
    if (!sealed) return {};
    cached = remembered(await open(sealed, await currentKey(sealed)));
    return cached;
  });
}

export function writeSecrets(update: Partial<Secrets>): Promise<Secrets> {
  return exclusive(async () => {
    const sealed = await record();
    const key = sealed ? await currentKey(sealed) : await deviceKey();
    const next: Secrets = { ...(sealed ? await open(sealed, key) : {}), ...update };
    await seal(next, key, sealed?.lock);
    cached = remembered(next);
    return next;
  });
}

/** Forgets the secrets and the passphrase with them: there is nothing left to protect. */
export function forgetSecrets(): Promise<void> {
  return exclusive(async () => {
    cached = undefined;
    await del('kv', VAULT_ID);
    await forgetKey();
  });
}

// ---- The passphrase lock --------------------------------------------------------------------------

export async function lockStatus(): Promise<LockStatus> {
  const sealed = await record();
  if (!isLocked(sealed)) return { enabled: false, locked: false };
  return { enabled: true, locked: !(await rememberedKey(sealed.lock)) };
}

/**
 * Seals the secrets under a new passphrase and leaves the vault unlocked for this session. Changing an
 * existing passphrase needs the current one (`current`), whether or not the session is unlocked.
 */
export function setPassphrase(passphrase: string, current?: string): Promise<LockStatus> {
  return exclusive(async () => {
    checkRule(passphrase);
    const sealed = await record();
    let secrets: Secrets = {};
    if (isLocked(sealed)) {
      if (current === undefined) throw new WrongPassphraseError();
      secrets = (await openWith(sealed, current)).secrets;
    } else if (sealed) {
      secrets = await open(sealed, await deviceKey());
    }
    const params = newParams();
    const bytes = await deriveBytes(passphrase, params);
    await seal(secrets, await aesKey(bytes), params);
    // The device key opened only the record just replaced; left on disk it would be a key with nothing
    // to open, and removing it means nothing at rest opens anything without the passphrase.
    await del('kv', KEY_ID);
    await rememberKey(params, bytes);
    cached = remembered(secrets);
    return { enabled: true, locked: false };
  });
}

export function unlock(passphrase: string): Promise<LockStatus> {
  return exclusive(async () => {
    const sealed = await record();
    if (!isLocked(sealed)) return { enabled: false, locked: false };
    const { secrets, bytes } = await openWith(sealed, passphrase);
    await rememberKey(sealed.lock, bytes);
    cached = remembered(secrets);
    return { enabled: true, locked: false };
  });
}

export function lock(): Promise<LockStatus> {
  return exclusive(async () => {
    cached = undefined;
    await forgetKey();
    const enabled = isLocked(await record());
    return { enabled, locked: enabled };
  });
}

/** Back to the device key; needs the current passphrase even when unlocked, so an open session is not enough. */
export function removePassphrase(passphrase: string): Promise<LockStatus> {
  return exclusive(async () => {
    const sealed = await record();
    if (!isLocked(sealed)) return { enabled: false, locked: false };
    const { secrets } = await openWith(sealed, passphrase);
    await seal(secrets, await deviceKey());
    await forgetKey();
    cached = remembered(secrets);
    return { enabled: false, locked: false };
  });
}
