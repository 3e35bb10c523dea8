/**
 * Seller Central's own scripts (its code, a third-party script, an XSS, another extension's content script)
 * run in the page's main world. From there they must not be able to find the composer, frame it and act
 * through it, talk to it, or trick the seller into clicking its Send button. Every attack below runs in the
 * page's world (page.evaluate on the Seller Central page), and the sandbox's log says whether anything was sent.
 * Credentials stay in the background: nothing readable holds or prints a secret.
 */
import type { Page } from '@playwright/test';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server';
import { addConnections } from './connections-page';
import { connect, control, expect, served, test } from './harness';
import { DE_ORDER, OrderPage, US_ORDER } from './order-page';

const SECRETS = [SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken];
const HIDDEN = 'Not sent: the composer was hidden or covered when you clicked';
const REFUSED = /This composer was not opened by the Message buyer button/;

async function messagingPosts(sandbox: Sandbox): Promise<number> {
  return (await served(sandbox)).filter((r) => r.method === 'POST' && r.path.startsWith('/messaging/')).length;
}

async function pendingDraft(
  context: Parameters<typeof connect>[0],
  extensionId: string,
  sandbox: Sandbox,
  beforeOpening?: (page: Page) => Promise<unknown>,
): Promise<OrderPage> {
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(await context.newPage());
  await beforeOpening?.(order.page);
  await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write('A draft the page must not be able to send.');
  return order;
}

/** Everything the page's world can read that could name the composer. */
function searchPage(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const names = (value: string) => /composer\.html|chrome-extension:/.test(value);
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) if (names(a.value)) found.push(`${el.tagName.toLowerCase()}[${a.name}]`);
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el instanceof HTMLIFrameElement) found.push(`reachable iframe ${el.title}`);
      }
    };
    visit(document);
    if (names(document.documentElement.outerHTML)) found.push('document HTML');
    for (let i = 0; i < window.length; i++) {
      try {
        if (names(String(window[i]!.location.href))) found.push(`frames[${i}].location`);
      } catch {
        // Cross-origin: its address is not readable.
      }
    }
    for (const entry of performance.getEntries()) if (names(entry.name)) found.push(`performance entry ${entry.name}`);
    for (const trapped of (window as unknown as { __trapped?: string[] }).__trapped ?? []) if (names(trapped)) found.push(`trap ${trapped}`);
    return found;
  });
}

test('the page finds no trace of the composer: no shadow root, frame, attribute or timing entry names it', async ({ context, extensionId, sandbox }) => {
  // Traps set before the panel opens: every mutation the page can observe, CSP violation reports (a
  // frame-src policy names what it blocks), and resource timing as it arrives.
  const order = await pendingDraft(context, extensionId, sandbox, (page) =>
    page.evaluate(() => {
      const trapped: string[] = [];
      (window as unknown as { __trapped: string[] }).__trapped = trapped;
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.attributeName) trapped.push(String((r.target as Element).getAttribute(r.attributeName)));
          for (const n of r.addedNodes) if (n instanceof Element) trapped.push(n.outerHTML);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
      const csp = document.createElement('meta');
      csp.httpEquiv = 'Content-Security-Policy';
      csp.content = "frame-src 'none'";
      document.head.append(csp);
      document.addEventListener('securitypolicyviolation', (e) => trapped.push(`${e.blockedURI} ${e.violatedDirective}`));
      new PerformanceObserver((list) => list.getEntries().forEach((e) => trapped.push(e.name))).observe({ type: 'resource', buffered: true });
    }),
  );
  expect(await searchPage(order.page)).toEqual([]);
  // Pages have no way to message the extension (no externally_connectable).
  expect(await order.page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
});

