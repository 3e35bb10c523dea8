/**
 * Secrets belong to the endpoint they were entered for: blank fields keep them only there, a record from
 * before the binding is bound to the endpoint configured at upgrade, the passphrase lock keeps working,
 * and every value the vault holds is cleaned from what the seller is shown.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Endpoint } from '../../../lib/spapi/endpoints';

const LOCAL_A: Endpoint = { kind: 'custom', baseUrl: 'http://127.0.0.1:4567' };
const LOCAL_B: Endpoint = { kind: 'custom', baseUrl: 'http://127.0.0.1:4568' };
const AMAZON_EU: Endpoint = { kind: 'production', region: 'EU' };
const SECRET = 'lwa-client-secret-for-a-0123';
const REFRESH = 'Atzr|refresh-token-for-a-0123';
const input = (endpoint: Endpoint, secrets = { clientSecret: '', refreshToken: '' }) => ({
  endpoint,
  defaultMarketplaceId: 'ATVPDKIKX0DER',
  clientId: 'amzn1.application-oa2-client.demo',
  ...secrets,
});

async function background() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const vault = await import('../../../lib/credentials/vault');
  const connection = await import('../../../lib/background/connection');
  const { explain } = await import('../../../lib/background/explain');
  const { handlers } = await import('../../../lib/background/handlers');
  const settings = await import('../../../lib/store/settings');
  return { vault, connection, explain, handlers, settings };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Order Courier', version: '0.1.0' });
});

describe('secrets bound to their endpoint', () => {
  it('blank fields keep the secrets for the same endpoint only', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    // Same endpoint, blank fields: kept (also when the address is written with a trailing slash).
    await b.connection.save(input({ kind: 'custom', baseUrl: 'http://127.0.0.1:4567/' }));
    expect((await b.vault.readSecrets()).lwa).toMatchObject({ clientSecret: SECRET, refreshToken: REFRESH, endpoint: { baseUrl: 'http://127.0.0.1:4567/' } });

    for (const other of [LOCAL_B, AMAZON_EU]) {
      const refused = await b.connection.save(input(other)).catch((e: unknown) => e);
      expect(b.explain(refused)).toEqual({ key: 'opt_secretsOtherEndpoint', substitutions: [] });
    }
    // Nothing changed by the refusals: the connection still points where its secrets belong.
    expect((await b.settings.connectionSettings.getValue())?.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:4567/' });
    expect(await b.connection.summary()).toMatchObject({ secretsFor: { kind: 'custom' }, hasClientSecret: true });

    // Typed again for the other endpoint, they are stored for it.
    await b.connection.save(input(AMAZON_EU, { clientSecret: 'another-secret-0123', refreshToken: 'Atzr|another-0123' }));
    expect((await b.vault.readSecrets()).lwa).toMatchObject({ clientSecret: 'another-secret-0123', endpoint: AMAZON_EU });
  });

  it('a record stored before the binding is bound to the endpoint configured at upgrade, and keeps working', async () => {
    const b = await background();
    // As an earlier version left it: secrets without an endpoint, settings naming the endpoint.
    await b.vault.writeSecrets({ lwa: { clientId: 'amzn1.application-oa2-client.demo', clientSecret: SECRET, refreshToken: REFRESH } });
    await b.settings.connectionSettings.setValue({ endpoint: LOCAL_A, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'amzn1.application-oa2-client.demo' });

    expect(await b.connection.summary()).toMatchObject({ configured: true, hasClientSecret: true, secretsFor: LOCAL_A });
    expect((await b.vault.readSecrets()).lwa?.endpoint).toEqual(LOCAL_A);
    await expect(b.connection.api()).resolves.toBeDefined();
    // Bound now: a blank save for another endpoint does not take them along.
    await expect(b.connection.save(input(LOCAL_B))).rejects.toBeDefined();
    await b.connection.save(input(LOCAL_A));
    expect((await b.vault.readSecrets()).lwa).toMatchObject({ clientSecret: SECRET, endpoint: LOCAL_A });
  });

  it('the binding survives a passphrase: locked, unlocked, still bound', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    await b.handlers['lock.set']({ passphrase: 'correct horse battery staple' });
    await b.handlers['lock.lock']({});
    await expect(b.connection.save(input(LOCAL_A))).rejects.toBeInstanceOf(b.vault.VaultLockedError);
    await b.handlers['lock.unlock']({ passphrase: 'correct horse battery staple' });
    expect((await b.vault.readSecrets()).lwa?.endpoint).toEqual(LOCAL_A);
    await expect(b.connection.save(input(LOCAL_B))).rejects.toBeDefined();
  });

  it('every held secret is cleaned from explained errors by value, whatever its shape', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    await b.vault.writeSecrets({ aws: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'aws/secret+key=0123' } });
    const { redact, rememberSecret } = await import('../../../lib/credentials/redact');
    rememberSecret('access-token-without-a-known-prefix');
    const text = `echo ${SECRET} ${REFRESH} aws/secret+key=0123 ${encodeURIComponent('aws/secret+key=0123')} access-token-without-a-known-prefix`;
    const shown = JSON.stringify(b.explain(new Error(text)));
    expect(shown).toContain('echo *** *** *** *** ***');
    expect(shown).not.toMatch(/secret|refresh|access-token/);
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});
