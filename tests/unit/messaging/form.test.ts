import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, type MessageTypeSegment } from '../../../lib/messaging/message-types';
import { countCharacters, formFromSchema, toRequestBody, validateDraft, type Draft } from '../../../lib/messaging/form';
import { defaultSchemaFor } from '../../../lib/messaging/schema';
import { HAS_MODEL, at, loadModel, operationForSegment } from './model';

const pdf = (fileName = 'invoice.pdf', size = 20_000) => ({ fileName, size, type: 'application/pdf' });
const keys = (r: { problems: { key: string }[] }) => r.problems.map((p) => p.key);

/** Form and schema the way the panel gets them when Amazon sends only links. */
function defaults(segment: MessageTypeSegment) {
  const schema = defaultSchemaFor(MESSAGE_TYPES[segment]);
  return { schema, form: formFromSchema(schema, segment) };
}

function check(segment: MessageTypeSegment, draft: Partial<Draft>) {
  const { schema, form } = defaults(segment);
  return validateDraft(form, schema, { attachments: [], ...draft });
}

describe('formFromSchema', () => {
  it('falls back to the table for every type when the schema says nothing', () => {
    expect(formFromSchema(undefined, 'confirmCustomizationDetails')).toMatchObject({
      text: { minLength: 1, maxLength: 800, required: true, title: { key: 'msg_form_text_title' } },
      attachments: { minItems: 0, maxItems: 5 },
    });
    expect(formFromSchema({}, 'digitalAccessKey').text?.maxLength).toBe(400);
    expect(formFromSchema(null, 'unexpectedProblem')).toEqual(
      expect.objectContaining({ segment: 'unexpectedProblem', text: expect.objectContaining({ maxLength: 2000 }) }),
    );
    expect(formFromSchema({}, 'unexpectedProblem').attachments).toBeUndefined();
    const legal = formFromSchema({ type: 'object', properties: {} }, 'legalDisclosure');
    expect(legal.text).toBeUndefined();
    expect(legal.attachments).toMatchObject({ minItems: 1, maxItems: 5 });
    const warranty = formFromSchema(undefined, 'warranty');
    expect(warranty.dates?.map((d) => d.field)).toEqual(['coverageStartDate', 'coverageEndDate']);
    expect(warranty.dates?.[0]?.title).toEqual({ key: 'msg_form_coverageStartDate' });
  });

  it('reads limits from Amazon\'s schema; titles and descriptions are ours, in the UI\'s language', () => {
    const form = formFromSchema(
      {
        type: 'object',
        properties: {
          rawMessageBody: { type: 'string', title: 'Explain why you are writing', description: '800 characters at most.', minLength: 1, maxLength: 800, 'x-ui-field-type': 'text' },
          attachments: { type: 'array', title: 'Add a file', maxItems: 3, 'x-ui-field-type': 'attachments' },
        },
        // Amazon lists attachments as required for confirmCustomizationDetails although they are optional.
        required: ['attachments', 'rawMessageBody'],
      },
      'confirmCustomizationDetails',
    );
    expect(form.text).toMatchObject({ title: { key: 'msg_form_text_title' }, description: { key: 'msg_form_text_description', substitutions: ['800'] }, maxLength: 800 });
    expect(form.attachments).toMatchObject({ title: { key: 'msg_form_attachments_title' }, minItems: 0, maxItems: 3 });
  });

  it('reads maxLength/minLength written on an attachments array as item limits (as Amazon\'s models do)', () => {
    const form = formFromSchema({ type: 'object', properties: { attachments: { type: 'array', minLength: 1, maxLength: 5 } } }, 'invoice');
    expect(form.attachments).toMatchObject({ minItems: 1, maxItems: 5 });
  });

  it('takes the warranty dates from the schema and marks them required when Amazon does', () => {
    const form = formFromSchema(
      {
        properties: {
          attachments: { type: 'array', minItems: 1, maxItems: 5 },
          coverageStartDate: { type: 'string', format: 'date-time', title: 'Start' },
          coverageEndDate: { type: 'string', format: 'date-time' },
        },
        required: ['coverageStartDate'],
      },
      'warranty',
    );
    expect(form.dates).toEqual([
      { field: 'coverageStartDate', title: { key: 'msg_form_coverageStartDate' }, required: true },
      { field: 'coverageEndDate', title: { key: 'msg_form_coverageEndDate' }, required: false },
    ]);
  });
});

