/**
 * The SP-API front door: routes a path to its operation, then does what Amazon's gateway does
 * before and after the service — token check (seller vs grantless), throttling, request validation
 * against the model — and checks our own response against the model on the way out.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxReply, SandboxRequest } from './http';
import { header, jsonReply, parseJsonBody } from './http';
import { NOTIFICATIONS_SCOPE } from './lwa';
import { MESSAGE_TYPES } from './message-types';
import { getAttributes, getMessagingActionSchema, getMessagingActionsForOrder, sendMessage } from './messaging';
import type { ModelKey } from './models';
import {
  createDestination, createSubscription, deleteDestination, deleteSubscriptionById, getDestination, getDestinations,
  getSubscription, getSubscriptionById, getSubscriptions, sendTestNotification,
} from './notifications';
import { getOrder, getOrders, searchOrders } from './orders';
import type { SpapiCall, SpapiResult } from './spapi-common';
import { csv, invalidInput, spapiError } from './spapi-common';
import type { SandboxContext } from './state';
import { createProductReviewAndSellerFeedbackSolicitation, getSolicitationActionsForOrder, SOLICITATION_SEGMENT } from './solicitations';
import { serveStatic } from './static-sandbox';
import { createUploadDestinationForResource } from './uploads';

interface Route {
  operationId: string;
  /** The model that defines the operation; absent for routes Amazon serves but the model lacks. */
  model?: ModelKey;
  method: string;
  pattern: RegExp;
  grantless?: boolean;
  /** Messaging and Solicitations answer in HAL. */
  hal?: boolean;
  /** Checked even without the models, so the sandbox stays strict when they are missing. */
  requiredQuery?: string[];
  bodyRequired?: boolean;
  /** sendTestNotification declares no rate-limit header. */
  noRateHeader?: boolean;
  handler: (call: SpapiCall) => SpapiResult;
}

const ORDER = '(?<amazonOrderId>[^/]+)';
const MESSAGING = { model: 'messaging' as const, hal: true, requiredQuery: ['marketplaceIds'] };

const ROUTES: Route[] = [
  { ...MESSAGING, operationId: 'getMessagingActionsForOrder', method: 'GET', pattern: new RegExp(`^/messaging/v1/orders/${ORDER}$`), handler: getMessagingActionsForOrder },
  { ...MESSAGING, operationId: 'GetAttributes', method: 'GET', pattern: new RegExp(`^/messaging/v1/orders/${ORDER}/attributes$`), handler: getAttributes },
  {
    ...MESSAGING, model: undefined, operationId: 'getMessagingActionSchema', method: 'GET',
    pattern: new RegExp(`^/messaging/v1/orders/${ORDER}/messages/(?<segment>[^/]+)/schema$`), handler: getMessagingActionSchema,
  },
  ...[...MESSAGE_TYPES.values()].map((type): Route => ({
    ...MESSAGING,
    model: type.retired ? undefined : 'messaging',
    operationId: type.operationId,
    method: 'POST',
    pattern: new RegExp(`^/messaging/v1/orders/${ORDER}/messages/${type.segment}$`),
    bodyRequired: !type.retired,
    handler: sendMessage(type),
  })),
  {
    operationId: 'createUploadDestinationForResource', model: 'uploads', method: 'POST',
    pattern: /^\/uploads\/2020-11-01\/uploadDestinations\/(?<resource>.+)$/, requiredQuery: ['marketplaceIds', 'contentMD5'],
    handler: createUploadDestinationForResource,
  },
  {
    model: 'solicitations', hal: true, requiredQuery: ['marketplaceIds'], operationId: 'getSolicitationActionsForOrder', method: 'GET',
    pattern: new RegExp(`^/solicitations/v1/orders/${ORDER}$`), handler: getSolicitationActionsForOrder,
  },
  {
    model: 'solicitations', hal: true, requiredQuery: ['marketplaceIds'], operationId: 'createProductReviewAndSellerFeedbackSolicitation', method: 'POST',
    pattern: new RegExp(`^/solicitations/v1/orders/${ORDER}/solicitations/${SOLICITATION_SEGMENT}$`), handler: createProductReviewAndSellerFeedbackSolicitation,
  },
  ...notificationRoutes(),
  { operationId: 'searchOrders', model: 'orders2026', method: 'GET', pattern: /^\/orders\/2026-01-01\/orders$/, handler: searchOrders },
  { operationId: 'getOrder', model: 'orders2026', method: 'GET', pattern: /^\/orders\/2026-01-01\/orders\/(?<orderId>[^/]+)$/, handler: getOrder },
  { operationId: 'getOrders', model: 'ordersV0', method: 'GET', pattern: /^\/orders\/v0\/orders$/, requiredQuery: ['MarketplaceIds'], handler: getOrders },
];

