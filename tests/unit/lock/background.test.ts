/**
 * The lock as the rest of the background sees it: who may ask for what, that a passphrase never comes
 * back in an answer, how lock errors are explained, and that the connection summary survives a lock.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, type Handlers } from '../../../lib/background/router';
import { RULES } from '../../../lib/background/rules';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const from = (page: string) => ({ id: ID, url: `chrome-extension://${ID}/${page}.html` });
const PASSPHRASE = 'correct horse battery staple';

function router() {
  const handlers = Object.fromEntries(Object.keys(RULES).map((op) => [op, vi.fn(async () => ({ enabled: true, locked: false }))])) as unknown as Handlers;
  const route = createRouter({ extensionId: ID, extensionProtocol: 'chrome-extension:', rules: RULES, handlers, explain: () => ({ key: 'app_unexpectedError', substitutions: [] }) });
  return { route, handlers };
}

const requests: Record<string, unknown> = {
  'lock.status': {},
  'lock.set': { passphrase: PASSPHRASE, current: 'the old passphrase' },
  'lock.unlock': { passphrase: PASSPHRASE },
  'lock.lock': {},
  'lock.remove': { passphrase: PASSPHRASE },
};

const allowed: Record<string, string[]> = {
  'lock.status': ['options', 'popup', 'composer'],
  'lock.set': ['options'],
  'lock.unlock': ['options', 'popup', 'composer'],
  'lock.lock': ['options', 'popup'],
  'lock.remove': ['options'],
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('lock operations in the router', () => {
  it.each(Object.keys(allowed))('%s is answered for its pages only', async (op) => {
    for (const page of ['options', 'popup', 'composer']) {
      const result = await router().route({ op, req: requests[op] }, from(page));
      expect(result.ok, page).toBe(allowed[op]!.includes(page));
    }
  });

  it.each([
    ['lock.set', { passphrase: 'seven c' }],
    ['lock.set', { passphrase: 'p'.repeat(257) }],
    ['lock.set', { passphrase: PASSPHRASE, echo: true }],
    ['lock.unlock', { passphrase: '' }],
    ['lock.unlock', { passphrase: 'p'.repeat(300) }],
    ['lock.remove', {}],
    ['lock.lock', { passphrase: PASSPHRASE }],
  ])('%s refuses %#, before any handler runs and without repeating the passphrase', async (op, req) => {
    const { route, handlers } = router();
    const result = await route({ op, req }, from('options'));
    expect(result).toMatchObject({ ok: false, error: { key: 'app_invalidRequest' } });
    expect(handlers[op as keyof Handlers]).not.toHaveBeenCalled();
    const secret = (req as { passphrase?: string }).passphrase;
    if (secret) expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('lock errors and the connection while locked', () => {
  async function background() {
    vi.resetModules();
    globalThis.indexedDB = new IDBFactory();
    const vault = await import('../../../lib/credentials/vault');
    const { explain } = await import('../../../lib/background/explain');
    const connection = await import('../../../lib/background/connection');
    const { handlers } = await import('../../../lib/background/handlers');
    return { vault, explain, connection, handlers };
  }

  it('explains locked and wrong-passphrase refusals with their own messages, never the passphrase', async () => {
    const b = await background();
    await b.vault.setPassphrase(PASSPHRASE);
    await b.vault.lock();
    const locked = await b.vault.readSecrets().catch((e: unknown) => e);
    expect(b.explain(locked)).toEqual({ key: 'lock_locked', substitutions: [] });
    const wrong = await b.handlers['lock.unlock']({ passphrase: 'guess number one' }).catch((e: unknown) => e);
    expect(b.explain(wrong)).toEqual({ key: 'lock_wrongPassphrase', substitutions: [] });
    expect(JSON.stringify(b.explain(wrong)) + String(wrong)).not.toContain('guess number one');
  });

  it('the summary reports a locked connection instead of failing, and the API refuses to start', async () => {
    const b = await background();
    await b.connection.save({
      name: 'Main',
      endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:4567' },
      defaultMarketplaceId: 'ATVPDKIKX0DER',
      clientId: 'amzn1.application-oa2-client.demo',
      clientSecret: 'lwa-client-secret-0123456789',
      refreshToken: 'Atzr|refresh-token-0123456789',
    });
    await b.handlers['lock.set']({ passphrase: PASSPHRASE });
    expect(await b.handlers['lock.lock']({})).toEqual({ enabled: true, locked: true });
    expect(await b.connection.summary()).toMatchObject({ configured: true, locked: true, hasClientSecret: true, hasRefreshToken: true, clientId: 'amzn1.application-oa2-client.demo' });
    await expect(b.connection.api()).rejects.toBeInstanceOf(b.vault.VaultLockedError);
    await b.handlers['lock.unlock']({ passphrase: PASSPHRASE });
    const summary = await b.connection.summary();
    expect(summary.locked).toBeUndefined();
    expect(summary).toMatchObject({ configured: true, hasClientSecret: true });
  });
});
