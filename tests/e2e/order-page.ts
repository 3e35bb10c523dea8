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
import type { CDPSession, Frame, Locator, Page } from '@playwright/test';
import { expect } from './harness';
import { MIN_VISIBLE_MS } from '../../lib/ui/visibility';

export const US_ORDER = '902-3159896-1390916';
export const DE_ORDER = '305-7226541-3301942';
export const ACTION_BAR = 'div[data-test-id="order-details-header-action-buttons"]';
export const CONTROL = 'order-courier-panel';

interface DomNode {
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
  backendNodeId: number;
}

function attribute(node: DomNode, name: string): string | undefined {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

export class OrderPage {
  private cdp?: CDPSession;

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

  /** The composer frame in the panel, found the way the browser lists frames (a closed root hides the element). */
  get composer(): Frame {
    const frame = this.page.frames().find((f) => f !== this.page.mainFrame() && new URL(f.url()).pathname === '/composer.html');
    if (!frame) throw new Error('The composer is not open');
    return frame;
  }

  async hasComposer(): Promise<boolean> {
    return this.page.frames().some((f) => f !== this.page.mainFrame() && f.url().includes('/composer.html'));
  }

  /** Clicks Message buyer and waits for the composer's frame. */
  async openPanel(): Promise<Frame> {
    await this.button.click();
    await expect.poll(() => this.hasComposer()).toBe(true);
    await this.composer.waitForLoadState();
    return this.composer;
  }

  async openComposer(): Promise<Frame> {
    const composer = await this.openPanel();
    await expect(composer.getByRole('heading', { name: 'Message types Amazon allows for this order' })).toBeVisible();
    return composer;
  }

  /** The panel's DOM as the browser's inspector sees it, closed shadow roots included. */
  async panelDom(): Promise<DomNode[]> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return [...walk(root)];
  }

  /** The text the panel shows (its shadow root is closed, so it is read the way the inspector reads it). */
  async panelText(): Promise<string> {
    return (await this.panelDom()).filter((n) => n.nodeName === '#text').map((n) => (n as { nodeValue?: string }).nodeValue ?? '').join(' ');
  }

  /** The `src` of the panel's composer frame, token and all: what a leak of the panel's internals would reveal. */
  async composerSrc(): Promise<string> {
    const frame = (await this.panelDom()).find((n) => n.nodeName === 'IFRAME' && attribute(n, 'src')?.includes('/composer.html'));
    if (!frame) throw new Error('No composer frame in the panel');
    return attribute(frame, 'src')!;
  }

  /** Clicks a button inside the panel's closed root by its text, with the mouse, as a seller would. */
  async clickPanelButton(label: string) {
    const node = (await this.panelDom()).find((n) => n.nodeName === 'BUTTON' && (attribute(n, 'aria-label') === label || n.children?.some((c) => (c as { nodeValue?: string }).nodeValue === label)));
    if (!node) throw new Error(`No panel button ${label}`);
    const { model } = (await this.cdp!.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }

  async closePanel() {
    await this.clickPanelButton('Close');
    await expect.poll(() => this.hasComposer()).toBe(false);
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

  /**
   * A framed composer counts a click on Send only once it has been in view for MIN_VISIBLE_MS (a page must
   * not be able to slide it under the pointer just before a click); a seller reads before sending anyway.
   */
  async waitUntilSeen() {
    await this.page.waitForTimeout(MIN_VISIBLE_MS + 100);
  }

  async send() {
    await this.waitUntilSeen();
    await this.sendButton.click();
  }

  async expectSent() {
    await expect(this.composer.getByText('Accepted by Amazon.')).toBeVisible({ timeout: 20_000 });
  }
}
