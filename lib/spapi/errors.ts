// Background-only: error types of the SP-API client (they never carry tokens, secrets or request headers).
import type { AmazonError } from './types';

/** An HTTP answer from SP-API that is not a success, or a success whose body we cannot read. */
export class SpApiError extends Error {
  override readonly name = 'SpApiError';
  /** True when trying again later may succeed (429, 503, 5xx of an idempotent call). */
  retryable: boolean;
  /** True for a non-idempotent call (a message send) that failed after Amazon may have acted on it. */
  outcomeUnknown = false;
  /** How long Amazon asked us to wait (Retry-After), when it said so. */
  retryAfterMs: number | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly operation: string,
    readonly details: string | undefined,
    readonly requestId: string | undefined,
    /** Every entry of Amazon's ErrorList; `code`/`message` above are the first one. */
    readonly errors: readonly AmazonError[] = [],
  ) {
    super(message);
    this.retryable = status === 429 || status >= 500;
  }
}

export type NetworkErrorKind = 'offline' | 'timeout' | 'aborted' | 'failed';

/** No HTTP answer: offline, refused, reset, timed out or cancelled. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  outcomeUnknown = false;
  constructor(
    readonly kind: NetworkErrorKind,
    /**
     * Whether the request may have reached the server. False only when we know it did not leave
     * (offline, connection refused, host not found, cancelled before sending). A browser's
     * "Failed to fetch" does not say which, so it counts as "may have".
     */
    readonly maybeReceived: boolean,
    message: string,
    readonly operation?: string,
  ) {
    super(message);
  }
}

export type LwaErrorCode =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'network'
  | 'missing_credentials'
  | 'unexpected_response'
  | (string & {});

/** Login with Amazon refused or failed to issue an access token. */
export class LwaError extends Error {
  override readonly name = 'LwaError';
  readonly retryable: boolean;
  constructor(
    readonly error: LwaErrorCode,
    readonly description: string,
    /** HTTP status; 0 when LWA never answered. */
    readonly status: number,
    /** The underlying failure for `error === 'network'`. */
    readonly network?: NetworkError,
  ) {
    super(`LWA ${error}${description ? `: ${description}` : ''}`);
    this.retryable = status >= 500 || error === 'network' || error === 'temporarily_unavailable';
  }
}

/** The presigned S3 PUT of an attachment failed. */
export class S3UploadError extends Error {
  override readonly name = 'S3UploadError';
  /** The presigned URL is no longer valid: ask Amazon for a new upload destination. */
  readonly expired: boolean;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.expired = code === 'ExpiredToken' || (code === 'AccessDenied' && /request has expired/i.test(message));
  }
}

export type EndpointProblem = 'not-a-url' | 'protocol' | 'insecure' | 'credentials' | 'query' | 'fragment';

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
  constructor(readonly problem: EndpointProblem, message: string) {
    super(message);
  }
}

function isAmazonError(v: unknown): v is AmazonError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && (e.message === undefined || typeof e.message === 'string');
}

/**
 * Turns any non-2xx answer into a SpApiError. Amazon's body is `{"errors":[{code,message,details?}]}`;
 * gateways and proxies answer with HTML or nothing, which becomes code `UnexpectedResponse` with the
 * status kept, so the caller can still tell a 503 from a 403.
 */
export function errorFromResponse(status: number, text: string, requestId: string | undefined, operation: string): SpApiError {
  let errors: AmazonError[] = [];
  try {
    const body: unknown = JSON.parse(text);
    const list = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
    if (Array.isArray(list)) errors = list.filter(isAmazonError);
  } catch {
    // Not JSON: handled below like any other unreadable body.
  }
  const first = errors[0];
  if (!first) {
    return new SpApiError(status, 'UnexpectedResponse', `HTTP ${status} with an unreadable body`, operation, undefined, requestId);
  }
  const details = first.details === undefined || first.details === '' ? undefined : first.details;
  return new SpApiError(status, first.code, first.message ?? '', operation, details, requestId, errors);
}

/**
 * Amazon answers an expired or revoked access token with 403 "Unauthorized" and says so only in the
 * details ("The access token you provided has expired." / "…is revoked, malformed or invalid.").
 * Any other 403 (missing role, wrong order/template) must not trigger a token refresh.
 */
export function isAccessTokenRejection(err: SpApiError): boolean {
  if (err.status === 401) return true;
  if (err.status !== 403) return false;
  return /(access|security) token\b[^.]*\b(expired|revoked|malformed|invalid)/i.test(`${err.message} ${err.details ?? ''}`);
}
