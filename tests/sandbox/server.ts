/**
 * The local SP-API sandbox: one HTTP origin on 127.0.0.1 that serves LWA, the SP-API operations,
 * S3, SQS, Seller Central look-alike pages and a control API, routed by path — so the extension can
 * use it as a single "custom endpoint". This file wires the services together; each lives in its own
 * module.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SANDBOX_AWS } from './constants';
import type { ControlHost } from './control';
import { handleControl } from './control';
import { faultHeaders, faultReply } from './faults';
import type { SandboxReply, SandboxRequest, Service } from './http';
import { corsHeaders, jsonReply, textReply } from './http';
import type { LogEntry } from './log';
import { RequestLog, logRequestBody, logResponseBody, maskHeaders } from './log';
import { handleToken, type LwaCredentials } from './lwa';
import type { SentMessage } from './messaging';
import { Models } from './models';
import { handlePages } from './pages';
import { handleS3 } from './s3';
import { handleSpapi, spapiOperation } from './spapi';
import { handleSqs, sqsAction } from './sqs';
import type { SandboxMode } from './static-sandbox';
import type { SandboxContext, Violation } from './state';
import { createState } from './state';

export { MARKETPLACE_IDS, SANDBOX_AWS, SANDBOX_CREDENTIALS, SANDBOX_ORDERS, SANDBOX_QUEUE, SANDBOX_REVIEW_ORDERS } from './constants';
export type { Solicitation } from './solicitations';
export type { LogEntry } from './log';
export type { SentMessage } from './messaging';
export type { SandboxContext, Violation } from './state';
export type { FaultSpec } from './faults';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The models sit beside the project (../shared/spapi-models), wherever the process was started from. */
export const DEFAULT_MODELS_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'spapi-models');
const MAX_BODY_BYTES = 60 * 1024 * 1024;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Appends the request log here as JSON lines; defaults to env SANDBOX_LOG. */
  logFile?: string;
  /** Models folder; defaults to env SPAPI_MODELS_DIR, then ../shared/spapi-models. null turns validation off. */
  modelsDir?: string | null;
  /** Suppresses informational notes (violations are always printed). */
  quiet?: boolean;
  /**
   * "static" answers SP-API calls exactly as Amazon's own sandbox does: only the models'
   * static sandbox examples, "invalid input" for anything else. Defaults to env SANDBOX_MODE, then "stateful".
   */
  mode?: SandboxMode;
  /**
   * The LWA application and refresh token this sandbox accepts; defaults to SANDBOX_CREDENTIALS. Two
   * sandboxes with different credentials stand for two seller accounts, so a secret sent to the wrong
   * address is refused there.
   */
  credentials?: LwaCredentials;
}

export interface Sandbox {
  url: string;
  port: number;
  /** The demo queue's URL on this sandbox. */
  queueUrl: string;
  modelsAvailable: boolean;
  mode: SandboxMode;
  close(): Promise<void>;
  /** Same as POST /__control/reset. */
  reset(): void;
  /** Live state, for tests that need to look inside. */
  context(): SandboxContext;
  log(): LogEntry[];
  messages(): SentMessage[];
  violations(): Violation[];
}

function createContext(models: Models, mode: SandboxMode): SandboxContext {
  const ctx: SandboxContext = {
    state: createState(),
    models,
    mode,
    reportViolation(violation) {
      const entry: Violation = { time: new Date().toISOString(), ...violation };
      ctx.state.violations.push(entry);
      // A violation is a sandbox bug: make it impossible to miss in test output.
      console.error(`\n!!! SANDBOX MODEL VIOLATION (${entry.kind}${entry.operation ? ` ${entry.operation}` : ''}${entry.status ? ` ${entry.status}` : ''}): ${entry.errors}\n`);
    },
  };
  return ctx;
}

function classify(path: string, headers: IncomingMessage['headers']): Service {
  if (/^\/auth\/o2\/token\/?$/i.test(path)) return 'lwa';
  if (path.startsWith('/s3/')) return 's3';
  if (path === '/sqs' || path.startsWith('/sqs/')) return 'sqs';
  // The AWS SDK's JSON protocol POSTs every action to the host's root, naming the queue in the body.
  if (path === '/' && String(headers['x-amz-target'] ?? '').startsWith('AmazonSQS.')) return 'sqs';
  if (path.startsWith('/__control')) return 'control';
  if (path.startsWith('/__pages') || path === '/') return 'pages';
  return 'spapi';
}

