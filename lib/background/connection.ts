/**
 * BACKGROUND ONLY. The seller's connection: non-secret settings in storage.local, secrets in the vault,
 * access tokens in storage.session (which content scripts cannot read) so they survive a restarted
 * service worker. `api()` is the one SP-API client every feature uses.
 */
import './guard';
import { browser } from 'wxt/browser';
import { createLwa, createSpApi, type Endpoint, type SpApi, type TokenCache } from '../spapi';
import { endpointIdentity } from '../spapi/endpoints';
import { forgetSecrets, readSecrets, VaultLockedError, writeSecrets, type LwaSecrets } from '../credentials/vault';
import { rememberSecret } from '../credentials/redact';
import { connectionSettings } from '../store/settings';
import type { ConnectionInput, ConnectionSummary } from '../protocol';
import { NotConnectedError, Refusal } from './refusal';

export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => endpointIdentity(a) === endpointIdentity(b);

/**
 * The LWA secrets with the endpoint they belong to. A record stored before secrets were bound is bound
 * here, once, to the endpoint configured now: that is where they were in use, so nothing changes for the
 * seller after an upgrade.
 */
async function lwaSecrets(): Promise<(LwaSecrets & { endpoint: Endpoint }) | undefined> {
  const lwa = (await readSecrets()).lwa;
  if (!lwa) return undefined;
  if (lwa.endpoint) return { ...lwa, endpoint: lwa.endpoint };
  const settings = await connectionSettings.getValue();
  if (!settings) return undefined;
  const bound = { ...lwa, endpoint: settings.endpoint };
  await writeSecrets({ lwa: bound });
  return bound;
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
  const secrets = await lwaSecrets();
  if (!settings || !secrets) throw new NotConnectedError();
  // Settings and secrets are saved together; should they ever disagree, the secrets stay where they were
  // entered and nothing is sent anywhere.
  if (!sameEndpoint(secrets.endpoint, settings.endpoint)) throw new NotConnectedError();
  const bound = secrets.endpoint;
  const lwa = createLwa({
    endpoint: bound,
    credentials: async () => {
      const current = await lwaSecrets();
      if (!current || !sameEndpoint(current.endpoint, bound)) throw new NotConnectedError();
      return current;
    },
    cache: sessionTokenCache,
    onToken: rememberSecret,
  });
  client = createSpApi({
    endpoint: bound,
    lwa,
    appVersion: browser.runtime.getManifest().version,
    onWait: (info) => waitListeners.forEach((listener) => listener(info)),
  });
  return client;
}

export async function summary(): Promise<ConnectionSummary> {
  const settings = await connectionSettings.getValue();
  const secrets = await lwaSecrets().then(
    (lwa) => ({ lwa }),
    (error: unknown) => {
      if (error instanceof VaultLockedError) return undefined;
      throw error;
    },
  );
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
    secretsFor: secrets ? secrets.lwa?.endpoint : settings?.endpoint,
    ...(secrets ? {} : { locked: true }),
  };
}

/**
 * Stores the connection. A blank secret keeps the stored one only when it was entered for this same
 * endpoint: secrets for Amazon are never posted to another address, nor one address's to another.
 */
export async function save(input: ConnectionInput): Promise<ConnectionSummary> {
  const previous = await lwaSecrets();
  const reusable = previous && sameEndpoint(previous.endpoint, input.endpoint) ? previous : undefined;
  const clientSecret = input.clientSecret || reusable?.clientSecret || '';
  const refreshToken = input.refreshToken || reusable?.refreshToken || '';
  if (!clientSecret || !refreshToken) {
    throw new Refusal({ key: previous ? 'opt_secretsOtherEndpoint' : 'opt_secretsRequired', substitutions: [] });
  }
  await writeSecrets({ lwa: { clientId: input.clientId, clientSecret, refreshToken, endpoint: input.endpoint } });
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
