import { describe, expect, it } from 'vitest';
import { MalformedActionsError, parseMessagingActions, type OfferedType } from '../../../lib/messaging/actions';
import { formFromSchema, validateDraft } from '../../../lib/messaging/form';
import { HAS_MODEL, sandboxActionsResponse } from './model';

const ORDER = '/messaging/v1/orders/902-3159896-1390916';
const link = (segment: string, name = segment) => ({ href: `${ORDER}/messages/${segment}?marketplaceIds=ATVPDKIKX0DER`, name });

/** A text-only schema in the shape the tutorial shows: the schema sits directly under `_embedded.schema`. */
function directSchema(name: string, title: string, maxLength: number) {
  return {
    _links: { self: { href: `${ORDER}/messages/${name}?marketplaceIds=ATVPDKIKX0DER`, name }, schema: { href: `${ORDER}/messages/${name}/schema`, name } },
    _embedded: {
      schema: {
        _links: { self: { href: `${ORDER}/messages/${name}/schema`, name } },
        type: 'object',
        name,
        title,
        description: `Hand-written description for ${name}.`,
        properties: {
          rawMessageBody: { type: 'string', title: 'Your message', 'x-ui-field-type': 'text', minLength: 1, maxLength },
        },
        required: ['rawMessageBody'],
        $schema: 'http://json-schema.org/draft-04/schema#',
        'x-ui-hidden': null,
      },
    },
    name,
    title,
  };
}

const byName = (types: OfferedType[], segment: string) => types.find((t) => t.segment === segment);

describe.skipIf(!HAS_MODEL)('the static sandbox response (_links only), read from the model', () => {
  const { types } = parseMessagingActions(sandboxActionsResponse());

  it('lists every message link in order and skips "attributes"', () => {
    expect(types.map((t) => t.segment)).toEqual([
      'confirmCustomizationDetails',
      'confirmDeliveryDetails',
      'legalDisclosure',
      'negativeFeedbackRemoval',
      'confirmOrderDetails',
      'confirmServiceDetails',
      'amazonMotors',
      'digitalAccessKey',
      'unexpectedProblem',
      'warranty',
    ]);
  });

  it('offers the eight current types with schemas built from our table', () => {
    const offered = types.filter((t) => t.supported);
    expect(offered).toHaveLength(8);
    for (const t of offered) expect(t.schemaSource).toBe('default');
    expect(byName(types, 'confirmCustomizationDetails')?.schema.properties?.rawMessageBody?.maxLength).toBe(800);
    expect(byName(types, 'digitalAccessKey')?.schema.properties?.rawMessageBody?.maxLength).toBe(400);
    expect(byName(types, 'warranty')?.schema.properties?.coverageEndDate?.format).toBe('date-time');
    // No schema title: the UI shows our label.
    expect(byName(types, 'warranty')?.title).toEqual({ key: 'msg_type_warranty' });
  });

  it('explains the two retired types instead of offering them', () => {
    expect(byName(types, 'negativeFeedbackRemoval')).toMatchObject({
      supported: false,
      reason: 'msg_type_retired_negativeFeedbackRemoval',
      title: { key: 'msg_type_negativeFeedbackRemoval' },
    });
    expect(byName(types, 'amazonMotors')).toMatchObject({ supported: false, reason: 'msg_type_retired_amazonMotors' });
  });
});

