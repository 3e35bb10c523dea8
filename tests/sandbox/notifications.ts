/**
 * Notifications API v1: destinations, one subscription per notificationType, and
 * sendTestNotification, which really puts an ORDER_CHANGE message into the destination's queue.
 * The sandbox starts with no destinations and no subscriptions, like a new application.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_APPLICATION_ID, SANDBOX_ORDERS } from './constants';
import { isRecord } from './http';
import type { OrderChangeType } from './notification-events';
import { ORDER_CHANGE_TYPES, orderChangeNotification } from './notification-events';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { csv, invalidInput, notFound, spapiError } from './spapi-common';
import type { SandboxContext } from './state';

export interface Destination {
  destinationId: string;
  name: string;
  resource: { sqs?: { arn: string }; eventBridge?: { name: string; region: string; accountId: string } };
}

export interface Subscription {
  notificationType: string;
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: unknown;
}

export class NotificationStore {
  readonly destinations = new Map<string, Destination>();
  /** notificationType → subscription: an application has at most one per type. */
  readonly subscriptions = new Map<string, Subscription>();
  /** What was sent to EventBridge destinations (there is no bus to deliver to here). */
  readonly eventBridgeEvents: { destinationId: string; event: unknown }[] = [];
}

/** ORDER_STATUS_CHANGE was retired: existing subscriptions can be read and deleted, not created. */
export const LEGACY_NOTIFICATION_TYPE = 'ORDER_STATUS_CHANGE';
const NOTIFICATION_TYPE = /^[A-Z][A-Z0-9_]*$/;
const SQS_ARN = /^arn:aws:sqs:\S+:\S+:\S+/;
const EVENT_FILTER_TYPES = new Set(['ANY_OFFER_CHANGED', 'ORDER_CHANGE', 'SHIPMENT_TRACKING_MILESTONE_CHANGED']);

export function subscriptionView(s: Subscription): Record<string, unknown> {
  return {
    subscriptionId: s.subscriptionId,
    payloadVersion: s.payloadVersion,
    destinationId: s.destinationId,
    ...(s.processingDirective !== undefined ? { processingDirective: s.processingDirective } : {}),
  };
}

function checkType(type: string): SpapiResult | null {
  return NOTIFICATION_TYPE.test(type) ? null : invalidInput(`"${type}" is not a valid notificationType.`);
}

export function getSubscriptions(call: SpapiCall): SpapiResult {
  const types = csv(call.query, 'notificationTypes');
  if (types.length !== 1) return invalidInput('notificationTypes must list exactly one notification type.');
  const payloadVersion = call.query.payloadVersion?.[0];
  const subscriptions = [...call.ctx.state.notifications.subscriptions.values()]
    .filter((s) => types.includes(s.notificationType) && (!payloadVersion || s.payloadVersion === payloadVersion))
    .map(subscriptionView);
  return { status: 200, body: { payload: { subscriptions } } };
}

export function getSubscription(call: SpapiCall): SpapiResult {
  const type = call.params.notificationType ?? '';
  const bad = checkType(type);
  if (bad) return bad;
  const sub = call.ctx.state.notifications.subscriptions.get(type);
  if (!sub) return notFound('Subscription not found.', `The application has no subscription for notificationType ${type}.`);
  return { status: 200, body: { payload: subscriptionView(sub) } };
}

function checkProcessingDirective(type: string, directive: unknown): string | null {
  if (directive === undefined) return null;
  if (!isRecord(directive)) return 'processingDirective must be an object.';
  const { eventFilter, filterExpression } = directive;
  if (eventFilter !== undefined && filterExpression !== undefined) {
    return 'eventFilter and filterExpression are mutually exclusive: provide only one of them.';
  }
  if (eventFilter === undefined) return null;
  if (!isRecord(eventFilter)) return 'processingDirective.eventFilter must be an object.';
  const filterType = eventFilter.eventFilterType;
  if (typeof filterType !== 'string' || !EVENT_FILTER_TYPES.has(filterType)) {
    return `eventFilter.eventFilterType must be one of ${[...EVENT_FILTER_TYPES].join(', ')}.`;
  }
  if (filterType !== type) return `eventFilterType ${filterType} cannot be used with notificationType ${type}.`;
  const changeTypes = eventFilter.orderChangeTypes;
  if (changeTypes !== undefined && (!Array.isArray(changeTypes) || changeTypes.some((t) => !ORDER_CHANGE_TYPES.includes(t as OrderChangeType)))) {
    return `eventFilter.orderChangeTypes may only contain ${ORDER_CHANGE_TYPES.join(', ')}.`;
  }
  const marketplaceIds = eventFilter.marketplaceIds;
  if (marketplaceIds !== undefined && (!Array.isArray(marketplaceIds) || marketplaceIds.some((m) => typeof m !== 'string'))) {
    return 'eventFilter.marketplaceIds must be a list of marketplace ids.';
  }
  return null;
}

