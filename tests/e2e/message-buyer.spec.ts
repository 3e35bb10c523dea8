import { createHash, randomBytes } from 'node:crypto';
import { connect, control, expect, served, stopServiceWorker, test } from './harness';
import type { LogEntry } from '../sandbox/log';
import { DE_ORDER, OrderPage, US_ORDER } from './order-page';

interface SentMessage {
  orderId: string;
  type?: string;
  segment?: string;
  body: { text?: string; attachments?: Array<{ uploadDestinationId: string; fileName: string }>; coverageStartDate?: string; coverageEndDate?: string };
}

async function sentMessages(sandbox: Parameters<typeof control>[0]): Promise<SentMessage[]> {
  const result = (await control(sandbox, 'messages')) as SentMessage[] | { messages: SentMessage[] };
  return Array.isArray(result) ? result : result.messages;
}

const pdf = (name: string, size = 2048) => ({ name, mimeType: 'application/pdf', buffer: Buffer.alloc(size, 7) });

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('text-only message: the seller picks an offered type, writes within the limit and sends once', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await expect(composer.getByText(/The buyer reads .*English/)).toBeVisible();
  // Retired types Amazon still lists are explained, not offered.
  await expect(composer.locator('details.unsupported [data-segment="negativeFeedbackRemoval"]')).toHaveCount(1);
  await order.chooseType('confirmOrderDetails');
  await order.write('Hello, could you confirm the colour of your mug before we ship?');
  await expect(composer.getByText('63 of 2000 characters')).toBeVisible();
  await order.send();
  await order.expectSent();
  const messages = await sentMessages(sandbox);
  expect(messages).toHaveLength(1);
  expect(messages[0]!.body.text).toBe('Hello, could you confirm the colour of your mug before we ship?');
  await expect(composer.locator('.history [data-outcome="sent"]')).toHaveCount(1);
});

