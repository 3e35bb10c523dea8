/**
 * Every control has a name a screen reader can read, and a seller can send a message with the keyboard
 * alone.
 */
import type { Frame, Page } from '@playwright/test';
import { connect, control, expect, test } from './harness';
import { OrderPage } from './order-page';

/** Controls without an accessible name (label, aria-label, aria-labelledby, or text for buttons). */
async function unnamedControls(target: Page | Frame): Promise<string[]> {
  return target.locator('button, input, select, textarea, [role="tab"], [role="radio"]').evaluateAll((elements) =>
    elements
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.type === 'hidden' || e.closest('[hidden]')) return false;
        const labelled = e.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join('');
        const name = e.getAttribute('aria-label') || labelled || [...(e.labels ?? [])].map((l) => l.textContent?.trim()).join('') || (e.tagName === 'BUTTON' ? e.textContent?.trim() : '') || e.title;
        return !name;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

test('options, popup and composer: every control is named', async ({ context, extensionId, sandbox }) => {
  const options = await connect(context, extensionId, sandbox);
  expect(await unnamedControls(options)).toEqual([]);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('tab').first()).toBeVisible();
  for (const tab of await popup.getByRole('tab').all()) {
    await tab.click();
    await popup.waitForTimeout(300);
    expect(await unnamedControls(popup), await tab.innerText()).toEqual([]);
  }
  const order = await OrderPage.open(await context.newPage());
  await order.openComposer();
  await order.chooseType('confirmCustomizationDetails');
  await order.write('Proof attached.');
  await order.attach([{ name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1000, 1) }]);
  const frame = order.page.frames().find((f) => f.url().includes('/composer.html'))!;
  expect(await unnamedControls(frame)).toEqual([]);
  expect(await unnamedControls(order.page)).toEqual([]);
});

test('keyboard alone: open the panel, pick a type, write and send', async ({ context, extensionId, sandbox }) => {
  await (await connect(context, extensionId, sandbox)).close();
  const order = await OrderPage.open(await context.newPage());
  const page = order.page;
  await order.button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => order.hasComposer()).toBe(true);
  const composer = order.composer;
  await expect(composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
  const focused = (selector: string) => composer.locator(':focus').evaluateAll((els, s) => els.some((el) => el.matches(s)), selector);
  const tabUntil = async (selector: string) => {
    for (let i = 0; i < 40 && !(await focused(selector)); i++) await page.keyboard.press('Tab');
    expect(await focused(selector), `focus reached ${selector}`).toBe(true);
  };
  await tabUntil('input[name="messageType"]');
  // Arrow keys move within the radio group, as for any radio group; choose "Confirm order details".
  for (let i = 0; i < 10 && !(await focused('[data-segment="confirmOrderDetails"] input')); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(composer.locator('[data-segment="confirmOrderDetails"] input')).toBeChecked();
  await tabUntil('textarea');
  await page.keyboard.type('Could you confirm the size before we ship?');
  await tabUntil('button.primary');
  await page.keyboard.press('Enter');
  await order.expectSent();
  expect(((await control(sandbox, 'messages')) as unknown[]).length).toBe(1);
  // Escape closes the panel and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect.poll(() => order.hasComposer()).toBe(false);
  await expect(order.button).toBeFocused();
});
