// Background-only: Notifications API v1 calls (token kind per operation comes from operations.ts).
import { SpApiError } from './errors';
import type { HttpCall, SpRequest } from './http';
import type {
  CallOptions,
  CreateDestinationRequest,
  CreateSubscriptionRequest,
  Destination,
  Payload,
  Subscription,
} from './types';

const enc = encodeURIComponent;
const subscriptions = '/notifications/v1/subscriptions';
const destinations = '/notifications/v1/destinations';

export function notificationOperations(call: HttpCall) {
  /**
   * Every Notifications answer wraps its result in `payload`; callers get the result itself, and a
   * success without one is reported rather than handed on as `undefined`.
   */
  async function payload<T>(req: SpRequest): Promise<T> {
    const res = await call<Payload<T>>(req);
    if (res.body.payload === undefined || res.body.payload === null) {
      throw new SpApiError(res.status, 'UnexpectedResponse', 'Answer without payload', req.operation, undefined, res.requestId);
    }
    return res.body.payload;
  }
  async function none(req: SpRequest): Promise<void> {
    await call<Payload<never>>(req);
  }

  return {
    getDestinations: (opts: CallOptions = {}) =>
      payload<Destination[]>({ operation: 'getDestinations', method: 'GET', path: destinations, signal: opts.signal }),

    createDestination: (request: CreateDestinationRequest, opts: CallOptions = {}) =>
      payload<Destination>({ operation: 'createDestination', method: 'POST', path: destinations, body: request, signal: opts.signal }),

    deleteDestination: (destinationId: string, opts: CallOptions = {}) =>
      none({ operation: 'deleteDestination', method: 'DELETE', path: `${destinations}/${enc(destinationId)}`, signal: opts.signal }),

    getSubscription: (notificationType: string, opts: CallOptions & { payloadVersion?: string } = {}) =>
      payload<Subscription>({
        operation: 'getSubscription',
        method: 'GET',
        path: `${subscriptions}/${enc(notificationType)}`,
        query: { payloadVersion: opts.payloadVersion },
        signal: opts.signal,
      }),

    createSubscription: (notificationType: string, request: CreateSubscriptionRequest, opts: CallOptions = {}) =>
      payload<Subscription>({
        operation: 'createSubscription',
        method: 'POST',
        path: `${subscriptions}/${enc(notificationType)}`,
        body: request,
        signal: opts.signal,
      }),

    deleteSubscriptionById: (notificationType: string, subscriptionId: string, opts: CallOptions = {}) =>
      none({
        operation: 'deleteSubscriptionById',
        method: 'DELETE',
        path: `${subscriptions}/${enc(notificationType)}/${enc(subscriptionId)}`,
        signal: opts.signal,
      }),
  };
}
