import type { BrowserContext } from '@playwright/test';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server';
import { connect, expect, served, test } from './harness';

test('a seller connects to the sandbox and every capability reports working', async ({ context, extensionId, sandbox }) => {
  const page = await connect(context, extensionId, sandbox);
  const report = page.getByTestId('connection-report');
  await expect(report.getByRole('heading', { name: 'Everything works.' })).toBeVisible();
  for (const capability of ['sellerToken', 'grantlessToken', 'messaging', 'orders']) {
    await expect(report.locator(`[data-capability="${capability}"]`)).toHaveAttribute('data-ok', 'true');
  }
  // Reloading shows the saved connection without ever showing the secrets again.
  await page.reload();
  await expect(page.getByLabel('LWA client secret')).toHaveValue('');
  await expect(page.getByText('Stored. Leave empty to keep it.').first()).toBeVisible();
});

test('the Buyer Communication role is proven with a real order of the seller, never with a made-up one', async ({ context, extensionId, sandbox }) => {
  const page = await connect(context, extensionId, sandbox);
  const messaging = page.getByTestId('connection-report').locator('[data-capability="messaging"]');
  await expect(messaging).toHaveAttribute('data-ok', 'true');
  await expect(messaging).toContainText('the Buyer Communication role is granted');
  const asked = (await served(sandbox)).filter((r) => r.operation === 'getMessagingActionsForOrder');
  const listed = (await served(sandbox)).find((r) => r.operation === 'searchOrders');
  expect(listed?.status).toBe(200);
  expect(asked).toHaveLength(1);
  expect(asked[0]!.status).toBe(200);
  expect(asked[0]!.path).not.toContain('000-0000000-0000000');
  expect(asked[0]!.path).toMatch(/^\/messaging\/v1\/orders\/\d{3}-\d{7}-\d{7}$/);
});

test('a wrong client secret is explained as a rejected client, not a generic failure', async ({ context, extensionId, sandbox }) => {
  const page = await connect(context, extensionId, sandbox, { clientSecret: 'not-the-secret' });
  const seller = page.getByTestId('connection-report').locator('[data-capability="sellerToken"]');
  await expect(seller).toHaveAttribute('data-ok', 'false');
  await expect(seller).toContainText(/client (id|identifier) or (client )?secret/i);
});

test('the popup opens and offers the settings when nothing is connected', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByText('not connected to your Seller Central account')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open settings' })).toBeVisible();
});

/** Amazon's sandbox and Login with Amazon, both answered by a local sandbox in static mode. */
async function routeAmazonSandbox(context: BrowserContext, amazon: Sandbox) {
  await context.route(/^https:\/\/(sandbox\.sellingpartnerapi-na\.amazon\.com|api\.amazon\.com)\//, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${amazon.url}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}

test("a seller tries Amazon's sandbox: told what it can show, tested with its samples, offered its sample order", async ({ context, extensionId }) => {
  const amazon = await startSandbox({ port: 0, quiet: true, mode: 'static' });
  test.setTimeout(90_000);
  try {
    await routeAmazonSandbox(context, amazon);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByTestId('amazon-sandbox-note')).toHaveCount(0);
    await page.getByLabel(/Amazon's sandbox/).check();
    const note = page.getByTestId('amazon-sandbox-note');
    await expect(note).toContainText('answers only the fixed sample requests');
    await expect(note).toContainText('Attachments cannot be tried there');
    await page.getByLabel('Region').selectOption('NA');
    await page.getByLabel('Default marketplace').selectOption('ATVPDKIKX0DER');
    await page.getByLabel('LWA client identifier').fill(SANDBOX_CREDENTIALS.clientId);
    await page.getByLabel('LWA client secret').fill(SANDBOX_CREDENTIALS.clientSecret);
    await page.getByLabel('Refresh token').fill(SANDBOX_CREDENTIALS.refreshToken);
    await page.getByRole('button', { name: 'Save and test connection' }).click();

    const report = page.getByTestId('connection-report');
    await expect(report.getByRole('heading', { name: "Amazon's sandbox answered its sample requests." })).toBeVisible();
    await expect(report.locator('[data-capability="messaging"]')).toContainText('sample order 123-1234567-1234567');
    await expect(report.locator('[data-capability="messaging"]')).toContainText('cannot tell whether your app has the Buyer Communication role');
    await expect(report.locator('[data-capability="orders"]')).toHaveAttribute('data-ok', 'true');
    // What reached "Amazon": the samples, each answered with its example (not an invalid-input 400).
    const calls = (await served(amazon)).filter((r) => r.service === 'spapi');
    expect(calls.map((r) => `${r.operation} ${r.status}`)).toEqual(['getMessagingActionsForOrder 200', 'searchOrders 200']);
    expect(calls[0]!.path).toBe('/messaging/v1/orders/123-1234567-1234567');

    // The popup offers the one order Amazon's sandbox knows, and its message types come from the sandbox.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('sandbox-sample-order')).toContainText("Amazon's sandbox knows one order");
    await popup.getByRole('button', { name: /123-1234567-1234567/ }).click();
    await expect(popup.getByRole('heading', { name: /123-1234567-1234567/ })).toBeVisible();
    await expect(popup.locator('[data-segment="confirmOrderDetails"]')).toBeVisible();

    // The composer says what the sandbox accepts and fills it in; the sandbox then accepts the message.
    const opened = context.waitForEvent('page');
    await popup.locator('[data-segment="confirmOrderDetails"]').click();
    const composer = await opened;
    const help = composer.getByTestId('amazon-sandbox-help');
    await expect(help).toContainText('only with the sample text “My Message”');
    await help.getByRole('button', { name: 'Fill in the sample text “My Message”' }).click();
    await expect(composer.getByRole('textbox').first()).toHaveValue('My Message');
    await composer.getByRole('button', { name: 'Send message' }).click();
    await expect(composer.getByText('Accepted by Amazon.')).toBeVisible({ timeout: 20_000 });
    const sent = (await served(amazon)).filter((r) => r.operation === 'createConfirmOrderDetails');
    expect(sent.map((r) => [r.status, r.requestBody])).toEqual([[201, { text: 'My Message' }]]);

    // Notifications: the sample is shown as a sample, and no migration banner is offered.
    // (The popup closed itself when it opened the composer.)
    const again = await context.newPage();
    await again.goto(`chrome-extension://${extensionId}/popup.html`);
    await again.getByRole('tab', { name: 'Notifications' }).click();
    const panel = again.getByRole('tabpanel', { name: 'Notifications' });
    await expect(panel.getByTestId('sample-note')).toContainText('not your account');
    await expect(panel.getByTestId('destinations')).toContainText('SQSDestination');
    await expect(panel.getByTestId('migration')).toHaveCount(0);
    expect((await served(amazon)).some((r) => r.path.includes('ORDER_STATUS_CHANGE'))).toBe(false);
  } finally {
    await amazon.close();
  }
});
