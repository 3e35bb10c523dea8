/**
 * Messaging API v1: the HAL list of actions an order offers (with embedded schemas in either shape
 * seen in the wild), buyer attributes, and sending. A send is accepted only when Amazon would accept
 * it: the type is offered for the order, the body fits the type, and every attachment was uploaded.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_ORDERS } from './constants';
import { isRecord } from './http';
import type { MessageType } from './message-types';
import {
  ALLOWED_ATTACHMENT_EXTENSIONS, MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES, buildMessageSchema, messageType,
} from './message-types';
import type { SandboxOrder } from './orders-data';
import { ORDER_ID_PATTERN } from './orders-data';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { csv, invalidInput, notFound, spapiError } from './spapi-common';

export interface SentMessage {
  messageId: string;
  amazonOrderId: string;
  marketplaceId: string;
  messageType: string;
  operationId: string;
  body: unknown;
  sentAt: string;
  attachments: { uploadDestinationId: string; fileName: string; size: number; contentType?: string }[];
}

export type Lookup = { order: SandboxOrder; error?: undefined } | { order?: undefined; error: SpapiResult };

/** The order of the path, checked the way both HAL APIs (Messaging, Solicitations) check it. */
export function lookupOrder(call: SpapiCall): Lookup {
  const id = call.params.amazonOrderId ?? '';
  if (id === SANDBOX_ORDERS.invalid) return { error: invalidInput('') };
  if (!ORDER_ID_PATTERN.test(id)) return { error: invalidInput(`"${id}" is not a valid amazonOrderId: expected 3-7-7 digits.`) };
  const order = call.ctx.state.orders.get(id);
  if (!order) return { error: notFound('Order not found.') };
  const marketplaceId = csv(call.query, 'marketplaceIds')[0];
  if (marketplaceId !== order.marketplaceId) {
    return { error: notFound('Order not found.', `Order ${id} was not placed in marketplace ${marketplaceId ?? '(none)'}.`) };
  }
  return { order };
}

function links(order: SandboxOrder) {
  const base = `/messaging/v1/orders/${order.amazonOrderId}`;
  const query = `?marketplaceIds=${order.marketplaceId}`;
  return {
    self: `${base}${query}`,
    action: (segment: string) => (segment === 'attributes' ? `${base}/attributes${query}` : `${base}/messages/${segment}${query}`),
    schema: (segment: string) => `${base}/messages/${segment}/schema`,
  };
}

function embeddedAction(call: SpapiCall, order: SandboxOrder, type: MessageType): Record<string, unknown> {
  const l = links(order);
  const schema = buildMessageSchema(type, call.ctx.models);
  const schemaSelf = { self: { href: l.schema(type.segment), name: type.segment } };
  const common = {
    _links: { self: { href: l.action(type.segment), name: type.segment }, schema: { href: l.schema(type.segment), name: type.segment } },
    payload: { name: type.segment },
  };
  if (order.schemaShape === 'payload') {
    return { ...common, _embedded: { schema: { _links: schemaSelf, payload: schema } } };
  }
  // The shape Amazon's tutorial shows: the schema itself, plus name and title on the action.
  return { ...common, _embedded: { schema: { _links: schemaSelf, ...schema } }, name: type.segment, title: type.title };
}

export function getMessagingActionsForOrder(call: SpapiCall): SpapiResult {
  const { order, error } = lookupOrder(call);
  if (error) return error;
  const l = links(order);
  const body: Record<string, unknown> = {
    _links: { actions: order.actions.map((a) => ({ href: l.action(a), name: a })), self: { href: l.self } },
  };
  if (order.schemaShape !== 'links-only') {
    const types = order.actions.map(messageType).filter((t): t is MessageType => t !== undefined);
    body._embedded = { actions: types.map((t) => embeddedAction(call, order, t)) };
  }
  return { status: 200, body };
}

/** GET of the `schema` link; not in the model, but Amazon's responses point at it. */
export function getMessagingActionSchema(call: SpapiCall): SpapiResult {
  const { order, error } = lookupOrder(call);
  if (error) return error;
  const type = messageType(call.params.segment ?? '');
  if (!type || !order.actions.includes(type.segment)) return templateRefused();
  return {
    status: 200,
    body: { _links: { self: { href: links(order).schema(type.segment) } }, payload: buildMessageSchema(type, call.ctx.models) },
  };
}

export function getAttributes(call: SpapiCall): SpapiResult {
  const { order, error } = lookupOrder(call);
  if (error) return error;
  return { status: 200, body: { buyer: { locale: order.buyerLocale } } };
}

