/**
 * The Firefox build (.output/firefox-mv3) in real Firefox (Debian's firefox-esr, headless, WebDriver BiDi
 * through puppeteer-core), against the local sandbox: install, background start, connection through the
 * options page, the order-page control, one message with an attachment, and the inbox badge.
 *
 * WebDriver BiDi refuses to navigate a tab to a moz-extension:// URL, so the test reaches the extension's
 * pages the way a seller does: a Seller Central order page (the sandbox's fixture, served over HTTPS under
 * Amazon's host name: Firefox resolves every name to 127.0.0.1) shows "Message buyer"; its composer offers
 * "Open settings" while nothing is connected, which opens the options page; the options page, being the
 * extension's own, may open the popup page in a tab.
 *
 * Run: `npx tsx --test tests/firefox/smoke.test.ts` (after `npx wxt build -b firefox`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { SANDBOX_AWS, SANDBOX_CREDENTIALS, SANDBOX_ORDERS, startSandbox, type Sandbox } from '../sandbox/server';
import { message } from '../unit/notifications/fixtures';

const BUILD = resolve('.output/firefox-mv3');
const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const GECKO_ID = (JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
  .browser_specific_settings.gecko.id;
/** Fixed, so the test knows the extension's origin before it loads. */
const EXTENSION_UUID = '5b0f4a7e-2c1d-4e8f-9a36-7d2b1c0e9f41';
const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
// Generous: the machine is shared and Firefox starts slowly under load; a wait only ends early on success.
const WAIT = { timeout: 45_000 };
/** Each step is printed, so a failure says where it stopped. */
const step = (what: string) => console.log(what);

let sandbox: Sandbox;
let seller: Server;
let browser: Browser;
let certDir: string;

/** An HTTPS server with a self-signed certificate that serves the sandbox's Seller Central fixtures. */
async function sellerCentral(sandboxUrl: string): Promise<Server> {
  certDir = mkdtempSync(join(tmpdir(), 'order-courier-ff-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=sellercentral.amazon.com',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  const server = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    fetch(`${sandboxUrl}/__pages${req.url ?? '/'}`, { headers: { 'x-seller-central-host': host } })
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/html' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(502).end();
      });
  });
  await new Promise<void>((done) => server.listen(443, '127.0.0.1', done));
  return server;
}

/** The control whose accessible name (label, aria-label or own text) starts with `name`, shadow roots included. */
async function byName(target: Page | Frame, name: string, selector = 'button, input, select, textarea'): Promise<ElementHandle<Element>> {
  const handle = await target.waitForFunction(
    (wanted: string, sel: string) => {
      const roots: Array<Document | ShadowRoot> = [document];
      for (let i = 0; i < roots.length; i++) {
        for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      }
      for (const root of roots) {
        for (const el of root.querySelectorAll<HTMLElement>(sel)) {
          const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '') : [];
          const names = [el.getAttribute('aria-label') ?? '', ...labels, el.tagName === 'BUTTON' ? el.textContent ?? '' : ''];
          if (names.some((n) => n.trim().startsWith(wanted)) && el.getClientRects().length > 0) return el;
        }
      }
      return null;
    },
    WAIT,
    name,
    selector,
  );
  return handle as ElementHandle<Element>;
}

async function textOf(target: Page | Frame): Promise<string> {
  return target.evaluate(() => document.body.innerText);
}

async function waitForText(target: Page | Frame, text: string): Promise<void> {
  await target.waitForFunction((wanted: string) => document.body.innerText.includes(wanted), WAIT, text);
}

/** The tab showing an extension page (Firefox reports such a tab's URL as about:blank, so the page is asked). */
async function pageAt(path: string): Promise<Page> {
  const deadline = Date.now() + WAIT.timeout;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${ORIGIN}/${path}`)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No tab shows ${path}`);
}

async function fill(target: Page | Frame, label: string, value: string): Promise<void> {
  const field = await byName(target, label, 'input, textarea');
  await field.evaluate((el) => {
    (el as HTMLInputElement).value = '';
  });
  await field.type(value);
}

before(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
  seller = await sellerCentral(sandbox.url);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Every host name is this machine: Seller Central is the local HTTPS server, nothing else answers.
      'network.dns.forceResolve': '127.0.0.1',
    },
  });
});

