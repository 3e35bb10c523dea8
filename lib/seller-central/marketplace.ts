/**
 * Which marketplace the seller is working in, for the `marketplaceIds` parameter of every call.
 *
 * The host says it for single-marketplace hosts (sellercentral.amazon.de → Germany); shared hosts
 * (sellercentral-europe.amazon.com) only give the region. The URL's `mons_sel_mkid` (Seller Central's
 * own marketplace-switch parameter) and the switcher on the page refine it, within the host's region.
 * The order id is never used: its digits do not encode the marketplace reliably.
 */
import { MARKETPLACES, marketplaceById, marketplaceForHost, regionForHost, type Marketplace, type RegionId } from '../marketplaces';
import type { UrlLike } from './pages';
import { findSelectedMarketplace, type QueryRoot } from './selectors';

export interface DetectedMarketplace {
  marketplaceId?: string;
  region?: RegionId;
  /**
   * Where `marketplaceId` came from; `seller` is the seller's own answer for a shared host with no hint;
   * `unknown` when there is none (the region may still be known).
   */
  source: 'host' | 'page' | 'url' | 'seller' | 'unknown';
}

/** storage.local key of the seller's answers: shared host → marketplace id. */
export const REMEMBERED_MARKETPLACES_KEY = 'marketplaceByHost';

/** Whether the seller must be asked: a Seller Central host with a known region, and nothing says which marketplace. */
export function mustAskMarketplace(detected: DetectedMarketplace): detected is DetectedMarketplace & { region: RegionId } {
  return detected.source === 'unknown' && detected.region !== undefined;
}

/** "A1PA6795UKMFR9", or the switcher API's "amzn1.mp.o.A1PA6795UKMFR9". */
function knownId(value: string | null | undefined): Marketplace | undefined {
  if (!value) return undefined;
  const id = value.trim().replace(/^amzn1\.mp\.o\./, '');
  return marketplaceById(id);
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

// Seller Central's interface languages: the switcher names the country in the seller's language.
const LABEL_LANGUAGES = ['en', 'de', 'fr', 'ja', 'it', 'es', 'nl', 'pl', 'sv', 'tr', 'pt', 'ar', 'zh', 'ko', 'hi'];

const namesByLanguage = new Map<string, Map<string, Marketplace>>();

/** Country names in one language, from the browser's own data, built the first time that language is needed. */
function countryNames(lang: string): Map<string, Marketplace> {
  let names = namesByLanguage.get(lang);
  if (names) return names;
  names = new Map();
  try {
    const display = new Intl.DisplayNames([lang], { type: 'region' });
    for (const m of MARKETPLACES) {
      const name = display.of(m.countryCode);
      if (name) names.set(fold(name), m);
    }
  } catch {
    // A browser without this language's data: its labels are matched by domain only.
  }
  namesByLanguage.set(lang, names);
  return names;
}

/**
 * The switcher's label: a country name in any interface language ("Germany", "Allemagne", "ドイツ") or a
 * store domain ("www.amazon.de"). Languages are tried one at a time (each costs the browser a look-up
 * of its data), the cheap English names and domains first.
 */
export function marketplaceFromLabel(label: string): Marketplace | undefined {
  const l = fold(label).replace(/^www\./, '');
  if (l === '') return undefined;
  const direct = MARKETPLACES.find((m) => fold(m.country) === l || m.sellerCentralHost.replace(/^sellercentral\./, '') === l);
  if (direct) return direct;
  for (const lang of LABEL_LANGUAGES) {
    const m = countryNames(lang).get(l);
    if (m) return m;
  }
  return undefined;
}

function inRegion(m: Marketplace | undefined, region: RegionId | undefined): Marketplace | undefined {
  // A hint from another region than the host's is stale or not Seller Central's: ignore it.
  return m !== undefined && (region === undefined || m.region === region) ? m : undefined;
}

/**
 * The marketplace from the most specific hint: the URL's `mons_sel_mkid`, then the switcher's label on the
 * page, then a single-marketplace host, then what the seller answered for this (shared) host.
 */
export function detectMarketplace(url: UrlLike, doc?: QueryRoot, remembered: Readonly<Record<string, unknown>> = {}): DetectedMarketplace {
  let u: URL;
  try {
    u = url instanceof URL ? url : new URL(url);
  } catch {
    return { source: 'unknown' };
  }
  const host = u.hostname.toLowerCase();
  const region = regionForHost(host);
  if (region === undefined) return { source: 'unknown' };

  const fromUrl = inRegion(knownId(u.searchParams.get('mons_sel_mkid')), region);
  if (fromUrl) return { marketplaceId: fromUrl.id, region, source: 'url' };

  if (doc) {
    const hint = findSelectedMarketplace(doc);
    if (hint.found) {
      const m = inRegion(knownId(hint.found.marketplaceId) ?? marketplaceFromLabel(hint.found.label), region);
      if (m) return { marketplaceId: m.id, region, source: 'page' };
    }
  }

  const single = marketplaceForHost(host);
  if (single) return { marketplaceId: single.id, region, source: 'host' };
  const answer = remembered[host];
  const chosen = typeof answer === 'string' ? inRegion(knownId(answer), region) : undefined;
  if (chosen) return { marketplaceId: chosen.id, region, source: 'seller' };
  return { region, source: 'unknown' };
}
