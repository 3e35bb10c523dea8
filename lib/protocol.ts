/**
 * The one protocol between the extension's contexts and the background. Every request is a semantic
 * operation ("message types for order X", "send the draft for order X"), never "fetch this URL".
 * Each operation lists the extension pages allowed to ask for it; the background checks the sender
 * and validates the payload against `schema` before doing anything (see entrypoints/background/router.ts).
 * Content scripts ask the background for nothing: the order-page panel frames the composer page.
 */
import type { Endpoint } from './spapi/endpoints';

export type Page = 'options' | 'popup' | 'composer';

export interface ConnectionInput {
  endpoint: Endpoint;
  defaultMarketplaceId: string;
  clientId: string;
  /** Empty keeps the stored value, so the options page never has to read a secret back. */
  clientSecret: string;
  refreshToken: string;
}

export interface ConnectionSummary {
  configured: boolean;
  endpoint?: Endpoint;
  defaultMarketplaceId?: string;
  clientId?: string;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
}

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
  message: Explained;
}

export interface ConnectionReport {
  ok: boolean;
  checks: CapabilityCheck[];
}

export interface MessageTypeView {
  segment: string;
  title: string;
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

export type SendRequest = {
  orderId: string;
  marketplaceId: string;
  /** The seller confirmed, after being told, that an earlier attempt may have reached Amazon. */
  resendAfterUnknown: boolean;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: Explained };

/* eslint-disable @typescript-eslint/no-explicit-any -- the map's request/response pairs are the types */
export interface ProtocolMap {
  'connection.get': { req: Record<string, never>; res: ConnectionSummary };
  'connection.save': { req: ConnectionInput; res: ConnectionSummary };
  'connection.test': { req: Record<string, never>; res: ConnectionReport };
  'connection.forget': { req: Record<string, never>; res: ConnectionSummary };
  'order.messageTypes': { req: { orderId: string; marketplaceId: string; refresh: boolean }; res: MessageTypesResult };
  'order.status': { req: { orderId: string }; res: OrderStatus };
  'orders.recent': { req: { marketplaceId: string }; res: { orders: RecentOrderView[] } };
  'message.send': { req: SendRequest; res: JobView };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type Operation = keyof ProtocolMap;
export type Req<O extends Operation> = ProtocolMap[O]['req'];
export type Res<O extends Operation> = ProtocolMap[O]['res'];

export interface Envelope<O extends Operation = Operation> {
  op: O;
  req: Req<O>;
}