describe('validateDraft: text', () => {
  it('asks for at least one character when the text is empty or blank', () => {
    expect(keys(check('confirmOrderDetails', { text: '' }))).toEqual(['msg_problem_text_empty']);
    expect(keys(check('confirmOrderDetails', {}))).toEqual(['msg_problem_text_empty']);
    // Spaces alone are not sent: the seller is told the message is empty, not that it is too short.
    expect(keys(check('confirmOrderDetails', { text: ' \n\t ' }))).toEqual(['msg_problem_text_blank']);
  });

  it.each([
    ['confirmCustomizationDetails', 800],
    ['confirmDeliveryDetails', 2000],
    ['confirmOrderDetails', 2000],
    ['confirmServiceDetails', 2000],
    ['unexpectedProblem', 2000],
    ['digitalAccessKey', 400],
  ] as const)('%s accepts exactly %i characters and says by how much a longer text is over', (segment, limit) => {
    expect(check(segment, { text: 'a'.repeat(limit) }).ok).toBe(true);
    const one = check(segment, { text: 'a'.repeat(limit + 1) });
    expect(one.problems).toEqual([{ field: 'text', key: 'msg_problem_text_too_long_one', substitutions: [String(limit)] }]);
    const two = check(segment, { text: 'a'.repeat(limit + 2) });
    expect(two.problems).toEqual([{ field: 'text', key: 'msg_problem_text_too_long', substitutions: ['2', String(limit)] }]);
  });

  it('counts characters as the seller sees them, not UTF-16 units', () => {
    const emoji = '😀'.repeat(2000); // 4000 UTF-16 units
    expect(countCharacters(emoji)).toBe(2000);
    expect(check('confirmOrderDetails', { text: emoji }).ok).toBe(true);
    expect(keys(check('confirmOrderDetails', { text: emoji + '😀' }))).toEqual(['msg_problem_text_too_long_one']);
    expect(check('digitalAccessKey', { text: 'ğüşöçı'.repeat(66) + 'ab' }).ok).toBe(true); // 398 characters
  });

  it('reports a minimum above one with the count so far', () => {
    const schema = { properties: { rawMessageBody: { type: 'string', minLength: 10, maxLength: 100 } } };
    const form = formFromSchema(schema, 'confirmOrderDetails');
    expect(validateDraft(form, schema, { text: 'Hi there', attachments: [] }).problems).toEqual([
      { field: 'text', key: 'msg_problem_text_too_short', substitutions: ['10', '8'] },
    ]);
  });

  it('refuses HTML and email addresses in the text (Amazon\'s rules)', () => {
    const r = check('confirmOrderDetails', { text: 'Hello <b>there</b>, write to help@example.com' });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.key, p.substitutions[0]])).toEqual([
      ['msg_compliance_html', '<b>'],
      ['msg_compliance_html', '</b>'],
      ['msg_compliance_email', 'help@example.com'],
    ]);
  });

  it('does not block a message for a link (that is a warning the seller confirms)', () => {
    expect(check('confirmDeliveryDetails', { text: 'Track it at https://track.example.com/123' }).ok).toBe(true);
  });

  it('refuses text for a type that takes none', () => {
    expect(keys(check('legalDisclosure', { text: 'Hello', attachments: [pdf()] }))).toEqual(['msg_problem_text_not_accepted']);
  });

  it('applies a rule only Amazon\'s schema has (pattern), through the schema validator', () => {
    const schema = { properties: { rawMessageBody: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^[^#]*$' } } };
    const form = formFromSchema(schema, 'confirmOrderDetails');
    expect(validateDraft(form, schema, { text: 'Order #1', attachments: [] }).problems).toEqual([
      { field: 'text', key: 'msg_problem_schema', substitutions: ['text'] },
    ]);
    expect(validateDraft(form, schema, { text: 'Order 1', attachments: [] }).ok).toBe(true);
  });

  it('says so when Amazon requires a field the form cannot fill', () => {
    const schema = { properties: { rawMessageBody: { type: 'string' } }, required: ['rawMessageBody', 'trackingNumber'] };
    const form = formFromSchema(schema, 'confirmDeliveryDetails');
    expect(validateDraft(form, schema, { text: 'Hello', attachments: [] }).problems).toEqual([
      { field: 'trackingNumber', key: 'msg_problem_schema_field_unsupported', substitutions: ['trackingNumber'] },
    ]);
  });
});

describe('validateDraft: attachments', () => {
  it('needs at least one file for legal disclosures, warranties and invoices', () => {
    for (const s of ['legalDisclosure', 'warranty', 'invoice'] as const) {
      expect(keys(check(s, {}))).toEqual(['msg_attach_required_one']);
      expect(check(s, { attachments: [pdf()] }).ok).toBe(true);
    }
  });

  it('accepts five files and refuses six, saying how many', () => {
    const five = Array.from({ length: 5 }, (_, i) => pdf(`doc${i}.pdf`));
    expect(check('confirmCustomizationDetails', { text: 'Hi', attachments: five }).ok).toBe(true);
    const r = check('confirmCustomizationDetails', { text: 'Hi', attachments: [...five, pdf('six.pdf')] });
    expect(r.problems).toEqual([{ field: 'attachments', key: 'msg_attach_too_many', substitutions: ['6', '5'] }]);
  });

  it('passes file problems through with the file\'s index', () => {
    const r = check('invoice', { attachments: [pdf(), { fileName: 'tool.exe', size: 10, type: 'application/x-msdownload' }] });
    expect(r.problems).toEqual([
      { field: 'attachments', key: 'msg_attach_type_not_allowed', substitutions: ['tool.exe', '.exe'], file: 1 },
    ]);
  });

  it('refuses attachments for a text-only type', () => {
    expect(keys(check('unexpectedProblem', { text: 'Sorry', attachments: [pdf()] }))).toEqual(['msg_problem_attachments_not_accepted']);
  });
});

describe('validateDraft with Amazon\'s attachment item schemas', () => {
  it('fills the item fields Amazon\'s schema names (id) and nothing it forbids', () => {
    const schema = {
      properties: {
        attachments: {
          type: 'array',
          maxItems: 5,
          items: { type: 'object', properties: { fileName: { type: 'string' }, id: { type: 'string' } }, required: ['id', 'fileName'], additionalProperties: false },
        },
      },
    };
    const form = formFromSchema(schema, 'legalDisclosure');
    expect(validateDraft(form, schema, { attachments: [pdf()] })).toEqual({ ok: true, problems: [] });
  });

  it('takes an offered type as well as a segment', () => {
    const form = formFromSchema(undefined, { segment: 'digitalAccessKey' });
    expect(form.text?.maxLength).toBe(400);
    expect(toRequestBody({ segment: 'digitalAccessKey' }, { text: 'KEY-123', attachments: [] }, [])).toEqual({ text: 'KEY-123' });
  });
});

describe('validateDraft: warranty dates', () => {
  const files = [pdf('warranty.pdf')];

  it('accepts no dates (the model does not require them), dates, and full date-times', () => {
    expect(check('warranty', { attachments: files }).ok).toBe(true);
    expect(check('warranty', { attachments: files, dates: { coverageStartDate: '2026-11-23', coverageEndDate: '2028-11-22' } }).ok).toBe(true);
    expect(
      check('warranty', { attachments: files, dates: { coverageStartDate: '2026-11-23T10:00:00+01:00', coverageEndDate: '2026-11-23T10:00:00Z' } }).ok,
    ).toBe(true);
  });

  it('refuses an end that is not after the start; one picked day is a whole day of coverage', () => {
    const same = check('warranty', { attachments: files, dates: { coverageStartDate: '2026-11-23', coverageEndDate: '2026-11-23' } });
    expect(same.ok).toBe(true);
    const sameInstant = check('warranty', { attachments: files, dates: { coverageStartDate: '2026-11-23T10:00:00Z', coverageEndDate: '2026-11-23T10:00:00Z' } });
    expect(sameInstant.problems).toEqual([{ field: 'coverageEndDate', key: 'msg_problem_date_end_before_start', substitutions: [] }]);
    const before = check('warranty', { attachments: files, dates: { coverageStartDate: '2027-01-01', coverageEndDate: '2026-12-31' } });
    expect(keys(before)).toEqual(['msg_problem_date_end_before_start']);
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'tomorrow', '23.11.2026', '2026-11-23T25:00']) {
      const r = check('warranty', { attachments: files, dates: { coverageStartDate: bad } });
      expect(r.problems, bad).toEqual([{ field: 'coverageStartDate', key: 'msg_problem_date_invalid', substitutions: [bad] }]);
    }
  });

  it('asks for a date Amazon\'s schema requires', () => {
    const schema = {
      properties: {
        attachments: { type: 'array', minItems: 1, maxItems: 5 },
        coverageStartDate: { type: 'string', format: 'date-time' },
        coverageEndDate: { type: 'string', format: 'date-time' },
      },
      required: ['coverageStartDate', 'coverageEndDate'],
    };
    const form = formFromSchema(schema, 'warranty');
    const r = validateDraft(form, schema, { attachments: files, dates: { coverageStartDate: '2026-11-23' } });
    expect(r.problems).toEqual([{ field: 'coverageEndDate', key: 'msg_problem_date_required', substitutions: [] }]);
  });
});

