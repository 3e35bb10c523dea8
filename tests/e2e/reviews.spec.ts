import type { Frame } from '@playwright/test';
import { SANDBOX_REVIEW_ORDERS as R } from '../sandbox/constants';
import type { Sandbox } from '../sandbox/server';
import { connect, control, expect, test } from './harness';
import { OrderPage } from './order-page';

const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const ACTIONS = 'getSolicitationActionsForOrder';

function calls(sandbox: Sandbox, operation: string, orderId?: string) {
  return sandbox.log().filter((e) => e.operation === operation && (orderId === undefined || e.path.includes(orderId)));
}

function reviewSection(composer: Frame) {
  return composer.locator('section.review');
}

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  await options.close();
});

test('one click requests the review of an order inside its window, once, and the history records it', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), R.eligible);
  const composer = await order.openComposer();
  const review = reviewSection(composer);
  await expect(review.getByTestId('review-state')).toContainText('Can be requested now, until');
  await order.waitUntilSeen();
  await review.getByRole('button', { name: 'Request a review' }).click();
  await expect(review.getByTestId('review-state')).toContainText('Already requested from this browser on');
  await expect(review.getByRole('button', { name: 'Request a review' })).toHaveCount(0);
  // The reverse of the one-message rule, said before the seller spends a proactive message.
  await expect(review.getByTestId('review-one-message')).toContainText('one review request or proactive message per order');
  await expect(composer.locator('.history [data-outcome="sent"]').filter({ hasText: 'Review request' })).toHaveCount(1);
  expect(await control(sandbox, 'solicitations')).toEqual([expect.objectContaining({ amazonOrderId: R.eligible })]);

  // Opened again, the order says so without asking Amazon again, and nothing can send a second request.
  await order.closePanel();
  const again = await order.openComposer();
  await expect(reviewSection(again).getByTestId('review-state')).toContainText('Already requested from this browser on');
  expect(calls(sandbox, CREATE, R.eligible)).toHaveLength(1);
  expect(calls(sandbox, ACTIONS, R.eligible)).toHaveLength(1);
});

test('the panel says when the window opens or closed, and why an order cannot be asked, without wasted calls', async ({ context, sandbox }) => {
  const page = await context.newPage();
  const expectations: [string, string | RegExp][] = [
    [R.tooEarly, /Too early: the window opens on \w+ \d+, \d{4}\./],
    [R.closed, /Too late: the window closed on \w+ \d+, \d{4}\./],
    [R.canceled, 'Not possible: the order was cancelled.'],
    // Nothing in the order says "refunded": the window looks open, and Amazon's empty list tells.
    [R.refunded, 'Amazon does not offer a review request for this order now.'],
    [R.notOffered, 'Amazon does not offer a review request for this order now.'],
  ];
  for (const [orderId, text] of expectations) {
    const order = await OrderPage.open(page, orderId);
    const composer = await order.openComposer();
    const review = reviewSection(composer);
    await expect(review.getByTestId('review-state'), orderId).toContainText(text);
    await expect(review.getByRole('button', { name: 'Request a review' })).toHaveCount(0);
  }
  // The window already said no for these: Amazon was not asked.
  for (const orderId of [R.tooEarly, R.closed, R.canceled]) expect(calls(sandbox, ACTIONS, orderId), orderId).toEqual([]);
  expect(calls(sandbox, CREATE)).toEqual([]);
});

test('a proactive message already accepted: the panel says Amazon allows one review request or proactive message per order', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), R.eligible);
  const composer = await order.openComposer();
  const review = reviewSection(composer);
  await expect(review.getByTestId('review-state')).toContainText('Can be requested now');
  await expect(review.getByTestId('review-one-message')).toHaveCount(0);
  await order.chooseType('unexpectedProblem');
  await order.write('Your parcel was delayed by the carrier; it is on its way again.');
  await order.send();
  await order.expectSent();
  await expect(review.getByTestId('review-one-message')).toContainText('Amazon allows one review request or proactive message per order');
  await expect(review.getByRole('button', { name: 'Request a review' })).toBeVisible();
  expect(calls(sandbox, CREATE)).toEqual([]);
});

test('reopening an order asks Amazon for its data and its review offer once; the first message accepted has the offer asked once more', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), R.eligible);
  for (let i = 0; i < 3; i++) {
    const composer = await order.openComposer();
    await expect(reviewSection(composer).getByTestId('review-state')).toContainText('Can be requested now');
    await order.closePanel();
  }
  expect(calls(sandbox, 'getOrder', R.eligible)).toHaveLength(1);
  expect(calls(sandbox, ACTIONS, R.eligible)).toHaveLength(1);
  // One review request or one proactive message per order: once a message is accepted the offer may be gone.
  await order.openComposer();
  await order.chooseType('unexpectedProblem');
  await order.write('Your parcel was delayed by the carrier; it is on its way again.');
  await order.send();
  await order.expectSent();
  await order.closePanel();
  for (let i = 0; i < 2; i++) {
    const composer = await order.openComposer();
    await expect(reviewSection(composer).getByTestId('review-one-message')).toContainText('Amazon allows one review request or proactive message per order');
    await order.closePanel();
  }
  expect(calls(sandbox, 'getOrder', R.eligible)).toHaveLength(1);
  expect(calls(sandbox, ACTIONS, R.eligible)).toHaveLength(2);
  expect(calls(sandbox, CREATE)).toEqual([]);
});

test('Amazon\'s "not available" answer is recorded as already requested, not as an error to retry', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), R.eligibleDe, 'sellercentral.amazon.de');
  const composer = await order.openComposer();
  const review = reviewSection(composer);
  await expect(review.getByTestId('review-state')).toContainText('Can be requested now');
  // Requested meanwhile elsewhere (Seller Central's own button): Amazon answers the documented 403.
  await control(sandbox, 'faults', {
    faults: [{
      service: 'spapi', operation: CREATE, action: 'status', status: 403,
      body: { errors: [{ code: 'Unauthorized', message: 'The requested solicitation is not available for this amazonOrderId.', details: '' }] },
    }],
  });
  await order.waitUntilSeen();
  await review.getByRole('button', { name: 'Request a review' }).click();
  await expect(review.getByTestId('review-state')).toContainText('Already requested: Amazon answered that a review request is not available');
  await expect(composer.locator('.history [data-outcome="failed"]').filter({ hasText: 'Review request' })).toHaveCount(1);
  expect(calls(sandbox, CREATE)).toHaveLength(1);
});

test('an answer lost after Amazon accepted the request: never sent twice, and settled by asking Amazon', async ({ context, sandbox }) => {
  const order = await OrderPage.open(await context.newPage(), R.eligible);
  const composer = await order.openComposer();
  const review = reviewSection(composer);
  await expect(review.getByTestId('review-state')).toContainText('Can be requested now');
  await control(sandbox, 'faults', { faults: [{ service: 'spapi', operation: CREATE, action: 'accept-then-fail', status: 504 }] });
  await order.waitUntilSeen();
  await review.getByRole('button', { name: 'Request a review' }).click();
  await expect(review.getByRole('alert')).toBeVisible();
  await expect(composer.locator('.history [data-outcome="unknown"]').filter({ hasText: 'Review request' })).toHaveCount(1);
  // Amazon no longer offers it, so the lost answer was an acceptance.
  await expect(review.getByTestId('review-state')).toContainText('Already requested from this browser on');
  await expect(review.getByRole('button', { name: 'Request a review' })).toHaveCount(0);
  expect(calls(sandbox, CREATE)).toHaveLength(1);
  expect(await control(sandbox, 'solicitations')).toHaveLength(1);
});
