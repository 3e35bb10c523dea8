import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_QUEUE } from '../../sandbox/server';
import { call, control, grantlessToken, sellerToken, withSandbox } from './helpers';

let base: string;
let seller: string;
let grantless: string;

withSandbox((s) => {
  base = s.url;
});
beforeEach(async () => {
  seller = await sellerToken(base);
  grantless = await grantlessToken(base);
});

const createDestination = (arn: string = SANDBOX_QUEUE.arn) =>
  call(base, '/notifications/v1/destinations', { token: grantless, json: { name: 'OrderCourier', resourceSpecification: { sqs: { arn } } } });
const subscribe = (destinationId: string, processingDirective?: unknown) =>
  call(base, '/notifications/v1/subscriptions/ORDER_CHANGE', {
    token: seller,
    json: { payloadVersion: '1.0', destinationId, ...(processingDirective ? { processingDirective } : {}) },
  });
const ORDER_CHANGE_FILTER = { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] } };

describe('destinations', () => {
  it('starts empty, creates, lists, gets and deletes an SQS destination', async () => {
    expect((await call(base, '/notifications/v1/destinations', { token: grantless })).body).toEqual({ payload: [] });
    const created = await createDestination();
    expect(created.status).toBe(200);
    const { destinationId } = created.body.payload;
    expect(created.body.payload).toEqual({ destinationId, name: 'OrderCourier', resource: { sqs: { arn: SANDBOX_QUEUE.arn } } });
    expect((await call(base, '/notifications/v1/destinations', { token: grantless })).body.payload).toHaveLength(1);
    expect((await call(base, `/notifications/v1/destinations/${destinationId}`, { token: grantless })).body.payload.destinationId).toBe(destinationId);
    expect((await call(base, `/notifications/v1/destinations/${destinationId}`, { method: 'DELETE', token: grantless })).status).toBe(200);
    expect((await call(base, `/notifications/v1/destinations/${destinationId}`, { token: grantless })).status).toBe(404);
  });

  it('answers 409 for an ARN that already has a destination', async () => {
    const first = await createDestination();
    const second = await createDestination();
    expect(second.status).toBe(409);
    expect(second.body.errors[0].code).toBe('Conflict');
    expect(second.body.errors[0].details).toContain(first.body.payload.destinationId);
  });

  it('creates an EventBridge destination and refuses a malformed ARN', async () => {
    const eb = await call(base, '/notifications/v1/destinations', {
      token: grantless, json: { name: 'EB', resourceSpecification: { eventBridge: { region: 'us-east-1', accountId: '111122223333' } } },
    });
    expect(eb.status).toBe(200);
    expect(eb.body.payload.resource.eventBridge).toMatchObject({ region: 'us-east-1', accountId: '111122223333' });
    expect((await createDestination('arn:aws:sns:us-east-1:1:topic')).status).toBe(400);
  });
});

