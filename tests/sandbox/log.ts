/**
 * The request log: one JSON object per served request, appended to SANDBOX_LOG (when set) and kept
 * in memory for GET /__control/log. Secrets are masked before anything is stored, so the log can be
 * attached to bug reports and CI artefacts.
 */
import { appendFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxReply, SandboxRequest, Service } from './http';
import { isRecord } from './http';
import { parseLwaBody } from './lwa';

export interface LogEntry {
  time: string;
  service: Service;
  operation?: string;
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** 0 when no reply was sent (a `destroy` or `hang` fault). */
  status: number;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  responseBody?: unknown;
  durationMs: number;
  fault?: string;
}

const MASK = '***';
const SECRET_HEADER = /authorization|token|secret|cookie|password|credential|signature/i;
const SECRET_FIELD = /^(client_secret|refresh_token|access_token|secretAccessKey|password)$/i;
const SECRET_QUERY = /^(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)$/i;
// Presigned URLs are bearer credentials for as long as they live.
const URL_SIGNATURE = /(X-Amz-Signature=)[0-9a-f]+/gi;
// Keeps a long benchmark run from growing without bound; the file keeps everything.
const MEMORY_LIMIT = 5000;

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADER.test(name) ? MASK : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function maskQuery(query: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(query)) out[name] = SECRET_QUERY.test(name) ? values.map(() => MASK) : values;
  return out;
}

/** Deep copy with secret fields and URL signatures replaced by `***`. */
export function maskSecrets(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(URL_SIGNATURE, `$1${MASK}`);
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) && v !== undefined ? MASK : maskSecrets(v);
    return out;
  }
  return value;
}

export class RequestLog {
  private entries: LogEntry[] = [];

  constructor(private readonly file?: string) {}

  add(entry: LogEntry): void {
    const masked: LogEntry = {
      ...entry,
      query: maskQuery(entry.query),
      requestBody: maskSecrets(entry.requestBody),
      responseBody: maskSecrets(entry.responseBody),
    };
    this.entries.push(masked);
    if (this.entries.length > MEMORY_LIMIT) this.entries.splice(0, this.entries.length - MEMORY_LIMIT);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(masked)}\n`);
  }

  all(): LogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

/** S3 bodies are summarised; LWA forms are parsed so their secrets can be masked. */
export function logRequestBody(service: Service, req: SandboxRequest): unknown {
  if (service === 's3') return { bytes: req.body.length };
  if (service === 'lwa') return parseLwaBody(req);
  if (req.body.length === 0) return undefined;
  const text = req.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
  }
}

export function logResponseBody(reply: SandboxReply): unknown {
  if (reply.logBody !== undefined) return reply.logBody;
  const text = reply.body.toString();
  if (text === '') return undefined;
  if ((reply.headers['content-type'] ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return (reply.headers['content-type'] ?? '').includes('xml') ? text : { bytes: reply.body.length };
}
