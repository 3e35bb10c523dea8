/**
 * Seller Central look-alike pages for the demo and the tests, from the fixtures in
 * tests/fixtures/seller-central (built from reference/seller-central-dom.md): every classic route
 * (/orders-v3…, /gp/orders-v2/refund) is the classic app, every /amazonsell route the new one. The
 * fixtures are single-page apps that render the view of whatever URL they were loaded at. A route no
 * fixture covers is a plain 404, never a stand-in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxReply, SandboxRequest } from './http';
import { textReply } from './http';

const CLASSIC = /^\/__pages\/(?:orders-v3(?:\/.*)?|gp\/orders-v2\/refund\/?)$/;
const NEW = /^\/__pages\/amazonsell\/(?:orders(?:\/.*)?|order-details\/?)$/;

function escapeHtml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function notFound(what: string): SandboxReply {
  return textReply(404, `<!doctype html><title>Not found</title><p>${escapeHtml(what)}</p>`, 'text/html; charset=utf-8');
}

export function fixtureForPath(path: string): string | undefined {
  if (CLASSIC.test(path)) return 'classic.html';
  if (NEW.test(path)) return 'new.html';
  return undefined;
}

export function handlePages(req: SandboxRequest, projectRoot: string): SandboxReply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound('Pages only answer GET.');
  const file = fixtureForPath(req.path);
  if (!file) return notFound(`No sandbox page at ${req.path}.`);
  const path = join(projectRoot, 'tests', 'fixtures', 'seller-central', file);
  if (!existsSync(path)) return notFound(`The fixture tests/fixtures/seller-central/${file} does not exist.`);
  const html = readFileSync(path, 'utf8');
  return { ...textReply(200, html, 'text/html; charset=utf-8'), logBody: { bytes: Buffer.byteLength(html) } };
}