function templateRefused(details = ''): SpapiResult {
  return spapiError(403, 'Unauthorized', 'Invalid amazonOrderId and template combination.', details);
}

const HTML = /<\/?[a-z][^>]*>/i;
const EMAIL = /[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/i;

/**
 * What the type's schema promises beyond the model (whose request schemas require nothing and spell
 * the attachment limit as `maxLength`): required fields, limits, no stray fields.
 */
function checkBody(type: MessageType, body: unknown): string | null {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  const allowed = new Set<string>();
  if (type.textMaxLength) allowed.add('text');
  if (type.attachmentsMinItems !== undefined) allowed.add('attachments');
  if (type.warrantyDates) ['coverageStartDate', 'coverageEndDate'].forEach((f) => allowed.add(f));
  const stray = Object.keys(body).find((k) => !allowed.has(k));
  if (stray) return `${type.segment} does not accept the field "${stray}" (accepted: ${[...allowed].join(', ') || 'none'}).`;

  if (type.textMaxLength) {
    const { text } = body;
    if (typeof text !== 'string' || text.length === 0) return `text is required for ${type.segment}.`;
    const length = [...text].length;
    if (length > type.textMaxLength) return `text is ${length} characters long; ${type.segment} allows at most ${type.textMaxLength}.`;
    if (HTML.test(text)) return 'text must not contain HTML.';
    if (EMAIL.test(text)) return 'text must not contain email addresses.';
  }
  if (type.attachmentsMinItems !== undefined) {
    const { attachments = [] } = body;
    if (!Array.isArray(attachments)) return 'attachments must be an array.';
    if (attachments.length > MAX_ATTACHMENTS) return `attachments has ${attachments.length} items; at most ${MAX_ATTACHMENTS} are allowed.`;
    if (attachments.length < type.attachmentsMinItems) return `${type.segment} needs at least ${type.attachmentsMinItems} attachment.`;
    for (const a of attachments) {
      if (!isRecord(a) || typeof a.uploadDestinationId !== 'string' || typeof a.fileName !== 'string' || a.fileName === '') {
        return 'Each attachment needs an uploadDestinationId and a fileName.';
      }
      const extension = /\.[^.]+$/.exec(a.fileName)?.[0].toLowerCase() ?? '';
      if (!ALLOWED_ATTACHMENT_EXTENSIONS.includes(extension)) {
        return `Attachment "${a.fileName}": only ${ALLOWED_ATTACHMENT_EXTENSIONS.join(', ')} files can be sent.`;
      }
    }
  }
  if (type.warrantyDates) {
    const start = body.coverageStartDate;
    const end = body.coverageEndDate;
    for (const [name, value] of [['coverageStartDate', start], ['coverageEndDate', end]] as const) {
      if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) return `${name} must be an ISO 8601 date-time.`;
    }
    if (typeof start === 'string' && typeof end === 'string' && Date.parse(end) < Date.parse(start)) {
      return 'coverageEndDate must not be before coverageStartDate.';
    }
  }
  return null;
}

export function sendMessage(type: MessageType) {
  return (call: SpapiCall): SpapiResult => {
    const { order, error } = lookupOrder(call);
    if (error) return error;
    if (!order.actions.includes(type.segment)) return templateRefused();
    if (type.retired) return templateRefused(`${type.segment} was removed from the Messaging API and can no longer be sent.`);
    const problem = checkBody(type, call.body);
    if (problem) return invalidInput(problem);

    const { uploads, messages, clock } = call.ctx.state;
    const body = call.body as Record<string, unknown>;
    const attachments = (Array.isArray(body.attachments) ? body.attachments : []) as { uploadDestinationId: string; fileName: string }[];
    const sent: SentMessage['attachments'] = [];
    for (const a of attachments) {
      const object = uploads.objectFor(a.uploadDestinationId);
      if (!object) return spapiError(400, 'InvalidInput', `Attachment with ID ${a.uploadDestinationId} does not exist.`);
      sent.push({ uploadDestinationId: a.uploadDestinationId, fileName: a.fileName, size: object.size, contentType: object.contentType });
    }
    if (sent.reduce((n, a) => n + a.size, 0) >= MAX_ATTACHMENTS_BYTES) return invalidInput('The total size of attachments must be less than 10 MB.');

    messages.push({
      messageId: randomUUID(),
      amazonOrderId: order.amazonOrderId,
      marketplaceId: order.marketplaceId,
      messageType: type.segment,
      operationId: type.operationId,
      body: call.body,
      sentAt: new Date(clock.now()).toISOString(),
      attachments: sent,
    });
    if (order.removeActionAfterSend) order.actions = order.actions.filter((a) => a !== type.segment);
    return { status: 201, body: {} };
  };
}
