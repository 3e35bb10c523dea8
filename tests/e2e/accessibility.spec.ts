/**
 * Every control has a name a screen reader can read, and a seller can send a message with the keyboard
 * alone.
 */
import type { Frame, Page } from '@playwright/test';
import { SANDBOX_AWS, SANDBOX_ORDERS, SANDBOX_QUEUE } from '../sandbox/server';
import { message } from '../unit/notifications/fixtures';
import { axeFrameViolations, axeViolations } from './axe';
import { connect, control, expect, test } from './harness';
import { DE_ORDER, OrderPage } from './order-page';

/** Controls without an accessible name (label, aria-label, aria-labelledby, or text for buttons). */
async function unnamedControls(target: Page | Frame): Promise<string[]> {
  return target.locator('button, input, select, textarea, [role="tab"], [role="radio"]').evaluateAll((elements) =>
    elements
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.type === 'hidden' || e.closest('[hidden]')) return false;
        const labelled = e.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join('');
        const name = e.getAttribute('aria-label') || labelled || [...(e.labels ?? [])].map((l) => l.textContent?.trim()).join('') || (e.tagName === 'BUTTON' ? e.textContent?.trim() : '') || e.title;
        return !name;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

test('options, popup and composer: every control is named', async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  expect(await unnamedControls(options)).toEqual([]);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('tab').first()).toBeVisible();
  for (const tab of await popup.getByRole('tab').all()) {
    await tab.click();
    await popup.waitForTimeout(300);
    expect(await unnamedControls(popup), await tab.innerText()).toEqual([]);
  }
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1000, 1) }]);
  const frame = order.page.frames().find((f) => f.url().includes('/composer.html'))!;
  expect(await unnamedControls(frame)).toEqual([]);
  expect(await unnamedControls(order.page)).toEqual([]);
});

test('keyboard alone: open the panel, pick a type, write and send', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(await context.newPage());
  const page = order.page;
  await order.button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => order.hasComposer()).toBe(true);
  const composer = order.composer;
  await expect(composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
  const focused = (selector: string) => composer.locator(':focus').evaluateAll((els, s) => els.some((el) => el.matches(s)), selector);
  const tabUntil = async (selector: string) => {
    for (let i = 0; i < 40 && !(await focused(selector)); i++) await page.keyboard.press('Tab');
    expect(await focused(selector), `focus reached ${selector}`).toBe(true);
  };
  await tabUntil('input[name="messageType"]');
  // Arrow keys move within the radio group, as for any radio group; choose "Confirm order details".
  for (let i = 0; i < 10 && !(await focused('[data-segment="confirmOrderDetails"] input')); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(composer.locator('[data-segment="confirmOrderDetails"] input')).toBeChecked();
  await tabUntil('textarea');
  await page.keyboard.type('Could you confirm the size before we ship?');
  await tabUntil('button.primary');
  await page.keyboard.press('Enter');
  await order.expectSent();
  expect(((await control(sandbox, 'messages')) as unknown[]).length).toBe(1);
  // Escape closes the panel and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect.poll(() => order.hasComposer()).toBe(false);
  await expect(order.button).toBeFocused();
});

/**
 * axe-core (WCAG 2.1 A and AA) on every page and state these tests reach: the options page empty and
 * connected, each popup tab without and with data, the order-page panel, and the composer for each kind
 * of message type (text, attachments, dates; the buyer's language shown).
 */
// axe takes seconds a run on this machine; these tests run it a dozen times.
test.describe.configure({ timeout: 240_000 });

test('axe: options page, empty and connected', async ({ context, extensionId, sandbox }) => {
  const found: string[] = [];
  const empty = await context.newPage();
  await empty.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(empty.getByRole('heading', { name: 'Connect your Seller Central account' })).toBeVisible();
  await expect(empty.getByLabel('Refresh token')).toBeVisible();
  // A form nobody has touched yet shows no error.
  await expect(empty.locator('.error')).toHaveCount(0);
  await expect(empty.getByLabel('Refresh token')).not.toHaveAttribute('aria-invalid', 'true');
  found.push(...(await axeViolations(empty, 'options, empty')));
  await empty.close();
  const connected = await connect(context, extensionId, sandbox);
  found.push(...(await axeViolations(connected, 'options, connected')));
  expect(found).toEqual([]);
});

