// One example error per seller message; used by the explainError and locale tests.
import { EndpointError, LwaError, NetworkError, S3UploadError, type Explanation } from '../../../lib/spapi';
import { errorFromResponse } from '../../../lib/spapi/errors';

const api = (status: number, code: string, message: string, operation: string, details?: string) =>
  errorFromResponse(status, JSON.stringify({ errors: [{ code, message, details }] }), 'req-9', operation);

const withFlag = <T extends { outcomeUnknown: boolean }>(e: T): T => ((e.outcomeUnknown = true), e);

/** One example per message; the test below also proves every key is reachable. */
export const EXAMPLES: [unknown, Explanation][] = [
  [new LwaError('invalid_grant', 'The request has an invalid grant parameter : refresh_token', 400), { key: 'spapi_lwa_invalid_grant', substitutions: [] }],
  [new LwaError('invalid_client', 'Client authentication failed', 401), { key: 'spapi_lwa_invalid_client', substitutions: [] }],
  [new LwaError('unauthorized_client', 'Not authorized for requested operation', 400), { key: 'spapi_lwa_unauthorized_client', substitutions: [] }],
  [new LwaError('invalid_scope', 'scope invalid', 400), { key: 'spapi_lwa_invalid_scope', substitutions: [] }],
  [new LwaError('invalid_request', 'malformed', 400), { key: 'spapi_lwa_invalid_request', substitutions: [] }],
  [new LwaError('missing_credentials', '', 0), { key: 'spapi_lwa_missing_credentials', substitutions: [] }],
  [new LwaError('temporarily_unavailable', '', 503), { key: 'spapi_lwa_unavailable', substitutions: [] }],
  [new LwaError('network', 'failed', 0, new NetworkError('failed', true, 'x')), { key: 'spapi_lwa_network', substitutions: [] }],
  [new LwaError('access_denied', 'denied', 400), { key: 'spapi_lwa_unexpected', substitutions: ['access_denied'] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'getOrders', 'The access token you provided has expired.'), { key: 'spapi_access_token_expired', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'getOrders', 'The access token you provided is revoked, malformed or invalid.'), { key: 'spapi_access_token_invalid', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'createDestination', ''), { key: 'spapi_forbidden_grantless', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'createConfirmOrderDetails', ''), { key: 'spapi_forbidden_buyer_communication', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'createUploadDestinationForResource'), { key: 'spapi_forbidden_buyer_communication', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'searchOrders', ''), { key: 'spapi_forbidden_order_tracking', substitutions: [] }],
  [api(403, 'Unauthorized', 'Access to requested resource is denied.', 'createSubscription', ''), { key: 'spapi_forbidden_order_tracking', substitutions: [] }],
  [api(403, 'Unauthorized', 'Invalid amazonOrderId and template combination.', 'createConfirmDeliveryDetails', ''), { key: 'spapi_template_not_available', substitutions: [] }],
  [api(400, 'InvalidInput', 'Attachment with ID amzn1.tortuga.4.na.abc does not exist', 'sendInvoice'), { key: 'spapi_attachment_missing', substitutions: ['amzn1.tortuga.4.na.abc'] }],
  [api(400, 'InvalidInput', 'Invalid Input', 'GetAttributes', 'marketplaceIds'), { key: 'spapi_invalid_input', substitutions: ['Invalid Input — marketplaceIds'] }],
  [api(404, 'NotFound', 'Resource not found', 'getMessagingActionsForOrder'), { key: 'spapi_not_found', substitutions: [] }],
  [api(409, 'Conflict', 'Destination already exists', 'createDestination'), { key: 'spapi_conflict', substitutions: [] }],
  [api(413, 'RequestTooLarge', 'too large', 'sendInvoice'), { key: 'spapi_too_large', substitutions: [] }],
  [api(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', 'getOrders'), { key: 'spapi_quota_exceeded', substitutions: [] }],
  [api(503, 'ServiceUnavailable', 'Service temporarily unavailable.', 'getOrders'), { key: 'spapi_server_error', substitutions: ['503'] }],
  [withFlag(api(500, 'InternalFailure', 'internal', 'createConfirmOrderDetails')), { key: 'spapi_outcome_unknown', substitutions: [] }],
  [withFlag(new NetworkError('timeout', true, 't', 'sendInvoice')), { key: 'spapi_outcome_unknown', substitutions: [] }],
  [errorFromResponse(502, '<html/>', undefined, 'getOrders'), { key: 'spapi_unexpected_response', substitutions: ['502', '-'] }],
  [api(415, 'UnsupportedMediaType', 'nope', 'getOrders'), { key: 'spapi_unexpected_response', substitutions: ['415', 'req-9'] }],
  [new NetworkError('offline', false, 'o'), { key: 'spapi_offline', substitutions: [] }],
  [new NetworkError('timeout', true, 't', 'getOrders'), { key: 'spapi_timeout', substitutions: [] }],
  [new NetworkError('failed', true, 'f'), { key: 'spapi_network', substitutions: [] }],
  [new NetworkError('aborted', false, 'a'), { key: 'spapi_aborted', substitutions: [] }],
  [new DOMException('stop', 'AbortError'), { key: 'spapi_aborted', substitutions: [] }],
  [new S3UploadError(400, 'BadDigest', 'mismatch', 'r'), { key: 'spapi_s3_digest', substitutions: [] }],
  [new S3UploadError(403, 'SignatureDoesNotMatch', 'sig', 'r'), { key: 'spapi_s3_signature', substitutions: [] }],
  [new S3UploadError(403, 'AccessDenied', 'Request has expired', 'r'), { key: 'spapi_s3_expired', substitutions: [] }],
  [new S3UploadError(500, 'InternalError', 'oops', 'r'), { key: 'spapi_s3_failed', substitutions: ['InternalError'] }],
  [new EndpointError('query', 'no query'), { key: 'spapi_endpoint_invalid', substitutions: [] }],
  [new Error('something else'), { key: 'spapi_unknown', substitutions: [] }],
  ['a string', { key: 'spapi_unknown', substitutions: [] }],
];
