// Background-only: public entry of the SP-API client; import it from the background service worker only.
import { assertNotInWebPage } from './guard';

assertNotInWebPage();

export { createSpApi, type SpApi, type SpApiOptions } from './client';
export {
  AMAZON_LWA_TOKEN_URL,
  AWS_REGION,
  awsRegion,
  lwaTokenUrl,
  normalizeCustomBaseUrl,
  spApiBase,
  type Endpoint,
} from './endpoints';
export {
  EndpointError,
  LwaError,
  NetworkError,
  S3UploadError,
  SpApiError,
  type EndpointProblem,
  type LwaErrorCode,
  type NetworkErrorKind,
} from './errors';
export { explainError, SPAPI_MESSAGE_KEYS, type Explanation, type SpApiMessageKey } from './explain';
export { buildQuery, type WaitEvent, type WaitReason } from './http';
export {
  createLwa,
  createMemoryTokenCache,
  EXPIRY_MARGIN_MS,
  type AccessTokenOptions,
  type CachedToken,
  type Lwa,
  type LwaCredentials,
  type LwaOptions,
  type TokenCache,
} from './lwa';
export { encodeResourcePath, type UploadDestinationRequest } from './messaging';
export type { FetchFn } from '../net/egress';
export {
  MESSAGE_OPERATIONS,
  OPERATIONS,
  isMessageSegment,
  type MessageSegment,
  type OperationInfo,
  type OperationName,
} from './operations';
export { fromV0, fromV2026, type GetOrdersV0Input, type RecentOrdersInput, type SearchOrdersInput } from './orders';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions, type RateSpec, type RateWait } from './rate-limit';
export {
  isSolicitationUnavailable,
  offersReviewRequest,
  REVIEW_SOLICITATION,
  type ReviewRequestOutcome,
} from './solicitations';
export { CONTENT_MD5, uploadToS3, type S3Options, type S3UploadInput } from './s3';
export type * from './types';
