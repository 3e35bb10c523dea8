/**
 * Calls the sandbox's SP-API directly, as another tool of the seller's would: how tests and the bench set the
 * stage at "Amazon" (a destination or subscription made elsewhere) without going through the extension.
 */
import { SANDBOX_CREDENTIALS } from './constants';

export async function atAmazon<T = unknown>(sandbox: { url: string }, grant: 'seller' | 'grantless', method: string, path: string, body?: unknown): Promise<T> {
  const form = new URLSearchParams({ client_id: SANDBOX_CREDENTIALS.clientId, client_secret: SANDBOX_CREDENTIALS.clientSecret });
  if (grant === 'seller') {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', SANDBOX_CREDENTIALS.refreshToken);
  } else {
    form.set('grant_type', 'client_credentials');
    form.set('scope', 'sellingpartnerapi::notifications');
  }
  const token = ((await (await fetch(`${sandbox.url}/auth/o2/token`, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
