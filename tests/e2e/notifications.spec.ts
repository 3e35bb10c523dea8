/**
 * The popup's Notifications and Inbox tabs against the local sandbox, one test per seller flow.
 * The popup is opened as a page (chrome-extension://<id>/popup.html); what Amazon and SQS really
 * received is read back through the sandbox's control API.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { SANDBOX_AWS, SANDBOX_ORDERS, SANDBOX_QUEUE } from '../sandbox/server';
import { message } from '../unit/notifications/fixtures';
import { connect, control, expect, served, test } from './harness';
import { OrderPage } from './order-page';
import { atAmazon } from '../sandbox/another-tool';
import { connectQueue } from './inbox-page';

type Made = { payload: { destinationId: string; subscriptionId: string } };

interface SandboxNotifications {
  destinations: Array<{ destinationId: string; name: string; resource: { sqs?: { arn: string } } }>;
  subscriptions: Array<{
    notificationType: string;
    subscriptionId: string;
    destinationId: string;
    processingDirective?: { eventFilter?: { eventFilterType: string; orderChangeTypes?: string[] }; filterExpression?: string };
  }>;
}

const notificationsAtAmazon = async (sandbox: Parameters<typeof control>[0]) => (await control(sandbox, 'notifications')) as SandboxNotifications;

async function openPopup(context: BrowserContext, extensionId: string, tab: 'Inbox' | 'Notifications'): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: tab }).click();
  await expect(popup.getByRole('tabpanel', { name: tab })).toBeVisible();
  return popup;
}

/** The toolbar badge, read in the service worker (Chrome's own API; the extension only writes it). */
type Chrome = {
  chrome: { action: { getBadgeText(details: object): Promise<string> }; notifications: { getAll(): Promise<Record<string, boolean>> } };
};
const badge = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
/** The ids of the desktop notifications on screen. */
const desktopNotifications = (worker: Worker) =>
  worker.evaluate(async () => Object.keys(await (globalThis as unknown as Chrome).chrome.notifications.getAll()).sort());

