/**
 * The one protocol between the extension's contexts and the background. Every request is a semantic
 * operation ("message types for order X", "send the draft for order X"), never "fetch this URL".
 * Each operation lists the extension contexts allowed to ask for it; the background checks the sender
 * and validates the payload against `schema` before doing anything (see lib/background/router.ts).
 * The order-page content script asks for little: which connection serves its page (names only), to remember
 * the seller's choice, to open the settings, and a one-time admission for the composer it frames.
 * The messages the popup sends the content script, and the one the framed composer posts to its panel,
 * are typed and checked here too (end of file).
 */
import type { Endpoint } from './spapi/endpoints';
import type { RegionId } from './marketplaces';
import type { Draft } from './store/drafts';
import type { DestinationTarget } from './notifications/destinations';
import type { SubscriptionSummary } from './notifications/filters';
import type { AsideItem, InboxEntry, NotifyPrefs } from './notifications/inbox';
import type { MigrationStep } from './notifications/migration';
import type { PollResult } from './notifications/poller';
import type { OrderChangeType } from './notifications/types';
import type { SkipReason } from './reviews/window';
import type { AutoReviewState } from './reviews/schedule';

/** `orderPage`: the content script on a Seller Central page, in the tab's top frame. */
export type Page = 'options' | 'popup' | 'composer' | 'orderPage' | 'reviews';

export interface ConnectionInput {
  /** The connection to change; none adds one. */
  id?: string;
  name: string;
  endpoint: Endpoint;
  /** Another address only: the region it stands for; none = every region. */
  region?: RegionId;
  merchantId?: string;
  defaultMarketplaceId: string;
  clientId: string;
  /** Empty keeps the stored value (for the same endpoint only), so the options page never has to read a secret back. */
  clientSecret: string;
  refreshToken: string;
}

export interface ConnectionSummary {
  configured: boolean;
  id?: string;
  name?: string;
  region?: RegionId;
  merchantId?: string;
  endpoint?: Endpoint;
  defaultMarketplaceId?: string;
  clientId?: string;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
  /** The endpoint the stored secrets were entered for: blank secret fields keep them only for this one. */
  secretsFor?: Endpoint;
  /** A passphrase protects the credentials and this browser session has not unlocked them. */
  locked?: boolean;
}

/** Every connection, and the one the popup and the options page act for. */
export interface ConnectionsView {
  connections: ConnectionSummary[];
  current?: string;
}

/** A connection as an order page's panel names it. */
export interface ConnectionLabel {
  id: string;
  name: string;
}

/** Which connection serves the order page the content script runs in (lib/store/connections.ts pickForPage). */
export type PageConnection =
  | { kind: 'chosen'; connection: ConnectionLabel; others: ConnectionLabel[] }
  | { kind: 'ask'; candidates: ConnectionLabel[] }
  | { kind: 'missing'; region?: RegionId };

export interface Explained {
  key: string;
  substitutions: string[];
  code?: string;
  requestId?: string;
  /** Amazon's own message, shown under ours when there is one. */
  detail?: string;
}

export interface CapabilityCheck {
  capability: 'sellerToken' | 'grantlessToken' | 'messaging' | 'orders';
  ok: boolean;
  /** Nothing could prove it either way (e.g. no order to ask about); `ok` is then false and says nothing. */
  notChecked?: true;
  message: Explained;
}

export interface ConnectionReport {
  ok: boolean;
  checks: CapabilityCheck[];
  /** Checked against Amazon's static sandbox: sample answers, nothing about the seller's account. */
  sandbox?: true;
}

export interface MessageTypeView {
  segment: string;
  /** In the UI's language (our catalogue) for every type we know. */
  title: string;
  /** Amazon's own title, when it says something other than ours. */
  amazonTitle?: string;
  description?: string;
  supported: boolean;
  reason?: string;
  schema?: Record<string, unknown>;
}

export interface MessageTypesResult {
  types: MessageTypeView[];
  buyerLocale?: string;
}

export interface RecentOrderView {
  orderId: string;
  marketplaceId: string;
  purchaseDate?: string;
  status?: string;
}

export type JobState = 'uploading' | 'ready' | 'sending' | 'sent' | 'failed' | 'unknown';

export interface JobView {
  id: string;
  orderId: string;
  segment: string;
  state: JobState;
  uploaded: number;
  attachments: number;
  waiting?: { operation: string; ms: number };
  error?: Explained;
  updatedAt: number;
}

export interface HistoryEntry {
  id: string;
  /** The seller connection it was sent through (review requests carry it). */
  connectionId?: string;
  orderId: string;
  segment: string;
  title: string;
  at: number;
  outcome: 'sent' | 'failed' | 'unknown';
  error?: Explained;
}

export interface OrderStatus {
  job?: JobView;
  history: HistoryEntry[];
}

