/**
 * The control API under /__control/: how tests, the demo and the benchmarks arrange the sandbox
 * (faults, orders, notifications, time) and read what happened (log, messages, uploads, violations).
 * It is JSON in and out; list endpoints answer a bare array.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX_QUEUE } from './constants';
import { parseFault } from './faults';
import type { SandboxReply, SandboxRequest } from './http';
import { isRecord, jsonReply, parseJsonBody } from './http';
import type { RequestLog } from './log';
import { isOfferedAction } from './message-types';
import type { OrderChangeType } from './notification-events';
import { ORDER_CHANGE_TYPES, orderChangeNotification, passesEventFilter } from './notification-events';
import { LEGACY_NOTIFICATION_TYPE, deliver, subscriptionView } from './notifications';
import type { OrderStatus, SandboxOrder } from './orders-data';
import { ORDER_ID_PATTERN, ORDER_STATUSES, marketplaceInfo, newOrder } from './orders-data';
import type { SandboxContext } from './state';

export interface ControlHost {
  /** The current context; replaced by reset. */
  context(): SandboxContext;
  reset(): void;
  log: RequestLog;
}

type Body = Record<string, unknown>;
type Handler = (body: Body, host: ControlHost, req: SandboxRequest) => SandboxReply;

const ok = (extra: Body = {}) => jsonReply(200, { ok: true, ...extra });
const bad = (error: string, status = 400) => jsonReply(status, { ok: false, error });

const ROUTES: Record<string, Handler> = {
  'POST reset': (_b, host) => {
    host.reset();
    return ok();
  },
  // The log's own replies are not copied into the log (it would nest every earlier entry).
  'GET log': (_b, host) => ({ ...jsonReply(200, host.log.all()), logBody: { omitted: 'log' } }),
  'GET messages': (_b, host) => jsonReply(200, host.context().state.messages),
  'GET objects': (_b, host, req) => {
    const withData = req.query.includeData?.[0] === 'true';
    const objects = [...host.context().state.uploads.objects.values()].map(({ data, ...meta }) => ({
      ...meta,
      ...(withData ? { dataBase64: data.toString('base64') } : {}),
    }));
    return { ...jsonReply(200, objects), logBody: { objects: objects.length } };
  },
  'GET violations': (_b, host) => jsonReply(200, host.context().state.violations),
  'GET faults': (_b, host) => jsonReply(200, host.context().state.faults.pending()),
  'POST faults': (body, host) => {
    if (!Array.isArray(body.faults)) return bad('Expected {"faults": [...]}.');
    const specs = body.faults.map(parseFault);
    const error = specs.find((s) => typeof s === 'string');
    if (typeof error === 'string') return bad(error);
    const { faults } = host.context().state;
    for (const spec of specs) if (typeof spec !== 'string') faults.add(spec);
    return ok({ pending: faults.pending().length });
  },
  'DELETE faults': (_b, host) => {
    host.context().state.faults.clear();
    return ok();
  },
  'POST expire-tokens': (_b, host) => ok({ expired: host.context().state.tokens.expireAll() }),
  'POST revoke-refresh-token': (body, host) => {
    host.context().state.tokens.refreshTokenRevoked = body.revoked !== false;
    return ok({ revoked: host.context().state.tokens.refreshTokenRevoked });
  },
  'POST rate-limit': (body, host) => {
    const { operation, rate, burst } = body;
    if (typeof operation !== 'string' || typeof rate !== 'number' || typeof burst !== 'number' || rate < 0 || burst < 0) {
      return bad('Expected {"operation": "<operationId>", "rate": <requests per second >= 0>, "burst": <integer >= 0>}.');
    }
    host.context().state.rates.setPlan(operation, { rate, burst });
    return ok({ operation, rate, burst });
  },
  'GET sqs': (_b, host) => {
    const { queues, clock } = host.context().state;
    return jsonReply(200, queues.all().map((q) => ({
      arn: q.arn,
      path: `/sqs/${q.accountId}/${q.name}`,
      messages: q.messages.map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, visible: m.invisibleUntil <= clock.now() })),
    })));
  },
  'POST sqs/publish': publish,
  'GET orders': (_b, host) => jsonReply(200, [...host.context().state.orders.values()]),
  'POST orders': upsertOrder,
  'GET solicitations': (_b, host) => jsonReply(200, host.context().state.solicitations),
  'GET notifications': (_b, host) => {
    const { notifications } = host.context().state;
    return jsonReply(200, {
      destinations: [...notifications.destinations.values()],
      subscriptions: [...notifications.subscriptions.values()].map((s) => ({ notificationType: s.notificationType, ...subscriptionView(s) })),
      eventBridgeEvents: notifications.eventBridgeEvents,
    });
  },
  'POST legacy-subscription': legacySubscription,
  'POST order-change': orderChange,
  'POST clock': (body, host) => {
    if (typeof body.advanceMs !== 'number' || body.advanceMs < 0) return bad('Expected {"advanceMs": <milliseconds >= 0>}.');
    const { clock } = host.context().state;
    clock.advance(body.advanceMs);
    return ok({ now: new Date(clock.now()).toISOString() });
  },
};