describe('toRequestBody', () => {
  const uploaded = [
    { uploadDestinationId: 'sc/5a1b2c3d-0000-4000-8000-000000000001.pdf', fileName: 'Invoice 1001.pdf' },
    { uploadDestinationId: 'sc/5a1b2c3d-0000-4000-8000-000000000002.png', fileName: 'label.png' },
  ];
  const draft: Draft = {
    text: 'Your order ships tomorrow.',
    attachments: [pdf('scan.pdf'), { fileName: 'label.png', size: 100, type: 'image/png' }],
    dates: { coverageStartDate: '2026-11-23', coverageEndDate: '2028-11-22T12:30:00+02:00' },
  };

  it('sends the schema\'s rawMessageBody as "text" and only the fields the operation takes', () => {
    expect(toRequestBody('confirmOrderDetails', draft, uploaded)).toEqual({ text: 'Your order ships tomorrow.' });
    expect(toRequestBody('legalDisclosure', draft, uploaded)).toEqual({ attachments: uploaded });
    expect(toRequestBody('warranty', draft, uploaded)).toEqual({
      attachments: uploaded,
      coverageStartDate: '2026-11-23T00:00:00.000Z',
      coverageEndDate: '2028-11-22T10:30:00.000Z',
    });
    expect(toRequestBody('confirmCustomizationDetails', { ...draft, attachments: [] }, [])).toEqual({ text: 'Your order ships tomorrow.' });
    expect(toRequestBody('sendInvoice', draft, uploaded.slice(0, 1))).toEqual({ attachments: uploaded.slice(0, 1) });
  });

  it('refuses a type it cannot send', () => {
    expect(() => toRequestBody('negativeFeedbackRemoval', draft, [])).toThrow();
  });
});

