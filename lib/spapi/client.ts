// Background-only: the typed SP-API client the background's message handlers use.
import type { Endpoint } from './endpoints';
import { createHttp, type WaitEvent } from './http';
import type { Lwa } from './lwa';
import { messagingOperations } from './messaging';
import type { FetchFn } from '../net/egress';
import { notificationOperations } from './notifications';
import { orderOperations } from './orders';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { uploadToS3, type S3UploadInput } from './s3';
import { solicitationOperations } from './solicitations';
import { realSleep, type Clock, type Random, type Sleep } from './timing';

export interface SpApiOptions {
  endpoint: Endpoint;
  lwa: Lwa;
  /** Supply one to share pacing between clients; it then reports its own waits. */
  limiter?: RateLimiter;
  fetch?: FetchFn;
  /** Every wait longer than zero: rate limit, 429/503 backoff, retries. For "waiting for Amazon…". */
  onWait?: (event: WaitEvent) => void;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Sent as `x-amz-user-agent: OrderCourier/<version>` (browsers forbid setting User-Agent). */
  appVersion?: string;
  now?: Clock;
  sleep?: Sleep;
  random?: Random;
  maxAttempts?: number;
  maxRetryWaitMs?: number;
}

/**
 * One client per (endpoint, seller). It owns the pacing state, so create it once per service-worker
 * life and keep it: a new client per call would forget how many requests were just made.
 */
export function createSpApi(options: SpApiOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const limiter =
    options.limiter ??
    createRateLimiter({ now, sleep, onWait: (w) => options.onWait?.({ ...w, reason: 'rate-limit' }) });
  const call = createHttp({ ...options, limiter, now, sleep });

  return {
    ...messagingOperations(call),
    ...notificationOperations(call),
    ...orderOperations(call, now),
    ...solicitationOperations(call),
    /** The presigned PUT: no SP-API token and no SP-API rate limit, only the same fetch and clock. */
    uploadToS3: (input: S3UploadInput) =>
      uploadToS3(input, { endpoint: options.endpoint, fetch: options.fetch, sleep, random: options.random }),
    /** The token source, for "test connection" (does LWA accept the credentials?). */
    lwa: options.lwa,
    limiter,
  };
}

export type SpApi = ReturnType<typeof createSpApi>;
