/**
 * Playwright fixtures: a fresh sandbox and a fresh browser with the built extension for every test, and
 * every error thrown on a page fails the test.
 */
import { test as base, expect, type BrowserContext, type Worker } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { EXTENSION_DIR, extensionIdFor, launch, serviceWorker } from './browser';

export { connect, control, served, stopServiceWorker } from './browser';

export interface Fixtures {
  /** See LaunchOptions.routeWorker; set with test.use. */
  routeWorker: boolean;
  sandbox: Sandbox;
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  routeWorker: [true, { option: true }],
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0, quiet: true, logFile: process.env.SANDBOX_LOG });
    await use(sandbox);
    await sandbox.close();
  },
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'errors thrown on pages').toEqual([]);
  },
  context: async ({ sandbox, pageErrors, routeWorker }, use) => {
    const context = await launch(sandbox, pageErrors, { routeWorker });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorker(context));
  },
  // Known from the folder, so a test that does not need the worker does not wait for it.
  extensionId: async ({}, use) => {
    await use(extensionIdFor(EXTENSION_DIR));
  },
});

export { expect };
