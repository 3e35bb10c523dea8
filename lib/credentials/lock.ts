/**
 * BACKGROUND ONLY. The passphrase lock's building blocks: deriving a key from the seller's passphrase and
 * keeping the derived key for the browser session. The vault (./vault.ts) decides what is sealed under it.
 *
 * The derived key is kept in storage.session, not in a module variable, because an MV3 service worker is
 * stopped after half a minute idle: a restarted worker must still be unlocked. storage.session is closed
 * to content scripts by default and is never written to disk, so closing the browser locks again.
 */
import { browser } from 'wxt/browser';

if (typeof document !== 'undefined' && !location.protocol.endsWith('extension:')) {
  throw new Error('credentials/lock must only run inside the extension');
}

/**
 * PBKDF2-SHA-256 iterations for new passphrases. Measured in Chromium 156 (headless, AMD EPYC, 2 cores):
 * 600 000 ≈ 85 ms, 1 000 000 ≈ 115 ms, 2 000 000 ≈ 230 ms, 3 000 000 ≈ 350–650 ms. Two million is over
 * three times OWASP's 600 000 and still unlocks in under a second on a machine four times slower.
 * The count is stored with each lock, so raising it later does not strand an existing passphrase.
 */
export const ITERATIONS = 2_000_000;
export const SALT_BYTES = 16;
export const MIN_LENGTH = 8;
export const MAX_LENGTH = 256;

const SESSION_KEY = 'vault-unlocked';

export interface LockParams {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
}

/** An error the seller is shown as one of our messages (`key`); it never carries the passphrase. */
export class LockError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** The secrets are sealed under a passphrase and this browser session has not been unlocked. */
export class VaultLockedError extends LockError {
  constructor() {
    super('lock_locked');
  }
}

export class WrongPassphraseError extends LockError {
  constructor() {
    super('lock_wrongPassphrase');
  }
}

export class PassphraseRuleError extends LockError {
  constructor() {
    super('lock_passphraseRule');
  }
}

/** Characters as the seller counts them (code points), which is also how JSON Schema's minLength counts. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

export function checkRule(passphrase: string): void {
  const length = passphraseLength(passphrase);
  if (length < MIN_LENGTH || length > MAX_LENGTH) throw new PassphraseRuleError();
}

export function newParams(): LockParams {
  return { salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)), iterations: ITERATIONS };
}

/** The raw 256-bit AES key bytes for this passphrase and these parameters. */
export async function deriveBytes(passphrase: string, params: LockParams): Promise<Uint8Array<ArrayBuffer>> {
  // NFC: the same passphrase typed on another keyboard or system may arrive composed differently.
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: params.salt, iterations: params.iterations }, material, 256);
  return new Uint8Array(bits);
}

/** Used in memory only; the extractable form is the bytes in storage.session. */
export function aesKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

interface SessionEntry {
  /** Which lock the key belongs to: a key left from an earlier passphrase is not used. */
  salt: string;
  key: string;
}

/** storage.session holds JSON only, so the bytes are kept as Base64. */
export async function rememberKey(params: LockParams, bytes: Uint8Array): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEY]: { salt: toBase64(params.salt), key: toBase64(bytes) } satisfies SessionEntry });
}

export async function rememberedKey(params: LockParams): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const entry = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as SessionEntry | undefined;
  if (!entry || entry.salt !== toBase64(params.salt)) return undefined;
  return fromBase64(entry.key);
}

export async function forgetKey(): Promise<void> {
  await browser.storage.session.remove(SESSION_KEY);
}
