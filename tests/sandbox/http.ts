/** Request/reply shapes shared by every service of the sandbox, plus the CORS rules. */
import type { IncomingHttpHeaders } from 'node:http';

export type Service = 'lwa' | 'spapi' | 's3' | 'sqs' | 'control' | 'pages';

export interface SandboxRequest {
  method: string;
  /** Raw (still percent-encoded) path: SigV4 signs it as sent. */
  rawPath: string;
  path: string;
  query: Record<string, string[]>;
  /** Query pairs in their original order, needed to rebuild a canonical query string. */
  queryPairs: [string, string][];
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `http://host:port` as the client addressed us; presigned URLs must use the same origin. */
  origin: string;
}

export interface SandboxReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** What the request log shows as the response body when the raw body is not JSON worth parsing. */
  logBody?: unknown;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function firstQuery(req: SandboxRequest, name: string): string | undefined {
  return req.query[name]?.[0];
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): SandboxReply {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(value), logBody: value };
}

export function textReply(status: number, body: string, contentType: string, headers: Record<string, string> = {}): SandboxReply {
  return { status, headers: { 'content-type': contentType, ...headers }, body };
}

/** Parses a JSON body; `undefined` for an empty body, an Error for a broken one. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The extension calls every service cross-origin from its service worker, and x-amz-* cannot be
// wildcarded in CORS, so the fixed list is merged with whatever the preflight asks for.
const ALLOWED_HEADERS = [
  'authorization', 'content-type', 'content-md5', 'x-amz-access-token', 'x-amz-target', 'x-amz-date',
  'x-amz-content-sha256', 'x-amz-security-token', 'x-amz-user-agent', 'x-amz-server-side-encryption',
  'x-amzn-requestid', 'retry-after',
];
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-RateLimit-Limit, Retry-After, ETag, x-amz-request-id';

export function corsHeaders(req: SandboxRequest): Record<string, string> {
  const requested = (header(req, 'access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allow = [...new Set([...ALLOWED_HEADERS, ...requested])];
  const headers: Record<string, string> = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS',
    'access-control-allow-headers': allow.join(', '),
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '600',
  };
  // Chrome's Private Network Access asks before a less private context reaches 127.0.0.1.
  if (header(req, 'access-control-request-private-network') === 'true') {
    headers['access-control-allow-private-network'] = 'true';
  }
  return headers;
}
