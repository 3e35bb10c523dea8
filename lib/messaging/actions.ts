/**
 * Reads a `getMessagingActionsForOrder` response (HAL) into the list of message types the panel offers.
 *
 * Three shapes are real: the model's (`_embedded.actions[i]._embedded.schema.payload` is the schema),
 * the tutorial's and the samples' (`_embedded.actions[i]._embedded.schema` is the schema itself), and
 * the static sandbox's (`_links` only). The link href's last path segment decides the type; the link
 * `name` is only a label and is not always the segment (`sendInvoice` vs `/messages/invoice`).
 */
import { keyLabel, sellerFacing, type I18nKey, type Label } from './label';
import { canonicalSegment, classifySegment, type MessageTypeSpec } from './message-types';
import { defaultSchemaFor, isRecord, normalizeSchema, type JsonSchema } from './schema';

export interface OfferedType {
  /** Path segment to send to (`invoice` also for an action Amazon named `sendInvoice`). */
  segment: string;
  /** The action's name as Amazon wrote it; falls back to the segment. */
  name: string;
  href: string;
  supported: boolean;
  /** Why the type cannot be sent from here; shown to the seller instead of failing. */
  reason?: I18nKey;
  reasonSubstitutions?: string[];
  /**
   * Our catalogue's name for a type we know (supported or retired), so the UI's language decides it;
   * Amazon's wording only for a type we do not know.
   */
  title: Label;
  /** Amazon's own title (English in every response seen), shown in small print beside ours. */
  amazonTitle?: string;
  description?: string;
  /** Our table entry, for supported types. */
  spec?: MessageTypeSpec;
  schema: JsonSchema;
  /** `amazon`: embedded in the response; `default`: built from our table; `none`: neither. */
  schemaSource: 'amazon' | 'default' | 'none';
}

export interface ApiError {
  code: string;
  message: string;
}

export class MalformedActionsError extends Error {
  override readonly name = 'MalformedActionsError';
  constructor(
    message: string,
    /** The `errors` Amazon put in the body, if any, so the caller can show Amazon's reason. */
    readonly apiErrors: ApiError[] = [],
  ) {
    super(message);
  }
}

