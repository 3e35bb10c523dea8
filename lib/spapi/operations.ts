// Background-only: what each SP-API operation needs (token kind, retry safety, usage plan).
import type { TokenKind } from './types';

export type ApiFamily = 'messaging' | 'uploads' | 'notifications' | 'orders' | 'solicitations';

export interface OperationInfo {
  family: ApiFamily;
  /** `grantless` = client_credentials token with the notifications scope (SP-API grantless list). */
  token: TokenKind;
  /**
   * Safe to send twice. Decides whether a 500 or a lost connection is retried. Creating an upload
   * destination twice only wastes one destination; sending a message twice reaches the buyer twice.
   */
  idempotent: boolean;
  /** Documented usage plan: requests per second and burst. */
  rate: number;
  burst: number;
}

const messagingRead = { family: 'messaging', token: 'seller', idempotent: true, rate: 1, burst: 5 } as const;
const messagingSend = { family: 'messaging', token: 'seller', idempotent: false, rate: 1, burst: 5 } as const;
const notif = (token: TokenKind, idempotent: boolean) =>
  ({ family: 'notifications', token, idempotent, rate: 1, burst: 5 }) as const;

/** Every operation the extension calls, keyed by the model's operationId. */
export const OPERATIONS = {
  getMessagingActionsForOrder: messagingRead,
  GetAttributes: messagingRead,
  confirmCustomizationDetails: messagingSend,
  createConfirmDeliveryDetails: messagingSend,
  createLegalDisclosure: messagingSend,
  createConfirmOrderDetails: messagingSend,
  createConfirmServiceDetails: messagingSend,
  CreateWarranty: messagingSend,
  createDigitalAccessKey: messagingSend,
  createUnexpectedProblem: messagingSend,
  // The model states no usage plan for sendInvoice; we assume the 1/5 of its siblings.
  sendInvoice: messagingSend,

  getSolicitationActionsForOrder: { family: 'solicitations', token: 'seller', idempotent: true, rate: 1, burst: 5 },
  // Like a message, a review request repeated after it may have arrived would be a second request.
  createProductReviewAndSellerFeedbackSolicitation: { family: 'solicitations', token: 'seller', idempotent: false, rate: 1, burst: 5 },

  createUploadDestinationForResource: { family: 'uploads', token: 'seller', idempotent: true, rate: 10, burst: 10 },

  // The model does not say whether getSubscriptions is grantless; it lists "the caller's"
  // subscriptions like getSubscription, which needs the seller's grant, so we use the seller token.
  getSubscriptions: notif('seller', true),
  getSubscription: notif('seller', true),
  createSubscription: notif('seller', false),
  getSubscriptionById: notif('grantless', true),
  deleteSubscriptionById: notif('grantless', true),
  getDestinations: notif('grantless', true),
  getDestination: notif('grantless', true),
  createDestination: notif('grantless', false),
  deleteDestination: notif('grantless', true),

  getOrders: { family: 'orders', token: 'seller', idempotent: true, rate: 0.0167, burst: 20 },
  searchOrders: { family: 'orders', token: 'seller', idempotent: true, rate: 0.0056, burst: 20 },
  getOrder: { family: 'orders', token: 'seller', idempotent: true, rate: 0.5, burst: 30 },
} as const satisfies Record<string, OperationInfo>;

export type OperationName = keyof typeof OPERATIONS;

export function operationInfo(name: string): OperationInfo | undefined {
  return Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name as OperationName] : undefined;
}

/** Path segment under `/messaging/v1/orders/{id}/messages/` → operationId (they differ, see the model). */
export const MESSAGE_OPERATIONS = {
  confirmCustomizationDetails: 'confirmCustomizationDetails',
  confirmDeliveryDetails: 'createConfirmDeliveryDetails',
  legalDisclosure: 'createLegalDisclosure',
  confirmOrderDetails: 'createConfirmOrderDetails',
  confirmServiceDetails: 'createConfirmServiceDetails',
  warranty: 'CreateWarranty',
  digitalAccessKey: 'createDigitalAccessKey',
  unexpectedProblem: 'createUnexpectedProblem',
  invoice: 'sendInvoice',
} as const satisfies Record<string, OperationName>;

export type MessageSegment = keyof typeof MESSAGE_OPERATIONS;

export function isMessageSegment(segment: string): segment is MessageSegment {
  return Object.hasOwn(MESSAGE_OPERATIONS, segment);
}

/** The rate table the limiter starts from. */
export function documentedRates(): Record<string, { rate: number; burst: number }> {
  return Object.fromEntries(Object.entries(OPERATIONS).map(([name, o]) => [name, { rate: o.rate, burst: o.burst }]));
}