/**
 * An order's review request at a glance. `date` is a day in the marketplace's time zone: when the
 * window opens (too-early), closes (eligible) or closed (too-late).
 */
export interface ReviewStateView {
  state: 'eligible' | 'too-early' | 'too-late' | 'already-requested' | 'skipped' | 'not-offered';
  date?: string;
  reason?: SkipReason;
  /** For already-requested: from this browser, or Amazon answered that it is not available. */
  requestedBy?: 'us' | 'amazon';
  requestedAt?: number;
  /** A request left without an answer (timeout, lost connection): it may have reached Amazon. */
  outcomeUnknown?: boolean;
  /** A message from this browser was accepted for the order (one review request or proactive message per order). */
  messageAccepted: boolean;
}

/** One order of a bulk review run, in the one state it ends in. */
export interface ReviewRunItem {
  orderId: string;
  marketplaceId: string;
  state: 'pending' | 'requested' | 'already-requested' | 'not-eligible' | 'failed';
  /**
   * not-eligible: too-early, too-late, not-offered or a skip reason (excluded, cancelled, …);
   * failed: stopped, outcome-unknown, or the explanation key of the error.
   */
  reason?: string;
  /** The day the window opens (too-early) or closed (too-late), in the marketplace's time zone. */
  date?: string;
  at?: number;
}

export interface ReviewRunView {
  id: string;
  connectionId: string;
  marketplaceId: string;
  from: number;
  to: number;
  status: 'running' | 'paused' | 'stopped' | 'finished';
  createdAt: number;
  items: ReviewRunItem[];
}

/** What the bulk page shows before anything is sent: each order's window, counted. */
export interface ReviewPreview {
  counts: { eligible: number; tooEarly: number; tooLate: number; alreadyRequested: number; skipped: number };
  items: ReviewRunItem[];
}

/** One order of the automatic mode's schedule, as the popup lists it. */
export interface AutoReviewView {
  connectionId: string;
  /** Named only when the seller has several connections. */
  connectionName?: string;
  orderId: string;
  marketplaceId: string;
  /** The day the window opens, in the marketplace's time zone. */
  opensOn: string;
  state: AutoReviewState;
  reason?: string;
  at?: number;
}

export interface AutoReviewsView {
  enabled: boolean;
  entries: AutoReviewView[];
}

/** Sent by the background to open extension pages whenever the automatic schedule changes. */
export interface AutoReviewsUpdatedEvent {
  type: 'reviews.autoUpdated';
}

export function isAutoReviewsUpdatedEvent(message: unknown): message is AutoReviewsUpdatedEvent {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'reviews.autoUpdated';
}

export interface ReviewRangeRequest {
  marketplaceId: string;
  from: number;
  to: number;
}

export type SendRequest = {
  orderId: string;
  marketplaceId: string;
  /** The seller confirmed, after being told, that an earlier attempt may have reached Amazon. */
  resendAfterUnknown: boolean;
  /**
   * Start the job (freeze the draft, upload the attachments) but send the message only on `message.confirm`:
   * a framed composer's click counts only once its visibility gate has settled (lib/ui/visibility.ts).
   */
  hold?: boolean;
};

/** The framed composer's verdict on the job its click started: `send` when the click counted. */
export interface ConfirmSendRequest {
  orderId: string;
  jobId: string;
  send: boolean;
}

/** Part of an attachment's bytes on its way from the composer into the background's storage. */
/** Claims bytes the composer handed to the service worker (lib/messaging/handoff.ts) for a draft's attachment. */
export interface AttachFileRequest {
  orderId: string;
  attachmentId: string;
  transferId: string;
}

/** The stored file's Content-MD5 and chunk count, or that the picked file could no longer be read. */
export type AttachFileResult = { md5: string; chunks: number } | { unreadable: true };

/** The optional passphrase lock: `enabled` when a passphrase protects the credentials at rest. */
export interface LockStatus {
  enabled: boolean;
  locked: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Explained };

