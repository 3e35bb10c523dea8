/**
 * Injected faults: the way tests reproduce what the real services do on a bad day.
 *
 * Matching rules (kept deliberately simple):
 * - a fault matches a request when `service` equals the request's service AND, when given,
 *   `operation` equals its operation name (SP-API operationId such as `createConfirmOrderDetails`;
 *   `token` for LWA; `PutObject` for S3; the X-Amz-Target action such as `ReceiveMessage` for SQS)
 *   AND, when given, `pathIncludes` is a substring of the path plus query string;
 * - faults are tried in the order they were added; the first match fires;
 * - each fault fires `times` times (default 1) and is then removed;
 * - a fault fires before any authentication, throttling or validation of the request.
 *
 * Actions:
 * - `status`: answer `status` (default 500) with `body`/`headers` instead of serving;
 * - `malformed-json`: answer `status` (default 200) with a truncated JSON body, without serving;
 * - `delay`: wait `delayMs` (default 1000), then serve normally;
 * - `hang`: never answer (the connection stays open until the client gives up or the sandbox closes);
 * - `accept-then-fail`: serve normally (state changes happen, e.g. the message is recorded as sent),
 *   then throw the reply away: answer `status` (default 504) or, with `then: "destroy"`, drop the socket;
 * - `destroy`: drop the connection without serving.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxReply, Service } from './http';
import { isRecord, jsonReply, textReply } from './http';

export type FaultAction = 'status' | 'malformed-json' | 'delay' | 'hang' | 'accept-then-fail' | 'destroy';

export interface FaultSpec {
  service: Exclude<Service, 'control'>;
  operation?: string;
  pathIncludes?: string;
  times?: number;
  action: FaultAction;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  then?: 'status' | 'destroy';
}

interface PendingFault extends FaultSpec {
  remaining: number;
}

const SERVICES = new Set(['lwa', 'spapi', 's3', 'sqs', 'pages']);
const ACTIONS = new Set(['status', 'malformed-json', 'delay', 'hang', 'accept-then-fail', 'destroy']);

/** Checks one fault spec from the control API; returns an error message or the spec. */
export function parseFault(value: unknown): FaultSpec | string {
  if (!isRecord(value)) return 'each fault must be an object';
  const { service, action, operation, pathIncludes, times, status, headers, delayMs, then } = value;
  if (typeof service !== 'string' || !SERVICES.has(service)) return `service must be one of ${[...SERVICES].join(', ')}`;
  if (typeof action !== 'string' || !ACTIONS.has(action)) return `action must be one of ${[...ACTIONS].join(', ')}`;
  if (operation !== undefined && typeof operation !== 'string') return 'operation must be a string';
  if (pathIncludes !== undefined && typeof pathIncludes !== 'string') return 'pathIncludes must be a string';
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return 'times must be an integer >= 1';
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)) {
    return 'status must be an HTTP status code';
  }
  if (headers !== undefined && (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
    return 'headers must be an object of strings';
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0)) return 'delayMs must be a number >= 0';
  if (then !== undefined && then !== 'status' && then !== 'destroy') return 'then must be "status" or "destroy"';
  return value as unknown as FaultSpec;
}

export class FaultQueue {
  private faults: PendingFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? 1 });
  }

  take(service: Service, operation: string | undefined, pathAndQuery: string): FaultSpec | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.service === service &&
        (f.operation === undefined || f.operation === operation) &&
        (f.pathIncludes === undefined || pathAndQuery.includes(f.pathIncludes)),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  pending(): PendingFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

/** Every SP-API answer carries a request id, injected ones included. */
export function faultHeaders(service: Service, fault: FaultSpec): Record<string, string> {
  return service === 'spapi' ? { 'x-amzn-RequestId': randomUUID(), ...fault.headers } : { ...fault.headers };
}

/** The reply of a `status` fault (or the failing half of `accept-then-fail`), in each service's own error format. */
export function faultReply(service: Service, fault: FaultSpec, status: number): SandboxReply {
  const headers = faultHeaders(service, fault);
  if (fault.body !== undefined) {
    return typeof fault.body === 'string'
      ? textReply(status, fault.body, headers['content-type'] ?? 'text/plain', headers)
      : jsonReply(status, fault.body, headers);
  }
  switch (service) {
    case 'spapi': {
      if (status === 504) return jsonReply(status, { message: 'Endpoint request timed out' }, headers);
      const [code, message] = status === 429 ? ['QuotaExceeded', 'You exceeded your quota for the requested resource.']
        : status === 503 ? ['ServiceUnavailable', 'Service temporarily unavailable. Please try again.']
        : status >= 500 ? ['InternalFailure', 'We encountered an internal error. Please try again.']
        : ['InvalidInput', 'Invalid Input'];
      return jsonReply(status, { errors: [{ code, message, details: '' }] }, headers);
    }
    case 'lwa':
      return jsonReply(status, status >= 500
        ? { error_description: 'The authorization server encountered an unexpected condition', error: status === 503 ? 'temporarily_unavailable' : 'server_error' }
        : { error_description: 'The request is invalid', error: 'invalid_request' }, headers);
    case 's3':
      return textReply(status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${status === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>We encountered an internal error. Please try again.</Message></Error>`, 'application/xml', headers);
    case 'sqs':
      return jsonReply(status, { __type: `com.amazon.coral.service#${status === 503 ? 'ServiceUnavailable' : 'InternalFailure'}`, message: 'The request processing has failed because of an unknown error.' }, headers, 'application/x-amz-json-1.0');
    default:
      return textReply(status, `<!doctype html><title>${status}</title>`, 'text/html; charset=utf-8', headers);
  }
}
