/**
 * Login with Amazon's token endpoint (POST /auth/o2/token) and the access tokens it hands out.
 * Error bodies and statuses are LWA's own, because the extension turns each into a specific
 * message for the seller (revoked authorisation, rotated secret, ...).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { SANDBOX_CREDENTIALS } from './constants';
import type { SandboxReply, SandboxRequest } from './http';
import { header, isRecord, jsonReply } from './http';

export type TokenKind = 'seller' | 'grantless';

interface IssuedToken {
  kind: TokenKind;
  scopes: string[];
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3600;
export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';
const KNOWN_SCOPES = new Set([NOTIFICATIONS_SCOPE, 'sellingpartnerapi::migration', 'sellingpartnerapi::client_credential:rotation']);

export type TokenCheck = { ok: true; kind: TokenKind; scopes: string[] } | { ok: false; reason: 'invalid' | 'expired' };

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  refreshTokenRevoked = false;

  constructor(private readonly clock: Clock) {}

  issue(kind: TokenKind, scopes: string[]): string {
    const token = `Atza|${randomBytes(48).toString('base64url')}`;
    this.tokens.set(token, { kind, scopes, expiresAt: this.clock.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  check(token: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, reason: 'invalid' };
    if (issued.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, kind: issued.kind, scopes: issued.scopes };
  }

  expireAll(): number {
    const now = this.clock.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    return this.tokens.size;
  }
}

function lwaError(status: number, error: string, description: string): SandboxReply {
  return jsonReply(status, { error_description: description, error }, {}, 'application/json;charset=UTF-8');
}

/** Reads the form (what Amazon's JS and Python clients send) or JSON (the Java client) body. */
export function parseLwaBody(req: SandboxRequest): Record<string, string> {
  const text = req.body.toString('utf8');
  const type = header(req, 'content-type') ?? '';
  if (type.includes('json') || text.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isRecord(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export function handleToken(req: SandboxRequest, tokens: TokenStore, accepted: LwaCredentials = SANDBOX_CREDENTIALS): SandboxReply {
  if (req.method !== 'POST') return lwaError(405, 'invalid_request', 'The request method must be POST');
  const params = parseLwaBody(req);
  const missing = (name: string) => lwaError(400, 'invalid_request', `The request is missing a required parameter : ${name}`);
  const grant = params.grant_type;
  if (!grant) return missing('grant_type');
  if (grant !== 'refresh_token' && grant !== 'client_credentials') {
    return lwaError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
  }
  if (!params.client_id) return missing('client_id');
  if (!params.client_secret) return missing('client_secret');
  if (params.client_id !== accepted.clientId || params.client_secret !== accepted.clientSecret) {
    return lwaError(401, 'invalid_client', 'Client authentication failed');
  }

  if (grant === 'refresh_token') {
    if (!params.refresh_token) return missing('refresh_token');
    if (params.refresh_token !== accepted.refreshToken || tokens.refreshTokenRevoked) {
      return lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    }
    return jsonReply(200, {
      access_token: tokens.issue('seller', []),
      refresh_token: params.refresh_token,
      token_type: 'bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    }, {}, 'application/json;charset=UTF-8');
  }

  if (!params.scope) return missing('scope');
  const scopes = params.scope.split(/\s+/).filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    return lwaError(400, 'invalid_scope', 'The request has an invalid parameter : scope');
  }
  return jsonReply(200, {
    access_token: tokens.issue('grantless', scopes),
    scope: scopes.join(' '),
    token_type: 'bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
  }, {}, 'application/json;charset=UTF-8');
}
