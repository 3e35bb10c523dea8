/**
 * BACKGROUND ONLY. The seller's connection: non-secret settings in storage.local, secrets in the vault,
 * access tokens in storage.session (which content scripts cannot read) so they survive a restarted
 * service worker. `api()` is the one SP-API client every feature uses.
 */
import './guard';
import { browser } from 'wxt/browser';
import { createLwa, createSpApi, type SpApi, type TokenCache } from '../spapi';
import { forgetSecrets, readSecrets, VaultLockedError, writeSecrets } from '../credentials/vault';
import { connectionSettings } from '../store/settings';
import type { ConnectionInput, ConnectionSummary } from '../protocol';

export class NotConnectedError extends Error {
  constructor() {
    super('not connected');
  }
}

const sessionTokenCache: TokenCache = {
  async get(kind) {
    const stored = (await browser.storage.session.get(`token:${kind}`))[`token:${kind}`];
    return stored as { token: string; expiresAt: number } | undefined;
  },
  async set(kind, value) {
    await browser.storage.session.set({ [`token:${kind}`]: value });
  },
  async clear() {
    await browser.storage.session.remove(['token:seller', 'token:grantless']);
  },
};

let client: SpApi | undefined;
const waitListeners = new Set<(info: { operation: string; ms: number }) => void>();

/** Rate-limit waits are reported to whoever is listening (the send job shows them to the seller). */
export function onRateLimitWait(listener: (info: { operation: string; ms: number }) => void): () => void {
  waitListeners.add(listener);
  return () => waitListeners.delete(listener);
}

export async function api(): Promise<SpApi> {
  if (client) return client;
  const settings = await connectionSettings.getValue();
  const secrets = await readSecrets();
  if (!settings || !secrets.lwa) throw new NotConnectedError();
  const lwa = createLwa({
    endpoint: settings.endpoint,
    credentials: async () => {
      const current = (await readSecrets()).lwa;
      if (!current) throw new NotConnectedError();
      return current;
    },
    cache: sessionTokenCache,
  });
  client = createSpApi({
    endpoint: settings.endpoint,
    lwa,
    appVersion: browser.runtime.getManifest().version,
    onWait: (info) => waitListeners.forEach((listener) => listener(info)),
  });
  return client;
}

export async function summary(): Promise<ConnectionSummary> {
  const settings = await connectionSettings.getValue();
  const secrets = await readSecrets().catch((error: unknown) => {
    if (error instanceof VaultLockedError) return undefined;
    throw error;
  });
  // Locked, the secrets cannot be read; save() stores them together with the settings, so the settings
  // stand for them until the seller unlocks.
  const stored = (value: string | undefined) => (secrets ? Boolean(value) : Boolean(settings));
  return {
    configured: Boolean(settings) && (!secrets || Boolean(secrets.lwa)),
    endpoint: settings?.endpoint,
    defaultMarketplaceId: settings?.defaultMarketplaceId,
    clientId: settings?.clientId,
    hasClientSecret: stored(secrets?.lwa?.clientSecret),
    hasRefreshToken: stored(secrets?.lwa?.refreshToken),
    ...(secrets ? {} : { locked: true }),
  };
}

export async function save(input: ConnectionInput): Promise<ConnectionSummary> {
  const previous = (await readSecrets()).lwa;
  const clientSecret = input.clientSecret || previous?.clientSecret || '';
  const refreshToken = input.refreshToken || previous?.refreshToken || '';
  await writeSecrets({ lwa: { clientId: input.clientId, clientSecret, refreshToken } });
  await connectionSettings.setValue({
    endpoint: input.endpoint,
    defaultMarketplaceId: input.defaultMarketplaceId,
    clientId: input.clientId,
  });
  await sessionTokenCache.clear();
  client = undefined;
  return summary();
}

export async function forget(): Promise<ConnectionSummary> {
  await forgetSecrets();
  await connectionSettings.setValue(null);
  await sessionTokenCache.clear();
  client = undefined;
  return summary();
}
