/**
 * Validation against Amazon's official models, read from disk at run time (never copied into the
 * project). Requests that break the model get 400 InvalidInput, as Amazon answers; responses of
 * ours that break it are sandbox bugs and are reported as violations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import { isRecord } from './http';

export type ModelKey = 'messaging' | 'uploads' | 'notifications' | 'ordersV0' | 'orders2026' | 'solicitations';

const MODEL_FILES: Record<ModelKey, string> = {
  messaging: 'messaging.json',
  uploads: 'uploads_2020-11-01.json',
  notifications: 'notifications.json',
  ordersV0: 'ordersV0.json',
  orders2026: 'orders_2026-01-01.json',
  solicitations: 'solicitations.json',
};

/** Notification payload schemas (JSON Schema draft-07) by notificationType. */
const NOTIFICATION_FILES: Record<string, string> = {
  ORDER_CHANGE: 'OrderChangeNotification.json',
  ORDER_STATUS_CHANGE: 'historical/notifications-7a60d693/OrderStatusChangeNotification.json',
};

interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'body' | 'header' | 'formData';
  required?: boolean;
  type?: string;
  schema?: unknown;
  [keyword: string]: unknown;
}

interface SwaggerOperation {
  operationId: string;
  description?: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: unknown }>;
}

interface SwaggerModel {
  paths: Record<string, Record<string, unknown>>;
  definitions: Record<string, unknown>;
}

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, string[]>;
  body: unknown;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
