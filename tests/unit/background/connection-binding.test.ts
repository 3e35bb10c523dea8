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
const input = (endpoint: Endpoint, secrets = { clientSecret: '', refreshToken: '' }, id?: string) => ({
  ...(id ? { id } : {}),
  name: 'Main',
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
  const connections = await import('../../../lib/store/connections');
  return { vault, connection, explain, handlers, connections };
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
    await b.connection.save(input({ kind: 'custom', baseUrl: 'http://127.0.0.1:4567/' }, undefined, 'primary'));
    expect((await b.vault.readSecrets()).connections?.primary).toMatchObject({ clientSecret: SECRET, refreshToken: REFRESH, endpoint: { baseUrl: 'http://127.0.0.1:4567/' } });

    for (const other of [LOCAL_B, AMAZON_EU]) {
      const refused = await b.connection.save(input(other, undefined, 'primary')).catch((e: unknown) => e);
      expect(b.explain(refused)).toEqual({ key: 'opt_secretsOtherEndpoint', substitutions: [] });
    }
    // Nothing changed by the refusals: the connection still points where its secrets belong.
    expect((await b.connections.readConnections())[0]?.endpoint).toMatchObject({ baseUrl: 'http://127.0.0.1:4567/' });
    expect(await b.connection.summary()).toMatchObject({ secretsFor: { kind: 'custom' }, hasClientSecret: true });

    // Typed again for the other endpoint, they are stored for it.
    await b.connection.save({ ...input(AMAZON_EU, { clientSecret: 'another-secret-0123', refreshToken: 'Atzr|another-0123' }, 'primary'), defaultMarketplaceId: 'A1PA6795UKMFR9' });
    expect((await b.vault.readSecrets()).connections?.primary).toMatchObject({ clientSecret: 'another-secret-0123', endpoint: AMAZON_EU });
  });

  it('a record stored before the binding is bound to the endpoint configured at upgrade, and keeps working', async () => {
    const b = await background();
    // As an earlier version left it: secrets without an endpoint, settings naming the endpoint.
    await b.vault.writeSecrets({ lwa: { clientId: 'amzn1.application-oa2-client.demo', clientSecret: SECRET, refreshToken: REFRESH } });
    await fakeBrowser.storage.local.set({ connection: { endpoint: LOCAL_A, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'amzn1.application-oa2-client.demo' } });

    expect(await b.connection.summary()).toMatchObject({ configured: true, id: 'primary', hasClientSecret: true, secretsFor: LOCAL_A });
    expect((await b.vault.readSecrets()).connections?.primary?.endpoint).toEqual(LOCAL_A);
    await expect(b.connection.api()).resolves.toBeDefined();
    // Bound now: a blank save for another endpoint does not take them along.
    await expect(b.connection.save(input(LOCAL_B, undefined, 'primary'))).rejects.toBeDefined();
    await b.connection.save(input(LOCAL_A, undefined, 'primary'));
    expect((await b.vault.readSecrets()).connections?.primary).toMatchObject({ clientSecret: SECRET, endpoint: LOCAL_A });
  });

  it('the binding survives a passphrase: locked, unlocked, still bound', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    await b.handlers['lock.set']({ passphrase: 'correct horse battery staple' });
    await b.handlers['lock.lock']({});
    await expect(b.connection.save(input(LOCAL_A, undefined, 'primary'))).rejects.toBeInstanceOf(b.vault.VaultLockedError);
    await b.handlers['lock.unlock']({ passphrase: 'correct horse battery staple' });
    expect((await b.vault.readSecrets()).connections?.primary?.endpoint).toEqual(LOCAL_A);
    await expect(b.connection.save(input(LOCAL_B, undefined, 'primary'))).rejects.toBeDefined();
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

describe('several connections', () => {
  const OTHER_SECRETS = { clientSecret: 'lwa-client-secret-for-b-0123', refreshToken: 'Atzr|refresh-token-for-b-0123' };

  it('the single connection of the earlier release becomes `primary` with everything kept, and nothing to re-enter', async () => {
    const b = await background();
    await b.vault.writeSecrets({ lwa: { clientId: 'amzn1.application-oa2-client.demo', clientSecret: SECRET, refreshToken: REFRESH, endpoint: LOCAL_A } });
    await fakeBrowser.storage.local.set({ connection: { endpoint: LOCAL_A, defaultMarketplaceId: 'A1PA6795UKMFR9', clientId: 'amzn1.application-oa2-client.demo' } });

    const view = await b.connection.listView();
    expect(view.current).toBe('primary');
    expect(view.connections).toEqual([
      expect.objectContaining({ id: 'primary', name: '127.0.0.1:4567', endpoint: LOCAL_A, defaultMarketplaceId: 'A1PA6795UKMFR9', configured: true, hasClientSecret: true, hasRefreshToken: true }),
    ]);
    expect(await fakeBrowser.storage.local.get('connection')).toEqual({});
    const secrets = await b.vault.readSecrets();
    expect(secrets.lwa).toBeUndefined();
    expect(secrets.connections).toEqual({ primary: { clientId: 'amzn1.application-oa2-client.demo', clientSecret: SECRET, refreshToken: REFRESH, endpoint: LOCAL_A } });
  });

  it("a new install's first connection is `primary`, later ones get their own ids, secrets and clients", async () => {
    const b = await background();
    const first = await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    const second = await b.connection.save({ ...input(LOCAL_B, OTHER_SECRETS), name: 'Europe', region: 'EU', defaultMarketplaceId: 'A1PA6795UKMFR9' });
    expect(first.id).toBe('primary');
    expect(second).toMatchObject({ name: 'Europe', region: 'EU', secretsFor: LOCAL_B });
    expect(second.id).not.toBe('primary');
    const [a, c] = [await b.connection.api('primary'), await b.connection.api(second.id)];
    // One client each, so one token cache and one rate limiter each.
    expect(a).not.toBe(c);
    expect(a.limiter).not.toBe(c.limiter);
    expect(await b.connection.api('primary')).toBe(a);
  });

  it('the same refresh token at the same endpoint twice is refused with a clear message', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    const refused = await b.connection.save({ ...input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }), name: 'Again' }).catch((e: unknown) => e);
    expect(b.explain(refused)).toEqual({ key: 'conn_duplicate', substitutions: ['Main'] });
    // At another address the same token is another connection.
    await expect(b.connection.save({ ...input(LOCAL_B, { clientSecret: SECRET, refreshToken: REFRESH }), name: 'Other' })).resolves.toMatchObject({ name: 'Other' });
    expect((await b.connection.listView()).connections).toHaveLength(2);
  });

  it("an Amazon endpoint's default marketplace must be in its region", async () => {
    const b = await background();
    const refused = await b.connection.save({ ...input(AMAZON_EU, { clientSecret: SECRET, refreshToken: REFRESH }) }).catch((e: unknown) => e);
    expect(b.explain(refused)).toEqual({ key: 'opt_marketplaceRegion', substitutions: [] });
  });

  it('removing one keeps the others and their secrets; removing the last forgets the passphrase too', async () => {
    const b = await background();
    await b.connection.save(input(LOCAL_A, { clientSecret: SECRET, refreshToken: REFRESH }));
    const second = await b.connection.save({ ...input(LOCAL_B, OTHER_SECRETS), name: 'Europe' });
    await b.handlers['lock.set']({ passphrase: 'correct horse battery staple' });
    const after = await b.connection.remove('primary');
    expect(after.connections.map((c) => c.id)).toEqual([second.id]);
    expect(after.current).toBe(second.id);
    expect(Object.keys((await b.vault.readSecrets()).connections ?? {})).toEqual([second.id]);
    expect((await b.vault.lockStatus()).enabled).toBe(true);
    await b.connection.remove(second.id!);
    expect((await b.vault.lockStatus()).enabled).toBe(false);
    await expect(b.connection.api()).rejects.toBeInstanceOf(Error);
  });
});
