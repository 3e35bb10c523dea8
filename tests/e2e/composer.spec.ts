/**
 * What the seller sees in the composer is what reaches Amazon: file names, refused files, the writing
 * direction, one message per problem, the outcome of a send, and every message type the model defines.
 */
import { readFileSync, rmSync, truncateSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect, control, expect, served, test } from './harness';
import { OrderPage, US_ORDER } from './order-page';

interface SentMessage {
  amazonOrderId: string;
  body: { text?: string; attachments?: Array<{ uploadDestinationId: string; fileName: string }>; coverageStartDate?: string; coverageEndDate?: string };
}

const sentMessages = async (sandbox: Parameters<typeof control>[0]) => (await control(sandbox, 'messages')) as SentMessage[];
const pdf = (name: string, size = 2048) => ({ name, mimeType: 'application/pdf', buffer: Buffer.alloc(size, 7) });

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('file names are cleaned and made unique when picked, shown as sent, and a long one keeps Remove in the panel', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Here are the proofs.');
  const long = `${'Engraving proof for the oak board '.repeat(6)}final.pdf`;
  await order.attach([pdf('invoice.pdf'), pdf('in\tvoice\u0007.pdf'), pdf(long)]);
  await order.attach([pdf('invoice.pdf')]);
  const sentAs = composer.locator('[data-sent-as]');
  await expect(sentAs).toHaveCount(4);
  const names = await sentAs.evaluateAll((els) => els.map((e) => e.getAttribute('data-sent-as')));
  expect(names[0]).toBe('invoice.pdf');
  expect(names[1]).toBe('invoice (2).pdf');
  expect(Array.from(names[2]!).length).toBeLessThanOrEqual(100);
  expect(names[2]).toMatch(/^Engraving proof .*\.pdf$/);
  expect(names[3]).toBe('invoice (3).pdf');
  await expect(sentAs.nth(1)).toHaveText('Sent as “invoice (2).pdf”');

  // The panel is as wide as it is on Seller Central: the long name's size and Remove stay inside it.
  const frame = await (await composer.frameElement()).boundingBox();
  const row = composer.locator('li.attachment').nth(2);
  for (const control of [row.getByRole('button', { name: /^Remove/ }), row.locator('.size')]) {
    const box = await control.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(frame!.x + frame!.width);
  }
  await row.scrollIntoViewIfNeeded();
  await order.page.screenshot({ path: test.info().outputPath('long-file-name.png') });

  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  expect(message!.body.attachments!.map((a) => a.fileName)).toEqual(names);
});

test('a refused file is named, says what to do, and holds Send until removed; nothing drops out silently', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  // Attachments are optional for this type: the text alone could go, without the files the seller meant to send.
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Here are the proofs.');
  await order.attach(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => pdf(`${n}.pdf`)));
  await expect(composer.locator('li.attachment')).toHaveCount(5);
  await expect(composer.getByRole('alert').filter({ hasText: '“f.pdf” was not attached: this message type takes at most 5 files. Remove a file to make room, then pick it again.' })).toBeVisible();
  await expect(composer.getByText(/6 files are attached/)).toHaveCount(0);
  await expect(order.sendButton).toBeDisabled();
  await expect(composer.locator('[data-blocked]')).toHaveText('Send is disabled until you remove or replace “f.pdf”.');
  await composer.getByRole('button', { name: 'Remove f.pdf' }).click();
  await expect(composer.getByRole('alert')).toHaveCount(0);
  await expect(composer.locator('[data-blocked]')).toHaveCount(0);

  await composer.getByRole('button', { name: 'Remove e.pdf' }).click();
  await composer.getByLabel(/Add files/).setInputFiles([{ name: 'photo.png', mimeType: 'image/jpeg', buffer: Buffer.alloc(100, 1) }]);
  const mismatch = composer.getByRole('alert').filter({ hasText: '“photo.png” is named like a .png file' });
  await expect(mismatch).toBeVisible();
  // No MIME types in front of the seller.
  await expect(mismatch).not.toContainText('image/');
  await expect(order.sendButton).toBeDisabled();
  await composer.getByRole('button', { name: 'Remove photo.png' }).click();
  await expect(order.sendButton).toBeEnabled();
  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  expect(message!.body.attachments!.map((a) => a.fileName)).toEqual(['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf']);
});

