/**
 * The buyer-message types the Messaging API knows, and the draft-04 schemas the sandbox embeds in
 * getMessagingActionsForOrder, shaped like the ones Amazon sends. Limits are facts from the models;
 * descriptions are read from the model at run time when it is present, else short fallbacks.
 */
import type { Models } from './models';

export type MessageSegment =
  | 'confirmCustomizationDetails' | 'confirmDeliveryDetails' | 'legalDisclosure' | 'confirmOrderDetails'
  | 'confirmServiceDetails' | 'warranty' | 'digitalAccessKey' | 'unexpectedProblem' | 'invoice'
  | 'negativeFeedbackRemoval' | 'amazonMotors';

/** What `_links.actions` can list: a message type, or the buyer-attributes link. */
export type OfferedAction = MessageSegment | 'attributes';

export interface MessageType {
  segment: MessageSegment;
  operationId: string;
  /** Request definition in messaging.json; absent for the retired types. */
  requestDefinition?: string;
  title: string;
  purpose: string;
  /** Topic used in the fallback text description ("Only links related to ... are allowed"). */
  linkTopic?: string;
  textMaxLength?: number;
  attachmentsMinItems?: 0 | 1;
  warrantyDates?: boolean;
  /** Removed from the current model but still listed by Amazon's sandbox. */
  retired?: boolean;
}

export const MAX_ATTACHMENTS = 5;
export const ATTACHMENTS_DESCRIPTION =
  'You can upload text files, PDFs, Word documents, and these image file types: .jpg, .gif, and .png. The total size of attachments must be less than 10 MB.';
export const ALLOWED_ATTACHMENT_EXTENSIONS = ['.txt', '.pdf', '.doc', '.docx', '.jpg', '.jpeg', '.gif', '.png'];
export const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;

const TYPES: MessageType[] = [
  {
    segment: 'confirmCustomizationDetails', operationId: 'confirmCustomizationDetails',
    requestDefinition: 'CreateConfirmCustomizationDetailsRequest', title: 'Confirm customization details',
    purpose: 'Ask the buyer to provide or check customization details such as name spelling, images or initials.',
    linkTopic: 'customization details', textMaxLength: 800, attachmentsMinItems: 0,
  },
  {
    segment: 'confirmDeliveryDetails', operationId: 'createConfirmDeliveryDetails',
    requestDefinition: 'CreateConfirmDeliveryDetailsRequest', title: 'Confirm delivery details',
    purpose: 'Arrange a delivery or confirm the contact information for it.',
    linkTopic: 'order delivery', textMaxLength: 2000,
  },
  {
    segment: 'legalDisclosure', operationId: 'createLegalDisclosure',
    requestDefinition: 'CreateLegalDisclosureRequest', title: 'Legal disclosure',
    purpose: 'Send documents that the law requires you to give the buyer.',
    attachmentsMinItems: 1,
  },
  {
    segment: 'confirmOrderDetails', operationId: 'createConfirmOrderDetails',
    requestDefinition: 'CreateConfirmOrderDetailsRequest', title: 'Confirm order details',
    purpose: 'Ask the buyer a question about the order before it ships.',
    linkTopic: 'order completion', textMaxLength: 2000,
  },
  {
    segment: 'confirmServiceDetails', operationId: 'createConfirmServiceDetails',
    requestDefinition: 'CreateConfirmServiceDetailsRequest', title: 'Confirm service details',
    purpose: 'Contact a Home Services customer about the service they booked.',
    linkTopic: 'Home Service calls', textMaxLength: 2000,
  },
  {
    segment: 'warranty', operationId: 'CreateWarranty', requestDefinition: 'CreateWarrantyRequest',
    title: 'Warranty information', purpose: 'Send the buyer the warranty for their purchase.',
    attachmentsMinItems: 1, warrantyDates: true,
  },
  {
    segment: 'digitalAccessKey', operationId: 'createDigitalAccessKey',
    requestDefinition: 'CreateDigitalAccessKeyRequest', title: 'Digital access key',
    purpose: 'Share the access key the buyer needs to use digital content.',
    linkTopic: 'the digital access key', textMaxLength: 400, attachmentsMinItems: 0,
  },
  {
    segment: 'unexpectedProblem', operationId: 'createUnexpectedProblem',
    requestDefinition: 'CreateUnexpectedProblemRequest', title: 'Unexpected problem',
    purpose: 'Tell the buyer about an unexpected problem that affects completing the order.',
    linkTopic: 'unexpected problem calls', textMaxLength: 2000,
  },
  {
    segment: 'invoice', operationId: 'sendInvoice', requestDefinition: 'InvoiceRequest',
    title: 'Send invoice', purpose: 'Send the buyer an invoice.', attachmentsMinItems: 1,
  },
  {
    segment: 'negativeFeedbackRemoval', operationId: 'createNegativeFeedbackRemoval',
    title: 'Request negative feedback removal',
    purpose: 'Ask the buyer to remove negative feedback once their problem is solved. Retired from the Messaging API.',
    retired: true,
  },
  {
    segment: 'amazonMotors', operationId: 'CreateAmazonMotors', title: 'Amazon Motors',
    purpose: 'A message that only Amazon Motors sellers could send. Retired from the Messaging API.',
    attachmentsMinItems: 1, retired: true,
  },
];

