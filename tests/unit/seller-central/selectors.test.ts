import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { SELECTORS, findAnchor, findFirst, findOrderIdOnPage, findSelectedMarketplace } from '../../../lib/seller-central/selectors';
import { asDocument, fixtureDom, fixtureHtml, type FixtureName } from './fixtures';

const FIXTURES: FixtureName[] = ['order-detail.html', 'order-list.html', 'order-detail-europe.html'];

describe('fixtures', () => {
  it.each(FIXTURES)('%s is small, dated and says it holds no personal data', (name) => {
    const raw = readFileSync(new URL(`../../fixtures/seller-central/${name}`, import.meta.url), 'utf8');
    expect(raw.length).toBeLessThan(8_000);
    expect(raw.slice(0, 200)).toContain('2026-11-23');
    expect(raw.slice(0, 200)).toContain('hand-written, no personal data');
    expect(raw).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/); // no email addresses
  });

  it('the detail pages carry the order id only through the {{orderId}} placeholder', () => {
    for (const name of ['order-detail.html', 'order-detail-europe.html'] as const) {
      const { document } = fixtureDom(name, '111-2222222-3333333');
      expect(document.querySelector('[data-test-id="order-id-value"]')?.textContent).toBe('111-2222222-3333333');
    }
  });
});

describe('finders on the fixtures', () => {
  it('anchors the button in the order detail action bar', () => {
    const { document } = fixtureDom('order-detail.html');
    const anchor = findAnchor(asDocument(document));
    expect(anchor.found?.placement).toBe('append');
    expect(anchor.found?.element.getAttribute('data-test-id')).toBe('order-details-header-action-buttons');
  });

  it('falls back to the top of the main content when there is no action bar', () => {
    const { document } = fixtureDom('order-list.html');
    const anchor = findAnchor(asDocument(document));
    expect(anchor.found?.placement).toBe('prepend');
    expect(anchor.found?.element.id).toBe('MYO-app');
  });

  it('reads the order id from the page', () => {
    const { document } = fixtureDom('order-detail-europe.html', '305-7226541-3301942');
    expect(findOrderIdOnPage(asDocument(document))).toEqual({ found: '305-7226541-3301942', selector: SELECTORS.orderId[0] });
  });

  it('reads the selected marketplace from the switcher', () => {
    const { document } = fixtureDom('order-detail-europe.html');
    expect(findSelectedMarketplace(asDocument(document)).found).toEqual({ marketplaceId: 'A1PA6795UKMFR9', label: 'Germany' });
  });
});

describe('finders on a foreign page', () => {
  const { document } = parseHTML('<html><body><p>Hello</p></body></html>');
  const doc = asDocument(document);

  it('return undefined with a reason to log, and never throw', () => {
    const anchor = findAnchor(doc);
    expect(anchor.found).toBeUndefined();
    expect('reason' in anchor && anchor.reason).toMatch(/order action bar.*main content/);
    expect(findOrderIdOnPage(doc)).toMatchObject({ found: undefined });
    expect(findSelectedMarketplace(doc)).toMatchObject({ found: undefined });
  });

  it('survive a selector the engine rejects and an element without an order id', () => {
    expect(findFirst(doc, ['[[broken', 'p'], 'test').found?.tagName).toBe('P');
    const { document: other } = parseHTML('<span data-test-id="order-id-value">pending</span>');
    expect(findOrderIdOnPage(asDocument(other))).toMatchObject({ found: undefined, reason: expect.stringContaining('no 3-7-7') });
  });

  it('tolerate a root whose querySelector throws', () => {
    const hostile = { querySelector: () => { throw new Error('detached'); } };
    expect(findAnchor(hostile).found).toBeUndefined();
  });
});

describe('selector list', () => {
  it('is one alternative a line, each with the date it was seen', () => {
    const src = readFileSync(new URL('../../../lib/seller-central/selectors.ts', import.meta.url), 'utf8');
    const body = src.slice(src.indexOf('export const SELECTORS'), src.indexOf('} as const'));
    const lines = body.split('\n').filter((l) => /^\s+'/.test(l));
    const count = Object.values(SELECTORS).reduce((n, list) => n + list.length, 0);
    expect(lines).toHaveLength(count);
    for (const line of lines) expect(line).toMatch(/',\s*\/\/ \d{4}-\d{2}-\d{2}, /);
  });

  it('every selector parses', () => {
    const { document } = parseHTML(fixtureHtml('order-detail.html'));
    for (const list of Object.values(SELECTORS)) for (const s of list) expect(() => document.querySelector(s), s).not.toThrow();
  });
});