test('message with two attachments: MD5-checked uploads, renamed file, then one send', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Here is the proof of your engraving.');
  await order.attach([pdf('proof.pdf', 300_000), { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.alloc(120_000, 3) }]);
  await composer.getByLabel('Name the buyer sees for proof.pdf').fill('Engraving proof');
  await composer.getByLabel('Name the buyer sees for proof.pdf').press('Tab');
  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  expect(message!.body.attachments!.map((a) => a.fileName).sort()).toEqual(['Engraving proof.pdf', 'photo.png']);
  const log = await served(sandbox);
  const puts = log.filter((r) => r.service === 's3' && r.method === 'PUT');
  expect(puts.map((r) => r.status)).toEqual([200, 200]);
  const destinations = log.filter((r) => r.operation === 'createUploadDestinationForResource');
  expect(destinations).toHaveLength(2);
  for (const d of destinations) expect(d.query.contentMD5?.[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
});

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64');

test.describe('uploads as a seller\'s browser makes them', () => {
  // The worker's requests go out unrouted, as they do for a seller (see LaunchOptions.routeWorker).
  test.use({ routeWorker: false });

  test('three large attachments: each arrives whole with its Content-MD5, and their uploads overlap at S3', async ({ context, sandbox }) => {
    // Nine megabytes to pick, hand over, hash, store and upload on a shared machine: no timing is asserted.
    test.setTimeout(120_000);
    const files = ['proof-a.pdf', 'proof-b.pdf', 'proof-c.pdf'].map((name) => ({ name, mimeType: 'application/pdf', buffer: randomBytes(3_000_000) }));
    const order = await OrderPage.open(await context.newPage());
    await order.openComposer();
    await order.chooseType('confirmCustomizationDetails');
    await order.write('Here are the three proofs.');
    await order.attach(files);
    await order.send();
    await order.expectSent();
    const log = (await served(sandbox)) as unknown as LogEntry[];
    const puts = log.filter((r) => r.service === 's3' && r.method === 'PUT');
    // The sandbox answers 400 BadDigest when a body does not match its Content-MD5: 200 means it matched.
    expect(puts.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(puts.map((r) => r.requestHeaders['content-md5']).sort()).toEqual(files.map((f) => md5(f.buffer)).sort());
    // Each PUT's span at the sandbox, from its arrival to its answer. One after another, no two would ever
    // overlap; each upload starts when its own destination is answered, so on a loaded machine the first
    // may finish before the last starts, and the assertion is that uploads were under way together.
    const spans = puts.map((r) => ({ start: Date.parse(r.time), end: Date.parse(r.time) + r.durationMs }));
    const overlapping = spans.filter((s, i) => spans.some((o, j) => j !== i && o.start < s.end && s.start < o.end));
    expect(overlapping.length, JSON.stringify(spans)).toBeGreaterThanOrEqual(2);
  });
});

test('a file attached before the service worker was stopped is still sent, whole, with its Content-MD5', async ({ context, sandbox }) => {
  const file = { name: 'disclosure.pdf', mimeType: 'application/pdf', buffer: randomBytes(2_500_000) };
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('legalDisclosure');
  await order.attach([file]);
  await stopServiceWorker(context);
  await expect(composer.locator('li.attachment')).toHaveCount(1);
  await order.send();
  await order.expectSent();
  const puts = (await served(sandbox)).filter((r) => r.service === 's3' && r.method === 'PUT');
  expect(puts.map((r) => r.status)).toEqual([200]);
  expect(puts[0]!.requestHeaders['content-md5']).toBe(md5(file.buffer));
});

test('attachment-only message (invoice) sends the file and no text', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('invoice');
  await expect(composer.getByRole('textbox', { name: /message/i })).toHaveCount(0);
  await order.attach([pdf('invoice-1001.pdf')]);
  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  expect(message!.body.text).toBeUndefined();
  expect(message!.body.attachments).toHaveLength(1);
});

test('what Amazon would refuse is refused before sending, with a specific message', async ({ context, sandbox }) => {
  // Handing Chromium a 10 MB file from a test buffer is slow on a loaded machine.
  test.setTimeout(90_000);
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('digitalAccessKey');
  await order.write('x'.repeat(401));
  await expect(composer.getByText('401 of 400 characters')).toBeVisible();
  await expect(order.sendButton).toBeDisabled();
  await order.write('Your key: <b>ABC-123</b>');
  await expect(composer.locator('[data-finding="html-tag"]').first()).toBeVisible();
  await expect(order.sendButton).toBeDisabled();
  await order.write('Write to me at seller@example.com for the key');
  await expect(composer.locator('[data-finding="email"]').first()).toBeVisible();
  await expect(order.sendButton).toBeDisabled();
  await order.write('Download it at https://downloads.example.com/key');
  await expect(composer.locator('[data-finding="link"]').first()).toBeVisible();
  await expect(order.sendButton).toBeDisabled();
  await composer.getByLabel(/needed to complete the order/).check();
  await expect(order.sendButton).toBeEnabled();
  await composer.getByLabel(/Add files/).setInputFiles([{ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') }]);
  await expect(composer.getByRole('alert').filter({ hasText: 'tool.exe' })).toBeVisible();
  await composer.getByLabel(/Add files/).setInputFiles([pdf('big.pdf', 10 * 1024 * 1024)]);
  await expect(composer.getByRole('alert').filter({ hasText: /“big\.pdf” \(10\.49 MB\) was not attached.*less than 10 MB \(10,000,000 bytes\)/ })).toBeVisible();
  // Neither file is attached, and neither silently drops out: Send waits until the seller removes them.
  await expect(composer.locator('.attachment')).toHaveCount(0);
  await expect(composer.locator('.refused-file')).toHaveCount(2);
  await expect(order.sendButton).toBeDisabled();
  await expect(composer.locator('[data-blocked]')).toHaveText('Send is disabled until you remove or replace “tool.exe”, “big.pdf”.');
  expect(await sentMessages(sandbox)).toHaveLength(0);
});

test('a draft survives closing the panel and reloading the page', async ({ context }) => {
  const page = await context.newPage();
  let order = await OrderPage.open(page);
  let composer = await order.openComposer();
  await order.chooseType('confirmDeliveryDetails');
  await order.write('We can deliver on Saturday morning.');
  await order.closePanel();
  await page.reload();
  order = new OrderPage(page);
  composer = await order.openComposer();
  await expect(composer.locator('[data-segment="confirmDeliveryDetails"] input')).toBeChecked();
  await expect(composer.getByRole('textbox', { name: /message/i })).toHaveValue('We can deliver on Saturday morning.');
});

test('a double click sends one message', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('unexpectedProblem');
  await order.write('Your parcel was damaged in our warehouse; a replacement ships today.');
  await order.waitUntilSeen();
  await order.sendButton.dblclick();
  await order.expectSent();
  expect(await sentMessages(sandbox)).toHaveLength(1);
});

test('a failed upload leaves the message unsent and the draft intact; a retry sends it once', async ({ context, sandbox }) => {
  const badDigest = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>';
  await control(sandbox, 'faults', { faults: [{ service: 's3', action: 'status', status: 400, body: badDigest, headers: { 'content-type': 'application/xml' }, times: 1 }] });
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('legalDisclosure');
  await order.attach([pdf('disclosure.pdf')]);
  await order.send();
  await expect(composer.getByText('Not sent. Your draft is kept.')).toBeVisible();
  expect(await sentMessages(sandbox)).toHaveLength(0);
  await expect(composer.locator('.attachment')).toHaveCount(1);
  await order.send();
  await order.expectSent();
  expect(await sentMessages(sandbox)).toHaveLength(1);
});

test('in-app navigation from the order list to an order shows the panel there', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/orders-v3');
  await expect(new OrderPage(page).button).toHaveCount(0);
  await page.getByRole('link', { name: US_ORDER }).click();
  await expect(page).toHaveURL(new RegExp(`/orders-v3/order/${US_ORDER}$`));
  const order = new OrderPage(page);
  await expect(order.button).toBeVisible();
  await order.openComposer();
  // Leaving the order inside the app removes the panel; it is not left on a page without an order.
  await page.getByRole('link', { name: 'Back to order list' }).click();
  await expect(page).toHaveURL(/\/orders-v3$/);
  await expect(order.button).toHaveCount(0);
});

test('on the European Seller Central the marketplace comes from the page, and the buyer language is German', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), DE_ORDER, 'sellercentral-europe.amazon.com');
  const composer = await order.openComposer();
  await expect(composer.locator('.buyer-language')).toHaveAttribute('data-locale', 'de-DE');
  await order.chooseType('confirmOrderDetails');
  await order.write('Guten Tag, bitte bestätigen Sie die Farbe Ihrer Bestellung.');
  await order.send();
  await order.expectSent();
  const [message] = (await control(sandbox, 'messages')) as Array<{ marketplaceId: string; amazonOrderId: string }>;
  expect(message).toMatchObject({ amazonOrderId: DE_ORDER, marketplaceId: 'A1PA6795UKMFR9' });
});

