import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectMarketplace } from '../../../lib/seller-central/marketplace';
import { SELECTORS, findActionBar, findFirst, findOrderIdOnPage, findSelectedMarketplace, openShadowRoots } from '../../../lib/seller-central/selectors';
import { asDocument, bootFixture, fixtureDom, fixtureHtml, type FixtureName } from './fixtures';

const ORDER = '902-3159896-1390916';
const raw = (name: FixtureName) => readFileSync(new URL(`../../fixtures/seller-central/${name}`, import.meta.url), 'utf8');

describe('fixtures', () => {
  it.each(['classic.html', 'new.html'] as const)('%s says at the top which evidence it follows and its date', (name) => {
    const head = raw(name).slice(0, 600);
    expect(head).toMatch(/^<!-- 2026-\d\d-\d\d, /);
    expect(head).toContain('seller-central-dom.md');
    expect(head).toContain('no personal data');
    expect(raw(name)).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/); // no email addresses
  });

  it('the new Seller Central fixture says it is a guess', () => {
    expect(raw('new.html').slice(0, 200)).toContain('A GUESS');
  });

  it.each(['hand-made/order-detail.html', 'hand-made/order-list.html', 'hand-made/order-detail-europe.html'] as const)(
    '%s is kept as the hand-written page it is',
    (name) => expect(raw(name).slice(0, 200)).toContain('hand-written'),
  );
});

describe('the classic fixture follows the evidence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function classic(url: string) {
    const page = bootFixture('classic.html', url);
    await vi.advanceTimersByTimeAsync(100);
    return page.document;
  }

  it('its action bar holds only AUI buttons, and no class we invented', async () => {
    const doc = await classic(`https://sellercentral.amazon.de/orders-v3/order/${ORDER}`);
    const bar = findActionBar(doc).found!;
    expect(bar.tagName).toBe('DIV');
    expect(bar.classList.length).toBe(0);
    const children = [...bar.children];
    expect(children.length).toBeGreaterThanOrEqual(4);
    expect(children[0]!.getAttribute('data-test-id')).toBe('manage-idu-invoice-button');
    for (const child of children) {
      expect(child.matches('span.a-button[data-test-id]'), child.outerHTML).toBe(true);
      expect(child.querySelector(':scope > span.a-button-inner > input.a-button-input[type="submit"] + span.a-button-text, :scope > span.a-button-inner > a.a-button-text')).not.toBeNull();
    }
    expect(doc.querySelector('[data-test-id="plugin-button-requestAReview"] a[href^="/messaging/reviews?orderId="]')).not.toBeNull();
    const html = doc.documentElement.outerHTML;
    for (const invented of ['order-details-header-actions', 'data-marketplace-id', 'data-order-id', 'order-lines']) expect(html).not.toContain(invented);
  });

  it('carries the order fields with their data-test-ids, and the items in the first a-keyvalue table', async () => {
    const doc = await classic(`https://sellercentral.amazon.com/orders-v3/order/${ORDER}`);
    for (const id of ['order-details-label', 'order-summary-purchase-date-value', 'order-summary-shipby-value', 'shipping-section-buyer-address', 'shipping-section-phone', 'shipping-section-contact-buyer-value', 'buyer-name-with-link']) {
      expect(doc.querySelector(`[data-test-id="${id}"]`), id).not.toBeNull();
    }
    expect(doc.querySelector('[data-test-id="order-id-value"]')?.outerHTML).toBe(`<span data-test-id="order-id-value" dir="ltr" class="a-text-bold">${ORDER}</span>`);
    expect(doc.querySelector('table.a-keyvalue')?.textContent).toContain('Example mug');
    expect(doc.querySelector('#a-page #sc-content-container #MYO-app')).not.toBeNull();
  });

  it.each([
    ['https://sellercentral.amazon.com', 'Order details', 'United States', 'ATVPDKIKX0DER'],
    ['https://sellercentral.amazon.de', 'Bestelldetails', 'Deutschland', 'A1PA6795UKMFR9'],
    ['https://sellercentral.amazon.fr', 'Détails de la commande', 'France', 'A13V1IB3VIYZZH'],
    ['https://sellercentral.amazon.co.jp', '注文の詳細', '日本', 'A1VC38T7YXB528'],
  ])('%s: localised labels, and the marketplace read from the switcher label', async (origin, heading, label, marketplaceId) => {
    const doc = await classic(`${origin}/orders-v3/order/${ORDER}`);
    expect(doc.querySelector('[data-test-id="order-details-label"]')?.textContent).toBe(heading);
    expect(findSelectedMarketplace(doc).found).toEqual({ label });
    expect(findOrderIdOnPage(doc).found).toBe(ORDER);
    expect(detectMarketplace(`${origin}/orders-v3/order/${ORDER}`, doc)).toMatchObject({ marketplaceId, source: 'page' });
  });
});

