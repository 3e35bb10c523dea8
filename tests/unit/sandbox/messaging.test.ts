import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ORDERS } from '../../sandbox/server';
import { call, control, sellerToken, withSandbox } from './helpers';

let base: string;
let token: string;

withSandbox((s) => {
  base = s.url;
});
beforeEach(async () => {
  token = await sellerToken(base);
});

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const actions = (id: string, marketplace = US) => call(base, `/messaging/v1/orders/${id}?marketplaceIds=${marketplace}`, { token });
const send = (id: string, segment: string, json: unknown, marketplace = US) =>
  call(base, `/messaging/v1/orders/${id}/messages/${segment}?marketplaceIds=${marketplace}`, { token, json });

describe('getMessagingActionsForOrder', () => {
  it('lists the US order\'s actions with schemas directly under _embedded.schema', async () => {
    const res = await actions(SANDBOX_ORDERS.us);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/hal+json');
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('1');
    expect(res.body._links.self.href).toBe(`/messaging/v1/orders/${SANDBOX_ORDERS.us}?marketplaceIds=${US}`);
    const names = res.body._links.actions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining([
      'confirmCustomizationDetails', 'confirmDeliveryDetails', 'confirmOrderDetails', 'legalDisclosure', 'unexpectedProblem',
      'warranty', 'digitalAccessKey', 'invoice', 'negativeFeedbackRemoval', 'amazonMotors', 'attributes',
    ]));
    expect(res.body._links.actions.find((a: { name: string }) => a.name === 'attributes').href)
      .toBe(`/messaging/v1/orders/${SANDBOX_ORDERS.us}/attributes?marketplaceIds=${US}`);

    const embedded = res.body._embedded.actions;
    expect(embedded).toHaveLength(names.length - 1); // every message type, not the attributes link
    const order = embedded.find((a: { payload: { name: string } }) => a.payload.name === 'confirmCustomizationDetails');
    expect(order._links.schema.href).toBe(`/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/confirmCustomizationDetails/schema`);
    const schema = order._embedded.schema;
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', name: 'confirmCustomizationDetails',
      title: 'Confirm customization details', required: ['rawMessageBody'],
    });
    expect(schema.properties.rawMessageBody).toMatchObject({ type: 'string', minLength: 1, maxLength: 800, 'x-ui-field-type': 'textarea' });
    expect(schema.properties.attachments).toMatchObject({ type: 'array', minItems: 0, maxItems: 5 });
    expect(schema.properties.attachments.description).toContain('less than 10 MB');
  });

  it('gives each type the limits of its operation', async () => {
    const res = await actions(SANDBOX_ORDERS.us);
    const schemaOf = (name: string) => res.body._embedded.actions.find((a: { payload: { name: string } }) => a.payload.name === name)._embedded.schema;
    expect(schemaOf('digitalAccessKey').properties.rawMessageBody.maxLength).toBe(400);
    expect(schemaOf('confirmOrderDetails').properties.rawMessageBody.maxLength).toBe(2000);
    expect(schemaOf('confirmOrderDetails').properties.attachments).toBeUndefined();
    for (const name of ['legalDisclosure', 'warranty', 'invoice']) {
      expect(schemaOf(name).properties.rawMessageBody).toBeUndefined();
      expect(schemaOf(name).properties.attachments.minItems).toBe(1);
      expect(schemaOf(name).required).toEqual(['attachments']);
    }
    expect(schemaOf('warranty').properties.coverageStartDate).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('wraps the DE order\'s schemas in payload', async () => {
    const res = await actions(SANDBOX_ORDERS.de, DE);
    expect(res.status).toBe(200);
    const names = res.body._embedded.actions.map((a: { payload: { name: string } }) => a.payload.name).sort();
    expect(names).toEqual(['confirmOrderDetails', 'invoice', 'legalDisclosure', 'unexpectedProblem']);
    const embedded = res.body._embedded.actions[0]._embedded.schema;
    expect(embedded._links.self.href).toMatch(/\/schema$/);
    expect(embedded.payload).toMatchObject({ type: 'object', name: res.body._embedded.actions[0].payload.name });
    expect(embedded.properties).toBeUndefined();
  });

  it('answers Amazon\'s static-sandbox order with _links only', async () => {
    const res = await actions(SANDBOX_ORDERS.staticSandbox);
    expect(res.status).toBe(200);
    expect(res.body._embedded).toBeUndefined();
    expect(res.body._links.actions).toHaveLength(11);
  });

  it('answers the static-sandbox bad order with 400 InvalidInput', async () => {
    const res = await actions(SANDBOX_ORDERS.invalid);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('InvalidInput');
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('1');
  });

  it('answers an unknown order with 404 and the wrong marketplace with 404', async () => {
    const unknown = await actions('111-2222222-3333333');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'NotFound', message: 'Order not found.' });
    expect((await actions(SANDBOX_ORDERS.de, US)).status).toBe(404);
  });

  it('refuses a request without marketplaceIds', async () => {
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details).toContain('marketplaceIds');
  });

  it('serves the schema link', async () => {
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.tr}/messages/warranty/schema?marketplaceIds=A33AVAJ2PDY3EV`, { token });
    expect(res.status).toBe(200);
    expect(res.body.payload.name).toBe('warranty');
  });

  it('serves orders added through the control API', async () => {
    await control(base, 'orders', { amazonOrderId: '701-0000001-0000001', actions: ['invoice'], schemaShape: 'payload' });
    const res = await actions('701-0000001-0000001');
    expect(res.body._embedded.actions.map((a: { payload: { name: string } }) => a.payload.name)).toEqual(['invoice']);
  });
});

describe('GetAttributes', () => {
  it.each([[SANDBOX_ORDERS.us, US, 'en-US'], [SANDBOX_ORDERS.de, DE, 'de-DE'], [SANDBOX_ORDERS.tr, 'A33AVAJ2PDY3EV', 'tr-TR']])(
    '%s → %s buyer locale %s', async (id, marketplace, locale) => {
      const res = await call(base, `/messaging/v1/orders/${id}/attributes?marketplaceIds=${marketplace}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ buyer: { locale } });
    });
});