export const MESSAGE_TYPES: ReadonlyMap<MessageSegment, MessageType> = new Map(TYPES.map((t) => [t.segment, t]));

export const CURRENT_SEGMENTS: MessageSegment[] = TYPES.filter((t) => !t.retired).map((t) => t.segment);

export function isOfferedAction(value: unknown): value is OfferedAction {
  return value === 'attributes' || MESSAGE_TYPES.has(value as MessageSegment);
}

export function messageType(segment: string): MessageType | undefined {
  return MESSAGE_TYPES.get(segment as MessageSegment);
}

function modelText(models: Models, type: MessageType, field: 'text' | 'attachments'): string | undefined {
  if (!type.requestDefinition) return undefined;
  const def = models.definition('messaging', type.requestDefinition) as
    | { properties?: Record<string, { description?: string }> }
    | undefined;
  return def?.properties?.[field]?.description;
}

/** The draft-04 schema Amazon embeds for a message type (`rawMessageBody` is Amazon's name for `text`). */
export function buildMessageSchema(type: MessageType, models: Models): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  if (type.textMaxLength) {
    properties.rawMessageBody = {
      type: 'string',
      title: 'Message',
      description: modelText(models, type, 'text') ??
        `The text to send to the buyer. Only links related to ${type.linkTopic ?? 'the order'} are allowed. Do not include HTML or email addresses. Write in the buyer's preferred language (see GetAttributes).`,
      minLength: 1,
      maxLength: type.textMaxLength,
      'x-ui-field-type': 'textarea',
    };
    required.push('rawMessageBody');
  }
  if (type.attachmentsMinItems !== undefined) {
    properties.attachments = {
      type: 'array',
      title: 'Attachments',
      description: ATTACHMENTS_DESCRIPTION,
      minItems: type.attachmentsMinItems,
      maxItems: MAX_ATTACHMENTS,
      items: {
        type: 'object',
        properties: { uploadDestinationId: { type: 'string' }, fileName: { type: 'string' } },
        required: ['uploadDestinationId', 'fileName'],
      },
      'x-ui-field-type': 'attachments',
    };
    if (type.attachmentsMinItems === 1) required.push('attachments');
  }
  if (type.warrantyDates) {
    properties.coverageStartDate = { type: 'string', format: 'date-time', title: 'Coverage start date' };
    properties.coverageEndDate = { type: 'string', format: 'date-time', title: 'Coverage end date' };
  }
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    name: type.segment,
    title: type.title,
    description: (type.requestDefinition && models.operationSummary('messaging', type.operationId)) || type.purpose,
    properties,
    required,
    ...(type.segment === 'negativeFeedbackRemoval' ? { 'x-ui-hidden': true } : {}),
  };
}
