/**
 * Automatic review requests: turned on in the settings, the orders the popup lists are scheduled for the
 * instant their window opens, one alarm wakes the worker then (an unpacked extension's alarm may fire 1 s
 * after it is set; a packed one's no sooner than 30 s, which is why these orders open some seconds ahead,
 * not at once), and the sandbox sees exactly one create for each requested order and none for a
 * cancelled one.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Sandbox } from '../sandbox/server';
import { connect, control, expect, stopServiceWorker, test } from './harness';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const ACTIONS = 'getSolicitationActionsForOrder';
const DAY = 86_400_000;
/** How far ahead the added orders' windows open: time to list them in the popup and cancel one first. */
const OPENS_IN_MS = 25_000;

const calls = (sandbox: Sandbox, operation: string, orderId: string) => sandbox.log().filter((e) => e.operation === operation && e.path.includes(orderId));

/** Shipped US orders placed minutes ago (at the top of the popup's recent orders, which end 2 minutes ago as Amazon's do), delivered so that the window opens at `opensAt`. */
async function addShipped(sandbox: Sandbox, ids: string[], opensAt: number, extra: Record<string, unknown> = {}): Promise<void> {
  const delivered = new Date(opensAt - 5 * DAY).toISOString();
  for (const id of ids) {
    await control(sandbox, 'orders', {
      amazonOrderId: id, status: 'Shipped', purchaseDate: new Date(Date.now() - 4 * 60_000).toISOString(),
      earliestDeliveryDate: delivered, latestDeliveryDate: delivered, ...extra,
    });
  }
}

async function turnOn(context: BrowserContext, extensionId: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const toggle = options.getByRole('checkbox', { name: "Request reviews automatically when an order's window opens" });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await options.close();
}

async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

const entry = (popup: Page, orderId: string) => popup.getByTestId('auto-reviews').locator(`li[data-order="${orderId}"]`);

interface Alarm {
  name: string;
  scheduledTime: number;
}

/** The extension's alarms, as Chrome holds them. */
async function alarms(worker: Worker): Promise<Alarm[]> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } };
    return (await chrome.alarms.getAll()).map((a) => ({ name: a.name, scheduledTime: a.scheduledTime }));
  });
}

// The windows open some seconds ahead, and a stopped worker is woken by the alarm.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('turned on, an order the popup lists is requested once when its window opens, by the alarm, even after the worker stopped; a cancelled one never', async ({ context, extensionId, sandbox, worker }) => {
  const [kept, cancelled] = ['111-4000000-0000001', '111-4000000-0000002'];
  await turnOn(context, extensionId);
  // A whole second: Amazon gives delivery dates to the second.
  const opensAt = Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000;
  await addShipped(sandbox, [kept, cancelled], opensAt);

  const popup = await openPopup(context, extensionId);
  const section = popup.getByTestId('auto-reviews');
  await expect(section.getByRole('heading', { name: 'Automatic review requests' })).toBeVisible();
  for (const id of [kept, cancelled]) await expect(entry(popup, id)).toContainText(/Scheduled: opens on \w+ \d+, \d{4}/);
  // One alarm, for the soonest order: not one per order.
  await expect.poll(async () => (await alarms(worker)).filter((a) => a.name === 'reviews.auto').map((a) => a.scheduledTime)).toEqual([opensAt]);
  expect((await alarms(worker)).filter((a) => a.name.startsWith('reviews.'))).toHaveLength(1);

  // Cancelled from the keyboard.
  await entry(popup, cancelled).getByRole('button', { name: `Cancel the automatic review request for order ${cancelled}` }).focus();
  await popup.keyboard.press('Enter');
  await expect(entry(popup, cancelled)).toHaveAttribute('data-state', 'cancelled');
  await expect(entry(popup, cancelled)).toContainText('Cancelled: it will not be requested.');
  await expect(entry(popup, kept)).toHaveAttribute('data-state', 'scheduled');

  // Chrome stops an idle worker; the alarm wakes it when the window opens.
  expect(Date.now()).toBeLessThan(opensAt);
  await stopServiceWorker(context);

  await expect.poll(() => calls(sandbox, CREATE, kept).length, { timeout: 90_000 }).toBe(1);
  await expect(entry(popup, kept)).toHaveAttribute('data-state', 'requested');
  await expect(entry(popup, kept)).toContainText('Requested');
  expect(await control(sandbox, 'solicitations')).toEqual([expect.objectContaining({ amazonOrderId: kept })]);
  // Asked after the window opened, never before.
  for (const e of calls(sandbox, ACTIONS, kept)) expect(Date.parse(e.time)).toBeGreaterThanOrEqual(opensAt);
  expect(calls(sandbox, ACTIONS, cancelled)).toEqual([]);
  expect(calls(sandbox, CREATE, cancelled)).toEqual([]);
  await expect(entry(popup, cancelled)).toHaveAttribute('data-state', 'cancelled');

  // Opened again, the popup lists the same, and the alarm is gone with nothing left to wait for.
  await popup.reload();
  await expect(entry(popup, kept)).toHaveAttribute('data-state', 'requested');
  await expect(entry(popup, cancelled)).toHaveAttribute('data-state', 'cancelled');
  expect(calls(sandbox, CREATE, kept)).toHaveLength(1);
});

test('the popup cancels every scheduled order at once and turns the mode off; a parcel returned to the seller is never scheduled', async ({ context, extensionId, sandbox }) => {
  const ids = ['111-4000000-0000003', '111-4000000-0000004'];
  const returned = '111-4000000-0000005';
  await turnOn(context, extensionId);
  await addShipped(sandbox, ids, Date.now() + 10 * DAY);
  // Orders v2026's packages say it went back to the seller: the buyer has nothing to review.
  await addShipped(sandbox, [returned], Date.now() + 10 * DAY, { packageStatus: 'RETURNED_TO_SELLER' });
  const popup = await openPopup(context, extensionId);
  for (const id of ids) await expect(entry(popup, id)).toHaveAttribute('data-state', 'scheduled');
  await expect(popup.getByRole('button', { name: `${returned} — Shipped` })).toBeVisible();
  await expect(entry(popup, returned)).toHaveCount(0);
  await popup.getByRole('button', { name: 'Cancel all scheduled' }).click();
  for (const id of ids) await expect(entry(popup, id)).toHaveAttribute('data-state', 'cancelled');

  await popup.getByRole('button', { name: 'Turn off automatic requests' }).click();
  await expect(popup.getByTestId('auto-reviews-mode')).toContainText('Off: nothing is requested automatically.');
  await expect(popup.getByRole('link', { name: 'Review request settings' })).toHaveAttribute('href', `chrome-extension://${extensionId}/options.html#auto-reviews`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#auto-reviews`);
  await expect(options.getByRole('checkbox', { name: "Request reviews automatically when an order's window opens" })).not.toBeChecked();
  expect(sandbox.log().filter((e) => e.operation === ACTIONS || e.operation === CREATE)).toEqual([]);
});
