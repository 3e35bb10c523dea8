// Background-only: shapes of the SP-API answers this extension reads (hand-written, partial on purpose).
// Only the fields we use are typed; Amazon adds fields over time and those must pass through untouched.

export interface AmazonError {
  code: string;
  message: string;
  details?: string;
}

export type TokenKind = 'seller' | 'grantless';
export type CallOptions = { signal?: AbortSignal };

// ---- Messaging -------------------------------------------------------------------------------

/** `getMessagingActionsForOrder` as received. Its shape varies in the wild; lib/messaging interprets it. */
export type MessagingActionsDocument = Readonly<Record<string, unknown>>;

export interface GetAttributesResponse {
  buyer?: { locale?: string };
  errors?: AmazonError[];
}

export interface MessageAttachment {
  uploadDestinationId: string;
  fileName: string;
}

/** Union of every send body; each message type takes a subset (the action's schema says which). */
export interface MessageBody {
  text?: string;
  attachments?: MessageAttachment[];
  coverageStartDate?: string;
  coverageEndDate?: string;
}

export interface SendMessageResult {
  status: number;
  /** Amazon's request id: worth keeping in the send history for support cases. */
  requestId: string | undefined;
}

// ---- Uploads ---------------------------------------------------------------------------------

export interface UploadDestination {
  uploadDestinationId: string;
  url: string;
  /** Headers the PUT must carry verbatim; `{}` when Amazon sends none (it sometimes sends `null`). */
  headers: Record<string, string>;
}

// ---- Notifications ---------------------------------------------------------------------------

export interface EventFilter {
  eventFilterType: string;
  marketplaceIds?: string[];
  orderChangeTypes?: string[];
  aggregationSettings?: { aggregationTimePeriod: 'FiveMinutes' | 'TenMinutes' };
}

export interface ProcessingDirective {
  eventFilter?: EventFilter;
  filterExpression?: string;
}

export interface Subscription {
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: ProcessingDirective;
}

export interface CreateSubscriptionRequest {
  payloadVersion: string;
  destinationId: string;
  processingDirective?: ProcessingDirective;
}

export interface DestinationResource {
  sqs?: { arn: string };
  eventBridge?: { name?: string; region: string; accountId: string };
}

export interface Destination {
  name: string;
  destinationId: string;
  resource: DestinationResource;
}

export interface CreateDestinationRequest {
  name: string;
  resourceSpecification: { sqs?: { arn: string }; eventBridge?: { region: string; accountId: string } };
}

export interface Payload<T> {
  payload?: T;
  errors?: AmazonError[];
}

// ---- Orders ----------------------------------------------------------------------------------

/** Orders v2026-01-01 `Order`; `fulfillment` is present only with includedData=FULFILLMENT. */
export interface OrderV2026 {
  orderId: string;
  createdTime: string;
  lastUpdatedTime?: string;
  salesChannel?: { channelName?: string; marketplaceId?: string; marketplaceName?: string };
  fulfillment?: {
    fulfillmentStatus?: string;
    fulfilledBy?: string;
    deliverByWindow?: { earliestDateTime?: string; latestDateTime?: string };
  };
  orderItems?: { orderItemId?: string; quantityOrdered?: number; product?: { sellerSku?: string } }[];
  /** Merchant-fulfilled orders only (includedData PACKAGES). */
  packages?: { packageReferenceId?: string; packageStatus?: { status?: string; detailedStatus?: string } }[];
}

export interface SearchOrdersResponse {
  orders: OrderV2026[];
  pagination?: { nextToken?: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

/** Orders v0 `Order` (deprecated API). */
export interface OrderV0 {
  AmazonOrderId: string;
  PurchaseDate: string;
  OrderStatus: string;
  LastUpdateDate?: string;
  MarketplaceId?: string;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
}

export interface GetOrdersV0Response {
  payload?: { Orders: OrderV0[]; NextToken?: string; CreatedBefore?: string };
  errors?: AmazonError[];
}

/**
 * One order status vocabulary for the whole extension: the one ORDER_CHANGE notifications and
 * Orders v0 use, so a list entry and a notification about the same order compare equal.
 */
export type OrderStatus =
  | 'PendingAvailability'
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'InvoiceUnconfirmed'
  | 'Canceled'
  | 'Unfulfillable'
  | 'Unknown';

export interface RecentOrder {
  orderId: string;
  purchaseDate: string;
  status: OrderStatus;
  marketplaceId: string;
  itemCount?: number;
  /** The promised delivery window, when the API gave one (what the review window is computed from). */
  earliestDeliveryDate?: string;
  latestDeliveryDate?: string;
  /** Seller SKUs, when the API gave them (Orders v2026). */
  skus?: string[];
  /** Every package of the order went back to the seller (Orders v2026 packages): the buyer has nothing to review. */
  returned?: boolean;
}
