/**
 * Fixed demo values of the local sandbox. They are printed at start and imported by tests, the demo
 * and the benchmarks, so every consumer agrees on them without configuration.
 */

export const SANDBOX_CREDENTIALS = {
  clientId: 'amzn1.application-oa2-client.ordercouriersandbox',
  clientSecret: 'sandbox-client-secret',
  refreshToken: 'Atzr|sandbox-refresh-token',
} as const;

export const SANDBOX_QUEUE = {
  accountId: '123456789012',
  name: 'order-courier-orders',
  region: 'us-east-1',
  arn: 'arn:aws:sqs:us-east-1:123456789012:order-courier-orders',
} as const;

export const SANDBOX_AWS = {
  accessKeyId: 'AKIAORDERCOURIERDEMO',
  secretAccessKey: 'sandbox-aws-secret-access-key',
  region: 'us-east-1',
  /** The queue URL a seller pastes into the extension: one origin serves SQS too. */
  queueUrl(baseUrl: string): string {
    return `${baseUrl.replace(/\/+$/, '')}/sqs/${SANDBOX_QUEUE.accountId}/${SANDBOX_QUEUE.name}`;
  },
} as const;

/** Sandbox order ids with a known behaviour (see orders-data.ts for the full fixtures). */
export const SANDBOX_ORDERS = {
  /** US, en-US: every current message type plus the two retired ones; schemas directly under `_embedded.schema`. */
  us: '902-3159896-1390916',
  /** DE, de-DE: four types; schemas wrapped as `_embedded.schema.payload`. */
  de: '305-7226541-3301942',
  /** TR, tr-TR: confirmDeliveryDetails and warranty. */
  tr: '407-5512398-6620347',
  /** Amazon's static-sandbox order: `_links` only, no `_embedded`. */
  staticSandbox: '123-1234567-1234567',
  /** Amazon's static-sandbox "bad request" order: every messaging call answers 400 InvalidInput. */
  invalid: '123-1234567-0000000',
} as const;

/**
 * Shipped orders for "Request a review", their delivery dates placed around the window Amazon
 * applies (5 days after the earliest to 30 days after the latest delivery date). See orders-data.ts.
 */
export const SANDBOX_REVIEW_ORDERS = {
  /** US, delivered 10 to 12 days ago: inside the window. */
  eligible: '111-2040501-3000001',
  /** DE, delivered 8 to 9 days ago: inside the window. */
  eligibleDe: '302-2040502-3000002',
  /** US, delivered 1 to 2 days ago: the window opens in 3 days. */
  tooEarly: '111-2040503-3000003',
  /** US, delivered 40 to 45 days ago: the window closed 10 days ago. */
  closed: '111-2040504-3000004',
  /** US, delivered 12 days ago and refunded: Amazon offers no solicitation. */
  refunded: '111-2040505-3000005',
  /** US, cancelled before shipping. */
  canceled: '111-2040506-3000006',
  /** US, delivered 20 days ago: inside the window, but Amazon lists no action (as reported in the wild). */
  notOffered: '111-2040507-3000007',
} as const;

export const MARKETPLACE_IDS = {
  US: 'ATVPDKIKX0DER',
  DE: 'A1PA6795UKMFR9',
  TR: 'A33AVAJ2PDY3EV',
  UK: 'A1F83G8C2ARO7P',
  JP: 'A1VC38T7YXB528',
} as const;

/** Identity of the sandbox seller and application, as it appears in notifications. */
export const SANDBOX_SELLER_ID = 'A1ORDERCOURIER0';
export const SANDBOX_APPLICATION_ID = 'amzn1.sellerapps.app.ordercourier-sandbox';