test('a composer the page frames itself, under any address it can build or steal, refuses to act', async ({ context, extensionId, sandbox }) => {
  test.slow();
  const order = await pendingDraft(context, extensionId, sandbox);
  const page = order.page;
  // The static address anyone can build from the extension's id, and the panel's own frame address,
  // token included, as if it had leaked: reused, without the token, and with a forged one.
  const leaked = await order.composerSrc();
  const withoutToken = leaked.split('#')[0]!;
  const addresses = [
    `chrome-extension://${extensionId}/composer.html?orderId=${US_ORDER}&marketplaceId=ATVPDKIKX0DER&embedded=1`,
    leaked,
    withoutToken,
    `${withoutToken}#grant=${'A'.repeat(43)}`,
  ];
  for (const [i, address] of addresses.entries()) {
    const name = `attack-${i}`;
    await page.evaluate(
      ({ address, name }) => {
        const frame = document.createElement('iframe');
        frame.name = name;
        frame.src = address;
        frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;z-index:2147483647;border:0;background:#fff';
        document.body.append(frame);
      },
      { address, name },
    );
    await expect.poll(() => page.frame({ name })?.url() ?? '').not.toBe('');
    const attack = page.frame({ name })!;
    await attack.waitForLoadState();
    if (new URL(attack.url()).pathname === '/composer.html') {
      // The seller, fooled by what looks like the real composer, tries to send from it.
      const send = attack.getByRole('button', { name: 'Send message' });
      await expect(send.or(attack.getByText(REFUSED))).toBeVisible();
      if (await send.isVisible()) await send.click();
      await expect(attack.getByText(REFUSED)).toBeVisible();
      await expect(send).toHaveCount(0);
    }
    // Messages posted to every frame, shaped like the extension's own, change nothing either.
    await page.evaluate(() => {
      const shapes = [
        { orderCourier: 'close' },
        { orderCourier: 'grant', token: 'A'.repeat(43) },
        { op: 'message.send', req: { orderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER', resendAfterUnknown: true } },
      ];
      for (let f = 0; f < window.length; f++) for (const shape of shapes) window[f]!.postMessage(shape, '*');
      for (const shape of shapes) window.postMessage(shape, '*');
    });
    await page.evaluate((name) => document.querySelector(`iframe[name="${name}"]`)?.remove(), name);
  }
  // The panel's own composer is still open and still holds the draft; nothing reached Amazon.
  await expect(order.composer.getByRole('textbox', { name: /message/i })).toHaveValue('A draft the page must not be able to send.');
  expect(await messagingPosts(sandbox)).toBe(0);
});

const HIDING: Record<string, string> = {
  'a transparent overlay over the composer': `(() => {
    const cover = document.createElement('div');
    cover.id = 'cover';
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:transparent;pointer-events:none';
    document.body.append(cover);
  })()`,
  'a decoy drawn over the composer that lets clicks through': `(() => {
    const cover = document.createElement('div');
    cover.id = 'cover';
    cover.textContent = 'Claim your seller rebate';
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;font-size:40px;pointer-events:none';
    document.body.append(cover);
  })()`,
  'the panel at opacity 0': `document.querySelector('order-courier-panel').style.opacity = '0'`,
};

for (const [how, script] of Object.entries(HIDING)) {
  test(`a click on Send through ${how} sends nothing, and says why`, async ({ context, extensionId, sandbox }) => {
    test.slow();
    const order = await pendingDraft(context, extensionId, sandbox);
    const page = order.page;
    await order.sendButton.scrollIntoViewIfNeeded();
    const box = (await order.sendButton.boundingBox())!;
    await page.evaluate(script);
    // A real mouse click where the page put its decoy, which lands on the hidden Send button.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(order.composer.getByText(HIDDEN)).toBeVisible();
    expect(await messagingPosts(sandbox)).toBe(0);
    // Once nothing hides it, the same composer sends when the seller clicks.
    await page.evaluate(() => {
      document.getElementById('cover')?.remove();
      document.querySelector<HTMLElement>('order-courier-panel')!.style.opacity = '';
    });
    // (It must first have been visible for a moment: a click right after it reappears is refused too.)
    await expect(async () => {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(order.composer.getByText('Accepted by Amazon.')).toBeVisible({ timeout: 3_000 });
    }).toPass();
    expect(await messagingPosts(sandbox)).toBe(1);
  });
}

test('a hidden click with an attachment: the file may reach S3 while the click is checked, the message never does', async ({ context, extensionId, sandbox }) => {
  test.slow();
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(200_000, 3) }]);
  await order.waitUntilSeen();
  await order.sendButton.scrollIntoViewIfNeeded();
  const box = (await order.sendButton.boundingBox())!;
  await order.page.evaluate(HIDING['the panel at opacity 0']!);
  await order.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(order.composer.getByText(HIDDEN)).toBeVisible();
  const log = await served(sandbox);
  // Only to the presigned S3 address of the sandbox; and no message call at all.
  expect(log.filter((r) => r.method === 'PUT').every((r) => r.service === 's3')).toBe(true);
  expect(await messagingPosts(sandbox)).toBe(0);
  // The draft and its file stay for the seller's own click.
  await expect(order.composer.locator('.attachment')).toHaveCount(1);
  await order.page.evaluate(() => (document.querySelector<HTMLElement>('order-courier-panel')!.style.opacity = ''));
  await expect(async () => {
    await order.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(order.composer.getByText('Accepted by Amazon.')).toBeVisible({ timeout: 3_000 });
  }).toPass();
  expect(await messagingPosts(sandbox)).toBe(1);
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
  // Nothing the page can read holds a secret.
  const readable = await order.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const secret of SECRETS) expect(readable).not.toContain(secret);
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

