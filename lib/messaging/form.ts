/**
 * From a message type's schema to the form the composer renders, the checks run before sending (live
 * in the composer and again in the background), and the body of the send operation.
 *
 * Amazon's schemas describe the message as `rawMessageBody` + `attachments`; the operations take
 * `text` + `attachments` (+ warranty dates). This file is the one place that translates between them.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import { checkAttachments, type AttachmentDraft } from './attachments';
import { checkCompliance } from './compliance';
import { coverageDateTime, coverageInstant, parseDate, type CoverageEdge } from './dates';
import { keyLabel, type I18nKey, type Label } from './label';
import { messageType, type DateField } from './message-types';
import { normalizeSchema, type JsonSchema } from './schema';

export interface TextFieldModel {
  /** Which schema property holds the text: Amazon's `rawMessageBody`, or `text` in request-shaped schemas. */
  property: string;
  title: Label;
  description?: Label;
  minLength: number;
  maxLength: number;
  required: boolean;
}

export interface AttachmentsFieldModel {
  title: Label;
  description?: Label;
  minItems: number;
  maxItems: number;
}

export interface DateFieldModel {
  field: DateField;
  title: Label;
  required: boolean;
}

export interface FormModel {
  segment: string;
  text?: TextFieldModel;
  attachments?: AttachmentsFieldModel;
  dates?: DateFieldModel[];
}

export interface Draft {
  text?: string;
  attachments: AttachmentDraft[];
  /** `YYYY-MM-DD` (a date input) or an RFC 3339 date-time; a time without offset is read as UTC. */
  dates?: Partial<Record<DateField, string>>;
}

export interface Problem {
  /** `text`, `attachments`, a date field, or another schema property. */
  field: string;
  key: I18nKey;
  substitutions: string[];
  /** For attachment problems about one file: its index in `draft.attachments`. */
  file?: number;
}

export interface UploadedAttachment {
  uploadDestinationId: string;
  fileName: string;
}

export interface RequestBody {
  text?: string;
  attachments?: UploadedAttachment[];
  coverageStartDate?: string;
  coverageEndDate?: string;
}

const DATE_FIELDS: readonly DateField[] = ['coverageStartDate', 'coverageEndDate'];
const EDGE: Readonly<Record<DateField, CoverageEdge>> = { coverageStartDate: 'start', coverageEndDate: 'end' };

/**
 * The coverage as the instants that are sent: a day picked means the whole day in `timeZone` (the
 * marketplace's), see `coverageInstant`.
 */
export function coverage(dates: Draft['dates'], timeZone: string): { start?: number; end?: number } {
  const at = (field: DateField) => {
    const value = dates?.[field]?.trim();
    return value ? coverageInstant(value, EDGE[field], timeZone) : undefined;
  };
  return { start: at('coverageStartDate'), end: at('coverageEndDate') };
}
const TEXT_PROPERTIES = ['rawMessageBody', 'text'] as const;

/** Characters as the seller sees them: "é" or "😀" count once (code points), as Amazon's limit does. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** True when the text has nothing but spaces and line breaks: it is not sent, so it counts as empty. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The count the seller is shown, and the one the rules use: a blank text counts 0, as it is not sent. */
export function countedCharacters(text: string): number {
  return isBlank(text) ? 0 : countCharacters(text);
}


// Field titles and descriptions are our catalogue's, in the UI's language: Amazon's schema wording is
// English whatever the marketplace, and the seller reads the form in the language they chose.

/** A path segment, or anything that carries one (an `OfferedType`). */
export type TypeRef = string | { segment: string };
const segmentOf = (type: TypeRef) => (typeof type === 'string' ? type : type.segment);

