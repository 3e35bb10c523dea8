/**
 * What Amazon's own sandbox (sandbox.sellingpartnerapi-*.amazon.com) can answer. It is a static
 * sandbox: it replies only to the sample inputs declared in the official models
 * (the static sandbox examples), and to anything else with "invalid input". The extension therefore uses
 * these inputs in that mode and says so, instead of sending real orders that the sandbox cannot know.
 * tests/unit/sandbox-mode checks each value against the models, so a change at Amazon shows up there.
 * Pure: safe in every context.
 */
import type { Endpoint } from './spapi/endpoints';

/** The only order the Messaging API's examples answer for. */
export const SAMPLE_ORDER_ID = '123-1234567-1234567';
/** The marketplace of the messaging examples' links (US). */
export const SAMPLE_MARKETPLACE_ID = 'ATVPDKIKX0DER';
/** The only text the messaging examples accept. */
export const SAMPLE_MESSAGE_TEXT = 'My Message';

/** The inputs of the first searchOrders example (Orders v2026-01-01). */
export const SAMPLE_SEARCH_ORDERS = {
  createdAfter: '2024-12-25T00:00:00Z',
  marketplaceIds: ['A1VC38T7YXB528'],
  includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES'],
} as const;

export function isAmazonSandbox(endpoint: Pick<Endpoint, 'kind'> | undefined | null): boolean {
  return endpoint?.kind === 'amazon-sandbox';
}
