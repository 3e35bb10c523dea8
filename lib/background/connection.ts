/**
 * BACKGROUND ONLY. The seller's connections: non-secret settings in storage.local (lib/store/connections.ts),
 * secrets in the vault under the connection's id, access tokens in storage.session under the connection's
 * id (content scripts cannot read it) so they survive a restarted service worker. `api(id)` is the SP-API
 * client of one connection; each has its own token cache and its own rate limiter, so two connections
 * never share a token or a bucket.
 */
import './guard';
import { browser } from 'wxt/browser';
import { createLwa, createSpApi, type Endpoint, type SpApi, type TokenCache } from '../spapi';
import { endpointIdentity } from '../spapi/endpoints';
import { forgetSecrets, readSecrets, VaultLockedError, writeSecrets, type LwaSecrets } from '../credentials/vault';
import { rememberSecret } from '../credentials/redact';
import {
  connectionsItem,
  currentConnectionItem,
  defaultConnectionName,
  marketplaceFits,
  PRIMARY_CONNECTION_ID,
  readConnections,
  type Connection,
} from '../store/connections';
import type { ConnectionInput, ConnectionSummary, ConnectionsView } from '../protocol';
import { NotConnectedError, Refusal } from './refusal';

export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => endpointIdentity(a) === endpointIdentity(b);

type BoundSecrets = LwaSecrets & { endpoint: Endpoint };

/**
 * Every connection's LWA secrets. The record of release 0.1 (one `lwa` entry) becomes the `primary`
 * connection's here, once; a record from before secrets were bound is bound to the endpoint configured
 * for it, which is where it was in use.
 */
async function allSecrets(): Promise<Record<string, LwaSecrets>> {
  const secrets = await readSecrets();
  if (!secrets.lwa) return secrets.connections ?? {};
  const primary = (await readConnections()).find((c) => c.id === PRIMARY_CONNECTION_ID);
  const endpoint = secrets.lwa.endpoint ?? primary?.endpoint;
  const moved = { ...secrets.connections, ...(endpoint ? { [PRIMARY_CONNECTION_ID]: { ...secrets.lwa, endpoint } } : {}) };
  await writeSecrets({ connections: moved, lwa: undefined });
  return moved;
}

async function secretsOf(connection: Connection): Promise<BoundSecrets | undefined> {
  const lwa = (await allSecrets())[connection.id];
  if (!lwa) return undefined;
  return { ...lwa, endpoint: lwa.endpoint ?? connection.endpoint };
}

const tokenKey = (id: string, kind: string) => `token:${id}:${kind}`;

function tokenCache(id: string): TokenCache {
  return {
    async get(kind) {
      return (await browser.storage.session.get(tokenKey(id, kind)))[tokenKey(id, kind)] as { token: string; expiresAt: number } | undefined;
    },
    async set(kind, value) {
      await browser.storage.session.set({ [tokenKey(id, kind)]: value });
    },
    async clear() {
      await browser.storage.session.remove([tokenKey(id, 'seller'), tokenKey(id, 'grantless')]);
    },
  };
}

const clients = new Map<string, SpApi>();
type WaitListener = (info: { connectionId: string; operation: string; ms: number }) => void;
const waitListeners = new Set<WaitListener>();

/** Rate-limit waits are reported to whoever is listening (the send job shows them to the seller). */
export function onRateLimitWait(listener: WaitListener): () => void {
  waitListeners.add(listener);
  return () => waitListeners.delete(listener);
}

export async function listConnections(): Promise<Connection[]> {
  return readConnections();
}

/** The connection the popup and the options page act for: the one the seller picked, else the first. */
export async function currentConnectionId(): Promise<string | undefined> {
  const [connections, current] = await Promise.all([readConnections(), currentConnectionItem.getValue()]);
  return (connections.find((c) => c.id === current) ?? connections[0])?.id;
}

export async function setCurrentConnection(id: string): Promise<ConnectionsView> {
  if (!(await readConnections()).some((c) => c.id === id)) throw new NotConnectedError();
  await currentConnectionItem.setValue(id);
  return listView();
}

async function connectionById(id: string | undefined): Promise<Connection | undefined> {
  const wanted = id ?? (await currentConnectionId());
  return (await readConnections()).find((c) => c.id === wanted);
}

/** The SP-API client of one connection (the current one when no id is given). */
export async function api(id?: string): Promise<SpApi> {
  const connection = await connectionById(id);
  if (!connection) throw new NotConnectedError();
  const existing = clients.get(connection.id);
  if (existing) return existing;
  const secrets = await secretsOf(connection);
  if (!secrets) throw new NotConnectedError();
  // Settings and secrets are saved together; should they ever disagree, the secrets stay where they were
  // entered and nothing is sent anywhere.
  if (!sameEndpoint(secrets.endpoint, connection.endpoint)) throw new NotConnectedError();
  const bound = secrets.endpoint;
  const connectionId = connection.id;
  const lwa = createLwa({
    endpoint: bound,
    credentials: async () => {
      const current = await connectionById(connectionId);
      const stored = current && (await secretsOf(current));
      if (!stored || !sameEndpoint(stored.endpoint, bound)) throw new NotConnectedError();
      return stored;
    },
    cache: tokenCache(connectionId),
    onToken: rememberSecret,
  });
  const client = createSpApi({
    endpoint: bound,
    lwa,
    appVersion: browser.runtime.getManifest().version,
    onWait: (info) => waitListeners.forEach((listener) => listener({ ...info, connectionId })),
  });
  clients.set(connectionId, client);
  return client;
}

