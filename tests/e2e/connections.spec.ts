/**
 * Several connections in one browser: two local sandboxes stand for two regions, each its own "another
 * address". The order page picks the connection of its host's region; each connection has its own tokens
 * and its own rate limits, as both sandboxes' logs show.
 */
import { startSandbox, type Sandbox } from '../sandbox/server';
import { addConnection, addConnections } from './connections-page';
import { control, expect, served, test } from './harness';
import { DE_ORDER, OrderPage, US_ORDER } from './order-page';

async function sendText(order: OrderPage, text: string) {
  await order.openComposer();
  await order.chooseType('confirmOrderDetails');
  await order.write(text);
  await order.send();
  await order.expectSent();
}

test('a US page goes to the North American connection and a German page to the European one, each with its own tokens and limits', async ({ context, extensionId, sandbox }) => {
  test.setTimeout(120_000);
  const europe = await startSandbox({ port: 0, quiet: true });
  try {
    const options = await context.newPage();
    await addConnections(options, extensionId, [
      { name: 'North America', sandbox, region: 'NA', marketplace: 'ATVPDKIKX0DER' },
      { name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9' },
    ]);
    await options.close();
    // The connection tests asked both sandboxes about their sample orders; what the order pages ask comes after.
    const before = { na: (await served(sandbox)).length, eu: (await served(europe)).length };

    const us = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com');
    await sendText(us, 'Hello, please confirm the colour of your mug.');
    expect(await us.panelText()).toContain('Connection: North America');

    const de = await OrderPage.open(await context.newPage(), DE_ORDER, 'sellercentral.amazon.de');
    await sendText(de, 'Guten Tag, bitte bestätigen Sie die Farbe.');
    expect(await de.panelText()).toContain('Connection: Europe');

    const [naLog, euLog] = [(await served(sandbox)).slice(before.na), (await served(europe)).slice(before.eu)];
    const orderCalls = (log: typeof naLog) => log.filter((r) => r.service === 'spapi' && r.path.includes('/orders/')).map((r) => r.path);
    expect(orderCalls(naLog).length).toBeGreaterThan(0);
    expect(orderCalls(euLog).length).toBeGreaterThan(0);
    expect(orderCalls(naLog).every((p) => p.includes(US_ORDER))).toBe(true);
    expect(orderCalls(euLog).every((p) => p.includes(DE_ORDER))).toBe(true);
    // Each sandbox issued the tokens it was then shown, and limited only its own connection's calls.
    for (const log of [await served(sandbox), await served(europe)]) {
      expect(log.filter((r) => r.service === 'lwa' && r.status === 200).length).toBeGreaterThan(0);
      expect(log.filter((r) => r.service === 'spapi' && (r.status === 401 || r.status === 403))).toEqual([]);
      expect(log.filter((r) => r.status === 429)).toEqual([]);
    }
    const sent = async (s: Sandbox) => ((await control(s, 'messages')) as Array<{ amazonOrderId: string }>).map((m) => m.amazonOrderId);
    expect(await sent(sandbox)).toEqual([US_ORDER]);
    expect(await sent(europe)).toEqual([DE_ORDER]);
  } finally {
    await europe.close();
  }
});

test('where two connections serve a page the panel asks once and remembers; the seller can switch; a region without one says what to add', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  const europe = await startSandbox({ port: 0, quiet: true });
  const europeTwo = await startSandbox({ port: 0, quiet: true });
  try {
    const options = await context.newPage();
    await addConnections(options, extensionId, [
      { name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9' },
      { name: 'Agency client', sandbox: europeTwo, region: 'EU', marketplace: 'A1PA6795UKMFR9' },
    ]);
    await options.close();
    const pageCalls = async (s: Sandbox, from: number) => (await served(s)).slice(from).filter((r) => r.path.includes(DE_ORDER));
    const before = { one: (await served(europe)).length, two: (await served(europeTwo)).length };

    const de = await OrderPage.open(await context.newPage(), DE_ORDER, 'sellercentral.amazon.de');
    await de.button.click();
    await expect.poll(() => de.panelText()).toContain('Several of your connections serve this page');
    expect(await de.hasComposer()).toBe(false);
    await de.clickPanelButton('Agency client');
    await expect.poll(() => de.hasComposer()).toBe(true);
    expect(await de.panelText()).toContain('Connection: Agency client');

    // Asked once: the next visit opens straight away with the remembered connection.
    await de.page.reload();
    await de.openComposer();
    expect(await de.panelText()).toContain('Connection: Agency client');
    expect(await pageCalls(europeTwo, before.two)).not.toEqual([]);
    expect(await pageCalls(europe, before.one)).toEqual([]);

    // Switching to the other connection reopens the composer for it.
    await de.clickPanelButton('Use Europe instead');
    await expect.poll(() => de.panelText()).toContain('Connection: Europe');
    // The new composer frame replaces the old one: asked again until it is the one that answers.
    const typesShown = async () => {
      try {
        return await de.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' }).isVisible();
      } catch {
        return false;
      }
    };
    await expect.poll(typesShown).toBe(true);
    expect(await pageCalls(europe, before.one)).not.toEqual([]);

    // No connection for North America: the panel says which to add and opens the settings.
    const us = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com');
    await us.button.click();
    await expect.poll(() => us.panelText()).toContain('Add a connection for the region North America');
    const settings = context.waitForEvent('page');
    await us.clickPanelButton('Open the settings');
    expect((await settings).url()).toContain('/options.html');
  } finally {
    await europe.close();
    await europeTwo.close();
  }
});

test('the same account twice is refused with a clear message; removing a connection leaves the others', async ({ context, extensionId, sandbox }) => {
  const page = await context.newPage();
  await addConnections(page, extensionId, [{ name: 'North America', sandbox, region: 'NA', marketplace: 'ATVPDKIKX0DER' }]);
  await addConnection(page, { name: 'Again', sandbox, region: 'NA', marketplace: 'ATVPDKIKX0DER' });
  await expect(page.getByText('This refresh token is already saved for this address as “North America”.', { exact: false })).toBeVisible();

  const europe = await startSandbox({ port: 0, quiet: true });
  try {
    await addConnection(page, { name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9' });
    await expect(page.getByTestId('connection-report')).toBeVisible();
    const list = page.getByTestId('connection-list');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await list.getByRole('button', { name: 'Remove connection North America' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await page.reload();
    await expect(list.getByRole('listitem')).toHaveText(/Europe/);
  } finally {
    await europe.close();
  }
});