test('two connections: each address only ever sees the secrets and tokens entered for it, and an edit cannot carry them elsewhere', async ({ context, extensionId, sandbox, worker }) => {
  test.setTimeout(150_000);
  // A second seller account: its own LWA application and refresh token, accepted only by its own address.
  const EUROPE = { clientId: 'amzn1.application-oa2-client.ordercouriereurope', clientSecret: 'europe-client-secret', refreshToken: 'Atzr|europe-refresh-token' };
  const europe = await startSandbox({ port: 0, quiet: true, credentials: EUROPE });
  const logs: string[] = [];
  worker.on('console', (m) => logs.push(m.text()));
  context.on('page', (p) => p.on('console', (m) => logs.push(m.text())));
  try {
    const options = await context.newPage();
    await addConnections(options, extensionId, [
      { name: 'North America', sandbox, region: 'NA', marketplace: 'ATVPDKIKX0DER' },
      { name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9', credentials: EUROPE },
    ]);
    for (const [orderId, host] of [[US_ORDER, 'sellercentral.amazon.com'], [DE_ORDER, 'sellercentral.amazon.de']] as const) {
      const order = await OrderPage.open(await context.newPage(), orderId, host);
      await order.openComposer();
      await order.chooseType('confirmOrderDetails');
      await order.write('Please confirm the colour.');
      await order.send();
      await order.expectSent();
      await order.page.close();
    }
    // Each address was asked for tokens with its own application only, and accepted every token it was shown:
    // a secret or token of the other account would have been refused there (401 / 403).
    const lwaClients = (s: Sandbox) => [...new Set(s.log().filter((e) => e.service === 'lwa').map((e) => (e.requestBody as { client_id?: string }).client_id))];
    expect(lwaClients(sandbox)).toEqual([SANDBOX_CREDENTIALS.clientId]);
    expect(lwaClients(europe)).toEqual([EUROPE.clientId]);
    for (const s of [sandbox, europe]) expect(s.log().filter((e) => e.service !== 'pages' && e.status >= 400)).toEqual([]);

    // The seller points Europe at the North American address and leaves its secret fields blank: refused, and
    // the North American address hears nothing of Europe.
    const heardBefore = sandbox.log().length;
    await options.getByRole('button', { name: 'Edit connection Europe' }).click();
    await options.getByLabel('Address', { exact: true }).fill(sandbox.url);
    await options.getByRole('button', { name: 'Save and test connection' }).click();
    await expect(options.getByText('The stored secret was entered for another address.').first()).toBeVisible();
    // Nor can the options page's own script do it behind the form's back.
    const europeId = await options.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: { connections: Array<{ id: string; name: string }> } }> } } };
      const list = await chrome.runtime.sendMessage({ op: 'connections.list', req: {} });
      return list.value!.connections.find((c) => c.name === 'Europe')!.id;
    });
    const direct = await options.evaluate(
      ({ id, url, clientId }) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          op: 'connection.save',
          req: { id, name: 'Europe', endpoint: { kind: 'custom', baseUrl: url }, defaultMarketplaceId: 'A1PA6795UKMFR9', clientId, clientSecret: '', refreshToken: '' },
        }),
      { id: europeId, url: sandbox.url, clientId: EUROPE.clientId },
    );
    expect(direct).toMatchObject({ ok: false, error: { key: 'opt_secretsOtherEndpoint' } });
    expect(sandbox.log().slice(heardBefore).filter((e) => e.service === 'lwa')).toEqual([]);
    expect(lwaClients(sandbox)).toEqual([SANDBOX_CREDENTIALS.clientId]);

    // Neither account's secrets are readable at rest outside the vault's ciphertext, nor printed.
    const local = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } };
      return JSON.stringify(await chrome.storage.local.get(null));
    });
    const printed = logs.join('\n');
    for (const secret of [...SECRETS, EUROPE.clientSecret, EUROPE.refreshToken]) {
      expect(local).not.toContain(secret);
      expect(printed).not.toContain(secret);
    }
  } finally {
    await europe.close();
  }
});

test('file bytes handed to the service worker by any extension page but the composer are refused, and no draft can claim them', async ({ context, extensionId, sandbox }) => {
  // The options page stands for any other page of the extension (a compromised one, or a bug): it can post to
  // the worker, as the composer does, and it can send runtime messages. What the real worker sees of it (the
  // event's origin and client address, the sender the browser reports) is what this test asks of Chromium.
  const order = await pendingDraft(context, extensionId, sandbox);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const attempt = await options.evaluate(async (orderId) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    const registration = await navigator.serviceWorker.ready;
    const transferId = crypto.randomUUID();
    const channel = new MessageChannel();
    const reply = new Promise<unknown>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data)));
    registration.active!.postMessage({ type: 'attachment.bytes', transferId, blob: new Blob(['not a proof'], { type: 'application/pdf' }) }, [channel.port2]);
    const handoff = await reply;
    // Even a transfer that had been staged could only be claimed by the composer that staged it.
    const claim = await chrome.runtime.sendMessage({ op: 'draft.attachFile', req: { orderId, attachmentId: crypto.randomUUID(), transferId } });
    // Firefox's way in (a runtime message carrying the Blob) is checked the same way.
    const asMessage = await chrome.runtime.sendMessage({ type: 'attachment.bytes', transferId: crypto.randomUUID(), blob: new Blob(['x']) });
    return { handoff, claim, asMessage };
  }, US_ORDER);
  expect(attempt.handoff).toMatchObject({ ok: false, reason: 'sender' });
  expect(attempt.claim).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
  expect(attempt.asMessage).toMatchObject({ ok: false, reason: 'sender' });
  // Nothing was uploaded or sent, and the seller's draft is untouched.
  await expect(order.composer.getByRole('textbox', { name: /message/i })).toHaveValue('A draft the page must not be able to send.');
  expect((await served(sandbox)).filter((r) => r.service === 's3' || (r.method === 'POST' && r.path.startsWith('/messaging/')))).toEqual([]);
});