describe('embedded schemas', () => {
  it('reads a schema placed directly under _embedded.schema (tutorial shape), title and limits included', () => {
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('confirmOrderDetails')] },
      _embedded: { actions: [directSchema('confirmOrderDetails', 'Ask about the order', 1500)] },
    });
    const t = types[0];
    expect(t?.schemaSource).toBe('amazon');
    // The name is our catalogue's, in the UI's language; Amazon's title is kept for small print.
    expect(t?.title).toEqual({ key: 'msg_type_confirmOrderDetails' });
    expect(t?.amazonTitle).toBe('Ask about the order');
    expect(t?.description).toBe('Hand-written description for confirmOrderDetails.');
    // Amazon's per-order limit wins over the table's 2000.
    expect(t?.schema.properties?.rawMessageBody?.maxLength).toBe(1500);
    // UI hints and HAL links are not part of the normalised schema.
    expect(JSON.stringify(t?.schema)).not.toMatch(/x-ui|_links/);
  });

  it('reads a schema wrapped in payload (the model\'s GetSchemaResponse shape)', () => {
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('digitalAccessKey')] },
      _embedded: {
        actions: [
          {
            _links: { self: { href: `${ORDER}/messages/digitalAccessKey` }, schema: { href: `${ORDER}/messages/digitalAccessKey/schema` } },
            payload: { name: 'digitalAccessKey' },
            _embedded: {
              schema: {
                _links: { self: { href: `${ORDER}/messages/digitalAccessKey/schema` } },
                payload: {
                  type: 'object',
                  title: 'Share a digital access key',
                  properties: {
                    rawMessageBody: { type: 'string', minLength: 1, maxLength: 300 },
                    attachments: { type: 'array', items: { type: 'object' }, maxLength: 2 },
                  },
                },
              },
            },
          },
        ],
      },
    });
    const t = types[0];
    expect(t?.title).toEqual({ key: 'msg_type_digitalAccessKey' });
    expect(t?.amazonTitle).toBe('Share a digital access key');
    expect(t?.schema.properties?.rawMessageBody?.maxLength).toBe(300);
    // maxLength written on an array is read as the item limit.
    expect(t?.schema.properties?.attachments?.maxItems).toBe(2);
  });

  it('matches an embedded action by its schema link alone when it carries no name', () => {
    const embedded = directSchema('unexpectedProblem', 'Tell the buyer about a problem', 1000) as Record<string, unknown>;
    delete embedded.name;
    delete (embedded._embedded as { schema: Record<string, unknown> }).schema.name;
    (embedded._links as Record<string, unknown>).self = undefined;
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('confirmOrderDetails'), link('unexpectedProblem')] },
      _embedded: { actions: [embedded] },
    });
    expect(byName(types, 'unexpectedProblem')?.amazonTitle).toBe('Tell the buyer about a problem');
    // The other type does not borrow that schema.
    expect(byName(types, 'confirmOrderDetails')?.schemaSource).toBe('default');
  });

  it('treats sendInvoice (samples) as the invoice type and finds its schema by name', () => {
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('sendInvoice')] },
      _embedded: {
        actions: [
          {
            name: 'sendInvoice',
            title: 'Send an invoice',
            _embedded: {
              schema: {
                type: 'object',
                title: 'Send an invoice',
                properties: { attachments: { type: 'array', minItems: 1, maxItems: 5, 'x-ui-field-type': 'attachments' } },
                required: ['attachments'],
                disabled: false,
              },
            },
          },
        ],
      },
    });
    expect(types).toHaveLength(1);
    expect(types[0]).toMatchObject({ segment: 'invoice', name: 'sendInvoice', supported: true, schemaSource: 'amazon' });
    expect(types[0]?.spec?.operationId).toBe('sendInvoice');
  });

  it('goes by the href segment, not the link name', () => {
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [{ href: `${ORDER}/messages/unexpectedProblem`, name: 'confirmOrderDetails' }] },
    });
    expect(types[0]?.segment).toBe('unexpectedProblem');
    expect(types[0]?.spec?.operationId).toBe('createUnexpectedProblem');
  });

  it('reports a type Amazon disabled for this order, with Amazon\'s reason', () => {
    const action = directSchema('confirmOrderDetails', 'Confirm order details', 2000);
    Object.assign(action._embedded.schema, { disabled: true, disabledReason: 'Order already shipped' });
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('confirmOrderDetails')] },
      _embedded: { actions: [action] },
    });
    expect(types[0]).toMatchObject({
      supported: false,
      reason: 'msg_type_disabled_reason',
      reasonSubstitutions: ['Order already shipped'],
    });
  });
});

