/**
 * The fault matrix: for each fault the sandbox injects, a message is either sent exactly once, or not
 * sent with a clear message and the draft intact. One test per fault.
 */
import type { Page } from '@playwright/test';
import { connect, control, expect, served, stopServiceWorker, test } from './harness';
import { OrderPage } from './order-page';
import type { Sandbox } from '../sandbox/server';

const TEXT = 'Your engraving proof is attached; please confirm the spelling.';
const pdf = { name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(64_000, 5) };

async function sentCount(sandbox: Sandbox): Promise<number> {
  return ((await control(sandbox, 'messages')) as unknown[]).length;
}

async function faults(sandbox: Sandbox, ...list: object[]) {
  const result = (await control(sandbox, 'faults', { faults: list })) as { ok?: boolean; error?: string };
  expect(result.ok, result.error).not.toBe(false);
}

/** Connects, opens the US order, and prepares a text + attachment message ready to send. */
async function readyToSend(page: Page, context: Parameters<typeof connect>[0], extensionId: string, sandbox: Sandbox) {
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(page);
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write(TEXT);
  await order.attach([pdf]);
  return order;
}

async function expectNotSentDraftKept(order: OrderPage, sandbox: Sandbox, message: RegExp) {
  await expect(order.composer.getByText('Not sent. Your draft is kept.')).toBeVisible({ timeout: 20_000 });
  await expect(order.composer.locator('#send-status')).toContainText(message);
  await expect(order.composer.getByRole('textbox', { name: /message/i })).toHaveValue(TEXT);
  await expect(order.composer.locator('.attachment')).toHaveCount(1);
  expect(await sentCount(sandbox)).toBe(0);
}

test('a 429 storm on the send is waited out, then the message is sent once', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  const quota = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };
  await faults(sandbox, { service: 'spapi', operation: 'confirmCustomizationDetails', action: 'status', status: 429, body: quota, headers: { 'retry-after': '1' }, times: 3 });
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

test('503 on the send may mean it arrived: the seller is asked, the message is not sent a second time', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  // A gateway answering 503 after the service took the message: exactly the case a retry would duplicate.
  await faults(sandbox, { service: 'spapi', operation: 'confirmCustomizationDetails', action: 'accept-then-fail', status: 503, body: { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable.' }] } });
  await order.send();
  await expect(order.composer.getByText(/may have been sent/).first()).toBeVisible();
  await order.page.waitForTimeout(1500);
  expect(await sentCount(sandbox)).toBe(1);
});

test('500 on the send is not repeated blindly: the seller is told it may have arrived, the draft stays', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await faults(sandbox, { service: 'spapi', operation: 'confirmCustomizationDetails', action: 'status', status: 500, body: { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error.' }] } });
  await order.send();
  await expect(order.composer.getByText(/may have been sent/).first()).toBeVisible();
  expect(await sentCount(sandbox)).toBe(0);
  await expect(order.composer.getByRole('textbox', { name: /message/i })).toHaveValue(TEXT);
});

test('an access token that expires mid-flow is refreshed once and the message is sent once', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await control(sandbox, 'expire-tokens', {});
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

test('a revoked refresh token (invalid_grant) stops before anything is uploaded, with what to do', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await control(sandbox, 'revoke-refresh-token', {});
  await control(sandbox, 'expire-tokens', {});
  await order.send();
  await expectNotSentDraftKept(order, sandbox, /Authori[sz]e|authori[sz]e/);
});

test('a rotated client secret (invalid_client) is explained and nothing is sent', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await control(sandbox, 'expire-tokens', {});
  await faults(sandbox, { service: 'lwa', action: 'status', status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' }, times: 5 });
  await order.send();
  await expectNotSentDraftKept(order, sandbox, /secret/i);
});

test('S3 answering BadDigest leaves the message unsent with the reason', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>';
  await faults(sandbox, { service: 's3', action: 'status', status: 400, body, headers: { 'content-type': 'application/xml' } });
  await order.send();
  await expectNotSentDraftKept(order, sandbox, /MD5|changed|corrupt|match/i);
});

test('a presigned URL that expired before the PUT gets a new upload destination, then one send', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
  await faults(sandbox, { service: 's3', action: 'status', status: 403, body, headers: { 'content-type': 'application/xml' } });
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

test('a dropped connection during the PUT is retried (PUT is idempotent) and the message sent once', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await faults(sandbox, { service: 's3', action: 'destroy' });
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

test('Amazon accepts the send but the answer is lost: the retry does not send a second message', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await faults(sandbox, { service: 'spapi', operation: 'confirmCustomizationDetails', action: 'accept-then-fail', status: 504 });
  await order.send();
  await expect(order.composer.getByText(/may have been sent/).first()).toBeVisible({ timeout: 20_000 });
  expect(await sentCount(sandbox)).toBe(1);
  // The seller clicks Send again: nothing goes out until they confirm they checked.
  await order.sendButton.click();
  await expect(order.composer.getByText(/may have been sent/).first()).toBeVisible();
  expect(await sentCount(sandbox)).toBe(1);
});

test('the tab navigating away mid-send does not stop or repeat the send', async ({ context, extensionId, sandbox, worker }) => {
  const page = await context.newPage();
  const order = await readyToSend(page, context, extensionId, sandbox);
  await faults(sandbox, { service: 'spapi', operation: 'confirmCustomizationDetails', action: 'delay', delayMs: 1500 });
  await order.send();
  // Mid-send: the click was confirmed and the message call is with Amazon (the job is "sending" in the
  // journal) when the tab leaves. Uploads alone are not the point: they start at the click, before the
  // composer has confirmed it, and a click the composer never confirms is rightly not sent.
  const sending = () =>
    worker.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('order-courier');
          open.onsuccess = () => {
            const all = open.result.transaction('sends').objectStore('sends').getAll();
            all.onsuccess = () => {
              resolve((all.result as Array<{ state: string }>).some((job) => job.state === 'sending'));
              open.result.close();
            };
          };
        }),
    );
  await expect.poll(sending, { timeout: 10_000 }).toBe(true);
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await expect.poll(() => sentCount(sandbox), { timeout: 10_000 }).toBe(1);
  // Back on the order, the panel shows it was sent, once.
  const again = await OrderPage.open(page);
  const composer = await again.openComposer();
  await expect(composer.locator('.history [data-outcome="sent"]')).toHaveCount(1);
});

test('a malformed answer from Amazon (bad JSON) is explained and nothing is sent', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  await faults(sandbox, { service: 'spapi', operation: 'getMessagingActionsForOrder', action: 'malformed-json' });
  const order = await OrderPage.open(await context.newPage());
  await order.openPanel();
  await expect(order.composer.getByRole('alert')).toBeVisible();
  await expect(order.composer.getByRole('button', { name: 'Try again' })).toBeVisible();
  await order.composer.getByRole('button', { name: 'Try again' }).click();
  await expect(order.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
  expect(await sentCount(sandbox)).toBe(0);
});

test('an actions answer without _links is explained instead of breaking the panel', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  await faults(sandbox, { service: 'spapi', operation: 'getMessagingActionsForOrder', action: 'status', status: 200, body: { _embedded: { actions: [] } }, headers: { 'content-type': 'application/hal+json' } });
  const order = await OrderPage.open(await context.newPage());
  await order.openPanel();
  await expect(order.composer.getByRole('alert')).toBeVisible();
  expect(await sentCount(sandbox)).toBe(0);
});

test('the service worker stopped between upload and send: the send resumes and goes out once', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await faults(sandbox, { service: 's3', operation: 'PutObject', action: 'delay', delayMs: 2500 });
  await order.send();
  await expect(order.composer.getByText(/Uploading attachments/)).toBeVisible();
  await stopServiceWorker(context);
  await order.expectSent();
  await order.page.waitForTimeout(1500);
  expect(await sentCount(sandbox)).toBe(1);
  const destinations = (await served(sandbox)).filter((r) => r.operation === 'createUploadDestinationForResource');
  expect(destinations, 'the upload cut off by the stop was made again').toHaveLength(2);
});

