/** Page object for a Seller Central order page with the Message buyer panel. */
import type { FrameLocator, Page } from '@playwright/test';
import { expect } from './harness';

export const US_ORDER = '902-3159896-1390916';
export const DE_ORDER = '305-7226541-3301942';

export class OrderPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, orderId = US_ORDER, host = 'sellercentral.amazon.com'): Promise<OrderPage> {
    await page.goto(`https://${host}/orders-v3/order/${orderId}`);
    return new OrderPage(page);
  }

  get button() {
    return this.page.getByRole('button', { name: 'Message buyer' });
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
    await expect(this.composer.getByText('Accepted by Amazon.')).toBeVisible({ timeout: 20_000 });
  }
}
