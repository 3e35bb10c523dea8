// Background-only: exchanges the seller's LWA credentials for access tokens; owns no storage itself.
import { DEFAULT_TIMEOUT_MS, exchange, withRetries, type FetchFn } from '../net/egress';
import { endpointIdentity, type Endpoint } from './endpoints';
import { LwaError, NetworkError } from './errors';
import { type Clock, type Random, type Sleep } from './timing';
import type { TokenKind } from './types';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface CachedToken {
  token: string;
  /** Epoch ms at which Amazon stops accepting the token. */
  expiresAt: number;
  /** Which credentials and token URL issued it (a one-way hash); a cache entry for others is ignored. */
  issuedFor?: string;
}

/** Where tokens live between calls; the background backs it with storage.session. */
export interface TokenCache {
  get(kind: TokenKind): Promise<CachedToken | undefined>;
  set(kind: TokenKind, value: CachedToken): Promise<void>;
  clear(): Promise<void>;
}

export function createMemoryTokenCache(): TokenCache {
  const map = new Map<TokenKind, CachedToken>();
  return {
    get: async (kind) => map.get(kind),
    set: async (kind, value) => void map.set(kind, value),
    clear: async () => map.clear(),
  };
}

export interface LwaOptions {
  endpoint: Endpoint;
  /** Read on every refresh, so a credential change in the options applies to the next token. */
  credentials: () => Promise<LwaCredentials>;
  fetch?: FetchFn;
  now?: Clock;
  sleep?: Sleep;
  random?: Random;
  cache?: TokenCache;
  timeoutMs?: number;
  /** Told every access token issued, so error reports can be scrubbed of it. */
  onToken?: (token: string) => void;
}

export interface AccessTokenOptions {
  /** Skip the cache (Amazon rejected the cached token). */
  forceRefresh?: boolean;
  /** The token Amazon rejected: if the cache already holds a different one, a concurrent refresh won. */
  rejected?: string;
}

export interface Lwa {
  accessToken(kind: TokenKind, opts?: AccessTokenOptions): Promise<string>;
  /** Forget cached tokens, e.g. after the seller changed credentials or the endpoint. */
  clear(): Promise<void>;
}

/** Tokens are renewed this long before Amazon's expiry, so none expires while a request is in flight. */
export const EXPIRY_MARGIN_MS = 60_000;
const MAX_ATTEMPTS = 3;
const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';

async function fingerprint(parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\n')));
  return Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createLwa(options: LwaOptions): Lwa {
  const now = options.now ?? Date.now;
  const cache = options.cache ?? createMemoryTokenCache();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS.lwa;
  const issuer = endpointIdentity(options.endpoint);
  const { onToken } = options;
  const inFlight = new Map<TokenKind, Promise<string>>();

  async function requestOnce(form: URLSearchParams): Promise<{ token: string; expiresIn: number }> {
    let res;
    try {
      res = await exchange(
        { kind: 'lwa', endpoint: options.endpoint },
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
          body: form.toString(),
        },
        { fetch: options.fetch, timeoutMs },
      );
    } catch (err) {
      if (err instanceof NetworkError) throw new LwaError('network', err.message, 0, err);
      throw err;
    }
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(res.text);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // An HTML error page or empty body: reported by status below.
    }
    if (res.status >= 200 && res.status < 300) {
      const { access_token: token, expires_in: expiresIn } = body;
      if (typeof token === 'string' && token !== '' && typeof expiresIn === 'number' && expiresIn > 0) {
        return { token, expiresIn };
      }
      throw new LwaError('unexpected_response', 'No access_token/expires_in in the answer', res.status);
    }
    const code = typeof body.error === 'string' && body.error !== '' ? body.error : undefined;
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    throw new LwaError(code ?? (res.status >= 500 ? 'server_error' : 'unexpected_response'), description, res.status);
  }

  // Shared by every caller waiting for this kind, so it takes no caller's AbortSignal: one caller
  // cancelling must not fail the others. Its own timeout bounds it.
  async function refresh(kind: TokenKind, issuedFor: string, form: URLSearchParams): Promise<string> {
    return withRetries(
      async () => {
        const startedAt = now();
        const { token, expiresIn } = await requestOnce(form);
        onToken?.(token);
        // Count the lifetime from when we asked, not from when the answer arrived.
        await cache.set(kind, { token, expiresAt: startedAt + expiresIn * 1000, issuedFor });
        return token;
      },
      // A token request changes nothing at Amazon: repeating it is always safe.
      { maxAttempts: MAX_ATTEMPTS, idempotent: true, sleep: options.sleep, random: options.random, baseMs: 500, capMs: 4000 },
    );
  }

  async function accessToken(kind: TokenKind, opts: AccessTokenOptions = {}): Promise<string> {
    const pending = inFlight.get(kind);
    if (pending) return pending; // whatever is being fetched right now is fresh enough for everyone
    const creds = await options.credentials();
    if (!creds.clientId || !creds.clientSecret || (kind === 'seller' && !creds.refreshToken)) {
      throw new LwaError('missing_credentials', 'LWA client id, client secret or refresh token is empty', 0);
    }
    const issuedFor = await fingerprint([issuer, creds.clientId, kind === 'seller' ? creds.refreshToken : 'grantless']);
    const cached = await cache.get(kind);
    const usable = cached && cached.issuedFor === issuedFor && now() < cached.expiresAt - EXPIRY_MARGIN_MS;
    if (usable && (!opts.forceRefresh || (opts.rejected !== undefined && cached.token !== opts.rejected))) {
      return cached.token;
    }
    // Re-check: another caller may have started a refresh while we awaited the cache.
    const raced = inFlight.get(kind);
    if (raced) return raced;

    const form = new URLSearchParams({ client_id: creds.clientId, client_secret: creds.clientSecret });
    if (kind === 'seller') {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', creds.refreshToken);
    } else {
      form.set('grant_type', 'client_credentials');
      form.set('scope', NOTIFICATIONS_SCOPE);
    }
    const job = refresh(kind, issuedFor, form).finally(() => inFlight.delete(kind));
    inFlight.set(kind, job);
    return job;
  }

  return {
    accessToken,
    async clear() {
      await cache.clear();
    },
  };
}