function notificationRoutes(): Route[] {
  const base = '^/notifications/v1';
  const type = '(?<notificationType>[^/]+)';
  const r = (operationId: string, method: string, path: string, handler: Route['handler'], extra: Partial<Route> = {}): Route => ({
    operationId, model: 'notifications', method, pattern: new RegExp(`${base}${path}$`), handler, ...extra,
  });
  return [
    r('getSubscriptions', 'GET', '/subscriptions', getSubscriptions, { requiredQuery: ['notificationTypes'] }),
    r('sendTestNotification', 'POST', `/subscriptions/${type}/testNotification`, sendTestNotification, { grantless: true, bodyRequired: true, noRateHeader: true }),
    r('getSubscription', 'GET', `/subscriptions/${type}`, getSubscription),
    r('createSubscription', 'POST', `/subscriptions/${type}`, createSubscription, { bodyRequired: true }),
    r('getSubscriptionById', 'GET', `/subscriptions/${type}/(?<subscriptionId>[^/]+)`, getSubscriptionById, { grantless: true }),
    r('deleteSubscriptionById', 'DELETE', `/subscriptions/${type}/(?<subscriptionId>[^/]+)`, deleteSubscriptionById, { grantless: true }),
    r('getDestinations', 'GET', '/destinations', getDestinations, { grantless: true }),
    r('createDestination', 'POST', '/destinations', createDestination, { grantless: true, bodyRequired: true }),
    r('getDestination', 'GET', '/destinations/(?<destinationId>[^/]+)', getDestination, { grantless: true }),
    r('deleteDestination', 'DELETE', '/destinations/(?<destinationId>[^/]+)', deleteDestination, { grantless: true }),
  ];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function matchRoute(req: SandboxRequest): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const m = route.pattern.exec(req.rawPath);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = safeDecode(v);
    return { route, params };
  }
  return undefined;
}

const TOKEN_DETAILS = {
  missing: 'The access token is missing.',
  invalid: 'The access token you provided is revoked, malformed or invalid.',
  expired: 'The access token you provided has expired.',
  needsGrantless: `This is a grantless operation: it needs a grantless access token (LWA grant_type=client_credentials with scope=${NOTIFICATIONS_SCOPE}), not a seller token.`,
  needsSeller: 'This operation needs a seller access token (LWA grant_type=refresh_token with the seller\'s refresh token), not a grantless token.',
  needsScope: `The grantless access token does not include the ${NOTIFICATIONS_SCOPE} scope.`,
};

function authenticate(req: SandboxRequest, route: Route, ctx: SandboxContext): string | null {
  const token = header(req, 'x-amz-access-token');
  if (!token) return TOKEN_DETAILS.missing;
  const check = ctx.state.tokens.check(token);
  if (!check.ok) return TOKEN_DETAILS[check.reason];
  if (route.grantless && check.kind !== 'grantless') return TOKEN_DETAILS.needsGrantless;
  if (!route.grantless && check.kind !== 'seller') return TOKEN_DETAILS.needsSeller;
  if (route.grantless && !check.scopes.includes(NOTIFICATIONS_SCOPE)) return TOKEN_DETAILS.needsScope;
  return null;
}

/** Runs one SP-API operation end to end, as Amazon's gateway and the service behind it would. */
export function handleSpapi(req: SandboxRequest, ctx: SandboxContext): SandboxReply {
  const requestId = randomUUID();
  const matched = matchRoute(req);
  if (!matched) {
    return jsonReply(404, { errors: [{ code: 'NotFound', message: 'Resource not found.', details: `No SP-API operation matches ${req.method} ${req.path}.` }] },
      { 'x-amzn-RequestId': requestId });
  }
  const { route, params } = matched;
  const refused = gateway(req, ctx, route);
  const result = refused ?? serve(req, ctx, route, params);

  // Static answers are Amazon's own examples, served as they are, like Amazon's sandbox does.
  if (route.model && ctx.models.available && ctx.mode !== 'static') {
    const problem = ctx.models.validateResponse(route.model, route.operationId, result.status, result.body);
    if (problem) {
      ctx.reportViolation({ kind: 'response', operation: route.operationId, status: result.status, path: req.path, errors: problem, body: result.body });
      return jsonReply(500, {
        errors: [{ code: 'SandboxModelMismatch', message: 'The sandbox produced a response that does not match the official model.', details: problem }],
      }, { 'x-amzn-RequestId': requestId });
    }
  }
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
  const rate = ctx.state.rates.limitHeader(route.operationId);
  if (rate && !route.noRateHeader && (result.status < 300 || result.status === 400 || result.status === 404)) {
    headers['x-amzn-RateLimit-Limit'] = rate;
  }
  // The gateway's refusals are plain JSON; what the Messaging service itself answers is HAL.
  return jsonReply(result.status, result.body, headers, route.hal && !refused ? 'application/hal+json' : 'application/json');
}

/** Token check and throttling: what Amazon's gateway refuses before the service sees the request. */
function gateway(req: SandboxRequest, ctx: SandboxContext, route: Route): SpapiResult | null {
  const authProblem = authenticate(req, route, ctx);
  if (authProblem) return spapiError(403, 'Unauthorized', 'Access to requested resource is denied.', authProblem);
  if (!ctx.state.rates.take(route.operationId)) {
    return spapiError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
  }
  return null;
}

function serve(req: SandboxRequest, ctx: SandboxContext, route: Route, params: Record<string, string>): SpapiResult {
  const body = parseJsonBody(req.body);
  if (body instanceof Error) return invalidInput(`The request body is not valid JSON: ${body.message}`);
  const missing = route.requiredQuery?.find((name) => csv(req.query, name).length === 0);
  if (missing) return invalidInput(`Missing required query parameter ${missing}.`);
  if (route.bodyRequired && body === undefined) return invalidInput('The request body is required.');
  if (route.model && ctx.models.available) {
    const problem = ctx.models.validateRequest(route.model, route.operationId, { path: params, query: req.query, body });
    if (problem) return invalidInput(problem);
  }
  if (ctx.mode === 'static') return serveStatic(ctx.models, route.model, route.operationId, { path: params, query: req.query, body });
  return route.handler({ req, params, query: req.query, body, ctx });
}

/** The operation name used by faults and the log. */
export function spapiOperation(req: SandboxRequest): string | undefined {
  return matchRoute(req)?.route.operationId;
}
