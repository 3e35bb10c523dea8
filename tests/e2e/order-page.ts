/**
 * Page object for a Seller Central order page with the Message buyer panel, and every locator the tests use
 * for our control, in this one place.
 *
 * Our control lives in a shadow root that is to be closed, and Playwright sees only into open ones. So the
 * control is reached through its host element, `order-courier-panel` (its tag name is part of the design):
 * a click at the host's centre lands on the button inside, focusing the host focuses the button
 * (delegatesFocus), and its accessible name is read from Chromium's accessibility tree, which includes
 * closed roots.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect } from './harness';

export const US_ORDER = '902-3159896-1390916';
export const DE_ORDER = '305-7226541-3301942';
export const ACTION_BAR = 'div[data-test-id="order-details-header-action-buttons"]';
export const CONTROL = 'order-courier-panel';

export class OrderPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, orderId = US_ORDER, host = 'sellercentral.amazon.com', path = `/orders-v3/order/${orderId}`): Promise<OrderPage> {
    await page.goto(`https://${host}${path}`);
    return new OrderPage(page);
  }

  /** The Message buyer control (its host element). */
  get button(): Locator {
    return this.page.locator(CONTROL);
  }

  /** The control when it sits in the order's action bar. */
  get buttonInBar(): Locator {
    return this.page.locator(`${ACTION_BAR} > ${CONTROL}`);
  }

  get actionBar(): Locator {
    return this.page.locator(ACTION_BAR);
  }

  /** Where the control is: "bar" or "floating". */
  async placement(): Promise<string | null> {
    return this.button.getAttribute('data-placement');
  }

  /**
   * Answers the marketplace question (shared host, no hint on the page) with the keyboard, which reaches
   * into a closed shadow root: the question opens with its list focused.
   */
  async answerMarketplace(country: string) {
    await this.page.keyboard.type(country);
    await this.page.keyboard.press('Tab'); // past the hint to "Continue"
    await this.page.keyboard.press('Enter');
  }

  /** The composer frame's URL (it carries the order and marketplace the panel opened for). */
  async composerUrl(): Promise<URL> {
    await expect.poll(() => this.page.frames().some((f) => f.url().includes('/composer.html'))).toBe(true);
    return new URL(this.page.frames().find((f) => f.url().includes('/composer.html'))!.url());
  }

  /** The names of the page's buttons as assistive technology gets them (closed shadow roots included). */
  async accessibleButtonNames(): Promise<string[]> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value?: string }; name?: { value?: string }; ignored?: boolean }> };
      return nodes.filter((n) => !n.ignored && n.role?.value === 'button').map((n) => n.name?.value ?? '');
    } finally {
      await cdp.detach();
    }
  }

  get composer(): FrameLocator {
    return this.page.frameLocator('iframe[title="Message composer"]');
  }

  async openComposer(): Promise<FrameLocator> {
    await this.button.click();
    await expect(this.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
    return this.composer;
  }

  async chooseType(segment: string) {
    await this.composer.locator(`[data-segment="${segment}"] input[type="radio"]`).check();
  }

  async write(text: string) {
    await this.composer.getByRole('textbox', { name: /message/i }).first().fill(text);
  }

  async attach(files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
    await this.composer.getByLabel(/Add files/).setInputFiles(files);
    await expect(this.composer.locator('progress')).toHaveCount(0, { timeout: 20_000 });
  }

  get sendButton() {
    return this.composer.getByRole('button', { name: 'Send message' });
  }

  async send() {
    await this.sendButton.click();
  }

  async expectSent() {
    await expect(this.composer.getByText('Sent. Amazon accepted the message')).toBeVisible({ timeout: 20_000 });
  }
}
