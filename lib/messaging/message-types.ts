/**
 * The message types Order Courier can send, keyed by the Messaging API path segment
 * (`/messaging/v1/orders/{id}/messages/<segment>`). The segment is what the API routes on; action
 * names and operation ids differ from it for several types (spapi-facts §0.4, §0.11).
 *
 * Limits are the model's (messaging.json, 2026-01-30). They are the fallback: a schema that Amazon
 * embeds in `getMessagingActionsForOrder` wins, because it is specific to the order.
 */
import type { I18nKey } from './label';

export type DateField = 'coverageStartDate' | 'coverageEndDate';

export interface MessageTypeSpec {
  segment: MessageTypeSegment;
  operationId: string;
  labelKey: I18nKey;
  explanationKey: I18nKey;
  text?: { minLength: number; maxLength: number };
  attachments?: { minItems: number; maxItems: number };
  dates?: readonly DateField[];
}

export type MessageTypeSegment =
  | 'confirmCustomizationDetails'
  | 'confirmDeliveryDetails'
  | 'legalDisclosure'
  | 'confirmOrderDetails'
  | 'confirmServiceDetails'
  | 'warranty'
  | 'digitalAccessKey'
  | 'unexpectedProblem'
  | 'invoice';

export const MESSAGE_TYPES: Readonly<Record<MessageTypeSegment, MessageTypeSpec>> = {
  confirmCustomizationDetails: {
    segment: 'confirmCustomizationDetails',
    operationId: 'confirmCustomizationDetails',
    labelKey: 'msg_type_confirmCustomizationDetails',
    explanationKey: 'msg_type_confirmCustomizationDetails_about',
    text: { minLength: 1, maxLength: 800 },
    attachments: { minItems: 0, maxItems: 5 },
  },
  confirmDeliveryDetails: {
    segment: 'confirmDeliveryDetails',
    operationId: 'createConfirmDeliveryDetails',
    labelKey: 'msg_type_confirmDeliveryDetails',
    explanationKey: 'msg_type_confirmDeliveryDetails_about',
    text: { minLength: 1, maxLength: 2000 },
  },
  legalDisclosure: {
    segment: 'legalDisclosure',
    operationId: 'createLegalDisclosure',
    labelKey: 'msg_type_legalDisclosure',
    explanationKey: 'msg_type_legalDisclosure_about',
    attachments: { minItems: 1, maxItems: 5 },
  },
  confirmOrderDetails: {
    segment: 'confirmOrderDetails',
    operationId: 'createConfirmOrderDetails',
    labelKey: 'msg_type_confirmOrderDetails',
    explanationKey: 'msg_type_confirmOrderDetails_about',
    text: { minLength: 1, maxLength: 2000 },
  },
  confirmServiceDetails: {
    segment: 'confirmServiceDetails',
    operationId: 'createConfirmServiceDetails',
    labelKey: 'msg_type_confirmServiceDetails',
    explanationKey: 'msg_type_confirmServiceDetails_about',
    text: { minLength: 1, maxLength: 2000 },
  },
  warranty: {
    segment: 'warranty',
    operationId: 'CreateWarranty',
    labelKey: 'msg_type_warranty',
    explanationKey: 'msg_type_warranty_about',
    attachments: { minItems: 1, maxItems: 5 },
    // The model does not mark the coverage dates required; a schema from Amazon may.
    dates: ['coverageStartDate', 'coverageEndDate'],
  },
  digitalAccessKey: {
    segment: 'digitalAccessKey',
    operationId: 'createDigitalAccessKey',
    labelKey: 'msg_type_digitalAccessKey',
    explanationKey: 'msg_type_digitalAccessKey_about',
    text: { minLength: 1, maxLength: 400 },
    attachments: { minItems: 0, maxItems: 5 },
  },
  unexpectedProblem: {
    segment: 'unexpectedProblem',
    operationId: 'createUnexpectedProblem',
    labelKey: 'msg_type_unexpectedProblem',
    explanationKey: 'msg_type_unexpectedProblem_about',
    text: { minLength: 1, maxLength: 2000 },
  },
  invoice: {
    segment: 'invoice',
    operationId: 'sendInvoice',
    labelKey: 'msg_type_invoice',
    explanationKey: 'msg_type_invoice_about',
    attachments: { minItems: 1, maxItems: 5 },
  },
};

/**
 * Other names seen for a segment. Amazon's own samples call the invoice action `sendInvoice` with an
 * href ending `/messages/sendInvoice`, while the model's path is `/messages/invoice`: we accept both
 * and always send to the model's path.
 */
const ALIASES: Readonly<Record<string, MessageTypeSegment>> = {
  sendInvoice: 'invoice',
};

/** Types the API used to have. Amazon's static sandbox still lists them, so we explain, not fail. */
export const RETIRED_TYPES: Readonly<Record<string, { retiredOn: string; reasonKey: I18nKey }>> = {
  negativeFeedbackRemoval: { retiredOn: '2025-08-04', reasonKey: 'msg_type_retired_negativeFeedbackRemoval' },
  amazonMotors: { retiredOn: '2026-01-30', reasonKey: 'msg_type_retired_amazonMotors' },
};

/** Links in `_links.actions` that are not messages (GetAttributes is listed there by the sandbox). */
export const NOT_MESSAGE_TYPES: readonly string[] = ['attributes'];

export const UNKNOWN_TYPE_REASON: I18nKey = 'msg_type_unknown_reason';

export type Classified =
  | { kind: 'supported'; spec: MessageTypeSpec }
  | { kind: 'retired'; segment: string; retiredOn: string; reasonKey: I18nKey }
  | { kind: 'not-a-message'; segment: string }
  | { kind: 'unknown'; segment: string; reasonKey: I18nKey };

function isSegment(value: string): value is MessageTypeSegment {
  return Object.prototype.hasOwnProperty.call(MESSAGE_TYPES, value);
}

/** The segment we send to for a name or segment, or undefined when it is not a type we can send. */
export function canonicalSegment(nameOrSegment: string): MessageTypeSegment | undefined {
  if (isSegment(nameOrSegment)) return nameOrSegment;
  return Object.prototype.hasOwnProperty.call(ALIASES, nameOrSegment) ? ALIASES[nameOrSegment] : undefined;
}

export function messageType(nameOrSegment: string): MessageTypeSpec | undefined {
  const segment = canonicalSegment(nameOrSegment);
  return segment === undefined ? undefined : MESSAGE_TYPES[segment];
}

export function classifySegment(segment: string): Classified {
  const spec = messageType(segment);
  if (spec) return { kind: 'supported', spec };
  const retired = Object.prototype.hasOwnProperty.call(RETIRED_TYPES, segment) ? RETIRED_TYPES[segment] : undefined;
  if (retired) return { kind: 'retired', segment, ...retired };
  if (NOT_MESSAGE_TYPES.includes(segment)) return { kind: 'not-a-message', segment };
  return { kind: 'unknown', segment, reasonKey: UNKNOWN_TYPE_REASON };
}
