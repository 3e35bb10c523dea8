/**
 * What the stores show. Chrome's own permission-warning API (chrome.management.getPermissionWarningsByManifest,
 * which needs no "management" permission) on the built manifest: the warnings a seller sees at install are
 * the ones the README and docs/store/permissions.md document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations } from './axe';
import { EXTENSION_DIR } from './browser';
import { expect, test } from './harness';

type Chrome = { chrome: { management: { getPermissionWarningsByManifest(manifest: string): Promise<string[]> } } };

test('install warnings: the content script\'s Seller Central hosts and Amazon\'s API hosts, notifications', async ({ context, extensionId }) => {
  const manifest = readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8');
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const warnings = await page.evaluate((m) => (globalThis as unknown as Chrome).chrome.management.getPermissionWarningsByManifest(m), manifest);
  expect(warnings).toEqual(['Read and change your data on a number of websites', 'Display notifications']);
});

test('the options page links to the privacy policy, shipped in the extension', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const opened = context.waitForEvent('page');
  await options.getByRole('link', { name: /Privacy policy and data use/ }).click();
  const policy = await opened;
  await expect(policy.getByRole('heading', { level: 1 })).toHaveText('Order Courier — privacy policy and data use');
  await expect(policy.getByRole('heading', { name: 'How to delete everything' })).toBeVisible();
  await expect(policy.getByRole('table')).toContainText('sealed with AES-GCM');
  expect(await axeViolations(policy, 'privacy policy')).toEqual([]);
});
