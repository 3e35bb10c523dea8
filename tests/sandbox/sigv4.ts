/**
 * AWS Signature Version 4, written against node:crypto so that the S3 and SQS stand-ins check
 * signatures the way AWS does (and so that tests can sign requests without another library).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20260101T120000Z` */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/** Parses `20260101T120000Z`; NaN when malformed. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * S3 signs the path once-encoded; every other service signs the already-encoded path encoded
 * again (the AWS SigV4 rules; SDKs and aws4fetch do the same).
 */
export function canonicalUri(rawPath: string, service: string): string {
  const segments = rawPath.split('/');
  const encoded = service === 's3'
    ? segments.map((s) => rfc3986(safeDecode(s)))
    : segments.map((s) => rfc3986(s));
  return encoded.join('/') || '/';
}

export function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** `headers` maps lower-case names to values; only the signed ones are used. */
export function canonicalHeaders(signedHeaders: string[], headers: Record<string, string | undefined>): string {
  return signedHeaders.map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
}

export interface CanonicalRequestInput {
  method: string;
  rawPath: string;
  queryPairs: [string, string][];
  headers: Record<string, string | undefined>;
  signedHeaders: string[];
  payloadHash: string;
  service: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.rawPath, input.service),
    canonicalQuery(input.queryPairs),
    canonicalHeaders(input.signedHeaders, input.headers),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function signature(
  secretAccessKey: string,
  date: string,
  scope: { region: string; service: string },
  stringToSign: string,
): string {
  const kDate = hmac(`AWS4${secretAccessKey}`, date.slice(0, 8));
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

export function stringToSign(amzDateValue: string, credentialScope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDateValue, credentialScope, sha256Hex(canonical)].join('\n');
}

export function signaturesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export interface PresignInput {
  method: string;
  url: URL;
  /** Headers the client must send, lower-case names; `host` is taken from the URL. */
  headers: Record<string, string>;
  credentials: AwsCredentials;
  region: string;
  service: string;
  expiresSeconds: number;
  now: number;
}

/** Query-string signing (a presigned URL), as S3 and the Uploads API hand them out. */
export function presignUrl(input: PresignInput): string {
  const date = amzDate(input.now);
  const scope = `${date.slice(0, 8)}/${input.region}/${input.service}/aws4_request`;
  const headers: Record<string, string> = { ...input.headers, host: input.url.host };
  const signedHeaders = Object.keys(headers).sort();
  const url = new URL(input.url.toString());
  url.searchParams.set('X-Amz-Algorithm', SIGV4_ALGORITHM);
  url.searchParams.set('X-Amz-Credential', `${input.credentials.accessKeyId}/${scope}`);
  url.searchParams.set('X-Amz-Date', date);
  url.searchParams.set('X-Amz-Expires', String(input.expiresSeconds));
  url.searchParams.set('X-Amz-SignedHeaders', signedHeaders.join(';'));
  const canonical = canonicalRequest({
    method: input.method,
    rawPath: url.pathname,
    queryPairs: [...url.searchParams],
    headers,
    signedHeaders,
    payloadHash: UNSIGNED_PAYLOAD,
    service: input.service,
  });
  const sig = signature(input.credentials.secretAccessKey, date, input, stringToSign(date, scope, canonical));
  url.searchParams.set('X-Amz-Signature', sig);
  return url.toString();
}

export interface SignHeadersInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Buffer;
  credentials: AwsCredentials;
  region: string;
  service: string;
  now: number;
}

/**
 * Header signing (Authorization header), e.g. for SQS. Returns the headers to send, including
 * `x-amz-date` and `authorization`. Signs host, x-amz-* and the given headers except content-type
 * (as aws4fetch does, so both clients exercise the same verification).
 */
export function signHeaders(input: SignHeadersInput): Record<string, string> {
  const date = amzDate(input.now);
  const scope = `${date.slice(0, 8)}/${input.region}/${input.service}/aws4_request`;
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) lower[k.toLowerCase()] = v;
  lower['x-amz-date'] = date;
  lower.host = input.url.host;
  const signedHeaders = Object.keys(lower).filter((h) => h !== 'content-type' && h !== 'content-length').sort();
  const canonical = canonicalRequest({
    method: input.method,
    rawPath: input.url.pathname,
    queryPairs: [...input.url.searchParams],
    headers: lower,
    signedHeaders,
    payloadHash: sha256Hex(input.body),
    service: input.service,
  });
  const sig = signature(input.credentials.secretAccessKey, date, input, stringToSign(date, scope, canonical));
  const { host: _host, ...rest } = lower;
  return {
    ...rest,
    authorization: `${SIGV4_ALGORITHM} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`,
  };
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=..., Signature=...`. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m?.[1]) return undefined;
  const parts: Record<string, string> = {};
  for (const piece of m[1].split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
  }
  const credential = parts.Credential?.split('/');
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = credential as [string, string, string, string, string];
  if (!parts.SignedHeaders || !parts.Signature) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: parts.SignedHeaders.split(';'), signature: parts.Signature };
}