export function formFromSchema(schema: unknown, typeRef: TypeRef): FormModel {
  const type = segmentOf(typeRef);
  const spec = messageType(type);
  const s = normalizeSchema(schema);
  const props = s.properties ?? {};
  // An empty schema (or none) says nothing about the form: use what the model says about the type.
  const fromSchema = Object.keys(props).length > 0;
  const required = new Set(s.required ?? []);
  const form: FormModel = { segment: spec?.segment ?? type };

  const textProperty = TEXT_PROPERTIES.find((p) => props[p] !== undefined) ?? 'rawMessageBody';
  const textProp = props[textProperty];
  if (fromSchema ? textProp !== undefined : spec?.text !== undefined) {
    const isRequired = required.has(textProperty) || (textProp?.minLength ?? spec?.text?.minLength ?? 0) > 0;
    // A required text cannot be empty even if the schema forgot minLength.
    const minLength = Math.max(textProp?.minLength ?? spec?.text?.minLength ?? 0, isRequired ? 1 : 0);
    const maxLength = Math.max(minLength, textProp?.maxLength ?? spec?.text?.maxLength ?? 2000);
    form.text = {
      property: textProperty,
      title: keyLabel('msg_form_text_title'),
      description: keyLabel('msg_form_text_description', [String(maxLength)]),
      minLength,
      maxLength,
      required: isRequired,
    };
  }

  const attachProp = props.attachments;
  if (fromSchema ? attachProp !== undefined : spec?.attachments !== undefined) {
    // `required: ["attachments"]` alone does not make one mandatory: Amazon lists it for
    // confirmCustomizationDetails, whose attachments are optional. Only an item minimum does.
    const minItems = attachProp?.minItems ?? spec?.attachments?.minItems ?? 0;
    const maxItems = Math.max(minItems, attachProp?.maxItems ?? spec?.attachments?.maxItems ?? 5);
    form.attachments = {
      title: keyLabel('msg_form_attachments_title'),
      description: keyLabel('msg_form_attachments_description', [String(maxItems)]),
      minItems,
      maxItems,
    };
  }

  const dates = DATE_FIELDS.filter((f) => (fromSchema ? props[f] !== undefined : spec?.dates?.includes(f)));
  if (dates.length > 0) {
    form.dates = dates.map((field) => ({
      field,
      title: keyLabel(`msg_form_${field}`),
      required: required.has(field),
    }));
  }
  return form;
}

function fieldOf(property: string): string {
  return (TEXT_PROPERTIES as readonly string[]).includes(property) ? 'text' : property;
}

function textProblems(form: TextFieldModel, text: string): Problem[] {
  const problems: Problem[] = [];
  const n = countedCharacters(text);
  if (form.required && isBlank(text)) {
    // Spaces alone are not sent: say the text is empty, as the counter (0) does.
    problems.push(
      text !== ''
        ? { field: 'text', key: 'msg_problem_text_blank', substitutions: [] }
        : form.minLength <= 1
          ? { field: 'text', key: 'msg_problem_text_empty', substitutions: [] }
          : { field: 'text', key: 'msg_problem_text_too_short', substitutions: [String(form.minLength), '0'] },
    );
  } else if (n > 0 && n < form.minLength) {
    problems.push({ field: 'text', key: 'msg_problem_text_too_short', substitutions: [String(form.minLength), String(n)] });
  }
  if (n > form.maxLength) {
    const over = n - form.maxLength;
    problems.push(
      over === 1
        ? { field: 'text', key: 'msg_problem_text_too_long_one', substitutions: [String(form.maxLength)] }
        : { field: 'text', key: 'msg_problem_text_too_long', substitutions: [String(over), String(form.maxLength)] },
    );
  }
  for (const f of checkCompliance(text).errors) problems.push({ field: 'text', key: f.key, substitutions: [f.match] });
  return problems;
}

function dateProblems(form: DateFieldModel[], dates: Draft['dates'] = {}, timeZone: string): Problem[] {
  const problems: Problem[] = [];
  for (const d of form) {
    const value = dates[d.field]?.trim() ?? '';
    if (value === '') {
      if (d.required) problems.push({ field: d.field, key: 'msg_problem_date_required', substitutions: [] });
    } else if (parseDate(value) === undefined) {
      problems.push({ field: d.field, key: 'msg_problem_date_invalid', substitutions: [value] });
    }
  }
  // The same day as start and end is one whole day of coverage.
  const { start, end } = coverage(dates, timeZone);
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push({ field: 'coverageEndDate', key: 'msg_problem_date_end_before_start', substitutions: [] });
  }
  return problems;
}

/**
 * One attachment as the schema describes it, before the upload gives it an id. Amazon's embedded
 * schemas have named the id `id` (the operations call it `uploadDestinationId`), so both are filled
 * where the item schema asks for them, and nothing the item schema forbids is added.
 */
function placeholderAttachment(schema: JsonSchema, fileName: string): Record<string, string> {
  const items = schema.properties?.attachments?.items;
  const item = Array.isArray(items) ? items[0] : items;
  const props = item?.properties ?? {};
  const value: Record<string, string> = { uploadDestinationId: 'pending', fileName };
  if ('id' in props || item?.required?.includes('id')) value.id = 'pending';
  if (item?.additionalProperties === false) {
    for (const key of Object.keys(value)) if (!(key in props)) delete value[key];
  }
  return value;
}

