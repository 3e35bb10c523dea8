/**
 * Seller Central look-alike pages for the demo, from hand-written fixtures that another part of the
 * project owns (tests/fixtures/seller-central). A missing fixture is a plain 404, never a stand-in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxReply, SandboxRequest } from './http';
import { textReply } from './http';

const ORDER_PAGE = /^\/__pages\/orders-v3\/order\/([^/]+)\/?$/;
const LIST_PAGE = /^\/__pages\/orders-v3\/?$/;

function escapeHtml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function notFound(what: string): SandboxReply {
  return textReply(404, `<!doctype html><title>Not found</title><p>${escapeHtml(what)}</p>`, 'text/html; charset=utf-8');
}

export function handlePages(req: SandboxRequest, projectRoot: string): SandboxReply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound('Pages only answer GET.');
  const dir = join(projectRoot, 'tests', 'fixtures', 'seller-central');
  const order = ORDER_PAGE.exec(req.path);
  // The browser asked for a Seller Central host; the European app's page names its marketplace differently.
  const host = String(req.headers['x-seller-central-host'] ?? '');
  const detail = host === 'sellercentral-europe.amazon.com' ? 'order-detail-europe.html' : 'order-detail.html';
  const file = order ? detail : LIST_PAGE.test(req.path) ? 'order-list.html' : undefined;
  if (!file) return notFound(`No sandbox page at ${req.path}.`);
  const path = join(dir, file);
  if (!existsSync(path)) return notFound(`The fixture tests/fixtures/seller-central/${file} does not exist yet.`);
  let html = readFileSync(path, 'utf8');
  if (order?.[1]) html = html.replaceAll('{{orderId}}', escapeHtml(order[1]));
  return { ...textReply(200, html, 'text/html; charset=utf-8'), logBody: { bytes: Buffer.byteLength(html) } };
}
