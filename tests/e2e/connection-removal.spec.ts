/**
 * Removing a connection while its bulk review run is under way: the seller is asked first, and once it is
 * removed no review request is made for it any more.
 */
import { connect, control, expect, test } from './harness';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const DAY = 86_400_000;

test('removing a connection with a bulk review run under way asks first, then no request is made for it', async ({ context, extensionId, sandbox }) => {
  test.setTimeout(150_000);
  const options = await connect(context, extensionId, sandbox);
  const iso = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  for (let i = 1; i <= 12; i++) {
    await control(sandbox, 'orders', {
      amazonOrderId: `111-3000000-${String(i).padStart(7, '0')}`, status: 'Shipped', purchaseDate: iso(15), lastUpdateDate: iso(9),
      earliestDeliveryDate: iso(10), latestDeliveryDate: iso(9),
    });
  }
  const bulk = await context.newPage();
  await bulk.goto(`chrome-extension://${extensionId}/reviews.html`);
  await bulk.getByLabel('From').fill(new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10));
  await bulk.getByRole('button', { name: 'Count the orders' }).click();
  await bulk.getByRole('button', { name: /^Request reviews of \d+ orders$/ }).click();
  const creates = () => sandbox.log().filter((e) => e.operation === CREATE);
  await expect.poll(() => creates().length, { timeout: 30_000 }).toBeGreaterThan(0);

  await options.bringToFront();
  const asked: string[] = [];
  // The first answer is "Cancel": nothing is removed and the run goes on.
  options.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  const remove = options.getByTestId('connection-list').getByRole('button', { name: /^Remove connection/ });
  await remove.click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/has a bulk review request run with \d+ orders not yet asked\. Remove it anyway\? They end as not requested\./);
  await expect(remove).toHaveCount(1);

  options.once('dialog', (dialog) => void dialog.accept());
  await remove.click();
  await expect(options.getByTestId('connection-list').getByRole('listitem')).toHaveCount(0);
  const atRemoval = creates().length;
  // Long enough for several more requests at Amazon's 1 per second, had the run gone on.
  await options.waitForTimeout(4000);
  expect(creates().length).toBe(atRemoval);
  expect(atRemoval).toBeLessThan(14);
});