describe('types we cannot send', () => {
  it('explains an unknown type by its name and keeps Amazon\'s title', () => {
    const { types } = parseMessagingActions({
      _links: { self: { href: ORDER }, actions: [link('updateFeedback'), link('confirmOrderDetails')] },
      _embedded: { actions: [directSchema('updateFeedback', 'Request to update feedback', 100)] },
    });
    expect(byName(types, 'updateFeedback')).toMatchObject({
      supported: false,
      reason: 'msg_type_unknown_reason',
      reasonSubstitutions: ['updateFeedback'],
      title: { text: 'Request to update feedback' },
    });
    expect(byName(types, 'confirmOrderDetails')?.supported).toBe(true);
  });

  it('names an unknown type without a schema by its link name', () => {
    const { types } = parseMessagingActions({ _links: { actions: [link('brandNewType')] } });
    expect(types[0]).toMatchObject({ supported: false, title: { text: 'brandNewType' }, schemaSource: 'none' });
  });
});

describe('malformed bodies', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['text that is not JSON', '<html>Service Unavailable</html>'],
    ['an empty object', {}],
    ['_links without actions', { _links: { self: { href: ORDER } } }],
    ['actions that is a string', { _links: { actions: 'confirmOrderDetails' } }],
    ['_links that is an array', { _links: [link('warranty')] }],
  ])('throws MalformedActionsError for %s', (_, body) => {
    expect(() => parseMessagingActions(body)).toThrow(MalformedActionsError);
  });

  it('keeps Amazon\'s errors on the exception', () => {
    try {
      parseMessagingActions({ errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: '' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MalformedActionsError);
      expect((e as MalformedActionsError).apiErrors).toEqual([{ code: 'InvalidInput', message: 'Invalid Input' }]);
    }
  });

  it('accepts the body as a JSON string', () => {
    const { types } = parseMessagingActions(JSON.stringify({ _links: { actions: [link('warranty')] } }));
    expect(types.map((t) => t.segment)).toEqual(['warranty']);
  });

  it('accepts a single link object where a list is expected (HAL allows it)', () => {
    const { types } = parseMessagingActions({ _links: { actions: link('invoice') } });
    expect(types.map((t) => t.segment)).toEqual(['invoice']);
  });

  it('skips junk entries, duplicates and an _embedded of the wrong type without throwing', () => {
    const { types } = parseMessagingActions({
      _links: {
        actions: [null, 5, 'x', {}, { href: 7 }, { name: 'warranty' }, link('warranty'), { href: '' }, { href: '?q=1' }, link('legalDisclosure')],
      },
      _embedded: { actions: 'nope' },
    });
    expect(types.map((t) => t.segment)).toEqual(['warranty', 'legalDisclosure']);
  });

  it('survives a schema full of wrong keyword types and still validates a draft with it', () => {
    const { types } = parseMessagingActions({
      _links: { actions: [link('confirmOrderDetails')] },
      _embedded: {
        actions: [
          {
            name: 'confirmOrderDetails',
            _embedded: {
              schema: {
                type: 'thing',
                required: 'rawMessageBody',
                properties: {
                  rawMessageBody: { type: 'string', minLength: '1', maxLength: -3, pattern: '([', $ref: 'http://example.invalid/x' },
                  junk: [],
                },
                'x-ui-field-type': { nested: true },
              },
            },
          },
        ],
      },
    });
    const t = types[0];
    expect(t?.supported).toBe(true);
    const form = formFromSchema(t?.schema, 'confirmOrderDetails');
    // Unusable limits fall back to the table.
    expect(form.text).toMatchObject({ minLength: 1, maxLength: 2000 });
    expect(validateDraft(form, t?.schema, { text: 'Hello', attachments: [] }).ok).toBe(true);
    expect(validateDraft(form, t?.schema, { text: '', attachments: [] }).ok).toBe(false);
  });
});