test('popup quick path: a recent order, then a message type, opens the composer with that type chosen', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('button', { name: new RegExp(US_ORDER) }).click();
  const composerOpened = context.waitForEvent('page');
  await popup.locator('[data-segment="confirmDeliveryDetails"]').click();
  const composer = await composerOpened;
  await expect(composer).toHaveURL(/composer\.html\?.*type=confirmDeliveryDetails/);
  await expect(composer.locator('[data-segment="confirmDeliveryDetails"] input')).toBeChecked();
  await expect(composer.getByRole('textbox', { name: /message/i })).toBeVisible();
});

test('popup quick path: a pasted order id is checked before anything is asked of Amazon', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel('Or paste an order id').fill('902-315989');
  await expect(popup.getByText('An Amazon order id has 3, 7 and 7 digits')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Show message types' })).toBeDisabled();
  await popup.getByLabel('Or paste an order id').fill(DE_ORDER);
  await popup.getByRole('button', { name: 'Show message types' }).click();
  await expect(popup.getByRole('heading', { name: `Message types for ${DE_ORDER}` })).toBeVisible();
});

test('warranty: coverage days are whole days in the marketplace\'s time zone, shown as sent; an end before the start is refused', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('warranty');
  const dates = composer.locator('input[type="date"]');
  await expect(dates).toHaveCount(2);
  await dates.nth(0).fill('2026-12-01');
  await dates.nth(1).fill('2026-11-01');
  await order.attach([pdf('warranty.pdf')]);
  await expect(order.sendButton).toBeDisabled();
  await expect(composer.locator('#date-coverageEndDate-problem')).toBeVisible();
  await dates.nth(1).fill('2028-12-01');
  await expect(composer.locator('[data-coverage]')).toHaveText(
    /^Covered from December 1, 2026.*00:00:00 to December 1, 2028.*23:59:59 \(America\/Los_Angeles\)/,
  );
  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  // A US order: the first day starts at midnight in Los Angeles, the last one ends there at 23:59:59.
  expect(message!.body).toMatchObject({ coverageStartDate: '2026-12-01T08:00:00.000Z', coverageEndDate: '2028-12-02T07:59:59.000Z' });
  expect(message!.body.attachments).toHaveLength(1);
});

