/**
 * Attacks on the network and secrets boundary, tried against the built extension: secrets following a
 * changed endpoint, attachments sent to a host that is not S3, a look-alike SQS queue, and secrets echoed
 * back inside error answers. A second local sandbox plays the other host wherever one is needed.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { SANDBOX_AWS, SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server';
import { connect, control, expect, test } from './harness';
import { OrderPage } from './order-page';
import { submitQueue } from './inbox-page';

const SECRETS_ELSEWHERE = 'The stored secret was entered for another address.';

async function faults(sandbox: Sandbox, ...list: object[]) {
  const result = (await control(sandbox, 'faults', { faults: list })) as { ok?: boolean; error?: string };
  expect(result.ok, result.error).not.toBe(false);
}

/** What the extension sent a sandbox (never what it answered, nor the test's own control calls). */
function sentTo(sandbox: Sandbox): string {
  const fromExtension = sandbox.log().filter((e) => e.service !== 'control');
  return JSON.stringify(fromExtension.map((e) => [e.method, e.path, e.query, e.requestHeaders, e.requestBody]));
}

async function withSecondSandbox(run: (second: Sandbox) => Promise<void>) {
  const second = await startSandbox({ port: 0, quiet: true });
  try {
    await run(second);
  } finally {
    await second.close();
  }
}

test('secrets entered for one address are not sent to another when the address changes', async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await expect(options.getByTestId('connection-report').getByRole('heading', { name: 'Everything works.' })).toBeVisible();
  await withSecondSandbox(async (second) => {
    // The seller points the connection at another address, leaves the secret fields blank, saves and tests.
    await options.getByLabel('Address', { exact: true }).fill(second.url);
    await options.getByRole('button', { name: 'Save and test connection' }).click();
    await options.waitForTimeout(1500);
    for (const secret of [SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken]) expect(sentTo(second)).not.toContain(secret);
    // The sandbox log masks secret fields, so "no token request at all" is what proves none was sent.
    expect(second.log().filter((e) => e.service !== 'pages')).toEqual([]);
    // The form says why it asks again.
    await expect(options.getByText(SECRETS_ELSEWHERE).first()).toBeVisible();
    await expect(options.getByLabel('LWA client secret')).toHaveAttribute('aria-invalid', 'true');
    await expect(options.getByLabel('Refresh token')).toHaveAttribute('aria-invalid', 'true');
    // Whatever the page asks, the background keeps the secrets where they were entered.
    const direct = await options.evaluate(
      (url) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          op: 'connection.save',
          req: { id: 'primary', name: 'Main', endpoint: { kind: 'custom', baseUrl: url }, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'amzn1.application-oa2-client.ordercouriersandbox', clientSecret: '', refreshToken: '' },
        }),
      second.url,
    );
    expect(direct).toMatchObject({ ok: false, error: { key: 'opt_secretsOtherEndpoint' } });
    await options.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(options.getByTestId('connection-report')).toBeVisible();
    await options.waitForTimeout(1000);
    expect(second.log().filter((e) => e.service !== 'pages')).toEqual([]);

    // Typed again for the new address, they are saved for it and used there.
    await options.getByLabel('LWA client secret').fill(SANDBOX_CREDENTIALS.clientSecret);
    await options.getByLabel('Refresh token').fill(SANDBOX_CREDENTIALS.refreshToken);
    await options.getByRole('button', { name: 'Save and test connection' }).click();
    await expect(options.getByTestId('connection-report').getByRole('heading', { name: 'Everything works.' })).toBeVisible();
    expect(second.log().some((e) => e.service === 'lwa' && e.status === 200)).toBe(true);
  });
});

test('an upload URL that is not Amazon S3 (nor the connected address) is refused: nothing is PUT, nothing is sent', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  await withSecondSandbox(async (second) => {
    const invoice = { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(4096, 7) };
    // A wrong or hostile answer names another host (plain http, too) as the upload destination.
    await faults(sandbox, {
      service: 'spapi',
      operation: 'createUploadDestinationForResource',
      action: 'status',
      status: 201,
      body: { payload: { uploadDestinationId: 'amzn1.tortuga.4.na.attacker', url: `${second.url}/s3/attacker/invoice.pdf`, headers: {} } },
      times: 5,
    });
    const order = await OrderPage.open(await context.newPage());
    await order.openComposer();
    await order.chooseType('confirmCustomizationDetails');
    await order.write('Your invoice is attached.');
    await order.attach([invoice]);
    await order.send();
    await expect(order.composer.getByText('Not sent. Your draft is kept.')).toBeVisible({ timeout: 20_000 });
    await expect(order.composer.locator('#send-status')).toContainText('not Amazon S3');
    await expect(order.composer.locator('#send-status')).toContainText(new URL(second.url).host);
    expect(second.log()).toEqual([]);
    expect(await control(sandbox, 'messages')).toEqual([]);
  });
});