describe('sending messages', () => {
  it('accepts an offered text message with 201 {} and records it', async () => {
    const res = await send(SANDBOX_ORDERS.de, 'confirmOrderDetails', { text: 'Welche Farbe möchten Sie?' }, DE);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({});
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('1');
    const messages = (await control(base, 'messages')).body;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      amazonOrderId: SANDBOX_ORDERS.de, messageType: 'confirmOrderDetails', operationId: 'createConfirmOrderDetails',
      body: { text: 'Welche Farbe möchten Sie?' },
    });
  });

  it('refuses a type the order does not offer with the template-combination error', async () => {
    const res = await send(SANDBOX_ORDERS.tr, 'confirmOrderDetails', { text: 'Hello' }, 'A33AVAJ2PDY3EV');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Invalid amazonOrderId and template combination.', details: '' }] });
    expect((await control(base, 'messages')).body).toEqual([]);
  });

  it('refuses the retired types even where they are listed', async () => {
    const res = await send(SANDBOX_ORDERS.us, 'amazonMotors', { attachments: [] });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].details).toContain('removed');
  });

  it.each([
    ['text over the type\'s limit', 'digitalAccessKey', { text: 'x'.repeat(401) }, /400/],
    ['missing text', 'confirmOrderDetails', {}, /text is required/],
    ['HTML in the text', 'confirmOrderDetails', { text: 'Hi <b>there</b>' }, /HTML/],
    ['an email address in the text', 'confirmOrderDetails', { text: 'write to me@example.com' }, /email/],
    ['a field the type does not take', 'confirmDeliveryDetails', { text: 'Hi', attachments: [] }, /attachments/],
    ['six attachments', 'confirmCustomizationDetails', { text: 'Hi', attachments: Array.from({ length: 6 }, (_, i) => ({ uploadDestinationId: `u${i}`, fileName: `f${i}.pdf` })) }, /at most 5/],
    ['no attachment for an invoice', 'invoice', { attachments: [] }, /at least 1/],
  ])('refuses %s with 400 InvalidInput', async (_name, segment, json, details) => {
    const res = await send(SANDBOX_ORDERS.us, segment, json);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('InvalidInput');
    expect(res.body.errors[0].details).toMatch(details);
  });

  it('rejects a body that breaks the model with the validator\'s message', async () => {
    const res = await send(SANDBOX_ORDERS.us, 'confirmCustomizationDetails', { text: 'Hi', attachments: [{ uploadDestinationId: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details).toContain("body/attachments/0 must have required property 'fileName'");
  });

  it('rejects broken JSON', async () => {
    const res = await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/messages/confirmOrderDetails?marketplaceIds=${US}`, {
      token, body: '{"text": ', headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details).toMatch(/not valid JSON/);
  });

  it('stops offering a type after a send when the order says so', async () => {
    await control(base, 'orders', { amazonOrderId: SANDBOX_ORDERS.us, removeActionAfterSend: true });
    expect((await send(SANDBOX_ORDERS.us, 'unexpectedProblem', { text: 'Delayed' })).status).toBe(201);
    const names = (await actions(SANDBOX_ORDERS.us)).body._links.actions.map((a: { name: string }) => a.name);
    expect(names).not.toContain('unexpectedProblem');
    expect((await send(SANDBOX_ORDERS.us, 'unexpectedProblem', { text: 'Again' })).status).toBe(403);
  });
});

describe('rate limits', () => {
  it('throttles after the burst with 429 QuotaExceeded and no rate header', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await actions(SANDBOX_ORDERS.us)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const res = await actions(SANDBOX_ORDERS.us);
    expect(res.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] });
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    // Buckets are per operation: another operation is not affected.
    expect((await call(base, `/messaging/v1/orders/${SANDBOX_ORDERS.us}/attributes?marketplaceIds=${US}`, { token })).status).toBe(200);
  });

  it('applies and advertises a rate changed through the control API', async () => {
    await control(base, 'rate-limit', { operation: 'GetAttributes', rate: 0.5, burst: 1 });
    const path = `/messaging/v1/orders/${SANDBOX_ORDERS.us}/attributes?marketplaceIds=${US}`;
    const first = await call(base, path, { token });
    expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
    expect((await call(base, path, { token })).status).toBe(429);
  });
});
