/**
 * End-to-end harness: the built extension (.output/chrome-mv3) in Debian's Chromium, every Amazon service
 * served by the project's local sandbox, Seller Central pages from hand-written fixtures, and nothing able
 * to leave the machine (every host name resolves to nothing).
 */
import { chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import ky from 'ky';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_CREDENTIALS, type Sandbox } from '../sandbox/server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
const SELLER_CENTRAL = /^https:\/\/sellercentral(-[a-z]+)?\.amazon\.[a-z.]+\//;

export interface LaunchOptions {
  headless?: boolean;
  /** More Chromium switches, e.g. `--lang=de` for the German UI. */
  args?: string[];
  /**
   * Whether the context's routes also see the service worker's requests (default true). With routing on,
   * Chromium hands each request of the worker to Playwright before sending it, request bodies included,
   * and large PUTs then reach the sandbox one after another (measured: three 2 MB PUTs from the worker
   * arrived 1–6 s apart with routing, within 2 ms of each other without). Where the uploads themselves are
   * observed or timed, the worker's requests must go out as they do for a seller.
   */
  routeWorker?: boolean;
  /** Another build of the extension to load (default EXTENSION_DIR). */
  extensionDir?: string;
  /** A profile folder to use and keep (a relaunch with the same one is a browser restart); default a fresh one, removed after. */
  profile?: string;
}

const NO_WORKER_ROUTING = 'PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK';

export async function launch(sandbox: Sandbox, pageErrors: string[], options: LaunchOptions = {}): Promise<BrowserContext> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'order-courier-e2e-'));
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  // Playwright reads this whenever it attaches to a worker, a restarted one too: kept for the context's life.
  const routingBefore = process.env[NO_WORKER_ROUTING];
  if (options.routeWorker === false) process.env[NO_WORKER_ROUTING] = '1';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Nothing resolves: a request that is not routed or sent to the sandbox's IP address fails.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ...(options.args ?? []),
    ],
  });
  // Chromium may still be writing to the profile as it exits; a leftover temp folder is not a failure.
  context.on('close', () => {
    if (options.routeWorker === false) {
      if (routingBefore === undefined) delete process.env[NO_WORKER_ROUTING];
      else process.env[NO_WORKER_ROUTING] = routingBefore;
    }
  });
  if (!options.profile) context.on('close', () => setTimeout(() => {
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

/** Chromium names an unpacked extension after its folder: the first 32 hex digits of SHA-256(path), as a–p. */
export function extensionIdFor(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * The extension's service worker. Now and then (about 1 launch in 20 here) Playwright misses the worker
 * that started with the browser; stopping it and waking it with an extension page makes it report anew.
 */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers()[0];
  if (running) return running;
  try {
    return await context.waitForEvent('serviceworker', { timeout: 5_000 });
  } catch {
    const restarted = context.waitForEvent('serviceworker', { timeout: 15_000 });
    const internals = await context.newPage();
    await internals.goto('chrome://serviceworker-internals/');
    const stop = internals.getByRole('button', { name: 'Stop' });
    if (await stop.count()) await stop.first().click();
    await internals.goto(`chrome-extension://${extensionIdFor(EXTENSION_DIR)}/popup.html`);
    const worker = await restarted;
    await internals.close();
    return worker;
  }
}



/** Stops the extension's service worker the way Chrome does when it is idle. */
export async function stopServiceWorker(context: BrowserContext) {
  const internals = await context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await internals.getByRole('button', { name: 'Stop' }).first().click();
  // The composer's next status request starts the worker again at once, so "STOPPED" may never show;
  // a test proves the stop by its effect.
  await internals.waitForTimeout(300);
  await internals.close();
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

export interface ServedRequest {
  service: string;
  operation?: string;
  method: string;
  path: string;
  status: number;
  query: Record<string, string[]>;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
}

/** The sandbox's control API. A refused control call (4xx) answers with its reason, which tests assert on. */
function controlApi(sandbox: Sandbox) {
  return ky.create({ prefixUrl: `${sandbox.url}/__control/`, throwHttpErrors: false, retry: 0 });
}

/** Requests the sandbox served, for asserting what the extension really sent. */
export async function served(sandbox: Sandbox): Promise<ServedRequest[]> {
  return controlApi(sandbox).get('log').json<ServedRequest[]>();
}

export async function control(sandbox: Sandbox, path: string, body?: unknown): Promise<unknown> {
  const api = controlApi(sandbox);
  return (body === undefined ? api.get(path) : api.post(path, { json: body })).json();
}
