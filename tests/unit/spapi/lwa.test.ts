import { describe, expect, it } from 'vitest';
import { createLwa, createMemoryTokenCache, explainError, LwaError, type LwaCredentials } from '../../../lib/spapi';
import { CREDS, fakeFetch, json, LWA_URL, lwaResponder, NA, virtualClock, type Reply, type Seen } from './helpers';

function lwaWith(handler: (req: Seen) => Reply | Promise<Reply>, credentials: () => Promise<LwaCredentials> = async () => CREDS) {
  const clock = virtualClock();
  const server = fakeFetch(handler);
  const cache = createMemoryTokenCache();
  const lwa = createLwa({ endpoint: NA, credentials, fetch: server.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5, cache });
  return { lwa, clock, server, cache };
}

describe('LWA token requests', () => {
  it('asks for a seller token with the refresh_token grant, form-encoded', async () => {
    const { lwa, server } = lwaWith(lwaResponder());
    expect(await lwa.accessToken('seller')).toBe('seller-1');
    const [req] = server.calls;
    expect(req?.url.href).toBe(LWA_URL);
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    const form = Object.fromEntries(new URLSearchParams(req?.body));
    expect(form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: CREDS.refreshToken,
      client_id: CREDS.clientId,
      client_secret: CREDS.clientSecret,
    });
  });

  it('asks for a grantless token with client_credentials and the notifications scope, no refresh token', async () => {
    const { lwa, server } = lwaWith(lwaResponder());
    expect(await lwa.accessToken('grantless')).toBe('grantless-1');
    const form = new URLSearchParams(server.calls[0]?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('sellingpartnerapi::notifications');
    expect(form.has('refresh_token')).toBe(false);
  });

  it('posts to <baseUrl>/auth/o2/token for a custom endpoint', async () => {
    const server = fakeFetch(lwaResponder());
    const lwa = createLwa({ endpoint: { kind: 'custom', baseUrl: 'http://localhost:8787/' }, credentials: async () => CREDS, fetch: server.fetch });
    await lwa.accessToken('seller');
    expect(server.calls[0]?.url.href).toBe('http://localhost:8787/auth/o2/token');
  });
});

describe('LWA token cache', () => {
  it('reuses a token until 60 s before it expires, then refreshes', async () => {
    const { lwa, clock, server } = lwaWith(lwaResponder());
    expect(await lwa.accessToken('seller')).toBe('seller-1');
    clock.advance(3600_000 - 60_000 - 1); // one millisecond before the margin
    expect(await lwa.accessToken('seller')).toBe('seller-1');
    expect(server.calls).toHaveLength(1);
    clock.advance(1);
    expect(await lwa.accessToken('seller')).toBe('seller-2');
    expect(server.calls).toHaveLength(2);
  });

  it('keeps seller and grantless tokens apart', async () => {
    const { lwa, server } = lwaWith(lwaResponder());
    expect(await lwa.accessToken('seller')).toBe('seller-1');
    expect(await lwa.accessToken('grantless')).toBe('grantless-2');
    expect(await lwa.accessToken('seller')).toBe('seller-1');
    expect(await lwa.accessToken('grantless')).toBe('grantless-2');
    expect(server.calls).toHaveLength(2);
  });

  it('collapses concurrent requests for the same kind into one refresh', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const answer = lwaResponder();
    const { lwa, server } = lwaWith(async (req) => {
      await gate;
      return answer(req);
    });
    const all = Promise.all(Array.from({ length: 10 }, () => lwa.accessToken('seller')));
    // Hold LWA's answer long enough (real 30 ms) for every caller to reach its cache check.
    await new Promise((r) => setTimeout(r, 30));
    release();
    expect(new Set(await all)).toEqual(new Set(['seller-1']));
    expect(server.calls).toHaveLength(1);
  });

  it('forceRefresh fetches a new token, but not when another caller already replaced the rejected one', async () => {
    const { lwa, server } = lwaWith(lwaResponder());
    await lwa.accessToken('seller');
    expect(await lwa.accessToken('seller', { forceRefresh: true, rejected: 'seller-1' })).toBe('seller-2');
    expect(await lwa.accessToken('seller', { forceRefresh: true, rejected: 'seller-1' })).toBe('seller-2');
    expect(server.calls).toHaveLength(2);
  });

  it('ignores a cached token issued for other credentials (a new refresh token)', async () => {
    let creds = CREDS;
    const { lwa, server } = lwaWith(lwaResponder(), async () => creds);
    await lwa.accessToken('seller');
    creds = { ...CREDS, refreshToken: 'Atzr|another-seller' };
    expect(await lwa.accessToken('seller')).toBe('seller-2');
    expect(server.calls).toHaveLength(2);
  });

  it('does not put credentials into the cache', async () => {
    const { lwa, cache } = lwaWith(lwaResponder());
    await lwa.accessToken('seller');
    const stored = JSON.stringify(await cache.get('seller'));
    expect(stored).not.toContain(CREDS.refreshToken);
    expect(stored).not.toContain(CREDS.clientSecret);
  });
});

