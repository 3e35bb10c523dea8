/**
 * The sandbox's orders: the messaging fixtures named in SANDBOX_ORDERS plus a few more so that
 * order lists have variety (statuses, marketplaces, FBA/FBM, an order nothing can be sent for).
 * Dates are relative to the sandbox's start, so "recent orders" queries always find them.
 */
import { MARKETPLACE_IDS, SANDBOX_ORDERS, SANDBOX_REVIEW_ORDERS } from './constants';
import type { OfferedAction } from './message-types';
import { CURRENT_SEGMENTS } from './message-types';

export type OrderStatus =
  | 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'Canceled' | 'Unfulfillable'
  | 'InvoiceUnconfirmed' | 'PendingAvailability';
export const ORDER_STATUSES: OrderStatus[] = [
  'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable', 'InvoiceUnconfirmed', 'PendingAvailability',
];

/** How getMessagingActionsForOrder embeds the schemas: both shapes are seen in the wild. */
export type SchemaShape = 'direct' | 'payload' | 'links-only';

export interface OrderItem {
  orderItemId: string;
  asin: string;
  sellerSku: string;
  title: string;
  quantity: number;
  quantityShipped: number;
  unitPrice: string;
}

export interface SandboxOrder {
  amazonOrderId: string;
  marketplaceId: string;
  buyerLocale: string;
  actions: OfferedAction[];
  schemaShape: SchemaShape;
  status: OrderStatus;
  fulfillmentChannel: 'MFN' | 'AFN';
  purchaseDate: string;
  lastUpdateDate: string;
  items: OrderItem[];
  shipTo: { city: string; stateOrRegion?: string; postalCode: string; countryCode: string };
  /** False for Amazon's static-sandbox ids, which no Orders API search returns. */
  listed: boolean;
  /** When true a sent type stops being offered (Amazon: availability depends on what was sent). */
  removeActionAfterSend: boolean;
  /** The promised delivery window (Orders v2026 `fulfillment.deliverByWindow`), once the order shipped. */
  earliestDeliveryDate?: string;
  latestDeliveryDate?: string;
  /** Refunded (or returned): Amazon stops offering a review request, and no Orders field says why. */
  refunded: boolean;
  /**
   * The detailed status of the order's one package (Orders v2026 `packages`, merchant-fulfilled orders),
   * e.g. RETURNED_TO_SELLER; none = no package data.
   */
  packageStatus?: string;
  /** False reproduces Amazon listing no solicitation for an order that looks eligible. */
  solicitationOffered: boolean;
}

export interface MarketplaceInfo {
  name: string;
  currency: string;
  locale: string;
  countryCode: string;
}

export const MARKETPLACES: Record<string, MarketplaceInfo> = {
  [MARKETPLACE_IDS.US]: { name: 'Amazon.com', currency: 'USD', locale: 'en-US', countryCode: 'US' },
  [MARKETPLACE_IDS.DE]: { name: 'Amazon.de', currency: 'EUR', locale: 'de-DE', countryCode: 'DE' },
  [MARKETPLACE_IDS.TR]: { name: 'Amazon.com.tr', currency: 'TRY', locale: 'tr-TR', countryCode: 'TR' },
  [MARKETPLACE_IDS.UK]: { name: 'Amazon.co.uk', currency: 'GBP', locale: 'en-GB', countryCode: 'GB' },
  [MARKETPLACE_IDS.JP]: { name: 'Amazon.co.jp', currency: 'JPY', locale: 'ja-JP', countryCode: 'JP' },
};

export function marketplaceInfo(marketplaceId: string): MarketplaceInfo {
  return MARKETPLACES[marketplaceId] ?? { name: 'Amazon', currency: 'USD', locale: 'en-US', countryCode: 'US' };
}

export const ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;

/** What Amazon's own sandbox lists for its static order, in its order. */
const STATIC_SANDBOX_ACTIONS: OfferedAction[] = [
  'confirmCustomizationDetails', 'confirmDeliveryDetails', 'legalDisclosure', 'negativeFeedbackRemoval',
  'confirmOrderDetails', 'confirmServiceDetails', 'amazonMotors', 'digitalAccessKey', 'unexpectedProblem',
  'warranty', 'attributes',
];

interface Fixture extends Omit<SandboxOrder,
  'purchaseDate' | 'lastUpdateDate' | 'removeActionAfterSend' | 'listed' | 'buyerLocale' | 'refunded' | 'solicitationOffered'
  | 'earliestDeliveryDate' | 'latestDeliveryDate'> {
  ageMinutes: number;
  listed?: boolean;
  buyerLocale?: string;
  /** Earliest and latest promised delivery, in days before the sandbox's start. */
  deliveredDaysAgo?: [number, number];
  refunded?: boolean;
  solicitationOffered?: boolean;
}

function item(orderItemId: string, asin: string, sellerSku: string, title: string, quantity: number, unitPrice: string, shipped = 0): OrderItem {
  return { orderItemId, asin, sellerSku, title, quantity, quantityShipped: shipped, unitPrice };
}

