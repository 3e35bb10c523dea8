/**
 * End-to-end harness: the built extension (.output/chrome-mv3) in Debian's Chromium, every Amazon service
 * served by the project's local sandbox, Seller Central pages from hand-written fixtures, and nothing able
 * to leave the machine (every host name resolves to nothing).
 */
import { chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_CREDENTIALS, type Sandbox } from '../sandbox/server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
const SELLER_CENTRAL = /^https:\/\/sellercentral(-[a-z]+)?\.amazon\.[a-z.]+\//;

export interface LaunchOptions {
  headless?: boolean;
}

export async function launch(sandbox: Sandbox, pageErrors: string[], options: LaunchOptions = {}): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'order-courier-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Nothing resolves: a request that is not routed or sent to the sandbox's IP address fails.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  // Chromium may still be writing to the profile as it exits; a leftover temp folder is not a failure.
  context.on('close', () => setTimeout(() => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // Left for the system's temp cleaning.
    }
  }, 200));
  // Seller Central pages are the sandbox's hand-written fixtures, served under Amazon's real host names.
  await context.route(SELLER_CENTRAL, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `${sandbox.url}/__pages${url.pathname}${url.search}`,
      headers: { ...route.request().headers(), 'x-seller-central-host': url.host },
    });
    await route.fulfill({ response });
  });
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  return context;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}



/** Connects the extension to the sandbox the way a seller would: through the options page. */
export async function connect(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  overrides: Partial<{ clientSecret: string; refreshToken: string; marketplace: string }> = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel(/Another address/).check();
  await page.getByLabel('Address', { exact: true }).fill(sandbox.url);
  await page.getByLabel('Default marketplace').selectOption(overrides.marketplace ?? 'ATVPDKIKX0DER');
  await page.getByLabel('LWA client identifier').fill(SANDBOX_CREDENTIALS.clientId);
  await page.getByLabel('LWA client secret').fill(overrides.clientSecret ?? SANDBOX_CREDENTIALS.clientSecret);
  await page.getByLabel('Refresh token').fill(overrides.refreshToken ?? SANDBOX_CREDENTIALS.refreshToken);
  await page.getByRole('button', { name: 'Save and test connection' }).click();
  await expect(page.getByTestId('connection-report')).toBeVisible();
  return page;
}

/** Requests the sandbox served, for asserting what the extension really sent. */
export async function served(sandbox: Sandbox): Promise<Array<{ service: string; operation?: string; method: string; path: string; status: number; query: Record<string, string[]>; requestHeaders: Record<string, string>; requestBody: unknown }>> {
  return (await (await fetch(`${sandbox.url}/__control/log`)).json()) as never;
}

export async function control(sandbox: Sandbox, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/__control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}