test('axe: popup, every tab without and with data', async ({ context, extensionId, sandbox }) => {
  const found: string[] = [];
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  const notConnected = await context.newPage();
  await notConnected.goto(popupUrl);
  await expect(notConnected.getByRole('button', { name: 'Open settings' })).toBeVisible();
  found.push(...(await axeViolations(notConnected, 'popup, not connected')));
  await notConnected.close();
  await (await connect(context, extensionId, sandbox)).close();

  const popup = await context.newPage();
  await popup.goto(popupUrl);
  // Message: recent orders, then the types of one.
  await expect(popup.locator('[data-order]').first()).toBeVisible();
  found.push(...(await axeViolations(popup, 'popup, Message, recent orders')));
  await popup.locator(`[data-order="${SANDBOX_ORDERS.us}"]`).click();
  await expect(popup.locator('[data-segment]').first()).toBeVisible();
  found.push(...(await axeViolations(popup, 'popup, Message, types of an order')));

  // Inbox: not connected to a queue, then connected with changes.
  await popup.getByRole('tab', { name: 'Inbox' }).click();
  const inbox = popup.getByRole('tabpanel', { name: 'Inbox' });
  await expect(inbox.getByLabel('Queue URL')).toBeVisible();
  found.push(...(await axeViolations(popup, 'popup, Inbox, no queue')));
  await inbox.getByLabel('Queue URL').fill(sandbox.queueUrl);
  await inbox.getByLabel('AWS region').fill(SANDBOX_AWS.region);
  await inbox.getByLabel('Access key ID').fill(SANDBOX_AWS.accessKeyId);
  await inbox.getByLabel('Secret access key').fill(SANDBOX_AWS.secretAccessKey);
  await inbox.getByRole('button', { name: 'Test and connect' }).click();
  await expect(inbox.getByRole('button', { name: 'Check now' })).toBeVisible();
  found.push(...(await axeViolations(popup, 'popup, Inbox, queue connected, empty')));
  await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'axe-new', orderId: '114-4455667-8899001', marketplaceId: 'ATVPDKIKX0DER' }) });
  await control(sandbox, 'sqs/publish', {
    body: message({ notificationId: 'axe-cancel', orderId: SANDBOX_ORDERS.us, marketplaceId: 'ATVPDKIKX0DER', changeType: 'BuyerRequestedChange', reason: 'Buyer Requested Cancel' }),
  });
  await control(sandbox, 'sqs/publish', { body: '{"NotificationType": "ORDER_CHANGE", "Payload": ', allowInvalid: true });
  await inbox.getByRole('button', { name: 'Check now' }).click();
  await expect(inbox.getByTestId('changes').getByRole('listitem')).toHaveCount(2);
  found.push(...(await axeViolations(popup, 'popup, Inbox, with changes')));

  // Notifications: nothing at Amazon, then a destination and a subscription.
  await popup.getByRole('tab', { name: 'Notifications' }).click();
  const notifications = popup.getByRole('tabpanel', { name: 'Notifications' });
  await expect(notifications.getByText('No destinations yet.')).toBeVisible();
  found.push(...(await axeViolations(popup, 'popup, Notifications, nothing yet')));
  await notifications.getByLabel('Name', { exact: true }).fill('Order Courier queue');
  await notifications.getByLabel('Queue ARN').fill(SANDBOX_QUEUE.arn);
  await notifications.getByLabel('Queue ARN').press('Enter');
  await expect(notifications.getByTestId('create-destination-result').getByRole('status')).toHaveText('Destination “Order Courier queue” created.');
  await notifications.getByTestId('subscription').getByRole('button', { name: 'Save subscription' }).click();
  await expect(notifications.getByTestId('subscription').getByText('There is no ORDER_CHANGE subscription')).toHaveCount(0);
  found.push(...(await axeViolations(popup, 'popup, Notifications, destination and subscription')));
  expect(found).toEqual([]);
});

test('axe: the order-page panel and the composer for each kind of message type', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  const found: string[] = [];
  const order = await OrderPage.open(await context.newPage());
  await expect(order.button).toBeVisible();
  found.push(...(await axeViolations(order.page, 'order page, button', 'order-courier-panel')));
  await order.openComposer();
  const composer = () => order.page.frames().find((f) => f.url().includes('/composer.html'))!;
  const check = async (state: string) => {
    found.push(...(await axeViolations(order.page, `panel, ${state}`, 'order-courier-panel')));
    found.push(...(await axeFrameViolations(composer(), `composer, ${state}`)));
  };
  await check('types listed');
  const segments = await order.composer.locator('label[data-segment]').evaluateAll((els) => els.map((el) => el.getAttribute('data-segment')!));
  expect(segments.length).toBeGreaterThan(3);
  // One run per kind of form (text, attachments, dates and their mixes): axe takes seconds a run here.
  const kinds = new Set<string>();
  for (const segment of segments) {
    await order.chooseType(segment);
    await expect(order.composer.locator('#compose-title')).toBeVisible();
    const compose = order.composer.locator('.compose');
    const kind = [
      await compose.locator('textarea').count(),
      await compose.locator('input[type="file"]').count(),
      await compose.locator('input[type="datetime-local"], input[type="date"]').count(),
    ].join('/');
    if (kinds.has(kind)) continue;
    kinds.add(kind);
    found.push(...(await axeFrameViolations(composer(), `composer, ${segment} (${kind})`)));
  }
  expect(kinds.size).toBeGreaterThanOrEqual(3);
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1000, 1) }]);
  await check('text and attachment');
  await order.send();
  await order.expectSent();
  await check('sent, with history');
  // A German buyer: the buyer's language is shown.
  const de = await OrderPage.open(await context.newPage(), DE_ORDER, 'sellercentral.amazon.de');
  await de.openComposer();
  found.push(...(await axeFrameViolations(de.page.frames().find((f) => f.url().includes('/composer.html'))!, 'composer, German buyer')));
  expect(found).toEqual([]);
});
