/**
 * Checks on the artifact that ships (.output/chrome-mv3), not on the sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { EXTENSION_DIR } from './browser';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_security_policy?: unknown;
  content_scripts?: Array<{ js: string[]; matches: string[] }>;
};

test('the order-page script carries no credentials, API client, validator or hashing code, and stays small', () => {
  const files = manifest.content_scripts!.flatMap((c) => c.js);
  const code = files.map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8')).join('\n');
  for (const marker of ['x-amz-access-token', 'auth/o2/token', 'client_secret', 'refresh_token', 'AES-GCM', 'vault-key', 'SparkMD5', 'draft-04', 'X-Amz-Signature', 'indexedDB']) {
    expect(code, `content script contains "${marker}"`).not.toContain(marker);
  }
  const gzipped = gzipSync(Buffer.from(code)).length;
  expect(gzipped).toBeLessThanOrEqual(15 * 1024);
});

test('the manifest asks for no eval, no all-sites access, and only the permissions the README lists', () => {
  const text = JSON.stringify(manifest);
  expect(text).not.toContain('unsafe-eval');
  expect(text).not.toContain('<all_urls>');
  expect(manifest.host_permissions!.some((h) => /^\*:\/\/\*\/|^https?:\/\/\*\/\*$/.test(h))).toBe(false);
  const readme = readFileSync('README.md', 'utf8');
  const listed = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? []), ...(manifest.optional_permissions ?? [])];
  const unlisted = listed.filter((p) => !readme.includes(`\`${p}\``));
  expect(unlisted, 'permissions missing from the README permission table').toEqual([]);
});