describe('LWA errors', () => {
  const cases: [string, string][] = [
    ['invalid_grant', 'spapi_lwa_invalid_grant'],
    ['invalid_client', 'spapi_lwa_invalid_client'],
    ['invalid_request', 'spapi_lwa_invalid_request'],
    ['invalid_scope', 'spapi_lwa_invalid_scope'],
    ['unauthorized_client', 'spapi_lwa_unauthorized_client'],
    ['unsupported_grant_type', 'spapi_lwa_unexpected'],
  ];
  it.each(cases)('%s (HTTP 400) becomes LwaError with that code, is not retried, and explains as %s', async (code, key) => {
    const { lwa, server } = lwaWith(() => json(400, { error: code, error_description: `desc of ${code}` }));
    const err = await lwa.accessToken('seller').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LwaError);
    expect(err).toMatchObject({ error: code, description: `desc of ${code}`, status: 400, retryable: false });
    expect(server.calls).toHaveLength(1);
    expect(explainError(err).key).toBe(key);
  });

  it('retries a 5xx with backoff and succeeds', async () => {
    let n = 0;
    const ok = lwaResponder();
    const { lwa, server, clock } = lwaWith((req) => (++n < 3 ? json(503, { error: 'temporarily_unavailable' }) : ok(req)));
    expect(await lwa.accessToken('seller')).toMatch(/^seller-/);
    expect(server.calls).toHaveLength(3);
    expect(clock.slept.length).toBe(2);
  });

  it('gives up after a few tries on a persistent server_error', async () => {
    const { lwa, server } = lwaWith(() => json(500, { error: 'server_error', error_description: 'boom' }));
    const err = await lwa.accessToken('seller').catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'server_error', status: 500, retryable: true });
    expect(server.calls).toHaveLength(3);
    expect(explainError(err).key).toBe('spapi_lwa_unavailable');
  });

  it('retries a network failure, then reports error "network"', async () => {
    const { lwa, server } = lwaWith(() => ({ fail: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }) }));
    const err = await lwa.accessToken('grantless').catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'network', status: 0 });
    expect(server.calls).toHaveLength(3);
    expect(explainError(err).key).toBe('spapi_lwa_network');
  });

  it('a 2xx without access_token is unexpected_response', async () => {
    const { lwa } = lwaWith(() => ({ status: 200, text: '<html>captive portal</html>' }));
    await expect(lwa.accessToken('seller')).rejects.toMatchObject({ error: 'unexpected_response' });
  });

  it('refuses empty credentials without calling LWA', async () => {
    const { lwa, server } = lwaWith(lwaResponder(), async () => ({ ...CREDS, refreshToken: '' }));
    const err = await lwa.accessToken('seller').catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'missing_credentials' });
    expect(server.calls).toHaveLength(0);
    expect(explainError(err).key).toBe('spapi_lwa_missing_credentials');
  });

  it('never puts a secret into the error message', async () => {
    const { lwa } = lwaWith(() => json(400, { error: 'invalid_client', error_description: 'Client authentication failed' }));
    const err = (await lwa.accessToken('seller').catch((e: unknown) => e)) as Error;
    expect(`${err.message} ${JSON.stringify(err)}`).not.toMatch(/secret-XYZ|Atzr\|refresh-123/);
  });
});
