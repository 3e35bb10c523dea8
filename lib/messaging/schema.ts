/**
 * The JSON schemas Amazon embeds per message type are loose documents: UI hints (`x-ui-field-type`,
 * `x-ui-hidden`), HAL `_links`, `maxLength` written on arrays, sometimes `required: []`. We keep only
 * the draft-04 keywords a validator understands, with values of the right type, so that a strange
 * schema can never make validation throw; everything else is dropped.
 */
import type { MessageTypeSpec } from './message-types';

export const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

export type SchemaType = 'array' | 'boolean' | 'integer' | 'null' | 'number' | 'object' | 'string';

export interface JsonSchema {
  $schema?: string;
  type?: SchemaType | SchemaType[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
}

const TYPES: readonly string[] = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
// Amazon's schemas are a few levels deep; anything deeper is not a schema we can use.
const MAX_DEPTH = 16;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function isType(value: unknown): value is SchemaType {
  return typeof value === 'string' && TYPES.includes(value);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function node(raw: unknown, depth: number): JsonSchema {
  if (!isRecord(raw) || depth > MAX_DEPTH) return {};
  const out: JsonSchema = {};
  const t = raw.type;
  if (isType(t)) out.type = t;
  else if (Array.isArray(t) && t.length > 0 && t.every(isType)) out.type = [...t];
  if (typeof raw.title === 'string') out.title = raw.title;
  if (typeof raw.description === 'string') out.description = raw.description;
  if (typeof raw.format === 'string') out.format = raw.format;
  if (typeof raw.pattern === 'string' && compiles(raw.pattern)) out.pattern = raw.pattern;
  if (Array.isArray(raw.enum) && raw.enum.length > 0) out.enum = [...raw.enum];
  if (typeof raw.minimum === 'number') out.minimum = raw.minimum;
  if (typeof raw.maximum === 'number') out.maximum = raw.maximum;
  if (Array.isArray(raw.required)) {
    const names = raw.required.filter((r): r is string => typeof r === 'string');
    if (names.length > 0) out.required = names;
  }
  if (isRecord(raw.properties)) {
    out.properties = {};
    for (const [name, child] of Object.entries(raw.properties)) out.properties[name] = node(child, depth + 1);
  }
  if (Array.isArray(raw.items)) out.items = raw.items.map((i) => node(i, depth + 1));
  else if (isRecord(raw.items)) out.items = node(raw.items, depth + 1);
  if (typeof raw.additionalProperties === 'boolean') out.additionalProperties = raw.additionalProperties;
  else if (isRecord(raw.additionalProperties)) out.additionalProperties = node(raw.additionalProperties, depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = raw[k];
    if (Array.isArray(list) && list.length > 0) out[k] = list.map((s) => node(s, depth + 1));
  }
  if (isRecord(raw.not)) out.not = node(raw.not, depth + 1);

  const isArray = out.type === 'array';
  const minLength = count(raw.minLength);
  const maxLength = count(raw.maxLength);
  const minItems = count(raw.minItems);
  const maxItems = count(raw.maxItems);
  if (isArray) {
    // Amazon's models write the attachment limit as `maxLength: 5` (and `minLength: 1`) on arrays,
    // which draft-04 ignores there. Read them as the item limits they are meant to be.
    const min = minItems ?? minLength;
    const max = maxItems ?? maxLength;
    if (min !== undefined) out.minItems = min;
    if (max !== undefined) out.maxItems = max;
  } else {
    if (minLength !== undefined) out.minLength = minLength;
    if (maxLength !== undefined) out.maxLength = maxLength;
    if (minItems !== undefined) out.minItems = minItems;
    if (maxItems !== undefined) out.maxItems = maxItems;
  }
  return out;
}

/** A draft-04 object schema built from anything; never throws. */
export function normalizeSchema(raw: unknown): JsonSchema {
  const schema = node(raw, 0);
  schema.$schema = DRAFT_04;
  if (schema.type === undefined) schema.type = 'object';
  if (schema.properties === undefined) schema.properties = {};
  return schema;
}

/** What the schema for a type looks like when Amazon sends only `_links` (the static sandbox does). */
export function defaultSchemaFor(spec: MessageTypeSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  if (spec.text) {
    properties.rawMessageBody = { type: 'string', minLength: spec.text.minLength, maxLength: spec.text.maxLength };
    if (spec.text.minLength > 0) required.push('rawMessageBody');
  }
  if (spec.attachments) {
    properties.attachments = {
      type: 'array',
      items: { type: 'object', properties: { fileName: { type: 'string' } } },
      minItems: spec.attachments.minItems,
      maxItems: spec.attachments.maxItems,
    };
    if (spec.attachments.minItems > 0) required.push('attachments');
  }
  for (const field of spec.dates ?? []) properties[field] = { type: 'string', format: 'date-time' };
  const schema: JsonSchema = { $schema: DRAFT_04, type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return schema;
}