export function handleControl(req: SandboxRequest, host: ControlHost): SandboxReply {
  const name = `${req.method} ${req.path.replace(/^\/__control\/?/, '').replace(/\/$/, '')}`;
  const handler = ROUTES[name];
  if (!handler) return bad(`Unknown control endpoint ${name}. Known: ${Object.keys(ROUTES).join(', ')}.`, 404);
  const parsed = parseJsonBody(req.body);
  if (parsed instanceof Error) return bad(`The body is not valid JSON: ${parsed.message}`);
  if (parsed !== undefined && !isRecord(parsed)) return bad('The body must be a JSON object.');
  return handler(parsed ?? {}, host, req);
}

function publish(body: Body, host: ControlHost): SandboxReply {
  const ctx = host.context();
  const { queues, clock } = ctx.state;
  const queueName = typeof body.queue === 'string' ? body.queue : SANDBOX_QUEUE.name;
  const queue = queues.findByName(queueName);
  if (!queue) return bad(`No queue named ${queueName}.`, 404);
  if (body.body === undefined) return bad('Expected {"body": <notification object or string>}.');
  const text = typeof body.body === 'string' ? body.body : JSON.stringify(body.body);
  let parsed: unknown = body.body;
  if (typeof body.body === 'string') {
    try {
      parsed = JSON.parse(body.body);
    } catch {
      parsed = body.body;
    }
  }
  const check = ctx.models.validateNotification(parsed);
  if (check.errors && body.allowInvalid !== true) {
    ctx.reportViolation({ kind: 'notification', errors: check.errors, body: parsed });
  }
  // Delivered either way: clients must survive malformed notifications.
  const message = queues.publish(queue, text, clock.now());
  return ok({ messageId: message.messageId, queue: queue.arn, valid: check.checked ? !check.errors : null, ...(check.errors ? { errors: check.errors } : {}) });
}

function upsertOrder(body: Body, host: ControlHost): SandboxReply {
  const { orders, clock } = host.context().state;
  const id = body.amazonOrderId;
  if (typeof id !== 'string' || !ORDER_ID_PATTERN.test(id)) return bad('amazonOrderId must be a 3-7-7 order id.');
  const order: SandboxOrder = orders.get(id) ?? newOrder(id, clock.now());
  const isNew = !orders.has(id);
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  if (str('marketplaceId')) {
    order.marketplaceId = str('marketplaceId') as string;
    if (isNew) order.buyerLocale = marketplaceInfo(order.marketplaceId).locale;
  }
  if (str('buyerLocale')) order.buyerLocale = str('buyerLocale') as string;
  if (body.actions !== undefined) {
    if (!Array.isArray(body.actions) || !body.actions.every(isOfferedAction)) return bad('actions must list message types (path segments) or "attributes".');
    order.actions = [...body.actions];
  }
  if (body.schemaShape !== undefined) {
    if (body.schemaShape !== 'direct' && body.schemaShape !== 'payload' && body.schemaShape !== 'links-only') return bad('schemaShape must be direct, payload or links-only.');
    order.schemaShape = body.schemaShape;
  }
  if (body.status !== undefined) {
    if (!ORDER_STATUSES.includes(body.status as OrderStatus)) return bad(`status must be one of ${ORDER_STATUSES.join(', ')}.`);
    order.status = body.status as OrderStatus;
  }
  if (body.fulfillmentChannel !== undefined) {
    if (body.fulfillmentChannel !== 'MFN' && body.fulfillmentChannel !== 'AFN') return bad('fulfillmentChannel must be MFN or AFN.');
    order.fulfillmentChannel = body.fulfillmentChannel;
  }
  for (const field of ['purchaseDate', 'lastUpdateDate'] as const) {
    const value = str(field);
    if (value === undefined) continue;
    if (Number.isNaN(Date.parse(value))) return bad(`${field} must be an ISO 8601 date-time.`);
    order[field] = new Date(value).toISOString();
  }
  for (const field of ['earliestDeliveryDate', 'latestDeliveryDate'] as const) {
    if (body[field] === null) delete order[field];
    const value = str(field);
    if (value === undefined) continue;
    if (Number.isNaN(Date.parse(value))) return bad(`${field} must be an ISO 8601 date-time.`);
    order[field] = new Date(value).toISOString();
  }
  if (body.packageStatus === null) delete order.packageStatus;
  if (typeof body.packageStatus === 'string') {
    if (!/^[A-Z_]{3,40}$/.test(body.packageStatus)) return bad('packageStatus must be a detailed package status such as RETURNED_TO_SELLER.');
    order.packageStatus = body.packageStatus;
  }
  for (const flag of ['listed', 'removeActionAfterSend', 'refunded', 'solicitationOffered'] as const) {
    if (typeof body[flag] === 'boolean') order[flag] = body[flag] as boolean;
  }
  orders.set(id, order);
  return ok({ order });
}

