/**
 * Credentials stay in the background: the page's own scripts can neither read them nor make the
 * extension send anything, and no secret appears at rest in readable storage or in any log.
 */
import { SANDBOX_CREDENTIALS } from '../sandbox/server';
import { connect, control, expect, test } from './harness';
import { OrderPage } from './order-page';

const SECRETS = [SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken];

test('a script in the page cannot read the panel, reach the background, or make the extension send', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write('A draft the page must not be able to send.');
  const attempts = await order.page.evaluate(async (id) => {
    const results: Record<string, string> = {};
    // The composer is another origin: its document (and the draft in it) is out of reach.
    try {
      const frame = document.querySelector('order-courier-panel')!.shadowRoot!.querySelector('iframe')!;
      results.frameDocument = String(frame.contentDocument?.body?.innerText ?? 'no access');
    } catch (e) {
      results.frameDocument = `blocked: ${(e as Error).name}`;
    }
    // Pages have no way to message the extension (no externally_connectable).
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    results.runtime = typeof runtime?.sendMessage;
    // Messages and DOM events shaped like the extension's protocol do nothing.
    window.postMessage({ op: 'message.send', req: { orderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER', resendAfterUnknown: true } }, '*');
    document.dispatchEvent(new CustomEvent('message.send', { detail: { orderId: '902-3159896-1390916' } }));
    // The composer page cannot be loaded by the page under its static URL.
    try {
      await fetch(`chrome-extension://${id}/composer.html`);
      results.fetchComposer = 'loaded';
    } catch {
      results.fetchComposer = 'refused';
    }
    results.storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    return results;
  }, extensionId);
  expect(attempts.frameDocument).toMatch(/^(blocked|no access)/);
  expect(attempts.runtime).toBe('undefined');
  expect(attempts.fetchComposer).toBe('refused');
  for (const secret of SECRETS) expect(attempts.storage).not.toContain(secret);
  await order.page.waitForTimeout(1000);
  expect(await control(sandbox, 'messages')).toEqual([]);
});

test('no secret is readable at rest by a content script, nor printed by any part of the extension', async ({ context, extensionId, sandbox, worker }) => {
  const logs: string[] = [];
  worker.on('console', (m) => logs.push(m.text()));
  context.on('page', (p) => p.on('console', (m) => logs.push(m.text())));
  await (await connect(context, extensionId, sandbox)).close();
  // Drive the flows that touch credentials: test connection, token refresh, a send with an attachment.
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2048, 1) }]);
  await control(sandbox, 'expire-tokens', {});
  await order.send();
  await order.expectSent();
  // storage.local is readable by content scripts; it holds settings only.
  const local = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } };
    return JSON.stringify(await chrome.storage.local.get(null));
  });
  for (const secret of SECRETS) expect(local).not.toContain(secret);
  expect(local).not.toMatch(/Atz[ar]\|/);
  // The vault in IndexedDB holds ciphertext only.
  const vault = await worker.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('order-courier');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('vault');
          get.onsuccess = () => resolve(new TextDecoder().decode(get.result?.data ?? new ArrayBuffer(0)));
        };
      }),
  );
  expect(vault.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(vault).not.toContain(secret);
  const printed = logs.join('\n');
  for (const secret of SECRETS) expect(printed).not.toContain(secret);
  expect(printed).not.toMatch(/Atz[ar]\|/);
});
