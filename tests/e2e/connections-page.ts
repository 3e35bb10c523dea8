/** The options page's connections, driven as a seller would (end-to-end tests and the bench). */
import { expect, type Page } from '@playwright/test';
import { SANDBOX_CREDENTIALS, type Sandbox } from '../sandbox/server';

export interface NewConnection {
  name: string;
  sandbox: Sandbox;
  /** The region the address stands for; '' = every region. */
  region: 'NA' | 'EU' | 'FE' | '';
  marketplace: string;
  refreshToken?: string;
  /** The LWA application and token this connection's address accepts; defaults to SANDBOX_CREDENTIALS. */
  credentials?: { clientId: string; clientSecret: string; refreshToken: string };
  /** The Seller Central merchant it belongs to. */
  merchant?: string;
}

/** Adds a connection on an open options page and presses Save and test. */
export async function addConnection(page: Page, c: NewConnection): Promise<void> {
  await page.getByRole('button', { name: 'Add a connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill(c.name);
  await page.getByLabel(/Another address/).check();
  await page.getByLabel('Address', { exact: true }).fill(c.sandbox.url);
  await page.getByLabel('Stands for the region').selectOption(c.region);
  await page.getByLabel('Default marketplace').selectOption(c.marketplace);
  const credentials = c.credentials ?? SANDBOX_CREDENTIALS;
  await page.getByLabel('LWA client identifier').fill(credentials.clientId);
  await page.getByLabel('LWA client secret').fill(credentials.clientSecret);
  await page.getByLabel('Refresh token').fill(c.refreshToken ?? credentials.refreshToken);
  if (c.merchant) await page.getByLabel('Seller Central merchant (optional)').fill(c.merchant);
  await page.getByRole('button', { name: 'Save and test connection' }).click();
}

/** Opens the options page and adds each connection, waiting until its test reports that everything works. */
export async function addConnections(page: Page, extensionId: string, connections: NewConnection[]): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  for (const c of connections) {
    await addConnection(page, c);
    await expect(page.getByTestId('connection-report').getByRole('heading', { name: 'Everything works.' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('connection-list').getByText(c.name, { exact: true })).toBeVisible();
  }
}
