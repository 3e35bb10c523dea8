/**
 * The UI's language decides every word. Chromium under --lang=de and --lang=tr: the popup and the
 * composer show no English sentence (only Amazon's own wording, marked lang="en", and what the seller
 * typed); type names come from our catalogue; the buyer's language is named in the UI's language; lang
 * attributes and dates follow the catalogue.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { resolve } from 'node:path';
import { LANGUAGES, loadCatalogue } from '../../scripts/locales';
import { SANDBOX_CREDENTIALS, SANDBOX_ORDERS } from '../sandbox/server';
import { EXTENSION_DIR, extensionIdFor, launch } from './browser';
import { expect, test } from './harness';
import { OrderPage } from './order-page';

const root = resolve('.');
test.use({ actionTimeout: 15_000 });
const catalogues = Object.fromEntries(LANGUAGES.map((lang) => [lang, loadCatalogue(root, lang)]));

/**
 * The English sentences of our catalogue that a page shows: every run of three or more words between
 * placeholders of an English message that the language's own catalogue does not also say.
 */
function englishFragments(lang: string): string[] {
  const own = catalogues[lang]!;
  const fragments = new Set<string>();
  for (const [key, { message }] of Object.entries(catalogues.en!)) {
    if (own[key]?.message === message) continue;
    for (const part of message.split(/\$\d/)) {
      const words = part.trim().replace(/[.:,;!?]+$/, '');
      if (words.split(/\s+/).length >= 3) fragments.add(words);
    }
  }
  return [...fragments];
}

/** Text a person sees, less Amazon's own wording (marked lang="en") and what the seller typed. */
async function visibleText(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (el.closest('[lang="en"], textarea, script, style, [hidden]')) continue;
      if (el.getClientRects().length === 0 && !el.closest('details')) continue;
      parts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder]')) {
      if (el.closest('[lang="en"]')) continue;
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  });
}

/** Words German and Turkish do not use: two of them in one sentence make it English. */
const ENGLISH = /\b(the|and|your|you|this|with|for|is|are|be|can|not|from|to|of|will|has|have)\b/gi;

async function englishIn(target: Page | Frame, lang: string): Promise<string[]> {
  const text = await visibleText(target);
  const ours = englishFragments(lang).filter((fragment) => text.includes(fragment));
  const anyone = text.split(/(?<=[.!?:])\s+|\n/).filter((sentence) => new Set(sentence.toLowerCase().match(ENGLISH) ?? []).size >= 2);
  return [...ours, ...anyone];
}

/** Connects through the options page, labels in the UI's language. */
async function connectIn(context: BrowserContext, extensionId: string, sandboxUrl: string, lang: string): Promise<Page> {
  const m = (key: string) => catalogues[lang]![key]!.message;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel(m('opt_endpoint_custom')).check();
  await page.getByLabel(m('opt_baseUrl'), { exact: true }).fill(sandboxUrl);
  await page.getByLabel(m('opt_clientId')).fill(SANDBOX_CREDENTIALS.clientId);
  await page.getByLabel(m('opt_clientSecret')).fill(SANDBOX_CREDENTIALS.clientSecret);
  await page.getByLabel(m('opt_refreshToken')).fill(SANDBOX_CREDENTIALS.refreshToken);
  await page.getByRole('button', { name: m('opt_saveAndTest') }).click();
  await expect(page.getByTestId('connection-report')).toBeVisible();
  return page;
}

const CASES = [
  { lang: 'de', order: SANDBOX_ORDERS.de, host: 'sellercentral.amazon.de', buyer: 'Deutsch (Deutschland)' },
  { lang: 'tr', order: SANDBOX_ORDERS.tr, host: 'sellercentral.amazon.com.tr', buyer: 'Türkçe (Türkiye)' },
] as const;

for (const { lang, order, host, buyer } of CASES) {
  test(`--lang=${lang}: popup and composer speak the UI's language only`, async ({ sandbox, pageErrors }) => {
    test.setTimeout(120_000);
    const m = (key: string) => catalogues[lang]![key]!.message;
    const context = await launch(sandbox, pageErrors, { args: [`--lang=${lang}`] });
    try {
      const extensionId = extensionIdFor(EXTENSION_DIR);
      const options = await connectIn(context, extensionId, sandbox.url, lang);
      await expect(options.locator('html')).toHaveAttribute('lang', lang);
      expect(await englishIn(options, lang), 'options').toEqual([]);

      // Popup: each tab.
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(popup.locator('html')).toHaveAttribute('lang', lang);
      await expect(popup.locator('[data-order]').first()).toBeVisible();
      expect(await englishIn(popup, lang), 'popup, message').toEqual([]);
      await popup.locator(`[data-order="${SANDBOX_ORDERS.us}"]`).click();
      await expect(popup.locator('[data-segment]').first()).toBeVisible();
      expect(await englishIn(popup, lang), 'popup, types').toEqual([]);
      // Type names are our catalogue's.
      const names = await popup.locator('[data-segment]').allInnerTexts();
      const ours = new Set(Object.entries(catalogues[lang]!).filter(([k]) => /^msg_type_[a-zA-Z]+$/.test(k)).map(([, v]) => v.message));
      expect(names.filter((n) => !ours.has(n.trim())), 'popup type names').toEqual([]);
      for (const tab of ['nui_tab_inbox', 'nui_tab_notifications']) {
        await popup.getByRole('tab', { name: m(tab) }).click();
        await expect(popup.getByRole('tabpanel', { name: m(tab) })).toBeVisible();
        await popup.waitForTimeout(500);
        expect(await englishIn(popup, lang), `popup, ${tab}`).toEqual([]);
      }

      // Composer on the order page: the buyer's language named in the UI's language, each type's form.
      const page = await context.newPage();
      await page.goto(`https://${host}/orders-v3/order/${order}`);
      // The panel's shadow root is closed: the control is reached through its host, the composer as a frame.
      const frameLocator = await new OrderPage(page).openPanel();
      await expect(frameLocator.getByRole('heading', { name: m('cmp_typesTitle') })).toBeVisible();
      const composer = frameLocator;
      await expect(frameLocator.locator('html')).toHaveAttribute('lang', lang);
      await expect(frameLocator.locator('.buyer-language')).toContainText(buyer);
      const segments = await frameLocator.locator('label[data-segment]').evaluateAll((els) => els.map((el) => el.getAttribute('data-segment')!));
      expect(segments.length).toBeGreaterThan(0);
      for (const segment of segments) {
        await frameLocator.locator(`[data-segment="${segment}"] input[type="radio"]`).check();
        await expect(frameLocator.locator('#compose-title')).toHaveText(m(`msg_type_${segment}`));
        expect(await englishIn(composer, lang), `composer, ${segment}`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
}