export function createSubscription(call: SpapiCall): SpapiResult {
  const type = call.params.notificationType ?? '';
  const bad = checkType(type);
  if (bad) return bad;
  if (type === LEGACY_NOTIFICATION_TYPE) {
    return invalidInput(`${LEGACY_NOTIFICATION_TYPE} is retired and cannot be subscribed to any more: subscribe to ORDER_CHANGE.`);
  }
  const body = isRecord(call.body) ? call.body : {};
  const { payloadVersion, destinationId, processingDirective } = body;
  if (typeof payloadVersion !== 'string' || typeof destinationId !== 'string') {
    return invalidInput('payloadVersion and destinationId are required strings.');
  }
  const problem = checkProcessingDirective(type, processingDirective);
  if (problem) return invalidInput(problem);
  const { notifications } = call.ctx.state;
  if (!notifications.destinations.has(destinationId)) return invalidInput(`Destination ${destinationId} does not exist.`);
  const existing = notifications.subscriptions.get(type);
  if (existing) {
    return spapiError(409, 'Conflict', 'You have already subscribed to this notificationType.', `subscriptionId: ${existing.subscriptionId}`);
  }
  const sub: Subscription = { notificationType: type, subscriptionId: randomUUID(), payloadVersion, destinationId, processingDirective };
  notifications.subscriptions.set(type, sub);
  return { status: 200, body: { payload: subscriptionView(sub) } };
}

function subscriptionById(call: SpapiCall): { sub: Subscription; error?: undefined } | { sub?: undefined; error: SpapiResult } {
  const type = call.params.notificationType ?? '';
  const bad = checkType(type);
  if (bad) return { error: bad };
  const sub = call.ctx.state.notifications.subscriptions.get(type);
  if (!sub || sub.subscriptionId !== call.params.subscriptionId) {
    return { error: notFound('Subscription not found.', `No ${type} subscription has id ${call.params.subscriptionId ?? ''}.`) };
  }
  return { sub };
}

export function getSubscriptionById(call: SpapiCall): SpapiResult {
  const { sub, error } = subscriptionById(call);
  return error ?? { status: 200, body: { payload: subscriptionView(sub) } };
}

export function deleteSubscriptionById(call: SpapiCall): SpapiResult {
  const { sub, error } = subscriptionById(call);
  if (error) return error;
  call.ctx.state.notifications.subscriptions.delete(sub.notificationType);
  return { status: 200, body: {} };
}

export function getDestinations(call: SpapiCall): SpapiResult {
  return { status: 200, body: { payload: [...call.ctx.state.notifications.destinations.values()] } };
}

export function createDestination(call: SpapiCall): SpapiResult {
  const body = isRecord(call.body) ? call.body : {};
  const { name, resourceSpecification: spec } = body;
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) return invalidInput('name must be a string of 1 to 256 characters.');
  if (!isRecord(spec)) return invalidInput('resourceSpecification is required.');
  const { sqs, eventBridge } = spec;
  if ((sqs === undefined) === (eventBridge === undefined)) {
    return invalidInput('resourceSpecification must contain exactly one of sqs and eventBridge.');
  }
  const { notifications, queues } = call.ctx.state;
  let resource: Destination['resource'];
  if (sqs !== undefined) {
    const arn = isRecord(sqs) ? sqs.arn : undefined;
    if (typeof arn !== 'string' || !SQS_ARN.test(arn) || arn.length > 1000) {
      return invalidInput('resourceSpecification.sqs.arn must be an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>).');
    }
    resource = { sqs: { arn } };
  } else {
    const { region, accountId } = isRecord(eventBridge) ? eventBridge : {};
    if (typeof region !== 'string' || typeof accountId !== 'string') {
      return invalidInput('resourceSpecification.eventBridge needs region and accountId.');
    }
    resource = { eventBridge: { name: `aws.partner/sellingpartnerapi.amazon/${SANDBOX_APPLICATION_ID}`, region, accountId } };
  }
  const duplicate = [...notifications.destinations.values()].find((d) =>
    resource.sqs ? d.resource.sqs?.arn === resource.sqs.arn
      : d.resource.eventBridge?.region === resource.eventBridge?.region && d.resource.eventBridge?.accountId === resource.eventBridge?.accountId);
  if (duplicate) {
    return spapiError(409, 'Conflict', 'A destination for this resource already exists.', `destinationId: ${duplicate.destinationId}`);
  }
  const destination: Destination = { destinationId: randomUUID(), name, resource };
  if (resource.sqs) queues.ensure(resource.sqs.arn);
  notifications.destinations.set(destination.destinationId, destination);
  return { status: 200, body: { payload: destination } };
}