const DAY_MINUTES = 24 * 60;

const FIXTURES: Fixture[] = [
  {
    amazonOrderId: '113-7781234-9921134', marketplaceId: MARKETPLACE_IDS.US, actions: ['attributes'],
    schemaShape: 'direct', status: 'Pending', fulfillmentChannel: 'MFN', ageMinutes: 12,
    items: [item('48213377019882', 'B0SANDBX01', 'OC-MUG-BLUE', 'Enamel camping mug, blue', 2, '14.50')],
    shipTo: { city: 'Austin', stateOrRegion: 'TX', postalCode: '78701', countryCode: 'US' },
  },
  {
    amazonOrderId: SANDBOX_ORDERS.us, marketplaceId: MARKETPLACE_IDS.US,
    actions: [
      'confirmCustomizationDetails', 'confirmDeliveryDetails', 'confirmOrderDetails', 'legalDisclosure',
      'unexpectedProblem', 'warranty', 'digitalAccessKey', 'invoice', 'negativeFeedbackRemoval', 'amazonMotors', 'attributes',
    ],
    schemaShape: 'direct', status: 'Unshipped', fulfillmentChannel: 'MFN', ageMinutes: 35,
    items: [item('62034511872330', 'B0SANDBX02', 'OC-BOARD-OAK', 'Personalised oak cutting board', 1, '39.99')],
    shipTo: { city: 'Seattle', stateOrRegion: 'WA', postalCode: '98109', countryCode: 'US' },
  },
  {
    amazonOrderId: SANDBOX_ORDERS.de, marketplaceId: MARKETPLACE_IDS.DE,
    actions: ['confirmOrderDetails', 'unexpectedProblem', 'invoice', 'legalDisclosure', 'attributes'],
    schemaShape: 'payload', status: 'Unshipped', fulfillmentChannel: 'MFN', ageMinutes: 190,
    items: [item('30561177420918', 'B0SANDBX03', 'OC-TISCH-LEINEN', 'Leinen-Tischdecke, 140 x 240 cm', 1, '24.90')],
    shipTo: { city: 'Köln', postalCode: '50667', countryCode: 'DE' },
  },
  {
    amazonOrderId: '026-4418820-7731946', marketplaceId: MARKETPLACE_IDS.UK,
    actions: ['confirmDeliveryDetails', 'confirmServiceDetails', 'unexpectedProblem', 'attributes'],
    schemaShape: 'payload', status: 'Unshipped', fulfillmentChannel: 'MFN', ageMinutes: 370,
    items: [item('02644188207719', 'B0SANDBX04', 'OC-SHELF-FIT', 'Wall shelf with fitting service', 1, '89.00')],
    shipTo: { city: 'Leeds', postalCode: 'LS1 4AP', countryCode: 'GB' },
  },
  {
    amazonOrderId: SANDBOX_ORDERS.tr, marketplaceId: MARKETPLACE_IDS.TR,
    actions: ['confirmDeliveryDetails', 'warranty', 'attributes'],
    schemaShape: 'direct', status: 'Shipped', fulfillmentChannel: 'MFN', ageMinutes: 2 * 24 * 60,
    items: [item('40755123986620', 'B0SANDBX05', 'OC-KUPA-SET', 'Seramik kupa seti, 4 adet', 1, '349.00', 1)],
    shipTo: { city: 'İstanbul', postalCode: '34000', countryCode: 'TR' },
  },
  {
    amazonOrderId: '114-6021874-5521807', marketplaceId: MARKETPLACE_IDS.US,
    actions: ['legalDisclosure', 'invoice', 'attributes'],
    schemaShape: 'direct', status: 'Shipped', fulfillmentChannel: 'AFN', ageMinutes: 5 * 24 * 60,
    items: [
      item('11460218745518', 'B0SANDBX06', 'OC-LAMP-DESK', 'LED desk lamp', 1, '27.99', 1),
      item('11460218745519', 'B0SANDBX07', 'OC-BULB-E27', 'Spare bulb, E27', 2, '4.99', 2),
    ],
    shipTo: { city: 'Denver', stateOrRegion: 'CO', postalCode: '80202', countryCode: 'US' },
  },
  {
    amazonOrderId: '250-9930417-4402831', marketplaceId: MARKETPLACE_IDS.JP, actions: [],
    schemaShape: 'direct', status: 'Canceled', fulfillmentChannel: 'MFN', ageMinutes: 9 * 24 * 60,
    items: [item('25099304174428', 'B0SANDBX08', 'OC-TENUGUI', 'Cotton tenugui towel', 3, '900')],
    shipTo: { city: 'Osaka', postalCode: '530-0001', countryCode: 'JP' },
  },
  {
    amazonOrderId: SANDBOX_ORDERS.staticSandbox, marketplaceId: MARKETPLACE_IDS.US, actions: STATIC_SANDBOX_ACTIONS,
    schemaShape: 'links-only', status: 'Unshipped', fulfillmentChannel: 'MFN', ageMinutes: 60, listed: false,
    items: [item('12312345671234', 'B0SANDBX09', 'OC-STATIC', 'Static sandbox item', 1, '10.00')],
    shipTo: { city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' },
  },
  ...reviewFixtures(),
];


/**
 * Shipped orders around the review window. All were placed more than a week ago, so the recent-orders
 * list (7 days) stays as it was; a date-range query finds them.
 */
function reviewFixtures(): Fixture[] {
  const ids = SANDBOX_REVIEW_ORDERS;
  const review = (
    amazonOrderId: string, n: number, deliveredDaysAgo: [number, number] | undefined, extra: Partial<Fixture> = {},
  ): Fixture => ({
    amazonOrderId, marketplaceId: MARKETPLACE_IDS.US, actions: ['unexpectedProblem', 'attributes'], schemaShape: 'direct',
    status: 'Shipped', fulfillmentChannel: 'MFN', ageMinutes: ((deliveredDaysAgo?.[0] ?? 6) + 5) * DAY_MINUTES,
    items: [item(`2040500000000${n}`, `B0REVIEW0${n}`, `OC-REVIEW-${n}`, `Review sample item ${n}`, 1, '12.00', 1)],
    shipTo: { city: 'Portland', stateOrRegion: 'OR', postalCode: '97201', countryCode: 'US' },
    deliveredDaysAgo, ...extra,
  });
  return [
    review(ids.eligible, 1, [12, 10]),
    review(ids.eligibleDe, 2, [9, 8], {
      marketplaceId: MARKETPLACE_IDS.DE, shipTo: { city: 'Hamburg', postalCode: '20095', countryCode: 'DE' },
    }),
    review(ids.tooEarly, 3, [2, 1], { ageMinutes: 11 * DAY_MINUTES }),
    review(ids.closed, 4, [45, 40]),
    review(ids.refunded, 5, [12, 12], { refunded: true }),
    review(ids.canceled, 6, undefined, { status: 'Canceled', actions: [], items: [item('20405000000006', 'B0REVIEW06', 'OC-REVIEW-6', 'Review sample item 6', 1, '12.00')] }),
    review(ids.notOffered, 7, [20, 20], { solicitationOffered: false }),
  ];
}

function isoAgo(now: number, minutes: number): string {
  return new Date(Math.floor((now - minutes * 60_000) / 1000) * 1000).toISOString();
}

export function initialOrders(now: number): Map<string, SandboxOrder> {
  const orders = new Map<string, SandboxOrder>();
  for (const { ageMinutes, listed, buyerLocale, deliveredDaysAgo, refunded, solicitationOffered, ...fixture } of FIXTURES) {
    const purchaseDate = isoAgo(now, ageMinutes);
    orders.set(fixture.amazonOrderId, {
      ...fixture,
      ...(deliveredDaysAgo
        ? { earliestDeliveryDate: isoAgo(now, deliveredDaysAgo[0] * DAY_MINUTES), latestDeliveryDate: isoAgo(now, deliveredDaysAgo[1] * DAY_MINUTES) }
        : {}),
      refunded: refunded ?? false,
      solicitationOffered: solicitationOffered ?? true,
      buyerLocale: buyerLocale ?? marketplaceInfo(fixture.marketplaceId).locale,
      actions: [...fixture.actions],
      purchaseDate,
      lastUpdateDate: isoAgo(now, Math.max(1, ageMinutes - 5)),
      listed: listed ?? true,
      removeActionAfterSend: false,
    });
  }
  return orders;
}

/**
 * An order added through the control API: defaults make it a plain, messageable US order placed
 * five minutes ago (searches only see orders older than two minutes).
 */
export function newOrder(amazonOrderId: string, now: number): SandboxOrder {
  return {
    amazonOrderId,
    marketplaceId: MARKETPLACE_IDS.US,
    buyerLocale: 'en-US',
    actions: [...CURRENT_SEGMENTS, 'attributes'],
    schemaShape: 'direct',
    status: 'Unshipped',
    fulfillmentChannel: 'MFN',
    purchaseDate: isoAgo(now, 5),
    lastUpdateDate: isoAgo(now, 5),
    items: [item(amazonOrderId.replace(/-/g, '').slice(0, 14), 'B0SANDBX10', 'OC-ADDED', 'Sandbox item', 1, '19.99')],
    shipTo: { city: 'Seattle', stateOrRegion: 'WA', postalCode: '98109', countryCode: 'US' },
    listed: true,
    removeActionAfterSend: false,
    refunded: false,
    solicitationOffered: true,
  };
}

export function orderTotal(order: SandboxOrder): string {
  const decimals = marketplaceInfo(order.marketplaceId).currency === 'JPY' ? 0 : 2;
  return order.items.reduce((sum, i) => sum + Number(i.unitPrice) * i.quantity, 0).toFixed(decimals);
}
