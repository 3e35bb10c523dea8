import { browser } from 'wxt/browser';
import { addPageCheck, FINDERS, PAGE_CHECK_KEY, readPageCheck, type FinderName } from '../../lib/seller-central/check';
import { detectMarketplace, mustAskMarketplace, REMEMBERED_MARKETPLACES_KEY } from '../../lib/seller-central/marketplace';
import type { RegionId } from '../../lib/marketplaces';
import { isNewSellerCentral, isOrderDetailPage, orderIdFromUrl, pageKind } from '../../lib/seller-central/pages';
import { findActionBar, findFirst, findOrderIdOnPage, findSelectedMarketplace, SELECTORS } from '../../lib/seller-central/selectors';

import type { PageOrder } from '../../lib/protocol';

export type { PageOrder };

/** The order a page is about (its detail view, or a task on it such as confirm shipment), for the popup. */
export function pageOrder(url: string): PageOrder | undefined {
  const orderId = orderIdFromUrl(url);
  if (!orderId) return undefined;
  // Read when first asked for (opening the panel, the popup's question), not when the control is shown:
  // the switcher may not be rendered yet, and the control must not wait for it.
  // An empty answer is asked again: the switcher may render later, or the seller may answer the question.
  let marketplaceId = '';
  return {
    orderId,
    get marketplaceId() {
      if (!marketplaceId) marketplaceId = detectMarketplace(url, document, remembered).marketplaceId ?? '';
      return marketplaceId;
    },
  };
}

/** The seller's answers for shared hosts (storage.local), read once when the script starts. */
let remembered: Record<string, unknown> = {};
export const rememberedLoaded = browser.storage.local
  .get(REMEMBERED_MARKETPLACES_KEY)
  .then((stored) => {
    const value = stored[REMEMBERED_MARKETPLACES_KEY];
    if (value && typeof value === 'object') remembered = { ...(value as Record<string, unknown>), ...remembered };
  })
  .catch(() => undefined);

/** On a shared host where nothing on the page names the marketplace: the region to ask within. */
export function marketplaceQuestion(url: string): { host: string; region: RegionId } | undefined {
  const detected = detectMarketplace(url, document, remembered);
  return mustAskMarketplace(detected) ? { host: new URL(url).hostname, region: detected.region } : undefined;
}

/** Keeps the seller's answer for this host, here and for later pages. */
export async function rememberMarketplace(host: string, marketplaceId: string): Promise<void> {
  remembered = { ...remembered, [host]: marketplaceId };
  const stored = await browser.storage.local.get(REMEMBERED_MARKETPLACES_KEY);
  const previous = stored[REMEMBERED_MARKETPLACES_KEY];
  await browser.storage.local.set({ [REMEMBERED_MARKETPLACES_KEY]: { ...(previous && typeof previous === 'object' ? previous : {}), [host]: marketplaceId } });
}

/**
 * The merchant account the page is for, where its address names it (Seller Central's account switcher puts
 * it in `mons_sel_dir_mcid`): the connection is picked, and a choice remembered, per host and merchant.
 */
export function pageMerchant(url: string): string | undefined {
  const merchant = new URL(url).searchParams.get('mons_sel_dir_mcid') ?? '';
  return /^[A-Za-z0-9._-]{1,64}$/.test(merchant) ? merchant : undefined;
}

/** The order whose detail view this is: the Message buyer button is shown for it, and only for it. */
export function currentOrder(url: string): PageOrder | undefined {
  return isOrderDetailPage(url) ? pageOrder(url) : undefined;
}

/** The finders that find something on the page as it is now (no page content is kept, only their names). */
export function foundFinders(skip: ReadonlySet<FinderName>): FinderName[] {
  const checks: Record<FinderName, () => unknown> = {
    actionBar: () => findActionBar(document).found,
    orderId: () => findOrderIdOnPage(document).found,
    orderReady: () => findFirst(document, SELECTORS.orderReady, 'order heading').found,
    marketplaceSwitcher: () => findSelectedMarketplace(document).found,
  };
  return FINDERS.filter((f) => !skip.has(f) && checks[f]() !== undefined);
}

let recording = Promise.resolve();

/** Adds an order view's misses to the page check (storage.local, bounded). */
export function recordPageCheck(url: string, missing: FinderName[]): void {
  if (missing.length === 0) return;
  const entry = { day: new Date().toISOString().slice(0, 10), page: pageKind(url), app: isNewSellerCentral(url) ? 'new' : 'classic', host: new URL(url).hostname, missing } as const;
  // One write after another, so two views ending close together do not overwrite each other.
  recording = recording
    .then(async () => {
      const stored = await browser.storage.local.get(PAGE_CHECK_KEY);
      await browser.storage.local.set({ [PAGE_CHECK_KEY]: addPageCheck(readPageCheck(stored[PAGE_CHECK_KEY]), entry) });
    })
    .catch(() => undefined); // A page check that cannot be written is not worth an error on the seller's page.
}
