// Background-only: turns client errors into the message the seller sees (keys in locales/*/spapi.json).
import { EndpointError, LwaError, NetworkError, S3UploadError, SpApiError } from './errors';
import { operationInfo } from './operations';

/** Every key explainError can return, with the number of substitutions it passes. */
export const SPAPI_MESSAGE_KEYS = {
  spapi_lwa_invalid_grant: 0,
  spapi_lwa_invalid_client: 0,
  spapi_lwa_unauthorized_client: 0,
  spapi_lwa_invalid_scope: 0,
  spapi_lwa_invalid_request: 0,
  spapi_lwa_missing_credentials: 0,
  spapi_lwa_unavailable: 0,
  spapi_lwa_network: 0,
  spapi_lwa_unexpected: 1, // LWA's error code
  spapi_access_token_expired: 0,
  spapi_access_token_invalid: 0,
  spapi_forbidden_grantless: 0,
  spapi_forbidden_buyer_communication: 0,
  spapi_forbidden_order_tracking: 0,
  spapi_template_not_available: 0,
  spapi_attachment_missing: 1, // attachment id
  spapi_invalid_input: 1, // Amazon's message
  spapi_not_found: 0,
  spapi_conflict: 0,
  spapi_too_large: 0,
  spapi_quota_exceeded: 0,
  spapi_server_error: 1, // HTTP status
  spapi_outcome_unknown: 0,
  spapi_unexpected_response: 2, // HTTP status, request id
  spapi_offline: 0,
  spapi_timeout: 0,
  spapi_network: 0,
  spapi_aborted: 0,
  spapi_s3_digest: 0,
  spapi_s3_signature: 0,
  spapi_s3_expired: 0,
  spapi_s3_failed: 1, // S3 error code
  spapi_endpoint_invalid: 0,
  spapi_unknown: 0,
} as const;

export type SpApiMessageKey = keyof typeof SPAPI_MESSAGE_KEYS;
export interface Explanation {
  key: SpApiMessageKey;
  substitutions: string[];
}

const say = (key: SpApiMessageKey, ...substitutions: string[]): Explanation => ({ key, substitutions });

const LWA_KEYS: Readonly<Record<string, SpApiMessageKey>> = {
  invalid_grant: 'spapi_lwa_invalid_grant',
  invalid_client: 'spapi_lwa_invalid_client',
  unauthorized_client: 'spapi_lwa_unauthorized_client',
  invalid_scope: 'spapi_lwa_invalid_scope',
  invalid_request: 'spapi_lwa_invalid_request',
  missing_credentials: 'spapi_lwa_missing_credentials',
  server_error: 'spapi_lwa_unavailable',
  temporarily_unavailable: 'spapi_lwa_unavailable',
  network: 'spapi_lwa_network',
};

function explainLwa(err: LwaError): Explanation {
  const key = LWA_KEYS[err.error];
  if (key) return say(key);
  return err.status >= 500 ? say('spapi_lwa_unavailable') : say('spapi_lwa_unexpected', err.error);
}

function explainForbidden(err: SpApiError): Explanation {
  const text = `${err.message} ${err.details ?? ''}`;
  if (/invalid amazonorderid and template combination/i.test(text)) return say('spapi_template_not_available');
  if (/token\b[^.]*\bexpired/i.test(text)) return say('spapi_access_token_expired');
  if (/token\b[^.]*\b(revoked|malformed|invalid)/i.test(text) || err.code === 'MissingAuthenticationToken') {
    return say('spapi_access_token_invalid');
  }
  const info = operationInfo(err.operation);
  if (info?.token === 'grantless') return say('spapi_forbidden_grantless');
  if (info?.family === 'orders' || info?.family === 'notifications') return say('spapi_forbidden_order_tracking');
  return say('spapi_forbidden_buyer_communication');
}

function explainSpApi(err: SpApiError): Explanation {
  if (err.outcomeUnknown) return say('spapi_outcome_unknown');
  const text = `${err.message} ${err.details ?? ''}`;
  const attachment = /attachment with id\s+(\S+?)\s+does not exist/i.exec(text);
  if (attachment?.[1]) return say('spapi_attachment_missing', attachment[1]);
  if (err.code === 'UnexpectedResponse') return say('spapi_unexpected_response', String(err.status), err.requestId ?? '-');
  if (err.status === 401 || err.status === 403) return explainForbidden(err);
  if (err.status === 400) return say('spapi_invalid_input', [err.message, err.details].filter(Boolean).join(' — '));
  if (err.status === 404) return say('spapi_not_found');
  if (err.status === 409) return say('spapi_conflict');
  if (err.status === 413) return say('spapi_too_large');
  if (err.status === 429) return say('spapi_quota_exceeded');
  if (err.status >= 500) return say('spapi_server_error', String(err.status));
  return say('spapi_unexpected_response', String(err.status), err.requestId ?? '-');
}

function explainNetwork(err: NetworkError): Explanation {
  if (err.outcomeUnknown) return say('spapi_outcome_unknown');
  switch (err.kind) {
    case 'offline':
      return say('spapi_offline');
    case 'timeout':
      return say('spapi_timeout');
    case 'aborted':
      return say('spapi_aborted');
    case 'failed':
      return say('spapi_network');
  }
}

function explainS3(err: S3UploadError): Explanation {
  if (err.expired) return say('spapi_s3_expired');
  if (err.code === 'BadDigest' || err.code === 'InvalidDigest') return say('spapi_s3_digest');
  if (err.code === 'SignatureDoesNotMatch') return say('spapi_s3_signature');
  return say('spapi_s3_failed', err.code);
}

/** The most specific, actionable message for an error thrown by this client. */
export function explainError(err: unknown): Explanation {
  if (err instanceof LwaError) return explainLwa(err);
  if (err instanceof SpApiError) return explainSpApi(err);
  if (err instanceof NetworkError) return explainNetwork(err);
  if (err instanceof S3UploadError) return explainS3(err);
  if (err instanceof EndpointError) return say('spapi_endpoint_invalid');
  if (err instanceof DOMException && err.name === 'AbortError') return say('spapi_aborted');
  return say('spapi_unknown');
}