export interface ProtocolMap {
  'connection.get': { req: { connectionId?: string }; res: ConnectionSummary };
  'connection.save': { req: ConnectionInput; res: ConnectionSummary };
  'connection.test': { req: { connectionId?: string }; res: ConnectionReport };
  /** Without `endPendingSends`, a connection with sends under way is not removed: `pending` says how many. */
  /**
   * `endPendingSends`: the seller agreed that what is under way for it ends: pending sends ("not sent") and
   * the orders of an unfinished bulk review run not yet asked (`reviewOrders`, "not requested").
   */
  'connection.remove': { req: { connectionId: string; endPendingSends: boolean }; res: { removed: boolean; pending: number; reviewOrders: number; view: ConnectionsView } };
  'connections.list': { req: Record<string, never>; res: ConnectionsView };
  'connections.setCurrent': { req: { connectionId: string }; res: ConnectionsView };
  'page.connection': { req: { merchant?: string }; res: PageConnection };
  'page.chooseConnection': { req: { connectionId: string; merchant?: string }; res: PageConnection };
  'page.openOptions': { req: Record<string, never>; res: Record<string, never> };
  /** `connectionId`: the popup on an order page acts for the page's connection; a framed composer always for its admitted one. */
  'order.messageTypes': { req: { orderId: string; marketplaceId: string; refresh: boolean; connectionId?: string }; res: MessageTypesResult };
  'order.status': { req: { orderId: string }; res: OrderStatus };
  'orders.recent': { req: { marketplaceId: string; connectionId?: string }; res: { orders: RecentOrderView[] } };
  'message.send': { req: SendRequest; res: JobView };
  'message.confirm': { req: ConfirmSendRequest; res: JobView };
  'draft.get': { req: { orderId: string }; res: { draft: Draft | null } };
  'draft.save': { req: { draft: Draft }; res: Record<string, never> };
  'draft.attachFile': { req: AttachFileRequest; res: AttachFileResult };
  'notifications.overview': { req: Record<string, never>; res: NotificationsOverview };
  'notifications.createDestination': { req: { name: string; target: DestinationTarget }; res: NotificationsChange };
  'notifications.deleteDestination': { req: { destinationId: string }; res: NotificationsChange };
  'notifications.saveSubscription': { req: SaveSubscriptionRequest; res: NotificationsChange };
  'notifications.deleteSubscription': { req: { subscriptionId: string }; res: NotificationsChange };
  'notifications.migrate': { req: Record<string, never>; res: NotificationsChange };
  'inbox.get': { req: Record<string, never>; res: InboxView };
  'inbox.connectQueue': { req: QueueInput; res: InboxView };
  'inbox.disconnectQueue': { req: Record<string, never>; res: InboxView };
  'inbox.markSeen': { req: { ids: string[] | 'all' }; res: InboxView };
  'inbox.setPrefs': { req: NotifyPrefs; res: InboxView };
  'inbox.checkNow': { req: Record<string, never>; res: { result: PollResult; view: InboxView } };
  'lock.status': { req: Record<string, never>; res: LockStatus };
  'lock.set': { req: { passphrase: string; current?: string }; res: LockStatus };
  'lock.unlock': { req: { passphrase: string }; res: LockStatus };
  'lock.lock': { req: Record<string, never>; res: LockStatus };
  'lock.remove': { req: { passphrase: string }; res: LockStatus };
  'review.state': { req: { orderId: string; marketplaceId: string }; res: ReviewStateView };
  'review.request': { req: { orderId: string; marketplaceId: string }; res: ReviewStateView };
  'reviews.preview': { req: ReviewRangeRequest; res: ReviewPreview };
  'reviews.start': { req: ReviewRangeRequest; res: ReviewRunView };
  'reviews.run': { req: Record<string, never>; res: { run: ReviewRunView | null } };
  'reviews.control': { req: { runId: string; action: 'pause' | 'resume' | 'stop' }; res: ReviewRunView };
  'reviews.exclusions': { req: { entries?: string[] }; res: { entries: string[] } };
  'reviews.auto': { req: Record<string, never>; res: AutoReviewsView };
  'reviews.autoSet': { req: { enabled: boolean }; res: AutoReviewsView };
  /** One scheduled order, or every one. */
  'reviews.autoCancel': { req: { connectionId: string; orderId: string } | { all: true }; res: AutoReviewsView };
  'composer.admit': { req: PageOrder & { connectionId: string }; res: { token: string } };
  'composer.redeem': { req: { token: string; orderId: string }; res: Record<string, never> };
}

export type Operation = keyof ProtocolMap;
export type Req<O extends Operation> = ProtocolMap[O]['req'];
export type Res<O extends Operation> = ProtocolMap[O]['res'];

export interface Envelope<O extends Operation = Operation> {
  op: O;
  req: Req<O>;
}

// ---- Notifications view and inbox --------------------------------------------------------------

/** A notification destination as the popup lists it. */
export interface DestinationView {
  destinationId: string;
  name: string;
  /** 'other' when Amazon returns a resource type this build does not know. */
  kind: 'sqs' | 'eventBridge' | 'other';
  arn?: string;
  accountId?: string;
  region?: string;
}

/** The retired ORDER_STATUS_CHANGE subscription, shown only to migrate off it. */
export interface LegacySubscriptionView {
  subscriptionId: string;
  destinationId: string;
  payloadVersion: string;
}

export interface NotificationsOverview {
  destinations: DestinationView[];
  orderChange?: SubscriptionSummary;
  legacy?: LegacySubscriptionView;
  migration: MigrationStep;
  /** Amazon's sandbox: every answer is its fixed sample, not the seller's account (and no migration is offered). */
  samples?: true;
}