describe.skipIf(!HAS_MODEL)('toRequestBody against the official request models', () => {
  const model = HAS_MODEL ? loadModel() : undefined;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // RFC 3339 date-time, as the warranty fields declare (ajv-draft-04 ships no formats).
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  if (model) ajv.addSchema({ definitions: model.definitions }, 'messaging');

  const draft: Draft = {
    text: 'Können Sie die Gravur „Anna“ bestätigen? 😊',
    attachments: [pdf('a.pdf'), pdf('b.pdf')],
    dates: { coverageStartDate: '2026-11-23', coverageEndDate: '2027-11-23' },
  };
  const uploaded = [
    { uploadDestinationId: 'sc/00000000-0000-4000-8000-00000000000a.pdf', fileName: 'a.pdf' },
    { uploadDestinationId: 'sc/00000000-0000-4000-8000-00000000000b.pdf', fileName: 'b.pdf' },
  ];

  it.each(Object.keys(MESSAGE_TYPES) as MessageTypeSegment[])('%s body validates and has no field the model lacks', (segment) => {
    const ref = operationForSegment(segment)?.bodyRef ?? '';
    const validate = ajv.getSchema(`messaging${ref}`);
    expect(validate, ref).toBeDefined();
    const { schema, form } = defaults(segment);
    expect(validateDraft(form, schema, { ...draft, text: form.text ? draft.text : undefined, attachments: form.attachments ? draft.attachments : [] }).ok).toBe(true);
    const body = toRequestBody(segment, draft, uploaded);
    expect(validate?.(body), JSON.stringify(validate?.errors)).toBe(true);
    const allowed = Object.keys(at(model?.definitions, ref.replace('#/definitions/', ''), 'properties') as object);
    for (const key of Object.keys(body)) expect(allowed).toContain(key);
    // What the seller wrote and attached is what is sent.
    if (MESSAGE_TYPES[segment].text) expect(body.text).toBe(draft.text);
    if (MESSAGE_TYPES[segment].attachments) expect(body.attachments?.map((a) => a.fileName)).toEqual(['a.pdf', 'b.pdf']);
  });
});