// Each flow here is long (many round trips to the sandbox) and the machine is shared: room, not timing.
test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('a seller creates an SQS destination and a filtered ORDER_CHANGE subscription, changes the filter, then deletes both', async ({ context, extensionId, sandbox }) => {
  const popup = await openPopup(context, extensionId, 'Notifications');
  const panel = popup.getByRole('tabpanel', { name: 'Notifications' });
  await expect(panel.getByText('No destinations yet.')).toBeVisible();

  // Empty fields ask for their value; a cleared field drops its stale problem.
  await panel.getByRole('button', { name: 'Create destination' }).click();
  await expect(panel.getByText("Enter the queue's ARN, such as")).toBeVisible();
  await expect(panel.getByText('Give the destination a name.')).toBeVisible();
  await expect(panel.getByText('This is not an ARN')).toHaveCount(0);
  await panel.getByLabel('Queue ARN').fill('arn:aws:sqs:us-east-1:12345:q');
  await expect(panel.getByText('The account ID in the ARN must be exactly 12 digits.')).toBeVisible();
  await panel.getByLabel('Queue ARN').fill('');
  await expect(panel.getByText('The account ID in the ARN must be exactly 12 digits.')).toHaveCount(0);
  await expect(panel.getByLabel('Queue ARN')).not.toHaveAttribute('aria-invalid', 'true');

  // The ARN is checked under its field before anything is sent.
  await panel.getByLabel('Name', { exact: true }).fill('Order Courier queue');
  await panel.getByLabel('Queue ARN').fill('arn:aws:sqs:us-east-1:12345:order-courier-orders');
  await expect(panel.getByText('The account ID in the ARN must be exactly 12 digits.')).toBeVisible();
  await expect(panel.getByLabel('Queue ARN')).toHaveAttribute('aria-invalid', 'true');
  await panel.getByLabel('Queue ARN').fill(SANDBOX_QUEUE.arn);
  await expect(panel.getByText('The account ID in the ARN must be exactly 12 digits.')).toHaveCount(0);
  // Keyboard alone: Enter in the last field submits the form.
  await panel.getByLabel('Queue ARN').press('Enter');
  // The result appears under the button that caused it, in view, as a status in green.
  const created = panel.getByTestId('create-destination-result').getByRole('status');
  await expect(created).toHaveText('Destination “Order Courier queue” created.');
  await expect(created).toBeInViewport();
  await expect(created).toHaveCSS('color', 'rgb(11, 93, 30)');
  const destination = panel.getByTestId('destinations').getByRole('listitem').filter({ hasText: 'Order Courier queue' });
  await expect(destination).toContainText(SANDBOX_QUEUE.arn);
  expect((await notificationsAtAmazon(sandbox)).destinations.map((d) => d.resource.sqs?.arn)).toEqual([SANDBOX_QUEUE.arn]);

  // ORDER_CHANGE with a filter of two change types.
  const subscription = panel.getByTestId('subscription');
  await expect(subscription.getByText('There is no ORDER_CHANGE subscription')).toBeVisible();
  await subscription.getByLabel('Only the change types ticked below').check();
  await subscription.getByLabel('Order status changed').check();
  await subscription.getByLabel('Buyer request').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  const saved = subscription.getByTestId('save-subscription-result').getByRole('status');
  await expect(saved).toHaveText('Subscription saved. New notifications follow the new filter.');
  await expect(saved).toBeInViewport();
  await expect(subscription.getByTestId('subscription-types')).toHaveText('Order status changed, Buyer request');
  let atAmazon = await notificationsAtAmazon(sandbox);
  expect(atAmazon.subscriptions).toHaveLength(1);
  const first = atAmazon.subscriptions[0]!;
  expect(first.processingDirective?.eventFilter).toEqual({ eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] });

  // Amazon refuses to delete a destination in use; the refusal is explained, and nothing changes.
  await destination.getByRole('button', { name: 'Delete destination Order Courier queue' }).click();
  await destination.getByRole('button', { name: 'Yes, delete' }).click();
  // A failure is an alert beside the list it concerns, and does not look like a success.
  const refused = panel.getByTestId('delete-destination-result').getByRole('alert');
  await expect(refused).toContainText('A subscription still delivers to this destination');
  await expect(refused).toBeInViewport();
  await expect(refused).toHaveCSS('color', 'rgb(155, 28, 28)');
  await expect(panel.getByTestId('delete-destination-result').getByRole('status')).toHaveText('');
  await expect(destination).toBeVisible();

  // Changing the filter replaces the subscription (Amazon has no update).
  await subscription.getByLabel('Buyer request').uncheck();
  await subscription.getByLabel('Delivery tip changed').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  await expect(saved).toHaveText('Subscription saved. New notifications follow the new filter.');
  await expect(subscription.getByTestId('subscription-types')).toHaveText('Order status changed, Delivery tip changed');
  atAmazon = await notificationsAtAmazon(sandbox);
  expect(atAmazon.subscriptions).toHaveLength(1);
  expect(atAmazon.subscriptions[0]!.subscriptionId).not.toBe(first.subscriptionId);
  expect(atAmazon.subscriptions[0]!.processingDirective?.eventFilter?.orderChangeTypes).toEqual(['OrderStatusChange', 'DeliveryTipChange']);
  const writes = (await served(sandbox)).filter((r) => r.operation === 'createSubscription' || r.operation === 'deleteSubscriptionById');
  expect(writes.map((r) => `${r.operation} ${r.status}`)).toEqual(['createSubscription 200', 'deleteSubscriptionById 200', 'createSubscription 200']);

  // Delete the subscription, then the destination, each after a confirmation.
  await subscription.getByRole('button', { name: 'Delete subscription' }).click();
  await subscription.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(subscription.getByTestId('delete-subscription-result').getByRole('status')).toHaveText('Subscription deleted. Amazon sends no more order changes.');
  await destination.getByRole('button', { name: 'Delete destination Order Courier queue' }).click();
  await destination.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(panel.getByTestId('delete-destination-result').getByRole('status')).toHaveText('Destination deleted.');
  await expect(panel.getByText('No destinations yet.')).toBeVisible();
  expect(await notificationsAtAmazon(sandbox)).toMatchObject({ destinations: [], subscriptions: [] });
});