/** The answer to every change in the Notifications view: the fresh state and what happened. */
export interface NotificationsChange {
  overview: NotificationsOverview;
  /** What the seller now has, in words (a successful or a partial outcome). */
  outcome: Explained;
  /** Amazon's refusal of one step, when a multi-step change stopped part-way. */
  error?: Explained;
}

export interface SaveSubscriptionRequest {
  destinationId: string;
  changeTypes: 'all' | OrderChangeType[];
  /** Empty = every marketplace. */
  marketplaceIds: string[];
  /** The seller agreed to replace a filter expression the popup cannot edit. */
  dropFilterExpression?: boolean;
}

export interface QueueInput {
  queueUrl: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The connected queue without its secret: the popup never gets the secret back. */
export interface QueueSummary {
  queueUrl: string;
  region: string;
  accessKeyId: string;
}

export interface InboxPollStatus {
  at: number;
  result?: PollResult;
  error?: Explained;
}

/** A connection as the inbox names it, and the merchant its order pages open in. */
export interface InboxConnection {
  id: string;
  name: string;
  merchantId?: string;
}

export interface InboxView {
  /** Cancellation requests first, then newest first (the order lib/notifications/inbox keeps). */
  entries: InboxEntry[];
  aside: AsideItem[];
  /** Unseen changes of every connection: what the badge counts. */
  unseen: number;
  prefs: NotifyPrefs;
  /** The connection the queue settings below are for (the current one). */
  connectionId?: string;
  /** Every connection, so an entry can say where it came from; the popup names it only when there are several. */
  connections: InboxConnection[];
  queue?: QueueSummary;
  lastPoll?: InboxPollStatus;
}

/** Sent by the background to open extension pages when new changes were stored. */
export interface InboxUpdatedEvent {
  type: 'inbox.updated';
}

export function isInboxUpdatedEvent(message: unknown): message is InboxUpdatedEvent {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'inbox.updated';
}

// ---- The order page: content script, popup and the framed composer -----------------------------

/** The order a Seller Central page shows. */
export interface PageOrder {
  orderId: string;
  /** Empty when the page does not say (a shared host with no hint); the seller's default is used then. */
  marketplaceId: string;
}

/** The order page's answer to the popup: its order, and the connection the page uses when it has picked one. */
export interface PageOrderAnswer extends PageOrder {
  connectionId?: string;
}

/** What the popup asks the content script of the active tab (tabs.sendMessage). */
export type ContentRequest = { type: 'page.order' } | { type: 'panel.open'; segment?: string };
export type ContentResponse<R extends ContentRequest> = R extends { type: 'page.order' } ? PageOrderAnswer | null : boolean;

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
const MARKETPLACE_ID = /^([A-Z0-9]{8,20})?$/;
const SEGMENT = /^[A-Za-z]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPageOrder(value: unknown): value is PageOrder {
  return (
    isRecord(value) &&
    typeof value.orderId === 'string' &&
    ORDER_ID.test(value.orderId) &&
    typeof value.marketplaceId === 'string' &&
    MARKETPLACE_ID.test(value.marketplaceId)
  );
}

const CONNECTION_ID = /^[A-Za-z0-9-]{1,64}$/;

export function isPageOrderAnswer(value: unknown): value is PageOrderAnswer {
  return isPageOrder(value) && (!('connectionId' in value) || (typeof value.connectionId === 'string' && CONNECTION_ID.test(value.connectionId)));
}

export function isContentRequest(message: unknown): message is ContentRequest {
  if (!isRecord(message)) return false;
  if (message.type === 'page.order') return Object.keys(message).length === 1;
  if (message.type === 'panel.open') {
    const keys = Object.keys(message).filter((k) => k !== 'type');
    if (keys.some((k) => k !== 'segment')) return false;
    return message.segment === undefined || (typeof message.segment === 'string' && SEGMENT.test(message.segment));
  }
  return false;
}

/** What the composer framed in the panel posts to the panel around it: only "close me". */
export interface FrameMessage {
  orderCourier: 'close';
}

export function isFrameMessage(message: unknown): message is FrameMessage {
  return isRecord(message) && message.orderCourier === 'close' && Object.keys(message).length === 1;
}

/** The composer reads its admission token from its address's fragment, `#grant=<token>`. */
export const GRANT_FRAGMENT = 'grant';

/** Sent by the background to open extension pages whenever a send of the order changes state. */
export interface OrderStatusEvent {
  type: 'order.status';
  orderId: string;
  status: OrderStatus;
}

export function isOrderStatusEvent(message: unknown): message is OrderStatusEvent {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'order.status';
}

/** The explanation key of Amazon's refusal of a message type it no longer offers for the order (a 403). */
export const TYPE_NOT_OFFERED_KEY = 'spapi_template_not_available';