function operationOf(service: Service, req: SandboxRequest): string | undefined {
  switch (service) {
    case 'spapi': return spapiOperation(req);
    case 'lwa': return 'token';
    case 's3': return req.method === 'PUT' ? 'PutObject' : req.method;
    case 'sqs': return sqsAction(req);
    case 'control': return req.path.replace(/^\/__control\/?/, '') || undefined;
    case 'pages': return req.path === '/' ? 'index' : 'page';
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function toRequest(nodeReq: IncomingMessage, body: Buffer, fallbackHost: string): SandboxRequest {
  const rawUrl = nodeReq.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const queryPairs = [...new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))];
  const query: Record<string, string[]> = {};
  for (const [k, v] of queryPairs) (query[k] ??= []).push(v);
  return {
    method: (nodeReq.method ?? 'GET').toUpperCase(),
    rawPath,
    path: safeDecode(rawPath),
    query,
    queryPairs,
    headers: nodeReq.headers,
    body,
    origin: `http://${nodeReq.headers.host ?? fallbackHost}`,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, req: SandboxRequest, reply: SandboxReply, cors: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, { ...cors, ...reply.headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const modelsDir = options.modelsDir === undefined ? (process.env.SPAPI_MODELS_DIR || DEFAULT_MODELS_DIR) : options.modelsDir;
  const models = new Models(modelsDir);
  if (modelsDir && !models.available) console.warn(`[sandbox] SP-API models not found in ${modelsDir}: serving WITHOUT model validation.`);
  else if (!modelsDir && !options.quiet) console.warn('[sandbox] Model validation is turned off.');
  const log = new RequestLog(options.logFile ?? (process.env.SANDBOX_LOG || undefined));
  const mode: SandboxMode = options.mode ?? (process.env.SANDBOX_MODE === 'static' ? 'static' : 'stateful');
  if (mode === 'static' && !models.available) throw new Error(`Static mode answers from the models' examples, and no models were found in ${modelsDir ?? '(none)'}.`);
  let ctx = createContext(models, mode);
  let port = options.port ?? 0;

  const host: ControlHost = {
    context: () => ctx,
    reset() {
      ctx.state.queues.close();
      ctx = createContext(models, mode);
      log.clear();
    },
    log,
  };

  async function dispatch(service: Service, req: SandboxRequest): Promise<SandboxReply> {
    switch (service) {
      case 'lwa': return handleToken(req, ctx.state.tokens, options.credentials);
      case 'spapi': return handleSpapi(req, ctx);
      case 's3': return handleS3(req, ctx);
      case 'sqs': return handleSqs(req, ctx);
      case 'control': return handleControl(req, host);
      case 'pages':
        return req.path === '/'
          ? jsonReply(200, { name: 'Order Courier SP-API sandbox', queueUrl: SANDBOX_AWS.queueUrl(req.origin), control: `${req.origin}/__control/`, pages: `${req.origin}/__pages/orders-v3` })
          : handlePages(req, PROJECT_ROOT);
    }
  }

  async function onRequest(nodeReq: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const body = await readBody(nodeReq);
    const req = toRequest(nodeReq, body ?? Buffer.alloc(0), `127.0.0.1:${port}`);
    const service = classify(req.path, nodeReq.headers);
    const operation = req.method === 'OPTIONS' ? 'preflight' : operationOf(service, req);
    const cors = corsHeaders(req);
    const record = (status: number, reply?: SandboxReply, fault?: string) =>
      log.add({
        time: new Date(started).toISOString(),
        service,
        ...(operation ? { operation } : {}),
        method: req.method,
        path: req.path,
        query: req.query,
        status,
        requestHeaders: maskHeaders(req.headers),
        requestBody: logRequestBody(service, req),
        responseBody: reply ? logResponseBody(reply) : undefined,
        durationMs: Date.now() - started,
        ...(fault ? { fault } : {}),
      });

    if (body === null) {
      const reply = jsonReply(413, { message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
      send(res, req, reply, cors);
      return record(413, reply);
    }
    if (req.method === 'OPTIONS') {
      const reply: SandboxReply = { status: 204, headers: {}, body: '' };
      send(res, req, reply, cors);
      return record(204);
    }

    const search = nodeReq.url?.includes('?') ? nodeReq.url.slice(nodeReq.url.indexOf('?')) : '';
    const fault = service === 'control' ? undefined : ctx.state.faults.take(service, operation, `${req.path}${search}`);
    let reply: SandboxReply;
    switch (fault?.action) {
      case undefined:
        reply = await dispatch(service, req);
        break;
      case 'destroy':
        res.destroy();
        return record(0, undefined, 'destroy');
      case 'hang':
        // Left open on purpose; close() destroys it.
        return record(0, undefined, 'hang');
      case 'status':
        reply = faultReply(service, fault, fault.status ?? 500);
        break;
      case 'malformed-json':
        reply = textReply(fault.status ?? 200, '{"payload": {"truncated', 'application/json', faultHeaders(service, fault));
        reply.logBody = '{"payload": {"truncated';
        break;
      case 'delay':
        await sleep(fault.delayMs ?? 1000);
        reply = await dispatch(service, req);
        break;
      case 'accept-then-fail': {
        const served = await dispatch(service, req);
        if (fault.then === 'destroy') {
          res.destroy();
          return record(0, served, `accept-then-fail (served ${served.status}, then dropped the connection)`);
        }
        reply = faultReply(service, fault, fault.status ?? 504);
        send(res, req, reply, cors);
        return record(reply.status, reply, `accept-then-fail (served ${served.status})`);
      }
    }
    send(res, req, reply, cors);
    record(reply.status, reply, fault ? fault.action : undefined);
  }

  const server = createServer((nodeReq, res) => {
    onRequest(nodeReq, res).catch((err: unknown) => {
      console.error('[sandbox] request failed:', err);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify({ errors: [{ code: 'InternalFailure', message: 'The sandbox failed to handle the request.', details: String(err) }] }));
      }
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    queueUrl: SANDBOX_AWS.queueUrl(url),
    modelsAvailable: models.available,
    mode,
    close: () =>
      new Promise<void>((resolveClose) => {
        ctx.state.queues.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
    reset: () => host.reset(),
    context: () => ctx,
    log: () => log.all(),
    messages: () => [...ctx.state.messages],
    violations: () => [...ctx.state.violations],
  };
}
