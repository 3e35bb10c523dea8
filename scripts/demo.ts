/**
 * The main job, on this machine: the built extension in Chromium, connected to the local sandbox through
 * its own options page, on a sample Seller Central order page with the Message buyer panel open.
 * With a display it stays open for you to use; without one it writes screenshots and exits.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SANDBOX_ORDERS, SANDBOX_QUEUE, startSandbox, type Sandbox } from '../tests/sandbox/server';
import { connect, control, launch, serviceWorker } from '../tests/e2e/browser';
import { OrderPage } from '../tests/e2e/order-page';
import { submitQueue } from '../tests/e2e/inbox-page';
import { message } from '../tests/unit/notifications/fixtures';

const OUT = resolve('demo-screenshots');
const headless = !process.env.DISPLAY || process.env.CI === 'true';

async function main() {
  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4567), logFile: process.env.SANDBOX_LOG });
  const errors: string[] = [];
  const context = await launch(sandbox, errors, { headless });
  const extensionId = new URL((await serviceWorker(context)).url()).host;
  const options = await connect(context, extensionId, sandbox);
  mkdirSync(OUT, { recursive: true });
  await options.screenshot({ path: `${OUT}/1-options-connected.png`, fullPage: true });

  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 820 });
  // The same page object the end-to-end tests use: the panel's shadow root is closed, so it is reached through its host.
  const composer = await (await OrderPage.open(page, SANDBOX_ORDERS.us)).openComposer();
  await composer.locator('[data-segment="confirmOrderDetails"] input').check();
  await composer.getByRole('textbox').first().fill('Hello! Could you confirm the colour of the mug before we ship your order?');
  await page.screenshot({ path: `${OUT}/2-order-page-panel.png` });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 520 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('heading').first().waitFor();
  await popup.screenshot({ path: `${OUT}/3-popup.png` });
  await popup.getByRole('tab', { name: 'Notifications' }).click();
  const notifications = popup.getByRole('tabpanel', { name: 'Notifications' });
  await notifications.getByLabel('Name', { exact: true }).fill('Order Courier queue');
  await notifications.getByLabel('Queue ARN').fill(SANDBOX_QUEUE.arn);
  await notifications.getByRole('button', { name: 'Create destination' }).click();
  const subscription = notifications.getByTestId('subscription');
  await subscription.getByLabel('Only the change types ticked below').check();
  await subscription.getByLabel('Order status changed').check();
  await subscription.getByLabel('Buyer request').check();
  await subscription.getByRole('button', { name: 'Save subscription' }).click();
  await subscription.getByTestId('subscription-summary').waitFor();
  await popup.screenshot({ path: `${OUT}/4-popup-notifications.png`, fullPage: true });

  // ORDER_CHANGE at work: the seller's queue connected, and a few changes read from it.
  await publishSampleChanges(sandbox);
  await popup.getByRole('tab', { name: 'Inbox' }).click();
  const inbox = popup.getByRole('tabpanel', { name: 'Inbox' });
  await submitQueue(inbox, sandbox);
  await inbox.getByRole('button', { name: 'Check now' }).click();
  await inbox.getByTestId('changes').getByRole('listitem').nth(2).waitFor();
  await popup.screenshot({ path: `${OUT}/5-popup-inbox.png`, fullPage: true });
  await popup.close();

  // Review requests in bulk: the orders of the last 60 days, counted by where each stands in its window.
  const reviews = await context.newPage();
  await reviews.setViewportSize({ width: 1000, height: 760 });
  await reviews.goto(`chrome-extension://${extensionId}/reviews.html`);
  await reviews.getByLabel('From').fill(new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10));
  await reviews.getByRole('button', { name: 'Count the orders' }).click();
  await reviews.getByTestId('review-counts').locator('[data-count="eligible"]').waitFor();
  await reviews.screenshot({ path: `${OUT}/6-review-requests.png`, fullPage: true });
  await reviews.close();

  // Store listings: 1280×800, the Chrome Web Store's size (addons.mozilla.org takes it too).
  const store = `${OUT}/store`;
  mkdirSync(store, { recursive: true });
  const storeSize = { width: 1280, height: 800 };
  await page.setViewportSize(storeSize);
  await page.screenshot({ path: `${store}/1-order-page-panel.png` });
  await options.setViewportSize(storeSize);
  await options.bringToFront();
  await options.screenshot({ path: `${store}/3-options.png` });
  const wide = await context.newPage();
  await wide.setViewportSize(storeSize);
  await wide.goto(`chrome-extension://${extensionId}/popup.html`);
  await wide.getByRole('heading').first().waitFor();
  // The popup is 380 px wide; shown larger and centred, as on a toolbar.
  await wide.addStyleTag({ content: 'html { background: #e8eef0; } body { zoom: 1.6; margin: 24px auto; background: #fff; box-shadow: 0 4px 16px #0003; }' });
  await wide.screenshot({ path: `${store}/2-popup-message.png` });
  await wide.getByRole('tab', { name: 'Notifications' }).click();
  await wide.waitForTimeout(1500);
  await wide.screenshot({ path: `${store}/4-popup-notifications.png` });
  await wide.close();

  console.log(`Order Courier is running against the sandbox at ${sandbox.url}`);
  console.log(`Screenshots: ${OUT}`);
  if (errors.length) console.error('Page errors:', errors);
  if (headless) {
    await context.close();
    await sandbox.close();
    return;
  }
  console.log('The browser stays open; press Ctrl+C to stop.');
  await new Promise<void>((done) => process.once('SIGINT', () => done()));
  await context.close();
  await sandbox.close();
}

/** A new order, a buyer's cancellation request for part of another, and a third order cancelled after it came in. */
async function publishSampleChanges(sandbox: Sandbox) {
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
  const changes = [
    message({ notificationId: 'demo-new', orderId: '114-4455667-8899001', marketplaceId: 'ATVPDKIKX0DER', eventTime: minutesAgo(12) }),
    message({
      notificationId: 'demo-cancel-request',
      orderId: SANDBOX_ORDERS.us,
      marketplaceId: 'ATVPDKIKX0DER',
      changeType: 'BuyerRequestedChange',
      reason: 'Buyer Requested Cancel',
      eventTime: minutesAgo(30),
      items: [
        { OrderItemId: '11223344556677', SellerSKU: 'MUG-BLUE', SupplySourceId: null, Quantity: 1, IsBuyerRequestedCancel: true },
        { OrderItemId: '11223344556688', SellerSKU: 'MUG-RED', SupplySourceId: null, Quantity: 2, IsBuyerRequestedCancel: false },
      ],
    }),
    message({ notificationId: 'demo-new-de', orderId: SANDBOX_ORDERS.de, marketplaceId: 'A1PA6795UKMFR9', eventTime: minutesAgo(50) }),
    message({ notificationId: 'demo-cancelled-de', orderId: SANDBOX_ORDERS.de, marketplaceId: 'A1PA6795UKMFR9', status: 'Canceled', eventTime: minutesAgo(5) }),
  ];
  for (const body of changes) await control(sandbox, 'sqs/publish', { body });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
