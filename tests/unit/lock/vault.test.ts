/**
 * The vault with and without a passphrase, in fake IndexedDB and the WXT fake browser's storage.session.
 * Module reloads stand in for a restarted service worker: IndexedDB and storage.session outlive it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const SECRETS = {
  lwa: { clientId: 'amzn1.application-oa2-client.demo', clientSecret: 'lwa-client-secret-0123456789', refreshToken: 'Atzr|refresh-token-0123456789' },
  aws: { accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 'aws-secret-access-key-0123456789' },
};
const SECRET_VALUES = [SECRETS.lwa.clientSecret, SECRETS.lwa.refreshToken, SECRETS.aws.secretAccessKey];
const PASSPHRASE = 'correct horse battery staple';

interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  lock?: { salt: Uint8Array; iterations: number };
}

/** A (re)started worker: fresh modules over the same storage, or over new storage when `wipe`. */
async function worker(wipe = false) {
  vi.resetModules();
  if (wipe) globalThis.indexedDB = new IDBFactory();
  const vault = await import('../../../lib/credentials/vault');
  const lockModule = await import('../../../lib/credentials/lock');
  const db = await import('../../../lib/store/db');
  return { ...vault, lockModule, db };
}

type Worker = Awaited<ReturnType<typeof worker>>;

const sealedRecord = (w: Worker) => w.db.get<SealedRecord>('kv', 'vault');

/** Everything the record holds, as text, to look for secrets in it. */
function atRest(record: SealedRecord | undefined): string {
  if (!record) return '';
  return [new TextDecoder().decode(record.data), JSON.stringify(record), Buffer.from(record.data).toString('base64')].join('\n');
}

async function withSecretsAndPassphrase(): Promise<Worker> {
  const w = await worker(true);
  await w.writeSecrets(SECRETS);
  await w.setPassphrase(PASSPHRASE);
  return w;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('vault without a passphrase', () => {
  it('seals under the device key and reads back after a restart, with no lock', async () => {
    const first = await worker(true);
    await first.writeSecrets(SECRETS);
    const restarted = await worker();
    expect(await restarted.readSecrets()).toEqual(SECRETS);
    expect(await restarted.lockStatus()).toEqual({ enabled: false, locked: false });
    expect((await sealedRecord(restarted))?.lock).toBeUndefined();
  });
});

describe('setting a passphrase', () => {
  it('reseals under a PBKDF2 key: the device key is deleted, could not open the record, and nothing at rest holds a secret', async () => {
    const w = await worker(true);
    await w.writeSecrets(SECRETS);
    const deviceKey = await w.db.get<CryptoKey>('kv', 'vault-key');
    expect(deviceKey).toBeDefined();

    expect(await w.setPassphrase(PASSPHRASE)).toEqual({ enabled: true, locked: false });

    const record = await sealedRecord(w);
    expect(record?.lock?.salt).toHaveLength(16);
    expect(record?.lock?.iterations).toBeGreaterThanOrEqual(600_000);
    expect(await w.db.get('kv', 'vault-key')).toBeUndefined();
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv: record!.iv }, deviceKey!, record!.data)).rejects.toThrow();
    const everythingStored = atRest(record) + JSON.stringify(await w.db.all('kv'));
    for (const secret of SECRET_VALUES) expect(everythingStored).not.toContain(secret);
    expect(everythingStored).not.toContain(PASSPHRASE);
    // The session keeps the derived key, never the passphrase.
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(PASSPHRASE);
  });

  it('stays unlocked for the session, and what is written afterwards is sealed under the passphrase too', async () => {
    const w = await withSecretsAndPassphrase();
    expect(await w.readSecrets()).toEqual(SECRETS);
    await w.writeSecrets({ aws: undefined });
    expect((await sealedRecord(w))?.lock).toBeDefined();
    await w.lock();
    await w.unlock(PASSPHRASE);
    expect(await w.readSecrets()).toEqual({ lwa: SECRETS.lwa });
  });

  it('works before any credential is stored, and the first credentials are sealed under it', async () => {
    const w = await worker(true);
    await w.setPassphrase(PASSPHRASE);
    await w.writeSecrets({ lwa: SECRETS.lwa });
    expect(atRest(await sealedRecord(w))).not.toContain(SECRETS.lwa.clientSecret);
    expect(await w.db.get('kv', 'vault-key')).toBeUndefined();
    await w.lock();
    await expect(w.readSecrets()).rejects.toBeInstanceOf(w.VaultLockedError);
  });

  it.each([['seven c', 'fewer than 8'], ['x'.repeat(257), 'more than 256']])('refuses %#: %s characters', async (short) => {
    const w = await worker(true);
    await expect(w.setPassphrase(short)).rejects.toBeInstanceOf(w.lockModule.PassphraseRuleError);
    expect(await w.lockStatus()).toEqual({ enabled: false, locked: false });
  });

  it('counts characters, not UTF-16 units: eight emoji are enough', async () => {
    const w = await worker(true);
    await w.setPassphrase('🔒'.repeat(8));
    await w.lock();
    await expect(w.unlock('🔒'.repeat(8))).resolves.toEqual({ enabled: true, locked: false });
  });
});

