/**
 * The seller's connections: what is not secret about each (storage.local); their LWA secrets live in the
 * vault under the same id. Also which connection serves which Seller Central host, and the pure rule that
 * picks it.
 */
import { storage } from 'wxt/utils/storage';
import { marketplaceById, regionForHost, type RegionId } from '../marketplaces';
import type { Endpoint } from '../spapi/endpoints';

/**
 * The id the single connection of earlier releases carries from the upgrade on, and the first connection of
 * a new install. Records of other features (review requests, drafts, the send journal) are keyed by it.
 */
export const PRIMARY_CONNECTION_ID = 'primary';

export interface Connection {
  id: string;
  /** The seller's own name for it, e.g. "Europe" or a client's shop. */
  name: string;
  endpoint: Endpoint;
  /**
   * For another address only: the region it stands for. None means every region (a local stand-in answers
   * for any). Amazon's endpoints serve exactly their own region.
   */
  region?: RegionId;
  defaultMarketplaceId: string;
  clientId: string;
  /** The Seller Central merchant (account) it belongs to, when the seller has several in one region. */
  merchantId?: string;
}

export const connectionsItem = storage.defineItem<Connection[] | null>('local:connections', { fallback: null });

/** The connection the popup, the options page and an unframed composer act for. */
export const currentConnectionItem = storage.defineItem<string | null>('local:currentConnection', { fallback: null });

/** The seller's answer where several connections fit a page: `host|merchant` → connection id. */
export const pageChoicesItem = storage.defineItem<Record<string, string>>('local:connectionChoices', { fallback: {} });

/** What release 0.1 stored: the one connection. Read only to migrate it. */
interface LegacyConnection {
  endpoint: Endpoint;
  defaultMarketplaceId: string;
  clientId: string;
}
const legacyItem = storage.defineItem<LegacyConnection | null>('local:connection', { fallback: null });

/** A name for a connection the seller did not name (the upgraded one): where it goes. */
export function defaultConnectionName(endpoint: Endpoint): string {
  if (endpoint.kind === 'custom') {
    try {
      return new URL(endpoint.baseUrl).host;
    } catch {
      return endpoint.baseUrl;
    }
  }
  return `Amazon ${endpoint.region}${endpoint.kind === 'amazon-sandbox' ? ' sandbox' : ''}`;
}

/**
 * The upgrade: the single connection becomes the first connection, `primary`, with nothing to re-enter.
 * Run before every read, so whichever part of the extension reads first finds the new shape; once done it
 * only reads one item.
 */
export async function migrateConnections(): Promise<void> {
  if ((await connectionsItem.getValue()) !== null) return;
  const legacy = await legacyItem.getValue();
  const connections: Connection[] = legacy
    ? [{ id: PRIMARY_CONNECTION_ID, name: defaultConnectionName(legacy.endpoint), endpoint: legacy.endpoint, defaultMarketplaceId: legacy.defaultMarketplaceId, clientId: legacy.clientId }]
    : [];
  await connectionsItem.setValue(connections);
  if (legacy) await legacyItem.removeValue();
}

let migrating: Promise<void> | undefined;

export async function readConnections(): Promise<Connection[]> {
  migrating ??= migrateConnections().finally(() => (migrating = undefined));
  await migrating;
  return (await connectionsItem.getValue()) ?? [];
}

/** The region a connection serves; undefined for another address that stands for every region. */
export function connectionRegion(connection: Pick<Connection, 'endpoint' | 'region'>): RegionId | undefined {
  return connection.endpoint.kind === 'custom' ? connection.region : connection.endpoint.region;
}

export const choiceKey = (host: string, merchant: string | undefined) => `${host.toLowerCase()}|${merchant ?? ''}`;

export type PagePick =
  | { kind: 'chosen'; connection: Connection; others: Connection[] }
  | { kind: 'ask'; candidates: Connection[] }
  | { kind: 'missing'; region: RegionId | undefined };

/**
 * Which connection serves an order page. Those for the host's region fit, and of those the ones whose
 * merchant matches the page's merchant where both are known; a connection for every region fits only where
 * none is for the region. One fit is taken; of several, the seller's remembered answer, else the seller is
 * asked.
 */
export function pickForPage(connections: readonly Connection[], host: string, merchant: string | undefined, choices: Readonly<Record<string, string>>): PagePick {
  const region = regionForHost(host);
  if (!region) return { kind: 'missing', region };
  const merchantFits = (c: Connection) => !merchant || !c.merchantId || c.merchantId === merchant;
  const exact = connections.filter((c) => connectionRegion(c) === region && merchantFits(c));
  const fits = exact.length > 0 ? exact : connections.filter((c) => connectionRegion(c) === undefined && merchantFits(c));
  if (fits.length === 0) return { kind: 'missing', region };
  const remembered = fits.find((c) => c.id === choices[choiceKey(host, merchant)]);
  const chosen = fits.length === 1 ? fits[0] : remembered;
  if (!chosen) return { kind: 'ask', candidates: fits };
  return { kind: 'chosen', connection: chosen, others: fits.filter((c) => c !== chosen) };
}

/** Amazon's endpoints answer for one region: the default marketplace must be one of it. */
export function marketplaceFits(connection: Pick<Connection, 'endpoint' | 'region' | 'defaultMarketplaceId'>): boolean {
  const region = connectionRegion(connection);
  return region === undefined || marketplaceById(connection.defaultMarketplaceId)?.region === region;
}
