import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS, SANDBOX_ORDERS } from '../../sandbox/server';
import { call, control, grantlessToken, lwa, sellerToken, withSandbox } from './helpers';

let base: string;

withSandbox((s) => {
  base = s.url;
});

const { clientId, clientSecret, refreshToken } = SANDBOX_CREDENTIALS;
const actionsPath = `/messaging/v1/orders/${SANDBOX_ORDERS.us}?marketplaceIds=ATVPDKIKX0DER`;

describe('LWA token endpoint', () => {
  it('issues a seller token for the refresh-token grant (form body)', async () => {
    const res = await lwa(base, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: refreshToken });
    expect(res.body.access_token).toMatch(/^Atza\|/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('accepts a JSON body too (as the Java client sends)', async () => {
    const res = await call(base, '/auth/o2/token', {
      json: { grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: clientId, client_secret: clientSecret },
    });
    expect(res.status).toBe(200);
    expect(res.body.access_token).toMatch(/^Atza\|/);
    expect(res.body.refresh_token).toBeUndefined();
  });

  it.each([
    ['unknown client', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'amzn1.application-oa2-client.nope', client_secret: clientSecret }, 401, 'invalid_client'],
    ['wrong secret', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: 'rotated' }, 401, 'invalid_client'],
    ['wrong refresh token', { grant_type: 'refresh_token', refresh_token: 'Atzr|other', client_id: clientId, client_secret: clientSecret }, 400, 'invalid_grant'],
    ['missing refresh token', { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret }, 400, 'invalid_request'],
    ['missing grant type', { client_id: clientId, client_secret: clientSecret }, 400, 'invalid_request'],
    ['bad scope', { grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', client_id: clientId, client_secret: clientSecret }, 400, 'invalid_scope'],
    ['unsupported grant', { grant_type: 'password', client_id: clientId, client_secret: clientSecret }, 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_name, params, status, error) => {
    const res = await lwa(base, params as Record<string, string>);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect(res.body.access_token).toBeUndefined();
  });

  it('uses LWA\'s exact wording for invalid_client and invalid_grant', async () => {
    const client = await lwa(base, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: 'x' });
    expect(client.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    const grant = await lwa(base, { grant_type: 'refresh_token', refresh_token: 'Atzr|x', client_id: clientId, client_secret: clientSecret });
    expect(grant.body).toEqual({ error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
  });

  it('fails the refresh grant with invalid_grant once the authorisation is revoked', async () => {
    await control(base, 'revoke-refresh-token', {});
    const res = await lwa(base, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('access tokens on SP-API calls', () => {
  it('refuses a missing token', async () => {
    const res = await call(base, actionsPath);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token is missing.' }] });
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBeNull();
  });

  it('refuses a garbled token', async () => {
    const res = await call(base, actionsPath, { token: 'Atza|not-issued-here' });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].details).toBe('The access token you provided is revoked, malformed or invalid.');
  });

  it('refuses an expired token', async () => {
    const token = await sellerToken(base);
    expect((await call(base, actionsPath, { token })).status).toBe(200);
    await control(base, 'expire-tokens', {});
    const res = await call(base, actionsPath, { token });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].details).toBe('The access token you provided has expired.');
  });

  it('expires tokens after an hour of sandbox time', async () => {
    const token = await sellerToken(base);
    await control(base, 'clock', { advanceMs: 3601_000 });
    expect((await call(base, actionsPath, { token })).body.errors[0].details).toBe('The access token you provided has expired.');
  });

  it('refuses a grantless token on a seller operation, naming the token needed', async () => {
    const res = await call(base, actionsPath, { token: await grantlessToken(base) });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('Unauthorized');
    expect(res.body.errors[0].details).toMatch(/seller access token.*refresh_token/);
  });

  it('refuses a seller token on a grantless operation, naming the token needed', async () => {
    const res = await call(base, '/notifications/v1/destinations', { token: await sellerToken(base) });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].details).toMatch(/grantless access token.*client_credentials/);
    const ok = await call(base, '/notifications/v1/destinations', { token: await grantlessToken(base) });
    expect(ok.status).toBe(200);
  });
});
