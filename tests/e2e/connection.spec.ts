import { connect, expect, test } from './harness';

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