test('a seller still on ORDER_STATUS_CHANGE migrates to ORDER_CHANGE in one step', async ({ context, extensionId, sandbox }) => {
  const legacy = (await control(sandbox, 'legacy-subscription', {})) as { subscription: { subscriptionId: string; destinationId: string } };
  const popup = await openPopup(context, extensionId, 'Notifications');
  const panel = popup.getByRole('tabpanel', { name: 'Notifications' });
  const banner = panel.getByTestId('migration');
  await expect(banner).toContainText('ORDER_STATUS_CHANGE is retired; ORDER_CHANGE replaces it.');
  await expect(banner).toContainText('LegacyOrderStatusDestination');

  await banner.getByRole('button', { name: 'Migrate to ORDER_CHANGE' }).click();
  await expect(panel.getByTestId('migrate-result').getByRole('status')).toHaveText('Migration finished: you now receive ORDER_CHANGE notifications only.');
  await expect(banner).toHaveCount(0);
  await expect(panel.getByTestId('subscription-types')).toHaveText('All change types, including any Amazon adds later');

  const atAmazon = await notificationsAtAmazon(sandbox);
  expect(atAmazon.subscriptions.map((s) => [s.notificationType, s.destinationId])).toEqual([['ORDER_CHANGE', legacy.subscription.destinationId]]);
  // ORDER_CHANGE existed before the legacy subscription was deleted: no gap without notifications.
  const steps = (await served(sandbox)).filter((r) => r.operation === 'createSubscription' || r.operation === 'deleteSubscriptionById');
  expect(steps.map((r) => `${r.operation} ${r.path.split('/')[4]}`)).toEqual(['createSubscription ORDER_CHANGE', 'deleteSubscriptionById ORDER_STATUS_CHANGE']);
});