describe('subscriptions', () => {
  it('creates an ORDER_CHANGE subscription with an event filter, then 409 on a second one', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    const created = await subscribe(destinationId, ORDER_CHANGE_FILTER);
    expect(created.status).toBe(200);
    expect(created.body.payload).toMatchObject({ payloadVersion: '1.0', destinationId, processingDirective: ORDER_CHANGE_FILTER });
    const again = await subscribe(destinationId);
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toEqual({
      code: 'Conflict', message: 'You have already subscribed to this notificationType.', details: `subscriptionId: ${created.body.payload.subscriptionId}`,
    });
    expect(again.headers.get('x-amzn-ratelimit-limit')).toBeNull();
  });

  it('gets by type (404 when none), lists with getSubscriptions, deletes by id with a grantless token', async () => {
    expect((await call(base, '/notifications/v1/subscriptions/ORDER_CHANGE', { token: seller })).status).toBe(404);
    const { destinationId } = (await createDestination()).body.payload;
    const { subscriptionId } = (await subscribe(destinationId)).body.payload;
    const got = await call(base, '/notifications/v1/subscriptions/ORDER_CHANGE', { token: seller });
    expect(got.body.payload.subscriptionId).toBe(subscriptionId);
    const list = await call(base, '/notifications/v1/subscriptions?notificationTypes=ORDER_CHANGE', { token: seller });
    expect(list.status).toBe(200);
    expect(list.body.payload.subscriptions.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([subscriptionId]);
    const byId = `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`;
    expect((await call(base, byId, { token: seller, method: 'DELETE' })).status).toBe(403);
    expect((await call(base, byId, { token: grantless })).body.payload.subscriptionId).toBe(subscriptionId);
    expect((await call(base, byId, { token: grantless, method: 'DELETE' })).status).toBe(200);
    expect((await call(base, byId, { token: grantless })).status).toBe(404);
  });

  it('refuses eventFilter together with filterExpression', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    const res = await subscribe(destinationId, { ...ORDER_CHANGE_FILTER, filterExpression: 'true' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].details).toMatch(/mutually exclusive/);
  });

  it('refuses an unknown order change type (model enum) and a mismatched eventFilterType', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    const badType = await subscribe(destinationId, { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['ItemChange'] } });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].details).toMatch(/orderChangeTypes/);
    const mismatch = await subscribe(destinationId, { eventFilter: { eventFilterType: 'ANY_OFFER_CHANGED' } });
    expect(mismatch.status).toBe(400);
  });

  it('refuses a subscription to a destination that does not exist, and the retired ORDER_STATUS_CHANGE', async () => {
    expect((await subscribe('no-such-destination')).status).toBe(400);
    const { destinationId } = (await createDestination()).body.payload;
    const legacy = await call(base, '/notifications/v1/subscriptions/ORDER_STATUS_CHANGE', { token: seller, json: { payloadVersion: '1.0', destinationId } });
    expect(legacy.status).toBe(400);
  });

  it('exposes a legacy ORDER_STATUS_CHANGE subscription created through the control API, deletable for migration', async () => {
    const created = (await control(base, 'legacy-subscription', {})).body;
    const res = await call(base, '/notifications/v1/subscriptions/ORDER_STATUS_CHANGE', { token: seller });
    expect(res.status).toBe(200);
    expect(res.body.payload.subscriptionId).toBe(created.subscription.subscriptionId);
    const del = await call(base, `/notifications/v1/subscriptions/ORDER_STATUS_CHANGE/${created.subscription.subscriptionId}`, { token: grantless, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await call(base, '/notifications/v1/subscriptions?notificationTypes=ORDER_STATUS_CHANGE', { token: seller })).body.payload.subscriptions).toEqual([]);
  });

  it('keeps a destination that a subscription still uses', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    await subscribe(destinationId);
    expect((await call(base, `/notifications/v1/destinations/${destinationId}`, { method: 'DELETE', token: grantless })).status).toBe(409);
  });
});

describe('notifications reaching the queue', () => {
  it('sendTestNotification puts an ORDER_CHANGE notification into the destination queue', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    const { subscriptionId } = (await subscribe(destinationId)).body.payload;
    const res = await call(base, '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', {
      token: grantless, json: { testNotification: { payloadVersion: '1.0', testScenario: 'BuyerRequestedChange' } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    const [queue] = (await control(base, 'sqs')).body;
    expect(queue.messages).toHaveLength(1);
    const notification = JSON.parse(queue.messages[0].body);
    expect(notification).toMatchObject({
      NotificationType: 'ORDER_CHANGE',
      Payload: { OrderChangeNotification: { OrderChangeType: 'BuyerRequestedChange' } },
      NotificationMetadata: { SubscriptionId: subscriptionId },
    });
  });

  it('requires a testScenario, as the model says', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    const res = await call(base, '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', {
      token: grantless, json: { destinationId, testNotification: { payloadVersion: '1.0' } },
    });
    expect(res.status).toBe(400);
  });

  it('delivers order changes only when the subscription\'s eventFilter lets them through', async () => {
    const { destinationId } = (await createDestination()).body.payload;
    await subscribe(destinationId, { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['BuyerRequestedChange'] } });
    const status = (await control(base, 'order-change', { amazonOrderId: '902-3159896-1390916', orderChangeType: 'OrderStatusChange', orderStatus: 'Shipped' })).body;
    expect(status.delivered).toBe(false);
    const cancel = (await control(base, 'order-change', { amazonOrderId: '902-3159896-1390916', orderChangeType: 'BuyerRequestedChange' })).body;
    expect(cancel.delivered).toBe(true);
    const [queue] = (await control(base, 'sqs')).body;
    expect(queue.messages).toHaveLength(1);
  });
});