function legacySubscription(body: Body, host: ControlHost): SandboxReply {
  const { notifications, queues } = host.context().state;
  const existing = notifications.subscriptions.get(LEGACY_NOTIFICATION_TYPE);
  if (existing) return ok({ subscription: subscriptionView(existing), destination: notifications.destinations.get(existing.destinationId) });
  let destination = typeof body.destinationId === 'string' ? notifications.destinations.get(body.destinationId) : undefined;
  if (typeof body.destinationId === 'string' && !destination) return bad(`No destination ${body.destinationId}.`, 404);
  destination ??= [...notifications.destinations.values()].find((d) => d.resource.sqs?.arn === SANDBOX_QUEUE.arn);
  if (!destination) {
    destination = { destinationId: randomUUID(), name: 'LegacyOrderStatusDestination', resource: { sqs: { arn: SANDBOX_QUEUE.arn } } };
    queues.ensure(SANDBOX_QUEUE.arn);
    notifications.destinations.set(destination.destinationId, destination);
  }
  const subscription = {
    notificationType: LEGACY_NOTIFICATION_TYPE,
    subscriptionId: randomUUID(),
    payloadVersion: typeof body.payloadVersion === 'string' ? body.payloadVersion : '1.0',
    destinationId: destination.destinationId,
  };
  notifications.subscriptions.set(LEGACY_NOTIFICATION_TYPE, subscription);
  return ok({ subscription: subscriptionView(subscription), destination });
}

/** Simulates Amazon noticing an order change: the ORDER_CHANGE subscription's filter decides delivery. */
function orderChange(body: Body, host: ControlHost): SandboxReply {
  const ctx = host.context();
  const { orders, notifications, clock } = ctx.state;
  const order = typeof body.amazonOrderId === 'string' ? orders.get(body.amazonOrderId) : undefined;
  if (!order) return bad('amazonOrderId must name a sandbox order.', 404);
  const changeType = (body.orderChangeType ?? 'OrderStatusChange') as OrderChangeType;
  if (!ORDER_CHANGE_TYPES.includes(changeType)) return bad(`orderChangeType must be one of ${ORDER_CHANGE_TYPES.join(', ')}.`);
  if (body.orderStatus !== undefined) {
    if (!ORDER_STATUSES.includes(body.orderStatus as OrderStatus)) return bad(`orderStatus must be one of ${ORDER_STATUSES.join(', ')}.`);
    order.status = body.orderStatus as OrderStatus;
    if (order.status === 'Shipped') for (const item of order.items) item.quantityShipped = item.quantity;
  }
  order.lastUpdateDate = new Date(clock.now()).toISOString();
  const sub = notifications.subscriptions.get('ORDER_CHANGE');
  const notification = orderChangeNotification(order, {
    changeType,
    changeReason: typeof body.changeReason === 'string' ? body.changeReason : undefined,
    notificationLevel: body.notificationLevel === 'OrderItemLevel' ? 'OrderItemLevel' : 'OrderLevel',
    subscriptionId: sub?.subscriptionId ?? 'none',
    now: clock.now(),
  });
  const check = ctx.models.validateNotification(notification);
  if (check.errors) ctx.reportViolation({ kind: 'notification', errors: check.errors, body: notification });
  const destination = sub && notifications.destinations.get(sub.destinationId);
  if (!sub || !destination) return ok({ delivered: false, reason: 'There is no ORDER_CHANGE subscription with a destination.', notification });
  if (!passesEventFilter(sub.processingDirective, changeType, order.marketplaceId)) {
    return ok({ delivered: false, reason: "The subscription's eventFilter excludes this change.", notification });
  }
  deliver(ctx, destination, notification);
  return ok({ delivered: true, destinationId: destination.destinationId, notification });
}
