import type { BrowserContext, Page } from '@playwright/test';
import { SANDBOX_REVIEW_ORDERS as R } from '../sandbox/constants';
import type { Sandbox } from '../sandbox/server';
import { connect, control, expect, test } from './harness';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const ACTIONS = 'getSolicitationActionsForOrder';
const DAY = 86_400_000;
const UNAVAILABLE = { errors: [{ code: 'Unauthorized', message: 'The requested solicitation is not available for this amazonOrderId.', details: '' }] };

/** Shipped US orders delivered 9 to 10 days ago: inside the window. */
async function addEligible(sandbox: Sandbox, count: number, prefix = '111-3000000-'): Promise<string[]> {
  const ids: string[] = [];
  const iso = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  for (let i = 1; i <= count; i++) {
    const id = `${prefix}${String(i).padStart(7, '0')}`;
    await control(sandbox, 'orders', {
      amazonOrderId: id, status: 'Shipped', purchaseDate: iso(15), lastUpdateDate: iso(9),
      earliestDeliveryDate: iso(10), latestDeliveryDate: iso(9),
    });
    ids.push(id);
  }
  return ids;
}

async function openBulk(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/reviews.html`);
  await page.getByLabel('From').fill(new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10));
  return page;
}

const row = (page: Page, orderId: string) => page.locator(`tr[data-order="${orderId}"]`);
const creates = (sandbox: Sandbox) => sandbox.log().filter((e) => e.operation === CREATE && e.status !== 0);

function createsPerOrder(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of sandbox.log().filter((x) => x.operation === CREATE)) {
    const id = /orders\/([^/]+)\//.exec(e.path)?.[1] ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function stopServiceWorker(context: BrowserContext) {
  const internals = await context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await internals.getByRole('button', { name: 'Stop' }).first().click();
  await internals.waitForTimeout(300);
  await internals.close();
}

// A run paces its calls at Amazon's 1 request per second: these tests take longer than most.
test.describe.configure({ timeout: 150_000 });

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('a bulk run: counts before sending, then every order ends in exactly one state, with no 429 and no wasted call', async ({ context, extensionId, sandbox }) => {
  const [requested, already, failing, excluded] = await addEligible(sandbox, 4);
  await control(sandbox, 'faults', {
    faults: [
      // Requested meanwhile in Seller Central: Amazon's documented 403.
      { service: 'spapi', operation: CREATE, pathIncludes: already, action: 'status', status: 403, body: UNAVAILABLE },
      { service: 'spapi', operation: ACTIONS, pathIncludes: failing, action: 'status', status: 400 },
    ],
  });
  const page = await openBulk(context, extensionId);
  // Every request goes out under one connection, and the page names it.
  await expect(page.getByTestId('review-connection')).toHaveText(`Connection: ${new URL(sandbox.url).host}`);
  await page.getByLabel(/Order ids or SKUs/).fill(`${excluded}\nSOME-SKU`);
  await page.getByRole('button', { name: 'Save the exclusion list' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Count the orders' }).click();
  const counts = page.getByTestId('review-counts');
  // eligible: the fixture's eligible, refunded and withheld orders, and three added ones
  await expect(counts.locator('[data-count="eligible"]')).toHaveText('Eligible now: 6');
  await expect(counts.locator('[data-count="tooEarly"]')).toHaveText('Too early (the window opens later): 1');
  await expect(counts.locator('[data-count="tooLate"]')).toHaveText('Too late (the window closed): 1');
  await expect(counts.locator('[data-count="skipped"]')).toContainText(': 5');
  expect(sandbox.log().filter((e) => e.operation === ACTIONS || e.operation === CREATE)).toEqual([]);

  await page.getByRole('button', { name: 'Request reviews of 6 orders' }).click();
  const run = page.getByTestId('review-run');
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(page.getByText('13 of 13 orders done')).toBeVisible();

  for (const id of [R.eligible, requested]) await expect(row(page, id!)).toHaveAttribute('data-state', 'requested');
  await expect(row(page, already!)).toHaveAttribute('data-state', 'already-requested');
  await expect(row(page, failing!)).toHaveAttribute('data-state', 'failed');
  for (const id of [R.refunded, R.notOffered]) {
    await expect(row(page, id)).toHaveAttribute('data-state', 'not-eligible');
    await expect(row(page, id)).toContainText('Amazon does not offer it for this order');
  }
  await expect(row(page, R.tooEarly)).toContainText('the window opens on');
  await expect(row(page, R.closed)).toContainText('the window closed on');
  await expect(row(page, excluded!)).toContainText('exclusion list');
  await expect(row(page, R.canceled)).toContainText('cancelled');
  await expect(page.locator('tr[data-state="pending"]')).toHaveCount(0);

  // The window said no: Amazon was never asked about these orders.
  const asked = new Set(sandbox.log().filter((e) => e.operation === ACTIONS).map((e) => /orders\/([^/?]+)/.exec(e.path)?.[1]));
  for (const id of [R.tooEarly, R.closed, R.canceled, excluded]) expect(asked.has(id), id).toBe(false);
  expect(sandbox.log().filter((e) => e.status === 429)).toEqual([]);
  expect([...createsPerOrder(sandbox).values()].every((n) => n === 1)).toBe(true);
  expect(((await control(sandbox, 'solicitations')) as { amazonOrderId: string }[]).map((s) => s.amazonOrderId).sort())
    .toEqual([R.eligible, requested].sort());

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
  expect(csv.split('\n')[0]).toBe('orderId,marketplaceId,outcome,reason,date,at');
  expect(csv).toContain(`${R.eligible},ATVPDKIKX0DER,requested,`);
  expect(csv).toContain(`${failing},ATVPDKIKX0DER,failed,`);
});

test('pause and resume, and a worker stopped mid-request: each order ends once, never asked twice', async ({ context, extensionId, sandbox }) => {
  const ids = await addEligible(sandbox, 10);
  // The last of the added orders to be processed (the list is newest first, and the first added is the oldest).
  const slow = ids[0]!;
  // The request for this order is held at Amazon while the worker is stopped; Amazon still takes it.
  await control(sandbox, 'faults', { faults: [{ service: 'spapi', operation: CREATE, pathIncludes: slow, action: 'delay', delayMs: 4000 }] });
  const page = await openBulk(context, extensionId);
  await page.getByRole('button', { name: 'Count the orders' }).click();
  await page.getByRole('button', { name: 'Request reviews of 13 orders' }).click();
  const run = page.getByTestId('review-run');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  await page.waitForTimeout(1500); // an order under way when paused may still end
  const pausedAt = creates(sandbox).length;
  await page.waitForTimeout(2500);
  expect(creates(sandbox).length, 'nothing is requested while paused').toBe(pausedAt);
  await expect(page.locator('tr[data-state="pending"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(run).toHaveAttribute('data-status', 'running');

  // Stop the worker while the slow order's request is out.
  await expect.poll(() => sandbox.log().some((e) => e.operation === ACTIONS && e.path.includes(slow)), { timeout: 30_000 }).toBe(true);
  await page.waitForTimeout(500);
  await stopServiceWorker(context);

  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  await expect(page.locator('tr[data-state="pending"]')).toHaveCount(0);
  for (const id of ids) await expect(row(page, id)).toHaveAttribute('data-state', 'requested');
  expect(createsPerOrder(sandbox).get(slow)).toBe(1);
  expect([...createsPerOrder(sandbox).values()].every((n) => n === 1)).toBe(true);
  const solicited = ((await control(sandbox, 'solicitations')) as { amazonOrderId: string }[]).map((s) => s.amazonOrderId);
  expect(new Set(solicited).size).toBe(solicited.length);
  expect(sandbox.log().filter((e) => e.status === 429)).toEqual([]);
});