after(async () => {
  await browser?.close();
  seller?.close();
  await sandbox?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

test('Firefox: install, connect, send a message with an attachment, count an order change on the badge', async () => {
  assert.equal(await browser.installExtension(BUILD), GECKO_ID);

  const order = await browser.newPage();
  // Firefox reports an extension frame's URL as about:blank to WebDriver, so ask the frame where it is.
  const composerFrame = async (): Promise<Frame> => {
    const deadline = Date.now() + WAIT.timeout;
    while (Date.now() < deadline) {
      for (const frame of order.mainFrame().childFrames()) {
        const href = await frame.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(`${ORIGIN}/composer.html`) && !frame.detached) return frame;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('The composer frame did not load');
  };

  // Nothing is connected yet: the panel says so, with its "Open the settings" button focused (the panel's
  // shadow root is closed: the page, and this test, reach it only through the host and the keyboard).
  await order.goto(`https://sellercentral.amazon.com/orders-v3/order/${SANDBOX_ORDERS.us}`);
  await (await order.waitForSelector('order-courier-panel', WAIT))!.click();
  const optionsOpen = async () => {
    for (const page of await browser.pages()) if ((await page.evaluate(() => location.href).catch(() => '')).startsWith(`${ORIGIN}/options.html`)) return true;
    return false;
  };
  for (let i = 0; i < 10 && !(await optionsOpen()); i++) {
    await new Promise((r) => setTimeout(r, 1000));
    await order.keyboard.press('Enter');
  }
  step('order page: the panel opened the settings');
  const options = await pageAt('options.html');
  await (await byName(options, 'Another address', 'input')).click();
  await fill(options, 'Address', sandbox.url);
  await (await byName(options, 'Default marketplace', 'select')).select('ATVPDKIKX0DER');
  await fill(options, 'LWA client identifier', SANDBOX_CREDENTIALS.clientId);
  await fill(options, 'LWA client secret', SANDBOX_CREDENTIALS.clientSecret);
  await fill(options, 'Refresh token', SANDBOX_CREDENTIALS.refreshToken);
  await (await byName(options, 'Save and test connection', 'button')).click();
  await options.waitForSelector('[data-testid="connection-report"]', WAIT);
  assert.ok(sandbox.log().some((r) => r.service === 'lwa' && r.status === 200), 'the background fetched a token from the sandbox');

  step('options: connected to the sandbox');
  // One message with an attachment.
  await order.bringToFront();
  await order.goto(`https://sellercentral.amazon.com/orders-v3/order/${SANDBOX_ORDERS.us}`);
  // The panel's shadow root is closed: the page (and this test) sees only its host, which passes the click on.
  await (await order.waitForSelector('order-courier-panel', WAIT))!.click();
  const composer = await composerFrame();
  const type = await composer.waitForSelector('[data-segment="confirmCustomizationDetails"] input[type="radio"]', WAIT);
  await type!.click();
  await fill(composer, 'Message', 'Proof attached.');
  const files = mkdtempSync(join(tmpdir(), 'order-courier-ff-file-'));
  const proof = join(files, 'proof.pdf');
  execFileSync('sh', ['-c', `printf '%%PDF-1.4\\n%s\\n' "$(head -c 600 /dev/zero | tr '\\0' 'x')" > "${proof}"`]);
  const picker = (await byName(composer, 'Add files', 'input')) as ElementHandle<HTMLInputElement>;
  await picker.uploadFile(proof);
  await composer.waitForFunction(() => document.querySelectorAll('progress').length === 0 && document.body.innerText.includes('proof.pdf'), WAIT);
  step('composer: type chosen, text written, file attached');
  await (await byName(composer, 'Send message', 'button')).click();
  await waitForText(composer, 'Accepted by Amazon.');
  rmSync(files, { recursive: true, force: true });
  const sent = sandbox.messages();
  assert.equal(sent.length, 1, 'one message reached the sandbox');
  const uploads = sandbox.log().filter((r) => r.service === 's3' && r.method === 'PUT' && r.status === 200);
  assert.equal(uploads.length, 1, 'one attachment uploaded to S3');

  // The inbox: connect the queue in the popup page, publish an order change, "Check now", read the badge.
  await options.evaluate(() => location.assign('popup.html'));
  step('sent; opening the popup page');
  const popup = await pageAt('popup.html');
  await (await byName(popup, 'Inbox', '[role="tab"]')).click();
  await fill(popup, 'Queue URL', sandbox.queueUrl);
  await fill(popup, 'AWS region', SANDBOX_AWS.region);
  await fill(popup, 'Access key ID', SANDBOX_AWS.accessKeyId);
  await fill(popup, 'Secret access key', SANDBOX_AWS.secretAccessKey);
  await (await byName(popup, 'Test and connect', 'button')).click();
  await waitForText(popup, 'The queue answered.');
  step('popup: queue connected');
  const published = await fetch(`${sandbox.url}/__control/sqs/publish`, {
    method: 'POST',
    body: JSON.stringify({ body: message({ notificationId: 'ff-new', orderId: '114-4455667-8899001', marketplaceId: 'ATVPDKIKX0DER' }) }),
  });
  assert.equal(published.status, 200, await published.text());
  // The inbox listens: the change arrives by itself; "Check now" may find it already taken.
  await (await byName(popup, 'Check now', 'button')).click();
  // The badge as Firefox shows it on the toolbar button (Firefox's own API; the extension only writes it).
  const badge = () => popup.evaluate(() => (globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string> } } }).browser.action.getBadgeText({}));
  const deadline = Date.now() + WAIT.timeout;
  let text = await badge();
  while (text !== '1' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    text = await badge();
  }
  assert.equal(text, '1', `badge (page says: ${(await textOf(popup)).slice(0, 300)})`);
});