test('new Seller Central (/amazonsell): from the order list to an order, the floating control sends a message', async ({ context, sandbox }) => {
  const page = await context.newPage();
  await page.goto('https://sellercentral.amazon.com/amazonsell/orders/mfn');
  const order = new OrderPage(page);
  await expect(page.getByRole('link', { name: US_ORDER })).toBeVisible();
  await expect(order.button).toHaveCount(0);
  await page.getByRole('link', { name: US_ORDER }).click();
  await expect(page).toHaveURL(new RegExp(`/amazonsell/order-details\\?orderId=${US_ORDER}$`));
  await expect(order.button).toBeVisible();
  expect(await order.placement()).toBe('floating');
  await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write('Hello from the new Seller Central.');
  await order.send();
  await order.expectSent();
  const [message] = (await control(sandbox, 'messages')) as Array<{ marketplaceId: string; amazonOrderId: string }>;
  expect(message).toMatchObject({ amazonOrderId: US_ORDER, marketplaceId: 'ATVPDKIKX0DER' });
});

test('new Seller Central on the European host: the marketplace comes from the switcher behind shadow roots', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), DE_ORDER, 'sellercentral-europe.amazon.com', `/amazonsell/orders/${DE_ORDER}`);
  const composer = await order.openComposer();
  await expect(composer.locator('.buyer-language')).toHaveAttribute('data-locale', 'de-DE');
  await order.chooseType('confirmOrderDetails');
  await order.write('Guten Tag, bitte bestätigen Sie Ihre Bestellung.');
  await order.send();
  await order.expectSent();
  const [message] = (await control(sandbox, 'messages')) as Array<{ marketplaceId: string; amazonOrderId: string }>;
  expect(message).toMatchObject({ amazonOrderId: DE_ORDER, marketplaceId: 'A1PA6795UKMFR9' });
});

test('slow page: the control is there before the order view, and the panel opened from it keeps its draft when the control moves into the bar', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com', `/orders-v3/order/${US_ORDER}?scenario=slow`);
  await expect(order.button).toBeVisible();
  await expect(order.page.getByText('Loading...')).toBeVisible();
  expect(await order.placement()).toBe('floating');
  await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write('Written while the order page was still loading.');
  // The bar renders and the control moves into it; the draft is the background's, so it is there again.
  await expect(order.buttonInBar).toBeVisible({ timeout: 15_000 });
  await order.closePanel();
  await order.openComposer();
  await expect(order.composer.getByRole('textbox', { name: /message/i })).toHaveValue('Written while the order page was still loading.');
  await order.send();
  await order.expectSent();
  const messages = await sentMessages(sandbox);
  expect(messages).toHaveLength(1);
  expect(messages[0]!.body.text).toBe('Written while the order page was still loading.');
});

test('replaced action bar: the control comes back in the new bar and the message goes once', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com', `/orders-v3/order/${US_ORDER}?scenario=replaced-bar`);
  await expect(order.page.locator('div[data-generation="3"] > order-courier-panel')).toBeVisible();
  await order.openComposer();
  await order.chooseType('unexpectedProblem');
  await order.write('The bar was re-rendered twice and the button is still here.');
  await order.send();
  await order.expectSent();
  expect(await sentMessages(sandbox)).toHaveLength(1);
});

test('shared host and nothing on the page names the marketplace: the seller is asked once for that host', async ({ context, sandbox }) => {
  const page = await context.newPage();
  const path = `/orders-v3/order/${DE_ORDER}?scenario=no-switcher`;
  let order = await OrderPage.open(page, DE_ORDER, 'sellercentral-europe.amazon.com', path);
  await expect(order.buttonInBar).toBeVisible();
  await order.button.click();
  expect(await order.accessibleButtonNames()).toContain('Continue');
  await order.answerMarketplace('Germany');
  await expect.poll(() => order.hasComposer()).toBe(true);
  await expect(order.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
  expect((await order.composerUrl()).searchParams.get('marketplaceId')).toBe('A1PA6795UKMFR9');
  await order.chooseType('confirmOrderDetails');
  await order.write('Guten Tag, bitte bestätigen Sie Ihre Bestellung.');
  await order.send();
  await order.expectSent();
  const [message] = (await control(sandbox, 'messages')) as Array<{ marketplaceId: string; amazonOrderId: string }>;
  expect(message).toMatchObject({ amazonOrderId: DE_ORDER, marketplaceId: 'A1PA6795UKMFR9' });
  // Remembered for the host: the next page opens the panel straight away.
  await page.reload();
  order = new OrderPage(page);
  await order.openComposer();
  expect((await order.composerUrl()).searchParams.get('marketplaceId')).toBe('A1PA6795UKMFR9');
  expect(await order.accessibleButtonNames()).not.toContain('Continue');
});
