/**
 * Where the Message buyer control appears on Seller Central's pages as the evidence describes them
 * (tests/fixtures/seller-central), and how it follows the page.
 */
import { connect, expect, test } from './harness';
import { ACTION_BAR, CONTROL, OrderPage, US_ORDER } from './order-page';

test.beforeEach(async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
});

test('in the action bar it looks like its neighbours and is named "Message buyer"', async ({ context }) => {
  const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.de');
  await expect(order.buttonInBar).toBeVisible();
  expect(await order.placement()).toBe('bar');
  const look = await order.page.evaluate(({ bar, control }) => {
    const box = (el: Element) => el.getBoundingClientRect();
    const neighbour = document.querySelector(`${bar} > span.a-button`)!;
    const host = document.querySelector(control)!;
    return { neighbour: { top: box(neighbour).top, height: box(neighbour).height }, ours: { top: box(host).top, height: box(host).height } };
  }, { bar: ACTION_BAR, control: CONTROL });
  expect(look.ours.height).toBeCloseTo(look.neighbour.height, 0);
  expect(look.ours.top).toBeCloseTo(look.neighbour.top, 0);
  expect(await order.accessibleButtonNames()).toContain('Message buyer');
});

test('on the new Seller Central it floats, covering none of the page\'s own controls', async ({ context }) => {
  const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com', `/amazonsell/orders/${US_ORDER}`);
  await expect(order.button).toBeVisible();
  await expect(order.page.getByRole('heading', { name: 'Order details' })).toBeVisible();
  expect(await order.placement()).toBe('floating');
  const overlaps = await order.page.evaluate((control) => {
    const ours = document.querySelector(control)!.getBoundingClientRect();
    const controls: Element[] = [];
    const collect = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(control)) continue; // ours, and everything in its shadow root
        if (el.matches('a[href], button, input, select, textarea')) controls.push(el);
        if (el.shadowRoot) collect(el.shadowRoot);
      }
    };
    collect(document);
    return controls
      .map((el) => ({ el: el.outerHTML.slice(0, 80), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.left < ours.right && r.right > ours.left && r.top < ours.bottom && r.bottom > ours.top)
      .map(({ el }) => el);
  }, CONTROL);
  expect(overlaps).toEqual([]);
  // The help button sits where a floating control would go first (bottom right); ours went elsewhere.
  await expect(order.page.getByRole('button', { name: 'Help' })).toBeVisible();
});

test('task pages of one order, the refund page and the order lists show no control', async ({ context }) => {
  const page = await context.newPage();
  const order = new OrderPage(page);
  for (const path of [
    `/orders-v3/order/${US_ORDER}/confirm-shipment`,
    `/orders-v3/order/${US_ORDER}/buy-shipping`,
    `/gp/orders-v2/refund?orderID=${US_ORDER}`,
    '/orders-v3',
    '/orders-v3/mfn/unshipped?page=2',
    '/amazonsell/orders/mfn',
  ]) {
    await page.goto(`https://sellercentral.amazon.com${path}`);
    await expect(page.locator('#MYO-app h1, #root h1').first()).toBeVisible();
    await expect(order.button, path).toHaveCount(0);
  }
  // From the order to its confirm-shipment step inside the app, the control goes; back, it returns.
  await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${US_ORDER}`);
  await expect(order.buttonInBar).toBeVisible();
  await page.getByRole('link', { name: 'Confirm shipment' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm shipment' })).toBeVisible();
  await expect(order.button).toHaveCount(0);
  await page.goBack();
  await expect(order.buttonInBar).toBeVisible();
});

test('keyboard: the control is reached with Tab in the bar and when floating, and Enter opens the panel', async ({ context }) => {
  for (const path of [`/orders-v3/order/${US_ORDER}`, `/amazonsell/order-details?orderId=${US_ORDER}`]) {
    const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com', path);
    const page = order.page;
    await expect(order.button).toBeVisible();
    await page.waitForTimeout(200); // the page's own view settles; the control does not wait for it
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((control) => document.activeElement?.matches(control) ?? false, CONTROL);
    }
    expect(reached, path).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => order.hasComposer()).toBe(true);
    await expect(order.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect.poll(() => order.hasComposer()).toBe(false);
    await page.close();
  }
});

test('the control is back in the bar each time the app replaces the bar', async ({ context }) => {
  const order = await OrderPage.open(await context.newPage(), US_ORDER, 'sellercentral.amazon.com', `/orders-v3/order/${US_ORDER}?scenario=replaced-bar`);
  // The first two bars live one second each (too short to assert on a loaded machine); the third stays.
  await expect(order.page.locator(`${ACTION_BAR}[data-generation="3"] > ${CONTROL}`)).toBeVisible();
  await expect(order.button).toHaveCount(1);
});

test('after the extension is reloaded, the open page gets the new control, once, and it works', async ({ context, worker }) => {
  // Chromium disables a command-line unpacked extension that reloads itself unless developer mode is on.
  const settings = await context.newPage();
  await settings.goto('chrome://extensions/');
  await settings.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object, cb: () => void): void } } }).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve),
      ),
  );
  await settings.close();
  const order = await OrderPage.open(await context.newPage());
  await expect(order.buttonInBar).toBeVisible();
  const before = await order.button.evaluate((el) => (el.setAttribute('data-generation-test', 'old'), 'old'));
  expect(before).toBe('old');
  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());
  // The old script's control goes, the new script's control comes, and never two at once.
  await expect(order.page.locator(`${CONTROL}[data-generation-test="old"]`)).toHaveCount(0);
  await expect(order.buttonInBar).toBeVisible();
  await expect(order.button).toHaveCount(1);
  await order.openComposer();
  await expect(order.button).toHaveCount(1);
});

test('a page whose anchors are all missing: floating control, and a page check the seller can copy', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`https://sellercentral.amazon.com/amazonsell/orders/${US_ORDER}`);
  const order = new OrderPage(page);
  await expect(order.button).toBeVisible();
  expect(await order.placement()).toBe('floating');
  await page.waitForTimeout(800); // the page check looks once the page is still
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(order.button).toHaveCount(0);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const check = options.getByRole('region', { name: 'Page check' });
  await expect(check).toBeVisible();
  const text = check.getByRole('textbox', { name: 'Page check report' });
  await expect(text).toHaveValue(/sellercentral\.amazon\.com order \(new\) ×1: missing actionBar, orderId, orderReady/);
  expect(await text.inputValue()).not.toContain(US_ORDER);
  await check.getByRole('button', { name: 'Clear' }).click();
  await expect(check.getByText('No page has surprised Order Courier so far.')).toBeVisible();
});