/** Path segments of an href, without query or fragment; tolerant of absolute URLs and junk. */
function segments(href: string): string[] {
  const path = href.trim().split(/[?#]/, 1)[0] ?? '';
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function segmentFromHref(href: string): string | undefined {
  return segments(href).at(-1);
}

/** `/messages/<type>/schema` names the type one segment before the end. */
function schemaLinkSegment(href: string): string | undefined {
  const parts = segments(href);
  return parts.at(-1) === 'schema' ? parts.at(-2) : parts.at(-1);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function apiErrors(body: Record<string, unknown>): ApiError[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.filter(isRecord).map((e) => ({ code: String(e.code ?? ''), message: String(e.message ?? '') }));
}

interface Embedded {
  raw: Record<string, unknown>;
  actionTitle?: string;
}

function embeddedSchema(action: Record<string, unknown>): Record<string, unknown> | undefined {
  const inner = isRecord(action._embedded) ? action._embedded : undefined;
  let schema: unknown = inner?.schema;
  if (typeof schema === 'string') {
    try {
      schema = JSON.parse(schema);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(schema)) return undefined;
  // The model wraps the document in `payload` (GetSchemaResponse); the tutorial does not.
  const payload = schema.payload;
  if (isRecord(payload) && (isRecord(payload.properties) || 'type' in payload)) return payload;
  return schema;
}

function indexEmbedded(embedded: unknown): Map<string, Embedded> {
  const byKey = new Map<string, Embedded>();
  const list = isRecord(embedded) ? embedded.actions : undefined;
  if (!Array.isArray(list)) return byKey;
  for (const action of list) {
    if (!isRecord(action)) continue;
    const raw = embeddedSchema(action);
    if (!raw) continue;
    const links = isRecord(action._links) ? action._links : {};
    const schemaHref = isRecord(links.schema) ? str(links.schema.href) : undefined;
    const selfHref = isRecord(links.self) ? str(links.self.href) : undefined;
    const keys = [
      isRecord(action.payload) ? str(action.payload.name) : undefined,
      str(action.name),
      schemaHref && schemaLinkSegment(schemaHref),
      selfHref && segmentFromHref(selfHref),
      str(raw.name),
    ];
    const entry: Embedded = { raw, actionTitle: str(action.title) };
    for (const key of keys) {
      if (!key) continue;
      const k = canonicalSegment(key) ?? key;
      if (!byKey.has(k)) byKey.set(k, entry);
    }
  }
  return byKey;
}

function retiredLabelKey(segment: string): I18nKey {
  return `msg_type_${segment}`;
}

function offered(link: Record<string, unknown>, embedded: Map<string, Embedded>): OfferedType | undefined {
  const href = str(link.href);
  const linkName = str(link.name);
  const rawSegment = href !== undefined ? segmentFromHref(href) : linkName;
  if (rawSegment === undefined) return undefined;
  const kind = classifySegment(rawSegment);
  if (kind.kind === 'not-a-message') return undefined;

  const segment = kind.kind === 'supported' ? kind.spec.segment : rawSegment;
  const found =
    embedded.get(segment) ?? (linkName !== undefined ? embedded.get(canonicalSegment(linkName) ?? linkName) : undefined);
  const schemaTitle = found ? (str(found.raw.title) ?? found.actionTitle) : undefined;
  const description = found ? sellerFacing(str(found.raw.description)) : undefined;

  const base = {
    segment,
    name: linkName ?? rawSegment,
    href: href ?? rawSegment,
    ...(description !== undefined ? { description } : {}),
    ...(schemaTitle !== undefined ? { amazonTitle: schemaTitle } : {}),
  };
  const schema = found ? normalizeSchema(found.raw) : undefined;

  if (kind.kind === 'supported') {
    const type: OfferedType = {
      ...base,
      supported: true,
      title: keyLabel(kind.spec.labelKey),
      spec: kind.spec,
      schema: schema ?? defaultSchemaFor(kind.spec),
      schemaSource: schema ? 'amazon' : 'default',
    };
    // The samples' schemas can say Amazon will not take this type for this order right now.
    if (found && found.raw.disabled === true) {
      const why = str(found.raw.disabledReason);
      type.supported = false;
      type.reason = why !== undefined ? 'msg_type_disabled_reason' : 'msg_type_disabled';
      if (why !== undefined) type.reasonSubstitutions = [why];
    }
    return type;
  }
  const title: Label = kind.kind === 'retired' ? keyLabel(retiredLabelKey(segment)) : { text: schemaTitle ?? base.name };
  return {
    ...base,
    supported: false,
    reason: kind.reasonKey,
    ...(kind.kind === 'unknown' ? { reasonSubstitutions: [base.name] } : {}),
    title,
    schema: schema ?? normalizeSchema({}),
    schemaSource: schema ? 'amazon' : 'none',
  };
}

export function parseMessagingActions(hal: unknown): { types: OfferedType[] } {
  let body = hal;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      throw new MalformedActionsError('The messaging actions response is not JSON.');
    }
  }
  if (!isRecord(body)) throw new MalformedActionsError('The messaging actions response is not an object.');
  const links = body._links;
  // HAL allows a single link object where a list is expected; treat it as a list of one.
  const actions = isRecord(links) ? (isRecord(links.actions) ? [links.actions] : links.actions) : undefined;
  if (!Array.isArray(actions)) {
    throw new MalformedActionsError('The messaging actions response has no _links.actions list.', apiErrors(body));
  }
  const embedded = indexEmbedded(body._embedded);
  const types: OfferedType[] = [];
  const seen = new Set<string>();
  for (const link of actions) {
    if (!isRecord(link)) continue;
    const type = offered(link, embedded);
    if (!type || seen.has(type.segment)) continue;
    seen.add(type.segment);
    types.push(type);
  }
  return { types };
}