test('a file moved or deleted after it was picked is named: it could not be read, pick it again', async ({ context, sandbox }) => {
  const dir = mkdtempSync(join(tmpdir(), 'order-courier-unreadable-'));
  const path = join(dir, 'contract.pdf');
  writeFileSync(path, Buffer.alloc(9_000_000, 5));
  try {
    const order = await OrderPage.open(await context.newPage());
    const composer = await order.openComposer();
    await order.chooseType('legalDisclosure');
    await composer.getByLabel(/Add files/).setInputFiles(path);
    await expect(composer.locator('progress')).toHaveCount(1);
    // The file changes on disk while it is being read, as when it is moved or replaced.
    truncateSync(path, 10);
    rmSync(path);
    await expect(composer.getByRole('alert').filter({ hasText: '“contract.pdf” could not be read: it may have been moved or deleted since you picked it. Pick it again.' })).toBeVisible({ timeout: 20_000 });
    await expect(composer.getByText('Something unexpected went wrong')).toHaveCount(0);
    await expect(composer.locator('li.attachment')).toHaveCount(0);
    await expect(order.sendButton).toBeDisabled();
    expect(await sentMessages(sandbox)).toHaveLength(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an Arabic-reading buyer: the text starts right to left, follows what is typed, and is counted and sent as typed', async ({ context, sandbox }) => {
  await control(sandbox, 'orders', { amazonOrderId: US_ORDER, buyerLocale: 'ar-SA' });
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  const text = composer.getByRole('textbox', { name: /message/i });
  await expect(text).toHaveAttribute('dir', 'rtl');
  const arabic = 'مرحبا، هل يناسبك اللون الأزرق؟';
  await text.fill(arabic);
  await expect(text).toHaveAttribute('dir', 'auto');
  expect(await text.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
  await expect(composer.getByText(`${Array.from(arabic).length} of 2000 characters`)).toBeVisible();
  await text.fill('Hello, is blue fine?');
  expect(await text.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
  await text.fill(arabic);
  await order.send();
  await order.expectSent();
  const [message] = await sentMessages(sandbox);
  expect(message!.body.text).toBe(arabic);
});

test('each text problem is said once, blank text is empty, links are explained next to Send, and no API words show', async ({ context }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  const body = composer.locator('main');
  await expect(body).not.toContainText('GetAttributes');
  await expect(body).not.toContainText(/\boperation\b/);
  await order.write('Hi <b>there</b>, write to seller@example.com');
  await expect(composer.getByText('Remove the email address “seller@example.com”', { exact: false })).toHaveCount(1);
  await expect(composer.getByText('Remove the HTML “<b>”', { exact: false })).toHaveCount(1);
  await expect(composer.locator('[data-blocked]')).toHaveText('Send is disabled until the message text above is complete and follows Amazon’s rules.');

  await order.write('   \n  ');
  await expect(composer.getByText('0 of 2000 characters')).toBeVisible();
  await expect(composer.getByText('The message is empty: spaces and line breaks alone are not sent.', { exact: false })).toBeVisible();
  await expect(order.sendButton).toBeDisabled();

  await order.write('Track it at www.example.com/track');
  await expect(order.sendButton).toBeDisabled();
  await expect(composer.locator('[data-blocked]')).toHaveText('Send is disabled until you confirm that the links above are needed to complete the order.');
  await composer.getByLabel(/needed to complete the order/).check();
  await expect(composer.locator('[data-blocked]')).toHaveCount(0);
  await expect(order.sendButton).toBeEnabled();

  // The attachment limit is said once, in bytes as it is checked.
  await order.chooseType('invoice');
  await expect(composer.getByText('together less than 10 MB (10,000,000 bytes)', { exact: false })).toHaveCount(1);
  expect((await body.innerText()).match(/10 MB/g)).toHaveLength(1);
});

test('Amazon accepted: the seller is told so, with a link to the order\'s messages in Seller Central, and the history says it', async ({ context }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmDeliveryDetails');
  await order.write('We can deliver on Saturday morning.');
  await order.send();
  await order.expectSent();
  await expect(composer.getByText('Amazon may still hold a message back', { exact: false })).toBeVisible();
  await expect(composer.getByRole('link', { name: `Sent messages for order ${US_ORDER} in Seller Central (opens a new tab)` })).toHaveAttribute(
    'href',
    `https://sellercentral.amazon.com/messaging/inbox?fi=SEARCH&si=${US_ORDER}`,
  );
  await expect(composer.getByRole('heading', { name: 'Messages from this browser' })).toBeVisible();
  await expect(composer.locator('.history [data-outcome="sent"]')).toContainText('accepted by Amazon');
  await expect(composer.getByText(/sent to the buyer/i)).toHaveCount(0);
});

test('a type Amazon stopped offering is refused once, then the list is read again and it is no longer offered', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write('Could you confirm the colour?');
  // Amazon withdraws the type for this order after the list was read (e.g. the order shipped).
  const orders = (await control(sandbox, 'orders')) as Array<{ amazonOrderId: string; actions: string[] }>;
  const actions = orders.find((o) => o.amazonOrderId === US_ORDER)!.actions.filter((a) => a !== 'confirmOrderDetails');
  await control(sandbox, 'orders', { amazonOrderId: US_ORDER, actions });
  await order.send();
  await expect(composer.getByText('Amazon does not offer this message type for this order', { exact: false }).first()).toBeVisible();
  await expect(composer.locator('[data-segment="confirmOrderDetails"]')).toHaveCount(0);
  await expect(order.sendButton).toHaveCount(0);
  const log = await served(sandbox);
  expect(log.filter((r) => r.operation === 'getMessagingActionsForOrder' && r.path.endsWith(US_ORDER))).toHaveLength(2);
  expect(log.filter((r) => r.operation === 'createConfirmOrderDetails').map((r) => r.status)).toEqual([403]);
});

test('every message type Amazon\'s model defines is sent from the composer and accepted', async ({ context, sandbox }) => {
  test.setTimeout(180_000);
  const model = JSON.parse(readFileSync(resolve('../shared/spapi-models/messaging.json'), 'utf8')) as { paths: Record<string, { post?: { operationId: string } }> };
  const types = Object.entries(model.paths)
    .filter(([, p]) => p.post)
    .map(([path, p]) => ({ segment: path.split('/').pop()!, operationId: p.post!.operationId }));
  expect(types.length).toBeGreaterThanOrEqual(9);
  await control(sandbox, 'orders', { amazonOrderId: US_ORDER, actions: [...types.map((t) => t.segment), 'attributes'] });
  await control(sandbox, 'rate-limit', { operation: 'createUploadDestinationForResource', rate: 20, burst: 20 });
  const order = await OrderPage.open(await context.newPage());
  const composer = await order.openComposer();
  for (const [i, { segment }] of types.entries()) {
    await order.chooseType(segment);
    const text = composer.getByRole('textbox', { name: /message/i });
    if (await text.count()) await text.fill(`A message of type ${segment}.`);
    const needsFile = await composer.getByText(/^0 of at most \d+ files attached/).count();
    const required = await composer.locator('[data-blocked]').count();
    if (needsFile && required) await order.attach([pdf(`${segment}.pdf`)]);
    const dates = composer.locator('input[type="date"]');
    if (await dates.count()) {
      await dates.nth(0).fill('2026-12-01');
      await dates.nth(1).fill('2027-11-30');
    }
    await order.send();
    await expect.poll(async () => (await sentMessages(sandbox)).length, { timeout: 20_000 }).toBe(i + 1);
    await order.expectSent();
  }
  const accepted = (await served(sandbox)).filter((r) => r.status === 201 && r.path.startsWith('/messaging/')).map((r) => r.operation);
  expect(new Set(accepted)).toEqual(new Set(types.map((t) => t.operationId)));
  expect(await sentMessages(sandbox)).toHaveLength(types.length);
});