test('a seller connects the queue and sees new orders and cancellation requests, urgent first, and opens one', async ({ context, extensionId, sandbox, worker }) => {
  const popup = await openPopup(context, extensionId, 'Inbox');
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await connectQueue(panel, sandbox);
  await expect(panel.getByText(`with access key ${SANDBOX_AWS.accessKeyId}`)).toBeVisible();
  // The secret is gone from the page and never comes back.
  await expect(panel.getByLabel('Secret access key')).toHaveCount(0);
  expect(await popup.content()).not.toContain(SANDBOX_AWS.secretAccessKey);

  const cancellation = message({
    notificationId: 'e2e-cancel',
    orderId: SANDBOX_ORDERS.us,
    marketplaceId: 'ATVPDKIKX0DER',
    changeType: 'BuyerRequestedChange',
    reason: 'Buyer Requested Cancel',
    eventTime: '2026-03-02T09:00:00.000Z',
    items: [{ OrderItemId: '11223344556677', SellerSKU: 'MUG-BLUE', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: true }],
  });
  const newOrder = message({ notificationId: 'e2e-new', orderId: '114-4455667-8899001', marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T10:00:00.000Z' });
  await control(sandbox, 'sqs/publish', { body: newOrder });
  await control(sandbox, 'sqs/publish', { body: cancellation });
  await control(sandbox, 'sqs/publish', { body: cancellation });
  await control(sandbox, 'sqs/publish', { body: '{"NotificationType": "ORDER_CHANGE", "Payload": ', allowInvalid: true });

  // Nobody presses anything: the inbox is listening.
  const entries = panel.getByTestId('changes').getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(panel.getByTestId('aside')).toContainText('Messages Order Courier could not read: 1');
  await panel.getByRole('button', { name: 'Check now' }).click();
  const checked = panel.getByTestId('queue-result').getByRole('status');
  await expect(checked).toHaveText(/^Checked\. New changes: 0 · Set aside: 0 · Duplicates ignored: [01]$/);
  await expect(checked).toBeInViewport();
  // The cancellation request is first although it is older, and says "Urgent" in words.
  await expect(entries.nth(0)).toContainText('Urgent');
  await expect(entries.nth(0)).toContainText('Buyer asks to cancel');
  await expect(entries.nth(0)).toContainText(`Order ${SANDBOX_ORDERS.us}`);
  await expect(entries.nth(1)).toContainText('New order to ship');
  await expect(entries.nth(1)).toContainText('Unshipped');
  await expect(panel.getByTestId('aside')).toContainText('Messages Order Courier could not read: 1');
  await expect.poll(() => badge(worker)).toBe('2');
  expect(await desktopNotifications(worker)).toEqual(['order-change:e2e-cancel', 'order-change:e2e-new']);

  const opened = context.waitForEvent('page');
  await entries.nth(0).getByRole('button').click();
  const orderPage = await opened;
  await expect(orderPage).toHaveURL(`https://sellercentral.amazon.com/orders-v3/order/${SANDBOX_ORDERS.us}`);
  await expect(new OrderPage(orderPage).button).toBeVisible();
  await expect.poll(() => badge(worker)).toBe('1');
  // Seen in the popup, so its desktop notification is taken away (the other one may have timed out on screen meanwhile).
  expect(await desktopNotifications(worker)).not.toContain('order-change:e2e-cancel');

  // Opening the inbox again is seeing the rest: the badge clears.
  await popup.reload();
  await popup.getByRole('tab', { name: 'Inbox' }).click();
  await expect(popup.getByTestId('changes').getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => badge(worker)).toBe('');
});

/** Messages in the sandbox's queue, visible or not. */
async function queued(sandbox: Parameters<typeof control>[0]): Promise<number> {
  const queues = (await control(sandbox, 'sqs')) as Array<{ arn: string; messages: unknown[] }>;
  return queues.find((q) => q.arn === SANDBOX_QUEUE.arn)?.messages.length ?? 0;
}

test('an order change queued at Amazon reaches the inbox and the badge while the seller presses nothing', async ({ context, extensionId, sandbox, worker }) => {
  const popup = await openPopup(context, extensionId, 'Inbox');
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await connectQueue(panel, sandbox);
  await popup.close();

  await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'arrives', orderId: SANDBOX_ORDERS.us, marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T10:00:00.000Z' }) });
  await expect.poll(() => badge(worker)).toBe('1');
  expect(await queued(sandbox)).toBe(0);

  const again = await openPopup(context, extensionId, 'Inbox');
  await expect(again.getByTestId('changes').getByRole('listitem')).toHaveCount(1);
  await expect(again.getByTestId('changes')).toContainText(`Order ${SANDBOX_ORDERS.us}`);
  // Read by a long poll (the sandbox logs a request when it answers): the test receive of connecting, then the poll.
  const receives = (await served(sandbox)).filter((r) => r.operation === 'ReceiveMessage');
  expect(receives.length).toBeGreaterThanOrEqual(2);
});

test('"Check now" while the inbox is listening answers with the change just queued', async ({ context, extensionId, sandbox }) => {
  const popup = await openPopup(context, extensionId, 'Inbox');
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await connectQueue(panel, sandbox);
  await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'pressed', orderId: SANDBOX_ORDERS.us, marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T10:00:00.000Z' }) });
  await panel.getByRole('button', { name: 'Check now' }).click();
  await expect(panel.getByTestId('queue-result').getByRole('status')).toHaveText(/^Checked\./);
  const entries = panel.getByTestId('changes').getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(`Order ${SANDBOX_ORDERS.us}`);
  expect(await queued(sandbox)).toBe(0);
});

test('the inbox names the marketplace and what the buyer wants cancelled, marks a cancelled order "do not ship", and counts a redelivered message once', async ({ context, extensionId, sandbox }) => {
  const popup = await openPopup(context, extensionId, 'Inbox');
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await connectQueue(panel, sandbox);

  const twoItems = [
    { OrderItemId: '11223344556677', SellerSKU: 'MUG-BLUE', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: true },
    { OrderItemId: '11223344556688', SellerSKU: 'MUG-RED', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: false },
  ];
  const german = '305-1112223-3344556';
  await control(sandbox, 'sqs/publish', {
    body: message({ notificationId: 'ask', orderId: SANDBOX_ORDERS.us, marketplaceId: 'ATVPDKIKX0DER', changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Cancel', eventTime: '2026-03-02T09:00:00.000Z', items: twoItems }),
  });
  await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'new-de', orderId: german, marketplaceId: 'A1PA6795UKMFR9', eventTime: '2026-03-02T10:00:00.000Z' }) });
  await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'gone-de', orderId: german, marketplaceId: 'A1PA6795UKMFR9', status: 'Canceled', eventTime: '2026-03-02T11:00:00.000Z' }) });
  await control(sandbox, 'sqs/publish', { body: 'not json at all', allowInvalid: true });
  // The first delete is lost, so SQS hands the same messages out again later.
  await control(sandbox, 'faults', { faults: [{ service: 'sqs', operation: 'DeleteMessageBatch', action: 'status', status: 500, times: 1 }] });

  const entries = panel.getByTestId('changes').getByRole('listitem');
  await expect(entries).toHaveCount(3);
  await expect(panel.getByTestId('aside')).toContainText('Messages Order Courier could not read: 1');
  const ask = entries.filter({ hasText: SANDBOX_ORDERS.us });
  await expect(ask).toContainText('Marketplace: United States');
  await expect(ask.getByTestId('cancel-scope')).toHaveText('Wants cancelled: MUG-BLUE × 1 (1 of 2 items)');
  const newOrder = entries.filter({ hasText: 'New order to ship' });
  await expect(newOrder).toContainText('Marketplace: Germany');
  await expect(newOrder).toContainText('Order cancelled — do not ship');
  await expect(newOrder.locator('[data-cancelled="true"]')).toHaveCount(1);

  // Past the visibility timeout the queue delivers the same four messages again: all are duplicates now,
  // deleted from the queue and neither listed nor set aside a second time.
  expect(await queued(sandbox)).toBeGreaterThanOrEqual(1);
  await control(sandbox, 'clock', { advanceMs: 10 * 60_000 });
  await expect.poll(() => queued(sandbox)).toBe(0);
  await panel.getByRole('button', { name: 'Check now' }).click();
  await expect(panel.getByTestId('queue-result').getByRole('status')).toHaveText(/^Checked\./);
  await expect(entries).toHaveCount(3);
  await expect(panel.getByTestId('aside')).toContainText('Messages Order Courier could not read: 1');
});