test('offline: nothing is sent, the seller is told, and the same draft sends once when back online', async ({ context, extensionId, sandbox }) => {
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  await context.setOffline(true);
  await order.send();
  await expect(order.composer.getByText('Not sent. Your draft is kept.')).toBeVisible({ timeout: 20_000 });
  expect(await sentCount(sandbox)).toBe(0);
  await context.setOffline(false);
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

/**
 * Holds the composer between the click and its confirmation: the click is followed, in the same script,
 * by a debugger statement 20 ms later, once the click's request has left (it waits only for microtasks)
 * and well before the visibility gate's wait (a 200 ms timer) can end. The job is then under way in the
 * background, held. Returns how to let the composer go on.
 */
async function clickAndHoldTheComposer(order: OrderPage, sandbox: Sandbox): Promise<() => Promise<unknown>> {
  const composer = await order.page.context().newCDPSession(order.composer);
  await composer.send('Debugger.enable');
  const paused = new Promise((resolve) => composer.once('Debugger.paused', resolve));
  await order.waitUntilSeen();
  void order.composer
    .evaluate(`(async () => {
      document.querySelector('.send > button').click();
      await new Promise((r) => setTimeout(r, 20));
      debugger;
    })()`)
    .catch(() => undefined);
  await paused;
  // The held job uploads meanwhile (nothing the buyer gets); no message goes out.
  await expect.poll(async () => (await served(sandbox)).some((r) => r.service === 's3' && r.method === 'PUT')).toBe(true);
  expect(await sentCount(sandbox)).toBe(0);
  return () => composer.send('Debugger.resume');
}

test('the service worker stopped between the click and its confirmation: nothing is sent, the draft stays, and the next click sends once', async ({ context, extensionId, sandbox }) => {
  test.slow();
  const order = await readyToSend(await context.newPage(), context, extensionId, sandbox);
  const goOn = await clickAndHoldTheComposer(order, sandbox);
  await stopServiceWorker(context);
  // The composer's confirmation now reaches a new worker, which never sends a job held by the one before.
  await goOn();
  await expectNotSentDraftKept(order, sandbox, /not confirmed in time/);
  await order.page.waitForTimeout(1000);
  expect(await sentCount(sandbox)).toBe(0);
  await order.send();
  await order.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});

test('the composer closed between the click and its confirmation: the held send expires unsent and the draft stays', async ({ context, extensionId, sandbox }) => {
  test.slow();
  const page = await context.newPage();
  const order = await readyToSend(page, context, extensionId, sandbox);
  await clickAndHoldTheComposer(order, sandbox);
  await page.close();
  // Reopened after the confirmation's time ran out: nothing was sent, the draft is there to send.
  const again = await OrderPage.open(await context.newPage());
  await again.openComposer();
  await expectNotSentDraftKept(again, sandbox, /not confirmed in time/);
  await again.send();
  await again.expectSent();
  expect(await sentCount(sandbox)).toBe(1);
});
