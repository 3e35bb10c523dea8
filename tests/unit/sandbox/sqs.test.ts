import { AwsClient } from 'aws4fetch';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { SANDBOX_AWS } from '../../sandbox/server';
import { signHeaders } from '../../sandbox/sigv4';
import { control, withSandbox } from './helpers';

let sandbox: Sandbox;
let aws: AwsClient;

withSandbox((s) => {
  sandbox = s;
});
beforeEach(() => {
  // aws4fetch is what the extension's service worker signs with.
  aws = new AwsClient({ accessKeyId: SANDBOX_AWS.accessKeyId, secretAccessKey: SANDBOX_AWS.secretAccessKey, service: 'sqs', region: 'us-east-1', retries: 0 });
});

async function sqs(action: string, body: Record<string, unknown>, client: AwsClient = aws) {
  const res = await client.fetch(sandbox.queueUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify({ QueueUrl: sandbox.queueUrl, ...body }),
  });
  return { status: res.status, body: await res.json() };
}

const notification = (orderId: string) => ({
  NotificationVersion: '1.0', NotificationType: 'ORDER_CHANGE', PayloadVersion: '1.0', EventTime: new Date().toISOString(),
  Payload: { OrderChangeNotification: {
    NotificationLevel: 'OrderLevel', SellerId: 'A1ORDERCOURIER0', AmazonOrderId: orderId, OrderChangeType: 'OrderStatusChange',
    OrderChangeTrigger: { TimeOfOrderChange: new Date().toISOString(), ChangeReason: 'Order Status Change' },
    Summary: { MarketplaceId: 'ATVPDKIKX0DER', OrderStatus: 'Unshipped', PurchaseDate: null, DestinationPostalCode: null, FulfillmentType: 'MFN', OrderType: 'StandardOrder',
      OrderItems: [{ OrderItemId: '1', SellerSKU: 'SKU', SupplySourceId: null, Quantity: 1 }] },
  } },
  NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: new Date().toISOString(), NotificationId: 'n1' },
});

describe('SQS queue', () => {
  it('receives and deletes messages with an aws4fetch-signed request', async () => {
    const published = await control(sandbox.url, 'sqs/publish', { body: notification('902-3159896-1390916') });
    expect(published.body).toMatchObject({ ok: true, valid: true });
    const received = await sqs('ReceiveMessage', { MaxNumberOfMessages: 10 });
    expect(received.status).toBe(200);
    expect(received.body.Messages).toHaveLength(1);
    const [message] = received.body.Messages;
    expect(JSON.parse(message.Body).Payload.OrderChangeNotification.AmazonOrderId).toBe('902-3159896-1390916');
    expect(message.MD5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect((await sqs('DeleteMessage', { ReceiptHandle: message.ReceiptHandle })).status).toBe(200);
    const attributes = await sqs('GetQueueAttributes', { AttributeNames: ['All'] });
    expect(attributes.body.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('accepts requests signed by the sandbox\'s own SigV4 helper too', async () => {
    const body = JSON.stringify({ QueueUrl: sandbox.queueUrl, AttributeNames: ['QueueArn'] });
    const headers = signHeaders({
      method: 'POST', url: new URL(sandbox.queueUrl), body, region: 'us-east-1', service: 'sqs', now: Date.now(),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueAttributes' },
      credentials: SANDBOX_AWS,
    });
    const res = await fetch(sandbox.queueUrl, { method: 'POST', headers, body });
    expect(res.status).toBe(200);
    expect((await res.json()).Attributes.QueueArn).toBe('arn:aws:sqs:us-east-1:123456789012:order-courier-orders');
  });

  it('refuses a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException', async () => {
    const wrong = new AwsClient({ accessKeyId: SANDBOX_AWS.accessKeyId, secretAccessKey: 'not-the-secret', service: 'sqs', region: 'us-east-1', retries: 0 });
    const res = await sqs('ReceiveMessage', {}, wrong);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message: 'The request signature we calculated does not match the signature you provided.',
    });
    const unknown = new AwsClient({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x', service: 'sqs', region: 'us-east-1', retries: 0 });
    expect((await sqs('ReceiveMessage', {}, unknown)).body.__type).toBe('com.amazon.coral.service#UnrecognizedClientException');
    const unsigned = await fetch(sandbox.queueUrl, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage' }, body: '{}' });
    expect(unsigned.status).toBe(403);
  });

  it('long-polls: answers as soon as a message arrives', async () => {
    const started = Date.now();
    const pending = sqs('ReceiveMessage', { WaitTimeSeconds: 10 });
    await new Promise((r) => setTimeout(r, 300));
    await control(sandbox.url, 'sqs/publish', { body: notification('305-7226541-3301942') });
    const res = await pending;
    expect(res.body.Messages).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('returns an empty answer when the wait runs out', async () => {
    const res = await sqs('ReceiveMessage', { WaitTimeSeconds: 1 });
    expect(res.body.Messages).toBeUndefined();
  });

  it('redelivers a received-but-not-deleted message after its visibility timeout', async () => {
    await control(sandbox.url, 'sqs/publish', { body: notification('407-5512398-6620347') });
    const first = await sqs('ReceiveMessage', { VisibilityTimeout: 30 });
    expect(first.body.Messages).toHaveLength(1);
    expect((await sqs('ReceiveMessage', {})).body.Messages).toBeUndefined();
    await control(sandbox.url, 'clock', { advanceMs: 31_000 });
    const again = await sqs('ReceiveMessage', { AttributeNames: ['ApproximateReceiveCount'] });
    expect(again.body.Messages[0].MessageId).toBe(first.body.Messages[0].MessageId);
    expect(again.body.Messages[0].Attributes).toEqual({ ApproximateReceiveCount: '2' });
    const batch = await sqs('DeleteMessageBatch', { Entries: [{ Id: 'a', ReceiptHandle: again.body.Messages[0].ReceiptHandle }, { Id: 'b', ReceiptHandle: 'bogus' }] });
    expect(batch.body.Successful).toEqual([{ Id: 'a' }]);
    expect(batch.body.Failed[0]).toMatchObject({ Id: 'b', Code: 'ReceiptHandleIsInvalid' });
  });

  it('validates parameters like SQS', async () => {
    const res = await sqs('ReceiveMessage', { MaxNumberOfMessages: 11 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/MaxNumberOfMessages/);
  });

  it('reports a malformed published notification as a violation unless allowInvalid, and delivers it anyway', async () => {
    const allowed = await control(sandbox.url, 'sqs/publish', { body: { NotificationType: 'ORDER_CHANGE' }, allowInvalid: true });
    expect(allowed.body).toMatchObject({ valid: false });
    expect(sandbox.violations()).toEqual([]);
    const raw = await control(sandbox.url, 'sqs/publish', { body: 'not json at all', allowInvalid: true });
    expect(raw.body.valid).toBe(false);
    expect((await sqs('ReceiveMessage', { MaxNumberOfMessages: 10 })).body.Messages).toHaveLength(2);

    // Without allowInvalid the mismatch is recorded (the sandbox's own bug, or the test's).
    await control(sandbox.url, 'sqs/publish', { body: { NotificationType: 'ORDER_CHANGE' } });
    expect((await control(sandbox.url, 'violations')).body).toHaveLength(1);
    sandbox.reset();
  });
});
