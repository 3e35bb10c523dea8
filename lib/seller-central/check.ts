/**
 * The "page check": a short local record of which finders found nothing on which kind of Seller Central
 * page, for the seller to copy into a bug report from the options page. It holds no order id, no buyer
 * data and no page text, only the page kind, the app (classic or new), the host, the day and the names of
 * the finders that missed. It is kept in storage.local and never sent anywhere.
 */
import type { PageKind } from './pages';

export const PAGE_CHECK_KEY = 'pageCheck';
export const PAGE_CHECK_LIMIT = 20;

/** The finders whose misses are recorded (selectors.ts); their names are stable, for bug reports. */
export const FINDERS = ['actionBar', 'orderId', 'orderReady', 'marketplaceSwitcher'] as const;
export type FinderName = (typeof FINDERS)[number];

export interface PageCheckEntry {
  /** The day (YYYY-MM-DD) it was last seen. */
  day: string;
  page: PageKind;
  app: 'classic' | 'new';
  host: string;
  missing: FinderName[];
  /** How many order views ended with this same result. */
  count: number;
}

function sameResult(a: PageCheckEntry, b: PageCheckEntry): boolean {
  return a.page === b.page && a.app === b.app && a.host === b.host && a.missing.join() === b.missing.join();
}

/** Adds an entry, newest first: the same result seen again moves up and counts, the list stays bounded. */
export function addPageCheck(list: readonly PageCheckEntry[], entry: Omit<PageCheckEntry, 'count'>): PageCheckEntry[] {
  const next = { ...entry, missing: FINDERS.filter((f) => entry.missing.includes(f)), count: 1 };
  const previous = list.find((e) => sameResult(e, next));
  if (previous) next.count = previous.count + 1;
  return [next, ...list.filter((e) => e !== previous)].slice(0, PAGE_CHECK_LIMIT);
}

/** What was read back from storage, kept only where it has the shape this file writes. */
export function readPageCheck(value: unknown): PageCheckEntry[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is PageCheckEntry =>
        typeof e === 'object' && e !== null && typeof e.day === 'string' && typeof e.page === 'string' && (e.app === 'classic' || e.app === 'new') &&
        typeof e.host === 'string' && Array.isArray(e.missing) && e.missing.every((m: unknown) => FINDERS.includes(m as FinderName)) &&
        typeof e.count === 'number',
    )
    .slice(0, PAGE_CHECK_LIMIT);
}

/** The plain text the seller copies into a bug report. */
export function pageCheckText(list: readonly PageCheckEntry[], version: string): string {
  const lines = list.map((e) => `${e.day} ${e.host} ${e.page} (${e.app}) ×${e.count}: missing ${e.missing.join(', ')}`);
  return [`Order Courier ${version} page check`, ...lines].join('\n');
}