test('changing the filter keeps the aggregation set elsewhere, and asks before dropping a filter expression', async ({ context, extensionId, sandbox }) => {
  const destination = (await atAmazon<Made>(sandbox, 'grantless', 'POST', '/notifications/v1/destinations', { name: 'Orders', resourceSpecification: { sqs: { arn: SANDBOX_QUEUE.arn } } })).payload;
  const aggregated = (await atAmazon<Made>(sandbox, 'seller', 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', {
    payloadVersion: '1.0',
    destinationId: destination.destinationId,
    processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' } } },
  })).payload;

  const popup = await openPopup(context, extensionId, 'Notifications');
  const subscription = popup.getByTestId('subscription');
  await subscription.getByLabel('Only the change types ticked below').check();
  await subscription.getByLabel('Buyer request').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  await expect(subscription.getByTestId('save-subscription-result').getByRole('status')).toHaveText('Subscription saved. New notifications follow the new filter.');
  let now = await notificationsAtAmazon(sandbox);
  expect(now.subscriptions[0]?.processingDirective?.eventFilter).toEqual({
    eventFilterType: 'ORDER_CHANGE',
    orderChangeTypes: ['BuyerRequestedChange'],
    aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' },
  });

  // Now a CEL expression, set by another tool.
  await atAmazon<Made>(sandbox, 'grantless', 'DELETE', `/notifications/v1/subscriptions/ORDER_CHANGE/${now.subscriptions[0]!.subscriptionId}`);
  await atAmazon<Made>(sandbox, 'seller', 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', {
    payloadVersion: '1.0',
    destinationId: destination.destinationId,
    processingDirective: { filterExpression: 'summary.orderStatus == "Unshipped"' },
  });
  expect(aggregated.subscriptionId).toBeTruthy();
  await popup.reload();
  await popup.getByRole('tab', { name: 'Notifications' }).click();
  await subscription.getByLabel('Only the change types ticked below').check();
  await subscription.getByLabel('Delivery tip changed').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  const question = subscription.getByTestId('drop-expression');
  await expect(question).toContainText('summary.orderStatus == "Unshipped"');
  now = await notificationsAtAmazon(sandbox);
  expect(now.subscriptions[0]?.processingDirective).toEqual({ filterExpression: 'summary.orderStatus == "Unshipped"' });

  await question.getByRole('button', { name: 'Yes, replace it' }).click();
  await expect(subscription.getByTestId('save-subscription-result').getByRole('status')).toHaveText('Subscription saved. New notifications follow the new filter.');
  now = await notificationsAtAmazon(sandbox);
  expect(now.subscriptions[0]?.processingDirective).toEqual({ eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['DeliveryTipChange'] } });
});

