/** Client-side helpers for the sandbox tests: tokens, JSON calls, Content-MD5. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  body: any;
  text: string;
}

export async function call(
  base: string,
  path: string,
  init: { method?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['x-amz-access-token'] = init.token;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`${base}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // XML or HTML: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function lwa(base: string, params: Record<string, string>): Promise<CallResult> {
  return call(base, '/auth/o2/token', {
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
  });
}

export async function sellerToken(base: string): Promise<string> {
  const res = await lwa(base, {
    grant_type: 'refresh_token',
    refresh_token: SANDBOX_CREDENTIALS.refreshToken,
    client_id: SANDBOX_CREDENTIALS.clientId,
    client_secret: SANDBOX_CREDENTIALS.clientSecret,
  });
  if (res.status !== 200) throw new Error(`seller token: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

export async function grantlessToken(base: string): Promise<string> {
  const res = await lwa(base, {
    grant_type: 'client_credentials',
    scope: 'sellingpartnerapi::notifications',
    client_id: SANDBOX_CREDENTIALS.clientId,
    client_secret: SANDBOX_CREDENTIALS.clientSecret,
  });
  if (res.status !== 200) throw new Error(`grantless token: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

export function md5Base64(data: string | Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

export async function control(base: string, path: string, json?: unknown, method?: string): Promise<CallResult> {
  return call(base, `/__control/${path}`, { method: method ?? (json === undefined ? 'GET' : 'POST'), json });
}

/**
 * One sandbox per test file, reset before each test; after the file, the sandbox must have seen no
 * model violation in anything it answered.
 */
export function withSandbox(onReady: (sandbox: Sandbox) => void, options: Parameters<typeof startSandbox>[0] = {}): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ quiet: true, ...options });
    onReady(sandbox);
  });
  afterAll(async () => {
    expect(sandbox?.violations()).toEqual([]);
    await sandbox?.close();
  });
  beforeEach(() => sandbox?.reset());
}