/** The object Amazon's schema describes, with placeholders where the upload is still to come. */
function schemaInstance(form: FormModel, schema: JsonSchema, draft: Draft, timeZone: string): Record<string, unknown> {
  const instance: Record<string, unknown> = {};
  if (form.text) instance[form.text.property] = draft.text ?? '';
  if (form.attachments) instance.attachments = draft.attachments.map((a) => placeholderAttachment(schema, a.fileName));
  for (const d of form.dates ?? []) {
    const value = draft.dates?.[d.field];
    const iso = value ? coverageDateTime(value, EDGE[d.field], timeZone) : undefined;
    if (iso) instance[d.field] = iso;
  }
  return instance;
}

function schemaProblems(schema: JsonSchema, instance: Record<string, unknown>, known: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set(known);
  for (const name of schema.required ?? []) {
    const field = fieldOf(name);
    if (name in instance || reported.has(field)) continue;
    reported.add(field);
    // Amazon asks for something this form does not render (or the seller left it empty).
    const isDate = (DATE_FIELDS as readonly string[]).includes(name);
    problems.push({
      field,
      key: isDate ? 'msg_problem_date_required' : 'msg_problem_schema_field_unsupported',
      substitutions: isDate ? [] : [name],
    });
  }
  let errors: { keyword: string; instanceLocation: string }[];
  try {
    errors = new Validator(schema as Schema, '4', false).validate(instance).errors;
  } catch {
    // A schema the validator cannot use is not the seller's problem; the product rules still apply.
    return problems;
  }
  for (const e of errors) {
    const property = e.instanceLocation.replace(/^#\/?/, '').split('/')[0] ?? '';
    if (property === '') continue; // Summaries ("properties", "required") at the root; leaves follow.
    const field = fieldOf(decodeURIComponent(property));
    if (reported.has(field)) continue;
    reported.add(field);
    problems.push({ field, key: 'msg_problem_schema', substitutions: [field] });
  }
  return problems;
}

export function validateDraft(
  form: FormModel,
  schema: unknown,
  draft: Draft,
  opts: { locale?: string; timeZone?: string } = {},
): { ok: boolean; problems: Problem[] } {
  const timeZone = opts.timeZone ?? 'UTC';
  const problems: Problem[] = [];
  const text = draft.text ?? '';
  if (form.text) problems.push(...textProblems(form.text, text));
  else if (!isBlank(text)) problems.push({ field: 'text', key: 'msg_problem_text_not_accepted', substitutions: [] });

  if (form.attachments) {
    for (const p of checkAttachments(draft.attachments, form.attachments, opts)) {
      problems.push({ field: 'attachments', key: p.key, substitutions: p.substitutions, ...(p.file !== undefined ? { file: p.file } : {}) });
    }
  } else if (draft.attachments.length > 0) {
    problems.push({ field: 'attachments', key: 'msg_problem_attachments_not_accepted', substitutions: [] });
  }
  if (form.dates) problems.push(...dateProblems(form.dates, draft.dates, timeZone));

  // Amazon's schema last: it may hold rules of its own (a pattern, a stricter limit), but a field the
  // product rules already explained should not get a second, vaguer message.
  const normalized = normalizeSchema(schema);
  const known = new Set(problems.map((p) => p.field));
  problems.push(...schemaProblems(normalized, schemaInstance(form, normalized, draft, timeZone), known));
  return { ok: problems.length === 0, problems };
}

/**
 * The body of the send operation for `type` (a path segment, or `sendInvoice`). `timeZone` is the
 * marketplace's: where a warranty day picked as a date begins and ends.
 */
export function toRequestBody(typeRef: TypeRef, draft: Draft, uploaded: readonly UploadedAttachment[], timeZone = 'UTC'): RequestBody {
  const type = segmentOf(typeRef);
  const spec = messageType(type);
  if (!spec) throw new Error(`"${type}" is not a message type Order Courier can send.`);
  const body: RequestBody = {};
  // The operation's request model decides the shape, whatever the form showed.
  if (spec.text && draft.text !== undefined && draft.text.trim() !== '') body.text = draft.text;
  if (spec.attachments && uploaded.length > 0) {
    body.attachments = uploaded.map((u) => ({ uploadDestinationId: u.uploadDestinationId, fileName: u.fileName }));
  }
  for (const field of spec.dates ?? []) {
    const value = draft.dates?.[field];
    const iso = value ? coverageDateTime(value, EDGE[field], timeZone) : undefined;
    if (iso) body[field] = iso;
  }
  return body;
}
