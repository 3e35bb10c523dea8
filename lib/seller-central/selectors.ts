/**
 * Every Seller Central selector the extension relies on, in one place. One alternative a line, most
 * trusted first, each with the date and place it was seen, so that a broken page is fixed here and
 * nowhere else.
 *
 * "public scripts" = selectors that sellers' own public automation scripts use against live Seller
 * Central (we have no saved copies of the real pages). "fixture" = only our hand-written fixtures in
 * tests/fixtures/seller-central/, i.e. a guess that has not been checked against the live site.
 *
 * Nothing here throws: on a page that is not what we expect, a finder returns undefined and a reason
 * the caller can log.
 */

export const SELECTORS = {
  /** The order id text on an order detail page: a fallback when the URL does not carry it. */
  orderId: [
    '#MYO-app [data-test-id="order-id-value"]', // 2026-11-23, public scripts
    '[data-test-id="order-id-value"]', // 2026-11-23, public scripts
    '[data-order-id]', // 2026-11-23, fixture
  ],
  /** The marketplace the seller has selected, in the account/marketplace switcher of the top bar. */
  marketplaceSelected: [
    '.dropdown-account-switcher-header-label-regional-child', // 2026-11-23, public scripts
    '.dropdown-account-switcher-header-label-regional', // 2026-11-23, public scripts
    '#sc-mkt-picker-switcher-select option[selected]', // 2026-11-23, public scripts (older picker)
    '[data-marketplace-id][aria-selected="true"]', // 2026-11-23, fixture
  ],
  /** Where the Message buyer button goes: the action bar of the order detail header. */
  actionBar: [
    '[data-test-id="order-details-header-action-buttons"]', // 2026-11-23, fixture
    '#MYO-app .order-details-header-actions', // 2026-11-23, fixture
  ],
  /** Fallback anchor: the top of the main content. */
  mainContent: [
    '#MYO-app', // 2026-11-23, public scripts
    '#sc-content-container', // 2026-11-23, fixture
    'main', // 2026-11-23, fixture
    '[role="main"]', // 2026-11-23, fixture
  ],
} as const satisfies Record<string, readonly string[]>;

/** The little of the DOM the finders need; a Document, an Element or a test double all fit. */
export interface QueryRoot {
  querySelector(selector: string): Element | null;
}

export type Found<T> = { found: T; selector: string } | { found: undefined; reason: string };

/** The first element any of the selectors finds, or why there is none. */
export function findFirst(root: QueryRoot, selectors: readonly string[], what: string): Found<Element> {
  for (const selector of selectors) {
    let element: Element | null = null;
    try {
      element = root.querySelector(selector);
    } catch {
      continue; // A selector the page's engine rejects is a bug to fix here, not a reason to crash.
    }
    if (element) return { found: element, selector };
  }
  return { found: undefined, reason: `${what}: none of ${selectors.length} selectors matched (${selectors.join(' | ')})` };
}

export interface Anchor {
  element: Element;
  /** `append` to the action bar; `prepend` at the top of the main content. */
  placement: 'append' | 'prepend';
  selector: string;
}

/** Where to mount the Message buyer button on an order detail page. */
export function findAnchor(doc: QueryRoot): Found<Anchor> {
  const bar = findFirst(doc, SELECTORS.actionBar, 'order action bar');
  if (bar.found) return { found: { element: bar.found, placement: 'append', selector: bar.selector }, selector: bar.selector };
  const main = findFirst(doc, SELECTORS.mainContent, 'main content');
  if (main.found) {
    return { found: { element: main.found, placement: 'prepend', selector: main.selector }, selector: main.selector };
  }
  return { found: undefined, reason: `${bar.reason}; ${main.reason}` };
}

const ORDER_ID_IN_TEXT = /\b\d{3}-\d{7}-\d{7}\b/;

/** The order id shown on the page (when the URL lacks it). */
export function findOrderIdOnPage(doc: QueryRoot): Found<string> {
  const el = findFirst(doc, SELECTORS.orderId, 'order id element');
  if (!el.found) return el;
  const text = el.found.getAttribute('data-order-id') ?? el.found.textContent ?? '';
  const id = ORDER_ID_IN_TEXT.exec(text)?.[0];
  return id !== undefined
    ? { found: id, selector: el.selector }
    : { found: undefined, reason: `order id element (${el.selector}) holds no 3-7-7 order id` };
}

/** What the marketplace switcher says is selected: an id attribute when there is one, and the label. */
export interface MarketplaceHint {
  marketplaceId?: string;
  label: string;
}

const ID_ATTRIBUTES = ['data-marketplace-id', 'data-marketplaceid', 'data-mkid'];

export function findSelectedMarketplace(doc: QueryRoot): Found<MarketplaceHint> {
  const el = findFirst(doc, SELECTORS.marketplaceSelected, 'marketplace switcher');
  if (!el.found) return el;
  let marketplaceId: string | undefined;
  for (const name of ID_ATTRIBUTES) {
    const value = el.found.getAttribute(name) ?? el.found.closest(`[${name}]`)?.getAttribute(name) ?? null;
    if (value) {
      marketplaceId = value.trim();
      break;
    }
  }
  const label = (el.found.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { found: marketplaceId !== undefined ? { marketplaceId, label } : { label }, selector: el.selector };
}