test('labels fit the narrow popup: "Open settings" on one line, change types without stray brackets, marketplace rows whole', async ({ context, extensionId, sandbox }) => {
  await atAmazon<Made>(sandbox, 'grantless', 'POST', '/notifications/v1/destinations', { name: 'Orders', resourceSpecification: { sqs: { arn: SANDBOX_QUEUE.arn } } });
  const popup = await openPopup(context, extensionId, 'Notifications');
  await popup.setViewportSize({ width: 380, height: 600 });
  const settings = popup.getByRole('button', { name: 'Open settings' });
  const tab = popup.getByRole('tab', { name: 'Message' });
  const [settingsBox, tabBox] = [await settings.boundingBox(), await tab.boundingBox()];
  expect(settingsBox!.height).toBeLessThanOrEqual(tabBox!.height);
  expect(settingsBox!.x + settingsBox!.width).toBeLessThanOrEqual(380);

  const subscription = popup.getByTestId('subscription');
  await expect(subscription.locator('.change-types')).not.toContainText('(');
  await expect(subscription.getByLabel('Delivery tip changed')).toBeVisible();

  await subscription.getByText(/^Marketplaces:/).click();
  const list = subscription.locator('.marketplace-list');
  // Nothing is cut off inside the list: it does not scroll, so every row is whole.
  expect(await list.evaluate((el) => el.scrollHeight - el.clientHeight)).toBe(0);
  await expect(list.getByRole('listitem')).toHaveCount(await list.getByRole('checkbox').count());
});

test('a filter change makes only the calls it needs: one read, the delete and the create, and no read of the retired type', async ({ context, extensionId, sandbox }) => {
  const destination = (await atAmazon<Made>(sandbox, 'grantless', 'POST', '/notifications/v1/destinations', { name: 'Orders', resourceSpecification: { sqs: { arn: SANDBOX_QUEUE.arn } } })).payload;
  await atAmazon<Made>(sandbox, 'seller', 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destination.destinationId });

  // The Notifications API's calls (the popup's Message tab reads recent orders on its own).
  const spapiCalls = async () =>
    (await served(sandbox)).filter((r) => r.service === 'spapi' && r.method !== 'OPTIONS' && /Subscription|Destination/.test(r.operation ?? '')).map((r) => `${r.operation} ${r.status}`);
  const popup = await openPopup(context, extensionId, 'Notifications');
  const subscription = popup.getByTestId('subscription');
  await expect(subscription.getByLabel('Only the change types ticked below')).toBeVisible();
  // Opening the tab: the destinations, the subscription, and once the retired type, which Amazon says is gone.
  const opened = await spapiCalls();
  expect(opened.filter((c) => c.startsWith('get')).sort()).toEqual(['getDestinations 200', 'getSubscription 200', expect.stringMatching(/^getSubscription 4\d\d$/)]);

  await subscription.getByLabel('Only the change types ticked below').check();
  await subscription.getByLabel('Buyer request').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  await expect(subscription.getByTestId('save-subscription-result').getByRole('status')).toHaveText('Subscription saved. New notifications follow the new filter.');
  expect((await spapiCalls()).slice(opened.length)).toEqual(['getSubscription 200', 'deleteSubscriptionById 200', 'createSubscription 200']);

  // Refreshing the tab later reads the two things that can change elsewhere, not the retired type.
  const before = (await spapiCalls()).length;
  await popup.reload();
  await popup.getByRole('tab', { name: 'Notifications' }).click();
  await expect(subscription.getByTestId('subscription-types')).toBeVisible();
  expect((await spapiCalls()).slice(before).sort()).toEqual(['getDestinations 200', 'getSubscription 200']);
});