describe('finders on the new Seller Central (open shadow roots, no data-test-ids)', () => {
  // linkedom does not upgrade custom elements created inside a shadow root, so the shape of new.html is built by hand.
  function newShell(label: string) {
    const { document } = parseHTML('<html><body><sc-shell></sc-shell><div id="root"><h1>Order details</h1></div></body></html>');
    const shell = document.querySelector('sc-shell')!.attachShadow({ mode: 'open' });
    shell.innerHTML = '<header><span>Seller Central</span><sc-account-switcher></sc-account-switcher></header>';
    const switcher = shell.querySelector('sc-account-switcher')!.attachShadow({ mode: 'open' });
    switcher.innerHTML = `<span class="dropdown-account-switcher-header-label-global">Example Store</span> | <span class="dropdown-account-switcher-header-label-regional">${label}</span>`;
    return asDocument(document);
  }

  it('finds the switcher label two shadow roots deep, and the marketplace from it in any interface language', () => {
    for (const label of ['Germany', 'Allemagne', 'Deutschland', 'ドイツ', 'www.amazon.de']) {
      const doc = newShell(label);
      expect(openShadowRoots(doc)).toHaveLength(2);
      expect(doc.querySelector('.dropdown-account-switcher-header-label-regional')).toBeNull();
      expect(findSelectedMarketplace(doc).found, label).toEqual({ label });
      expect(detectMarketplace('https://sellercentral-europe.amazon.com/amazonsell/orders/305-7226541-3301942', doc)).toMatchObject({ marketplaceId: 'A1PA6795UKMFR9', source: 'page' });
    }
  });

  it('finds no action bar and no order id element there: the control floats', () => {
    const doc = newShell('Germany');
    expect(findActionBar(doc)).toMatchObject({ found: undefined, reason: expect.stringContaining('order action bar') });
    expect(findOrderIdOnPage(doc).found).toBeUndefined();
  });

  it('prefers the URL over the switcher, in both of its forms', () => {
    const doc = newShell('Germany');
    const url = 'https://sellercentral-europe.amazon.com/amazonsell/orders/305-7226541-3301942';
    expect(detectMarketplace(`${url}?mons_sel_mkid=amzn1.mp.o.A13V1IB3VIYZZH`, doc)).toMatchObject({ marketplaceId: 'A13V1IB3VIYZZH', source: 'url' });
    expect(detectMarketplace(`${url}?mons_sel_mkid=APJ6JRA9NG5V4`, doc)).toMatchObject({ marketplaceId: 'APJ6JRA9NG5V4', source: 'url' });
  });
});

describe('the hand-made fixtures are negative cases: our old guesses anchor nothing', () => {
  it('an invented action-bar class without the real data-test-id is not a bar', () => {
    const { document } = fixtureDom('hand-made/order-detail.html');
    document.querySelector('[data-test-id="order-details-header-action-buttons"]')!.removeAttribute('data-test-id');
    expect(document.querySelector('.order-details-header-actions')).not.toBeNull();
    expect(findActionBar(asDocument(document)).found).toBeUndefined();
  });

  it('a data-marketplace-id attribute (never seen on the real site) is not read', () => {
    const { document } = fixtureDom('hand-made/order-detail-europe.html');
    for (const el of document.querySelectorAll('[class^="dropdown-account-switcher-header-label-regional"]')) el.remove();
    expect(document.querySelector('[data-marketplace-id]')).not.toBeNull();
    expect(findSelectedMarketplace(asDocument(document)).found).toBeUndefined();
    expect(detectMarketplace('https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942', asDocument(document))).toEqual({ region: 'EU', source: 'unknown' });
  });
});

describe('finders on a foreign page', () => {
  const { document } = parseHTML('<html><body><p>Hello</p></body></html>');
  const doc = asDocument(document);

  it('return undefined with a reason to record, and never throw', () => {
    expect(findActionBar(doc)).toMatchObject({ found: undefined, reason: expect.stringContaining('order action bar') });
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
    expect(findActionBar(hostile).found).toBeUndefined();
    expect(findSelectedMarketplace(hostile).found).toBeUndefined();
  });
});

describe('selector list', () => {
  it('is one alternative a line, each with the date it was seen and where', () => {
    const src = readFileSync(new URL('../../../lib/seller-central/selectors.ts', import.meta.url), 'utf8');
    const body = src.slice(src.indexOf('export const SELECTORS'), src.indexOf('} as const'));
    const lines = body.split('\n').filter((l) => /^\s+'/.test(l));
    const count = Object.values(SELECTORS).reduce((n, list) => n + list.length, 0);
    expect(lines).toHaveLength(count);
    for (const line of lines) expect(line).toMatch(/',\s*\/\/ \d{4}(-\d{2})?(-\d{2})?( to \d{4}-\d{2}|-\d{4})?, public scripts/);
  });

  it('every selector parses', () => {
    const { document } = parseHTML(fixtureHtml('classic.html'));
    for (const list of Object.values(SELECTORS)) for (const s of list) expect(() => document.querySelector(s), s).not.toThrow();
  });
});
