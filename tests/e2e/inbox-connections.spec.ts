/**
 * The ORDER_CHANGE inbox with two connections: two local sandboxes stand for two regions, each with its own
 * queue. A change in each reaches the one inbox, says which connection it came from, and opens its order on
 * that connection's Seller Central host and merchant account.
 */
import type { Worker } from '@playwright/test';
import { startSandbox } from '../sandbox/server';
import { message } from '../unit/notifications/fixtures';
import { addConnections } from './connections-page';
import { control, expect, served, test } from './harness';
import { DE_ORDER, OrderPage, US_ORDER } from './order-page';
import { connectQueue } from './inbox-page';

type Chrome = { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
const badge = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));

test("each connection's queue feeds the one inbox: a change names its connection and opens on that connection's host", async ({ context, extensionId, sandbox, worker }) => {
  test.setTimeout(150_000);
  const europe = await startSandbox({ port: 0, quiet: true });
  try {
    const options = await context.newPage();
    await addConnections(options, extensionId, [
      { name: 'North America', sandbox, region: 'NA', marketplace: 'ATVPDKIKX0DER' },
      { name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9', merchant: 'A2EUMERCHANT' },
    ]);
    await options.close();

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByRole('tab', { name: 'Inbox' }).click();
    const panel = popup.getByRole('tabpanel', { name: 'Inbox' });
    // Each connection has its own queue: the settings say whose, and follow the connection switch.
    await expect(panel.getByTestId('queue-connection')).toContainText('North America');
    await connectQueue(popup.getByRole('tabpanel', { name: 'Inbox' }), sandbox);
    await popup.getByLabel('Connection').selectOption({ label: 'Europe' });
    await expect(panel.getByTestId('queue-connection')).toContainText('Europe');
    await expect(panel.getByLabel('Queue URL')).toBeVisible();
    await connectQueue(popup.getByRole('tabpanel', { name: 'Inbox' }), europe);

    await control(sandbox, 'sqs/publish', { body: message({ notificationId: 'na-change', orderId: US_ORDER, marketplaceId: 'ATVPDKIKX0DER', eventTime: '2026-03-02T10:00:00.000Z' }) });
    await control(europe, 'sqs/publish', { body: message({ notificationId: 'eu-change', orderId: DE_ORDER, marketplaceId: 'A1PA6795UKMFR9', eventTime: '2026-03-02T11:00:00.000Z' }) });

    // Nobody presses anything: both queues are listened to, and the badge counts both.
    const entries = panel.getByTestId('changes').getByRole('listitem');
    await expect(entries).toHaveCount(2);
    const us = entries.filter({ hasText: `Order ${US_ORDER}` });
    const de = entries.filter({ hasText: `Order ${DE_ORDER}` });
    await expect(us.getByTestId('change-connection')).toHaveText('Connection: North America');
    await expect(de.getByTestId('change-connection')).toHaveText('Connection: Europe');
    // Each change was read from its own sandbox's queue, which is empty now.
    for (const s of [sandbox, europe]) {
      await expect.poll(async () => ((await control(s, 'sqs')) as Array<{ messages: unknown[] }>).reduce((n, q) => n + q.messages.length, 0)).toBe(0);
      expect((await served(s)).filter((r) => r.operation === 'ReceiveMessage').length).toBeGreaterThanOrEqual(2);
    }

    const opened = context.waitForEvent('page');
    await de.getByRole('button').click();
    const orderPage = await opened;
    await expect(orderPage).toHaveURL(`https://sellercentral.amazon.de/orders-v3/order/${DE_ORDER}?mons_sel_dir_mcid=A2EUMERCHANT`);
    const order = new OrderPage(orderPage);
    await order.openComposer();
    expect(await order.panelText()).toContain('Connection: Europe');

    const openedUs = context.waitForEvent('page');
    await us.getByRole('button').click();
    await expect(await openedUs).toHaveURL(`https://sellercentral.amazon.com/orders-v3/order/${US_ORDER}`);
    await expect.poll(() => badge(worker)).toBe('');
  } finally {
    await europe.close();
  }
});