/** The connection's settings, for the extension's pages; `connectionId` names it, or the current one. */
export async function summary(connectionId?: string): Promise<ConnectionSummary> {
  const connection = await connectionById(connectionId);
  const secrets = await allSecrets().then(
    (all) => ({ lwa: connection ? all[connection.id] : undefined }),
    (error: unknown) => {
      if (error instanceof VaultLockedError) return undefined;
      throw error;
    },
  );
  // Locked, the secrets cannot be read; save() stores them together with the settings, so the settings
  // stand for them until the seller unlocks.
  const stored = (value: string | undefined) => (secrets ? Boolean(value) : Boolean(connection));
  return {
    configured: Boolean(connection) && (!secrets || Boolean(secrets.lwa)),
    ...(connection
      ? {
          id: connection.id,
          name: connection.name,
          endpoint: connection.endpoint,
          defaultMarketplaceId: connection.defaultMarketplaceId,
          clientId: connection.clientId,
          ...(connection.region ? { region: connection.region } : {}),
          ...(connection.merchantId ? { merchantId: connection.merchantId } : {}),
        }
      : {}),
    hasClientSecret: stored(secrets?.lwa?.clientSecret),
    hasRefreshToken: stored(secrets?.lwa?.refreshToken),
    secretsFor: secrets ? secrets.lwa?.endpoint ?? connection?.endpoint : connection?.endpoint,
    ...(secrets ? {} : { locked: true }),
  };
}

export async function listView(): Promise<ConnectionsView> {
  const connections = await readConnections();
  return {
    connections: await Promise.all(connections.map((c) => summary(c.id))),
    current: await currentConnectionId(),
  };
}

/**
 * Adds a connection (no id) or changes one. A blank secret keeps the stored one only when it was entered
 * for this same endpoint: secrets for Amazon are never posted to another address, nor one address's to
 * another. The same refresh token at the same endpoint twice would be one seller's account under two
 * names, with two token caches and two rate buckets against one limit at Amazon: refused.
 */
export async function save(input: ConnectionInput): Promise<ConnectionSummary> {
  const connections = await readConnections();
  const existing = input.id === undefined ? undefined : connections.find((c) => c.id === input.id);
  if (input.id !== undefined && !existing) throw new NotConnectedError();
  const all = await allSecrets();
  const previous = existing && all[existing.id];
  const previousEndpoint = previous && (previous.endpoint ?? existing.endpoint);
  const reusable = previousEndpoint && sameEndpoint(previousEndpoint, input.endpoint) ? previous : undefined;
  const clientSecret = input.clientSecret || reusable?.clientSecret || '';
  const refreshToken = input.refreshToken || reusable?.refreshToken || '';
  if (!clientSecret || !refreshToken) {
    throw new Refusal({ key: previous ? 'opt_secretsOtherEndpoint' : 'opt_secretsRequired', substitutions: [] });
  }
  const twin = connections.find((c) => {
    if (c.id === existing?.id) return false;
    const theirs = all[c.id];
    return theirs?.refreshToken === refreshToken && sameEndpoint(theirs.endpoint ?? c.endpoint, input.endpoint);
  });
  if (twin) throw new Refusal({ key: 'conn_duplicate', substitutions: [twin.name] });
  const id = existing?.id ?? (connections.length === 0 ? PRIMARY_CONNECTION_ID : crypto.randomUUID());
  const name = input.name.trim() || existing?.name || defaultConnectionName(input.endpoint);
  const connection: Connection = {
    id,
    name,
    endpoint: input.endpoint,
    defaultMarketplaceId: input.defaultMarketplaceId,
    clientId: input.clientId,
    ...(input.endpoint.kind === 'custom' && input.region ? { region: input.region } : {}),
    ...(input.merchantId?.trim() ? { merchantId: input.merchantId.trim() } : {}),
  };
  if (!marketplaceFits(connection)) throw new Refusal({ key: 'opt_marketplaceRegion', substitutions: [] });
  await writeSecrets({ connections: { ...all, [id]: { clientId: input.clientId, clientSecret, refreshToken, endpoint: input.endpoint } } });
  await connectionsItem.setValue(existing ? connections.map((c) => (c.id === id ? connection : c)) : [...connections, connection]);
  await tokenCache(id).clear();
  clients.delete(id);
  return summary(id);
}

/**
 * Removes a connection with its secrets and tokens. The last one takes the passphrase with it: there is
 * nothing left to protect. Pending sends are the caller's to end first (lib/background/handlers.ts).
 */
export async function remove(id: string): Promise<ConnectionsView> {
  const connections = await readConnections();
  const rest = connections.filter((c) => c.id !== id);
  if (rest.length === 0) {
    await forgetSecrets();
  } else {
    const all = await allSecrets();
    delete all[id];
    await writeSecrets({ connections: all });
  }
  await connectionsItem.setValue(rest);
  if ((await currentConnectionItem.getValue()) === id) await currentConnectionItem.setValue(null);
  await tokenCache(id).clear();
  clients.delete(id);
  return listView();
}
