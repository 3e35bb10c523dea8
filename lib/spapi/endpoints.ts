// Background-only: this module decides where credentials and tokens are sent.
import type { RegionId } from '../marketplaces';
import { isLoopbackHost } from '../net/rules';
import { EndpointError } from './errors';

/**
 * Where SP-API calls go. `custom` is a self-hosted stand-in (the project's local sandbox) that also
 * serves the LWA token endpoint, so a demo never needs real Amazon credentials.
 */
export type Endpoint =
  | { kind: 'production' | 'amazon-sandbox'; region: RegionId }
  | { kind: 'custom'; baseUrl: string };

const HOST_SUFFIX: Readonly<Record<RegionId, string>> = { NA: 'na', EU: 'eu', FE: 'fe' };

/** AWS region of each SP-API region (SP-API endpoints page). Only needed by callers that sign with SigV4. */
export const AWS_REGION: Readonly<Record<RegionId, string>> = {
  NA: 'us-east-1',
  EU: 'eu-west-1',
  FE: 'us-west-2',
};

/** Login with Amazon serves every region from one host; SP-API documents no regional LWA host. */
export const AMAZON_LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export function spApiBase(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'production':
      return `https://sellingpartnerapi-${HOST_SUFFIX[endpoint.region]}.amazon.com`;
    case 'amazon-sandbox':
      return `https://sandbox.sellingpartnerapi-${HOST_SUFFIX[endpoint.region]}.amazon.com`;
    case 'custom':
      return normalizeCustomBaseUrl(endpoint.baseUrl);
  }
}

export function lwaTokenUrl(endpoint: Endpoint): string {
  return endpoint.kind === 'custom' ? `${normalizeCustomBaseUrl(endpoint.baseUrl)}/auth/o2/token` : AMAZON_LWA_TOKEN_URL;
}

export function awsRegion(endpoint: Endpoint): string | undefined {
  return endpoint.kind === 'custom' ? undefined : AWS_REGION[endpoint.region];
}

/** The custom connection's origin (scheme, host, port), or undefined for Amazon's hosts. */
export function customOrigin(endpoint: Endpoint): string | undefined {
  return endpoint.kind === 'custom' ? new URL(normalizeCustomBaseUrl(endpoint.baseUrl)).origin : undefined;
}

/**
 * What secrets are bound to: Amazon production or sandbox in one region, or one exact custom address.
 * Two endpoints with different identities never share a client secret or refresh token.
 */
export function endpointIdentity(endpoint: Endpoint): string {
  if (endpoint.kind !== 'custom') return `${endpoint.kind}:${endpoint.region}`;
  try {
    return `custom:${normalizeCustomBaseUrl(endpoint.baseUrl)}`;
  } catch {
    return `custom:${endpoint.baseUrl.trim()}`;
  }
}

/**
 * Checks a seller-entered base URL and returns it without trailing slashes. The LWA client secret and
 * refresh token are posted to this host, so:
 * - only http(s); plain http only for loopback hosts (a local sandbox), never across a network;
 * - no user:password (it would end up in every request and in error reports);
 * - no query or fragment, because paths are appended to it.
 */
export function normalizeCustomBaseUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError('not-a-url', `Custom SP-API base URL is not a valid absolute URL: "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError('protocol', `Custom SP-API base URL must use https (or http on localhost), not ${url.protocol}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new EndpointError('insecure', 'Custom SP-API base URL may use plain http only for localhost; use https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new EndpointError('credentials', 'Custom SP-API base URL must not contain a user name or password');
  }
  if (url.search !== '' || text.includes('?')) {
    throw new EndpointError('query', 'Custom SP-API base URL must not contain a query (?…)');
  }
  if (url.hash !== '' || text.includes('#')) {
    throw new EndpointError('fragment', 'Custom SP-API base URL must not contain a fragment (#…)');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