// Swagger 2.0 parameter keywords that are also JSON Schema keywords.
const PARAM_KEYWORDS = ['type', 'items', 'enum', 'minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'format'];
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function isDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

export class Models {
  private readonly models = new Map<ModelKey, SwaggerModel>();
  private readonly operations = new Map<string, SwaggerOperation>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly notificationValidators = new Map<string, ValidateFunction | null>();
  private readonly ajv: Ajv04;

  constructor(readonly dir: string | null) {
    this.ajv = new Ajv04({ strict: false, allErrors: true });
    this.ajv.addFormat('date-time', isDateTime);
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    this.ajv.addFormat('double', { type: 'number', validate: () => true });
    if (!dir || !existsSync(dir)) return;
    for (const [key, file] of Object.entries(MODEL_FILES) as [ModelKey, string][]) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const model = JSON.parse(readFileSync(path, 'utf8')) as SwaggerModel;
      this.models.set(key, model);
      // Registered under the model key so "#/definitions/X" refs resolve inside that model.
      this.ajv.addSchema({ definitions: model.definitions }, key);
      for (const methods of Object.values(model.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (!HTTP_METHODS.has(method) || !isRecord(op)) continue;
          const operation = op as unknown as SwaggerOperation;
          this.operations.set(`${key}:${operation.operationId}`, operation);
        }
      }
    }
  }

  get available(): boolean {
    return this.models.size > 0;
  }

  /** Files found, for the start-up banner. */
  loadedModels(): ModelKey[] {
    return [...this.models.keys()];
  }

  operation(model: ModelKey, operationId: string): SwaggerOperation | undefined {
    return this.operations.get(`${model}:${operationId}`);
  }

  /** First paragraph of the operation's description (the part before the usage plan). */
  operationSummary(model: ModelKey, operationId: string): string | undefined {
    const text = this.operation(model, operationId)?.description;
    return text?.split(/\n\s*\n/)[0]?.trim() || undefined;
  }

  definition(model: ModelKey, name: string): unknown {
    return this.models.get(model)?.definitions[name];
  }

  /** Returns a human-readable description of what is wrong, or null when the request fits the model. */
  validateRequest(model: ModelKey, operationId: string, parts: RequestParts): string | null {
    const op = this.operation(model, operationId);
    if (!op) return null;
    const params = op.parameters ?? [];
    const problems: string[] = [];
    for (const location of ['path', 'query'] as const) {
      const declared = params.filter((p) => p.in === location);
      if (declared.length === 0) continue;
      const validate = this.compile(`${model}:${operationId}:${location}`, model, paramsSchema(declared));
      const data = location === 'path' ? coerce(declared, mapValues(parts.path, (v) => [v])) : coerce(declared, parts.query);
      if (!validate(data)) problems.push(this.describe(validate.errors, location));
    }
    const bodyParam = params.find((p) => p.in === 'body');
    if (bodyParam) {
      if (parts.body === undefined) {
        if (bodyParam.required) problems.push('The request body is required.');
      } else {
        const validate = this.compile(`${model}:${operationId}:body`, model, bodyParam.schema ?? {});
        if (!validate(parts.body)) problems.push(this.describe(validate.errors, 'body'));
      }
    }
    return problems.length > 0 ? problems.join('; ') : null;
  }

  /** Checks a response body we are about to send against the schema the model declares for its status. */
  validateResponse(model: ModelKey, operationId: string, status: number, body: unknown): string | null {
    const op = this.operation(model, operationId);
    if (!op) return null;
    const response = op.responses[String(status)];
    if (!response) return `status ${status} is not declared for ${operationId}`;
    if (!response.schema) return body === undefined ? null : `status ${status} of ${operationId} declares no body`;
    const validate = this.compile(`${model}:${operationId}:response:${status}`, model, response.schema);
    return validate(body) ? null : this.describe(validate.errors, 'response');
  }

  /**
   * Validates a notification body against the payload schema of its NotificationType. Returns
   * `{checked: false}` when no schema is known for that type (or the models folder is missing).
   */
  validateNotification(body: unknown): { checked: boolean; errors?: string } {
    if (!this.dir) return { checked: false };
    const type = isRecord(body) && typeof body.NotificationType === 'string' ? body.NotificationType : 'ORDER_CHANGE';
    const validate = this.notificationValidator(type);
    if (!validate) return { checked: false };
    return validate(body) ? { checked: true } : { checked: true, errors: this.describe(validate.errors, 'notification') };
  }

  private notificationValidator(type: string): ValidateFunction | null {
    if (this.notificationValidators.has(type)) return this.notificationValidators.get(type) ?? null;
    const file = NOTIFICATION_FILES[type];
    const path = file && this.dir ? join(this.dir, file) : undefined;
    let validate: ValidateFunction | null = null;
    if (path && existsSync(path)) {
      // One instance per schema: Amazon's notification schemas share the same placeholder $id.
      validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(path, 'utf8')) as object);
    }
    this.notificationValidators.set(type, validate);
    return validate;
  }

  private compile(cacheKey: string, model: ModelKey, schema: unknown): ValidateFunction {
    const cached = this.validators.get(cacheKey);
    if (cached) return cached;
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', `"${model}#/definitions/`)) as object;
    const validate = this.ajv.compile(rebased);
    this.validators.set(cacheKey, validate);
    return validate;
  }

  private describe(errors: ErrorObject[] | null | undefined, dataVar: string): string {
    return this.ajv.errorsText(errors, { dataVar, separator: '; ' });
  }
}

function paramsSchema(params: SwaggerParameter[]): object {
  const properties: Record<string, unknown> = {};
  for (const p of params) {
    const schema: Record<string, unknown> = {};
    for (const keyword of PARAM_KEYWORDS) if (p[keyword] !== undefined) schema[keyword] = p[keyword];
    properties[p.name] = schema;
  }
  const required = params.filter((p) => p.required).map((p) => p.name);
  // Draft-04 forbids an empty `required` array.
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** Turns raw query strings into the types the model declares (csv arrays, numbers, booleans). */
function coerce(params: SwaggerParameter[], raw: Record<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const values = raw[p.name];
    if (!values || values.length === 0) continue;
    const first = values[0] ?? '';
    switch (p.type) {
      case 'array':
        out[p.name] = values.flatMap((v) => v.split(',')).filter((v) => v !== '');
        break;
      case 'integer':
      case 'number':
        out[p.name] = /^-?\d+(\.\d+)?$/.test(first) ? Number(first) : first;
        break;
      case 'boolean':
        out[p.name] = first === 'true' ? true : first === 'false' ? false : first;
        break;
      default:
        out[p.name] = first;
    }
  }
  return out;
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
