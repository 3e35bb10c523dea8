/** axe-core in the end-to-end tests: WCAG 2.1 A and AA, on what the extension draws. */
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function lines(state: string, violations: AxeResults['violations']): string[] {
  return violations.map(
    (v) => `${state}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

/**
 * The violations on a page, one line each ("state: rule (impact) help — where"), so a failing test names
 * the state, the rule and the element. `within` narrows the check to our own element on a page we do not
 * own (the order-page panel on Seller Central).
 */
export async function axeViolations(page: Page, state: string, within?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_21_AA);
  if (within) builder = builder.include(within);
  return lines(state, (await builder.analyze()).violations);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The violations in one frame. The composer is framed inside the panel's shadow root, where axe's own
 * frame discovery does not reach it, so axe runs in the frame itself.
 */
export async function axeFrameViolations(frame: Frame, state: string): Promise<string[]> {
  await frame.evaluate(axeSource);
  const result = await frame.evaluate(
    (tags) => (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_21_AA,
  );
  return lines(state, result.violations);
}
