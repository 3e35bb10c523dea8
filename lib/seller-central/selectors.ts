/**
 * Every Seller Central selector the extension relies on, in one place. One alternative a line, most
 * trusted first, each with the date and place it was seen, so that a broken page is fixed here and
 * nowhere else.
 *
 * "public scripts" = selectors that sellers' own public automation uses against live Seller Central
 * (reference/seller-central-dom.md; we have no saved copies of the real pages). Nothing invented for our
 * fixtures is listed: a class that only our own pages carry would make the tests pass and the real site fail.
 *
 * Nothing here throws: on a page that is not what we expect, a finder returns undefined and a reason
 * the caller can record.
 */

export const SELECTORS = {
  /** The order id text on a classic order detail page: a check against the URL's id. */
  orderId: [
    '#MYO-app [data-test-id="order-id-value"]', // 2019-2025, public scripts (US/DE/JP/IN)
    '[data-test-id="order-id-value"]', // 2019-2025, public scripts
  ],
  /** The marketplace the seller has selected, in the account/marketplace switcher of the top bar. */
  marketplaceSelected: [
    '.dropdown-account-switcher-header-label-regional-child', // 2026, public scripts (may sit in an open shadow root)
    '.dropdown-account-switcher-header-label-regional', // 2026, public scripts
    '#sc-mkt-picker-switcher-select option[selected]', // 2019-2021, public scripts (older picker)
  ],
  /** Where the Message buyer button goes: the action bar of the classic order detail header. */
  actionBar: [
    'div[data-test-id="order-details-header-action-buttons"]', // 2023-09 to 2025-01, public scripts (DE/EU)
  ],
  /** The "Order details" heading: scripts wait for it as the sign that the classic order view is ready. */
  orderReady: [
    '[data-test-id="order-details-label"]', // 2019-2025, public scripts
  ],
} as const satisfies Record<string, readonly string[]>;

/** The little of the DOM the finders need; a Document, an Element or a test double all fit. */
export interface QueryRoot {
  querySelector(selector: string): Element | null;
}

export type Found<T> = { found: T; selector: string } | { found: undefined; reason: string };

function query(root: QueryRoot, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null; // A selector the engine rejects, or a detached root: a miss, never a crash.
  }
}

/**
 * The open shadow roots under `root`, depth first. The new Seller Central builds its pages from web
 * components with open shadow roots, which `querySelector` from the document does not enter.
 */
export function openShadowRoots(root: QueryRoot & Partial<Pick<ParentNode, 'querySelectorAll'>>): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (r: Partial<Pick<ParentNode, 'querySelectorAll'>>) => {
    let all: ArrayLike<Element> = [];
    try {
      all = r.querySelectorAll?.('*') ?? [];
    } catch {
      return;
    }
    for (let i = 0; i < all.length; i++) {
      const shadow = all[i]!.shadowRoot;
      if (shadow) {
        out.push(shadow);
        walk(shadow);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * The first element any of the selectors finds, or why there is none. With `deep`, open shadow roots are
 * searched too (after the document, which stays the cheap common case).
 */
export function findFirst(root: QueryRoot, selectors: readonly string[], what: string, deep = false): Found<Element> {
  for (const selector of selectors) {
    const element = query(root, selector);
    if (element) return { found: element, selector };
  }
  if (deep) {
    const shadows = openShadowRoots(root);
    for (const selector of selectors) {
      for (const shadow of shadows) {
        const element = query(shadow, selector);
        if (element) return { found: element, selector };
      }
    }
  }
  return { found: undefined, reason: `${what}: none of ${selectors.length} selectors matched` };
}

/** The order's action bar on a classic order detail page, where the button goes beside Amazon's own. */
export function findActionBar(doc: QueryRoot): Found<Element> {
  return findFirst(doc, SELECTORS.actionBar, 'order action bar');
}

const ORDER_ID_IN_TEXT = /\b\d{3}-\d{7}-\d{7}\b/;

/** The order id shown on a classic order page. */
export function findOrderIdOnPage(doc: QueryRoot): Found<string> {
  const el = findFirst(doc, SELECTORS.orderId, 'order id element');
  if (!el.found) return el;
  const id = ORDER_ID_IN_TEXT.exec(el.found.textContent ?? '')?.[0];
  return id !== undefined
    ? { found: id, selector: el.selector }
    : { found: undefined, reason: `order id element (${el.selector}) holds no 3-7-7 order id` };
}

/** What the marketplace switcher says is selected: its label, and an id where the older picker gives one. */
export interface MarketplaceHint {
  marketplaceId?: string;
  label: string;
}

export function findSelectedMarketplace(doc: QueryRoot): Found<MarketplaceHint> {
  const el = findFirst(doc, SELECTORS.marketplaceSelected, 'marketplace switcher', true);
  if (!el.found) return el;
  const label = (el.found.textContent ?? '').replace(/\s+/g, ' ').trim();
  // The older picker is a <select> whose option values are marketplace ids.
  const value = el.found.tagName === 'OPTION' ? el.found.getAttribute('value')?.trim() : undefined;
  return { found: value ? { marketplaceId: value, label } : { label }, selector: el.selector };
}
