/**
 * BACKGROUND ONLY. The one owner of the seller's secrets (LWA client secret, refresh token, AWS key for
 * the SQS inbox). They are stored encrypted with AES-GCM under a non-extractable key that never leaves
 * this extension's IndexedDB; content scripts can read neither (they run in the page's origin).
 * Nothing here logs a secret.
 */
import { del, get, put } from '../store/db';

if (typeof document !== 'undefined' && !location.protocol.endsWith('extension:')) {
  throw new Error('credentials/vault must only run inside the extension');
}

export interface LwaSecrets {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface AwsSecrets {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Secrets {
  lwa?: LwaSecrets;
  aws?: AwsSecrets;
}

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const KEY_ID = 'vault-key';
const VAULT_ID = 'vault';

async function vaultKey(): Promise<CryptoKey> {
  const existing = await get<CryptoKey>('kv', KEY_ID);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await put('kv', key, KEY_ID);
  return key;
}

let cached: Secrets | undefined;

export async function readSecrets(): Promise<Secrets> {
  if (cached) return cached;
  const sealed = await get<Sealed>('kv', VAULT_ID);
  if (!sealed) return {};
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await vaultKey(), sealed.data);
  cached = JSON.parse(new TextDecoder().decode(plain)) as Secrets;
  return cached;
}

export async function writeSecrets(update: Partial<Secrets>): Promise<Secrets> {
  const next: Secrets = { ...(await readSecrets()), ...update };
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await vaultKey(),
    new TextEncoder().encode(JSON.stringify(next)),
  );
  await put('kv', { iv, data } satisfies Sealed, VAULT_ID);
  cached = next;
  return next;
}

export async function forgetSecrets(): Promise<void> {
  cached = undefined;
  await del('kv', VAULT_ID);
}

/** Every secret value currently held, so error reports can be scrubbed of them. */
export async function secretValues(): Promise<string[]> {
  const s = await readSecrets();
  return [s.lwa?.clientSecret, s.lwa?.refreshToken, s.aws?.secretAccessKey].filter(
    (v): v is string => typeof v === 'string' && v.length >= 6,
  );
}