describe('locked', () => {
  it('refuses to read or write', async () => {
    const w = await withSecretsAndPassphrase();
    expect(await w.lock()).toEqual({ enabled: true, locked: true });
    await expect(w.readSecrets()).rejects.toBeInstanceOf(w.VaultLockedError);
    await expect(w.writeSecrets({ aws: undefined })).rejects.toBeInstanceOf(w.VaultLockedError);
    expect(await w.lockStatus()).toEqual({ enabled: true, locked: true });
    // The session holds nothing that opens the record.
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toBe('{}');
  });

  it('unlocks with the right passphrase, and refuses a wrong one with its own error', async () => {
    const w = await withSecretsAndPassphrase();
    await w.lock();
    await expect(w.unlock('not the passphrase')).rejects.toBeInstanceOf(w.WrongPassphraseError);
    await expect(w.readSecrets()).rejects.toBeInstanceOf(w.VaultLockedError);
    expect(await w.unlock(PASSPHRASE)).toEqual({ enabled: true, locked: false });
    expect(await w.readSecrets()).toEqual(SECRETS);
  });

  it('a read already waiting when the seller locks does not find the secrets', async () => {
    const restarted = await (async () => {
      await withSecretsAndPassphrase();
      return worker();
    })();
    const locking = restarted.lock();
    const reading = restarted.readSecrets();
    await locking;
    await expect(reading).rejects.toBeInstanceOf(restarted.VaultLockedError);
  });
});

describe('the unlocked session', () => {
  it('survives a restarted worker', async () => {
    await withSecretsAndPassphrase();
    const restarted = await worker();
    expect(await restarted.lockStatus()).toEqual({ enabled: true, locked: false });
    expect(await restarted.readSecrets()).toEqual(SECRETS);
  });

  it('does not survive a closed browser (storage.session cleared)', async () => {
    await withSecretsAndPassphrase();
    await fakeBrowser.storage.session.clear();
    const restarted = await worker();
    expect(await restarted.lockStatus()).toEqual({ enabled: true, locked: true });
    await expect(restarted.readSecrets()).rejects.toBeInstanceOf(restarted.VaultLockedError);
  });

  it('does not survive locking, even in a restarted worker', async () => {
    const w = await withSecretsAndPassphrase();
    await w.lock();
    const restarted = await worker();
    await expect(restarted.readSecrets()).rejects.toBeInstanceOf(restarted.VaultLockedError);
  });
});

describe('changing and removing the passphrase', () => {
  it('changing needs the current passphrase; afterwards only the new one unlocks', async () => {
    const w = await withSecretsAndPassphrase();
    await expect(w.setPassphrase('a brand new passphrase')).rejects.toBeInstanceOf(w.WrongPassphraseError);
    await expect(w.setPassphrase('a brand new passphrase', 'a wrong current one')).rejects.toBeInstanceOf(w.WrongPassphraseError);
    const saltBefore = (await sealedRecord(w))?.lock?.salt;
    await w.setPassphrase('a brand new passphrase', PASSPHRASE);
    expect((await sealedRecord(w))?.lock?.salt).not.toEqual(saltBefore);
    await w.lock();
    await expect(w.unlock(PASSPHRASE)).rejects.toBeInstanceOf(w.WrongPassphraseError);
    await w.unlock('a brand new passphrase');
    expect(await w.readSecrets()).toEqual(SECRETS);
  });

  it('removing needs the passphrase, then storage is as without one: device key, readable after a restart', async () => {
    const w = await withSecretsAndPassphrase();
    await expect(w.removePassphrase('a wrong one here')).rejects.toBeInstanceOf(w.WrongPassphraseError);
    expect(await w.lockStatus()).toEqual({ enabled: true, locked: false });
    expect(await w.removePassphrase(PASSPHRASE)).toEqual({ enabled: false, locked: false });
    expect((await sealedRecord(w))?.lock).toBeUndefined();
    expect(await w.db.get('kv', 'vault-key')).toBeDefined();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toBe('{}');
    await fakeBrowser.storage.session.clear();
    const restarted = await worker();
    expect(await restarted.readSecrets()).toEqual(SECRETS);
    expect(atRest(await sealedRecord(restarted))).not.toContain(SECRETS.lwa.clientSecret);
  });

  it('removing works while locked, with the passphrase', async () => {
    const w = await withSecretsAndPassphrase();
    await w.lock();
    await w.removePassphrase(PASSPHRASE);
    expect(await w.readSecrets()).toEqual(SECRETS);
  });

  it('forgetting the credentials removes the lock with them', async () => {
    const w = await withSecretsAndPassphrase();
    await w.forgetSecrets();
    expect(await w.lockStatus()).toEqual({ enabled: false, locked: false });
    expect(await w.readSecrets()).toEqual({});
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toBe('{}');
    await w.writeSecrets({ lwa: SECRETS.lwa });
    expect(await (await worker()).readSecrets()).toEqual({ lwa: SECRETS.lwa });
  });
});