test('a look-alike SQS queue on another host is refused before any request, in the popup and in the background', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  const fake = 'https://queue.attacker.example/123456789012/order-courier-orders';
  const reached: string[] = [];
  // If the extension ever asked it, this "queue" would answer with a forged cancellation.
  await context.route('https://queue.attacker.example/**', async (route) => {
    reached.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'application/x-amz-json-1.0', body: '{}' });
  });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Inbox' }).click();
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await panel.getByLabel('Queue URL').fill(fake);
  await panel.getByLabel('AWS region').fill('us-east-1');
  await panel.getByLabel('Access key ID').fill(SANDBOX_AWS.accessKeyId);
  await panel.getByLabel('Secret access key').fill(SANDBOX_AWS.secretAccessKey);
  await panel.getByRole('button', { name: 'Test and connect' }).click();
  await expect(panel.getByText('This is not an Amazon SQS queue address.')).toBeVisible();
  const direct = await popup.evaluate(
    (queueUrl) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        op: 'inbox.connectQueue',
        req: { queueUrl, region: 'us-east-1', accessKeyId: 'AKIAORDERCOURIERDEMO', secretAccessKey: 'sandbox-aws-secret-access-key' },
      }),
    fake,
  );
  expect(direct).toMatchObject({ ok: false, error: { key: 'nui_queue_url_host' } });
  await popup.waitForTimeout(500);
  expect(reached).toEqual([]);
});

/** Every place a secret could surface: what the pages show, storage.local, and both consoles. */
async function expectNowhere(secrets: string[], pages: Page[], worker: Worker, logs: string[], sandbox: Sandbox) {
  const local = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } };
    return JSON.stringify(await chrome.storage.local.get(null));
  });
  const shown = (await Promise.all(pages.map(async (p) => [await p.content(), ...(await Promise.all(p.frames().map((f) => f.content().catch(() => ''))))].join('\n')))).join('\n');
  for (const secret of secrets) {
    expect(shown, 'shown on a page').not.toContain(secret);
    expect(local, 'in storage.local').not.toContain(secret);
    expect(logs.join('\n'), 'in a console').not.toContain(secret);
    expect(sentTo(sandbox), 'sent to the sandbox outside the token request').not.toContain(secret);
  }
}

function collectConsoles(context: BrowserContext, worker: Worker): string[] {
  const logs: string[] = [];
  worker.on('console', (m) => logs.push(m.text()));
  for (const page of context.pages()) page.on('console', (m) => logs.push(m.text()));
  context.on('page', (p) => p.on('console', (m) => logs.push(m.text())));
  return logs;
}

test('secrets echoed back inside error answers are never shown, stored or logged', async ({ context, extensionId, sandbox, worker }) => {
  const logs = collectConsoles(context, worker);
  const clientSecretMarker = 'marker-client-secret-c41f9e';
  const echo = (what: string) => `request rejected; it carried ${what}`;

  // invalid_client, with LWA quoting the (wrong) client secret back.
  await faults(sandbox, { service: 'lwa', action: 'status', status: 401, body: { error: 'invalid_client', error_description: echo(clientSecretMarker) }, times: 4 });
  const options = await connect(context, extensionId, sandbox, { clientSecret: clientSecretMarker });
  await expect(options.getByTestId('connection-report').locator('[data-capability="sellerToken"]')).toHaveAttribute('data-ok', 'false');
  await expect(options.getByTestId('connection-report')).toContainText('***');

  // invalid_grant, quoting the right secret this time.
  await fetch(`${sandbox.url}/__control/faults`, { method: 'DELETE' });
  await options.getByLabel('LWA client secret').fill(SANDBOX_CREDENTIALS.clientSecret);
  await faults(sandbox, { service: 'lwa', action: 'status', status: 400, body: { error: 'invalid_grant', error_description: echo(`${SANDBOX_CREDENTIALS.clientSecret} and ${SANDBOX_CREDENTIALS.refreshToken}`) }, times: 4 });
  await options.getByRole('button', { name: 'Save and test connection' }).click();
  await expect(options.getByTestId('connection-report').locator('[data-capability="sellerToken"]')).toHaveAttribute('data-ok', 'false');
  await expect(options.getByTestId('connection-report')).toContainText('***');
  await fetch(`${sandbox.url}/__control/faults`, { method: 'DELETE' });
  await options.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(options.getByTestId('connection-report').locator('[data-capability="sellerToken"]')).toHaveAttribute('data-ok', 'true');

  // S3 403 quoting the client secret, during a send with an attachment.
  const s3Body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${echo(SANDBOX_CREDENTIALS.clientSecret)}</Message></Error>`;
  await faults(sandbox, { service: 's3', action: 'status', status: 403, body: s3Body, headers: { 'content-type': 'application/xml' } });
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2048, 1) }]);
  await order.send();
  await expect(order.composer.getByText('Not sent. Your draft is kept.')).toBeVisible({ timeout: 20_000 });
  await expect(order.composer.locator('#send-status')).toContainText('***');

  // SQS 403 quoting the AWS secret key, when connecting the queue.
  await faults(sandbox, { service: 'sqs', action: 'status', status: 403, body: { __type: 'com.amazon.coral.service#AccessDeniedException', message: echo(SANDBOX_AWS.secretAccessKey) }, times: 2 });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Inbox' }).click();
  const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
  await submitQueue(panel, sandbox);
  await expect(panel.getByText('***').first()).toBeVisible();
  // The field itself still holds what the seller typed; the check below is about everything else.
  await panel.getByLabel('Secret access key').fill('');

  await expectNowhere(
    [clientSecretMarker, SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken, SANDBOX_AWS.secretAccessKey],
    [options, order.page, popup],
    worker,
    logs,
    sandbox,
  );
});