export function getDestination(call: SpapiCall): SpapiResult {
  const destination = call.ctx.state.notifications.destinations.get(call.params.destinationId ?? '');
  if (!destination) return notFound('Destination not found.', `No destination has id ${call.params.destinationId ?? ''}.`);
  return { status: 200, body: { payload: destination } };
}

export function deleteDestination(call: SpapiCall): SpapiResult {
  const { notifications } = call.ctx.state;
  const id = call.params.destinationId ?? '';
  if (!notifications.destinations.has(id)) return notFound('Destination not found.', `No destination has id ${id}.`);
  const user = [...notifications.subscriptions.values()].find((s) => s.destinationId === id);
  if (user) {
    return spapiError(409, 'Conflict', 'The destination is used by a subscription.', `Delete subscription ${user.subscriptionId} (${user.notificationType}) first.`);
  }
  notifications.destinations.delete(id);
  return { status: 200, body: {} };
}

/** Hands a notification to a destination: its SQS queue, or the EventBridge log. */
export function deliver(ctx: SandboxContext, destination: Destination, notification: unknown): void {
  const { queues, clock, notifications } = ctx.state;
  if (destination.resource.sqs) {
    queues.publish(queues.ensure(destination.resource.sqs.arn), JSON.stringify(notification), clock.now());
  } else {
    notifications.eventBridgeEvents.push({ destinationId: destination.destinationId, event: notification });
  }
}

/** Maps a test scenario to a change type; any non-empty scenario is accepted. */
function scenarioChangeType(scenario: string): OrderChangeType {
  return ORDER_CHANGE_TYPES.find((t) => scenario.toLowerCase().includes(t.toLowerCase().replace('change', ''))) ?? 'OrderStatusChange';
}

export function sendTestNotification(call: SpapiCall): SpapiResult {
  const type = call.params.notificationType ?? '';
  const body = isRecord(call.body) ? call.body : {};
  const test = isRecord(body.testNotification) ? body.testNotification : {};
  if (typeof test.payloadVersion !== 'string') return invalidInput('testNotification.payloadVersion is required.');
  // The model: "If testScenario is empty, a 400 response will be returned".
  if (typeof test.testScenario !== 'string' || test.testScenario.trim() === '') return invalidInput('testNotification.testScenario is required.');
  if (type !== 'ORDER_CHANGE') return invalidInput(`The sandbox sends test notifications for ORDER_CHANGE only, not ${type}.`);
  const { notifications, orders, clock } = call.ctx.state;
  const sub = notifications.subscriptions.get(type);
  const destinationId = typeof body.destinationId === 'string' ? body.destinationId : sub?.destinationId;
  const destination = destinationId ? notifications.destinations.get(destinationId) : undefined;
  if (!destination) {
    return invalidInput('No destination: pass a valid destinationId or subscribe to ORDER_CHANGE first.');
  }
  const order = orders.get(SANDBOX_ORDERS.us);
  if (!order) return invalidInput('The sandbox order used for test notifications is missing.');
  const notification = orderChangeNotification(order, {
    changeType: scenarioChangeType(test.testScenario),
    subscriptionId: sub?.subscriptionId ?? 'test-subscription',
    now: clock.now(),
  });
  deliver(call.ctx, destination, notification);
  return { status: 200, body: {} };
}
