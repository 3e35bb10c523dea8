// Background-only: Messaging API v1 and Uploads API 2020-11-01 calls.
import { SpApiError } from './errors';
import type { HttpCall } from './http';
import { isMessageSegment, MESSAGE_OPERATIONS, type MessageSegment } from './operations';
import { assertContentMd5 } from './s3';
import type {
  CallOptions,
  GetAttributesResponse,
  MessageBody,
  MessagingActionsDocument,
  Payload,
  SendMessageResult,
  UploadDestination,
} from './types';

const orderPath = (orderId: string) => `/messaging/v1/orders/${encodeURIComponent(orderId)}`;

export interface UploadDestinationRequest {
  /** The messaging path the file is for, e.g. `messaging/v1/orders/{id}/messages/invoice`. */
  resource: string;
  marketplaceId: string;
  contentMD5: string;
  contentType?: string;
}

/** Greedy path parameter: slashes stay, every segment is encoded, no leading slash. */
export function encodeResourcePath(resource: string): string {
  return resource
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function messagingOperations(call: HttpCall) {
  return {
    /** The HAL document as Amazon sent it; lib/messaging decides what it means. */
    async getMessagingActionsForOrder(orderId: string, marketplaceId: string, opts: CallOptions = {}) {
      const res = await call<MessagingActionsDocument>({
        operation: 'getMessagingActionsForOrder',
        method: 'GET',
        path: orderPath(orderId),
        query: { marketplaceIds: [marketplaceId] },
        signal: opts.signal,
      });
      return res.body;
    },

    async getAttributes(orderId: string, marketplaceId: string, opts: CallOptions = {}) {
      const res = await call<GetAttributesResponse>({
        operation: 'GetAttributes',
        method: 'GET',
        path: `${orderPath(orderId)}/attributes`,
        query: { marketplaceIds: [marketplaceId] },
        signal: opts.signal,
      });
      return res.body;
    },

    /**
     * Sends one buyer message. Never retried once it may have reached Amazon: a 500/502/504, a
     * timeout or a dropped connection surfaces as an error with `outcomeUnknown: true`.
     */
    async sendMessage(
      orderId: string,
      marketplaceId: string,
      pathSegment: MessageSegment | (string & {}),
      body: MessageBody,
      opts: CallOptions = {},
    ): Promise<SendMessageResult> {
      if (!isMessageSegment(pathSegment)) {
        throw new RangeError(`Unknown message type "${pathSegment}"; known: ${Object.keys(MESSAGE_OPERATIONS).join(', ')}`);
      }
      const res = await call<Payload<unknown>>({
        operation: MESSAGE_OPERATIONS[pathSegment],
        method: 'POST',
        path: `${orderPath(orderId)}/messages/${pathSegment}`,
        query: { marketplaceIds: [marketplaceId] },
        body,
        signal: opts.signal,
      });
      return { status: res.status, requestId: res.requestId };
    },

    async createUploadDestinationForResource(input: UploadDestinationRequest, opts: CallOptions = {}): Promise<UploadDestination> {
      assertContentMd5(input.contentMD5);
      const res = await call<Payload<{ uploadDestinationId?: unknown; url?: unknown; headers?: unknown }>>({
        operation: 'createUploadDestinationForResource',
        method: 'POST',
        path: `/uploads/2020-11-01/uploadDestinations/${encodeResourcePath(input.resource)}`,
        query: { marketplaceIds: [input.marketplaceId], contentMD5: input.contentMD5, contentType: input.contentType },
        signal: opts.signal,
      });
      const p = res.body.payload;
      if (!p || typeof p.uploadDestinationId !== 'string' || typeof p.url !== 'string') {
        throw new SpApiError(
          res.status,
          'UnexpectedResponse',
          'Upload destination without uploadDestinationId or url',
          'createUploadDestinationForResource',
          undefined,
          res.requestId,
        );
      }
      const headers: Record<string, string> = {};
      if (typeof p.headers === 'object' && p.headers !== null) {
        for (const [k, v] of Object.entries(p.headers)) if (v !== null && v !== undefined) headers[k] = String(v);
      }
      return { uploadDestinationId: p.uploadDestinationId, url: p.url, headers };
    },
  };
}
