// Background-only: PUTs an attachment to the presigned URL from createUploadDestinationForResource.
import { exchange, withRetries, type FetchFn } from '../net/egress';
import type { Endpoint } from './endpoints';
import { S3UploadError } from './errors';
import type { Random, Sleep } from './timing';

export interface S3UploadInput {
  url: string;
  /** Exactly the headers Amazon returned; the presigned signature covers them. */
  headers: Readonly<Record<string, string>>;
  body: Blob | ArrayBuffer;
  /** Base64 of the raw 16-byte MD5 digest (the same value given to createUploadDestinationForResource). */
  contentMD5: string;
  contentType?: string;
  signal?: AbortSignal;
}

export interface S3Options {
  /** The connection the upload belongs to: a custom connection's own origin may serve uploads. */
  endpoint: Endpoint;
  fetch?: FetchFn;
  sleep?: Sleep;
  random?: Random;
  timeoutMs?: number;
  maxAttempts?: number;
}

/** Base64 of 16 bytes: 22 characters and "==". Hex or base64-of-hex is the most reported upload bug. */
export const CONTENT_MD5 = /^[A-Za-z0-9+/]{22}==$/;

export function assertContentMd5(value: string): void {
  if (!CONTENT_MD5.test(value)) {
    throw new RangeError('contentMD5 must be the Base64 of the raw 16-byte MD5 digest (24 characters ending in "==")');
  }
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Service workers have no DOMParser; S3 error bodies are flat enough for a regular expression. */
function xmlField(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m?.[1]?.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e] ?? _);
}

/** Builds the PUT headers: Amazon's, plus Content-MD5/Content-Type only where Amazon did not set them. */
export function s3Headers(input: Pick<S3UploadInput, 'headers' | 'contentMD5' | 'contentType'>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k] = String(v);
  if (!hasHeader(headers, 'content-md5')) headers['Content-MD5'] = input.contentMD5;
  if (input.contentType !== undefined && !hasHeader(headers, 'content-type')) headers['Content-Type'] = input.contentType;
  return headers;
}

/**
 * One PUT of the raw bytes (no multipart, no token: S3 authenticates by the URL's signature).
 * A PUT of the same bytes is idempotent, so network failures and 5xx are retried; a 4xx (bad
 * digest, signature, expiry) will not change on its own and is returned at once.
 */
export async function uploadToS3(input: S3UploadInput, options: S3Options): Promise<void> {
  assertContentMd5(input.contentMD5);
  const headers = s3Headers(input);
  const call = { kind: 's3', endpoint: options.endpoint, uploadUrl: input.url } as const;
  await withRetries(
    async () => {
      const res = await exchange(
        call,
        { method: 'PUT', headers, body: input.body },
        { fetch: options.fetch, timeoutMs: options.timeoutMs, signal: input.signal, operation: 's3Upload' },
      );
      if (res.status >= 200 && res.status < 300) return;
      const code = xmlField(res.text, 'Code') ?? `HTTP${res.status}`;
      const message = xmlField(res.text, 'Message') ?? `S3 answered HTTP ${res.status}`;
      throw new S3UploadError(res.status, code, message, res.headers.get('x-amz-request-id') ?? undefined);
    },
    // A PUT of the same bytes is idempotent; a 4xx (bad digest, signature, expiry) will not change on its own.
    { maxAttempts: options.maxAttempts ?? 3, idempotent: true, sleep: options.sleep, random: options.random, signal: input.signal },
  );
}
