/**
 * Every SP-API marketplace, its region and the Seller Central host sellers use for it.
 * Ids and regions: SP-API "Marketplace IDs" and "SP-API endpoints" pages.
 * Safe to import anywhere: no credentials, no network.
 */
export type RegionId = 'NA' | 'EU' | 'FE';

export interface Marketplace {
  id: string;
  country: string;
  /** ISO 3166 code, used for labels and the buyer-language hint. */
  countryCode: string;
  region: RegionId;
  sellerCentralHost: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'A2EUQ1WTGCTBG2', country: 'Canada', countryCode: 'CA', region: 'NA', sellerCentralHost: 'sellercentral.amazon.ca' },
  { id: 'ATVPDKIKX0DER', country: 'United States', countryCode: 'US', region: 'NA', sellerCentralHost: 'sellercentral.amazon.com' },
  { id: 'A1AM78C64UM0Y8', country: 'Mexico', countryCode: 'MX', region: 'NA', sellerCentralHost: 'sellercentral.amazon.com.mx' },
  { id: 'A2Q3Y263D00KWC', country: 'Brazil', countryCode: 'BR', region: 'NA', sellerCentralHost: 'sellercentral.amazon.com.br' },
  { id: 'A28R8C7NBKEWEA', country: 'Ireland', countryCode: 'IE', region: 'EU', sellerCentralHost: 'sellercentral.amazon.ie' },
  { id: 'A1RKKUPIHCS9HS', country: 'Spain', countryCode: 'ES', region: 'EU', sellerCentralHost: 'sellercentral.amazon.es' },
  { id: 'A1F83G8C2ARO7P', country: 'United Kingdom', countryCode: 'GB', region: 'EU', sellerCentralHost: 'sellercentral.amazon.co.uk' },
  { id: 'A13V1IB3VIYZZH', country: 'France', countryCode: 'FR', region: 'EU', sellerCentralHost: 'sellercentral.amazon.fr' },
  { id: 'AMEN7PMS3EDWL', country: 'Belgium', countryCode: 'BE', region: 'EU', sellerCentralHost: 'sellercentral.amazon.com.be' },
  { id: 'A1805IZSGTT6HS', country: 'Netherlands', countryCode: 'NL', region: 'EU', sellerCentralHost: 'sellercentral.amazon.nl' },
  { id: 'A1PA6795UKMFR9', country: 'Germany', countryCode: 'DE', region: 'EU', sellerCentralHost: 'sellercentral.amazon.de' },
  { id: 'APJ6JRA9NG5V4', country: 'Italy', countryCode: 'IT', region: 'EU', sellerCentralHost: 'sellercentral.amazon.it' },
  { id: 'A2NODRKZP88ZB9', country: 'Sweden', countryCode: 'SE', region: 'EU', sellerCentralHost: 'sellercentral.amazon.se' },
  { id: 'AE08WJ6YKNBMC', country: 'South Africa', countryCode: 'ZA', region: 'EU', sellerCentralHost: 'sellercentral.amazon.co.za' },
  { id: 'A1C3SOZRARQ6R3', country: 'Poland', countryCode: 'PL', region: 'EU', sellerCentralHost: 'sellercentral.amazon.pl' },
  { id: 'A17E79C6D8DWNP', country: 'Saudi Arabia', countryCode: 'SA', region: 'EU', sellerCentralHost: 'sellercentral.amazon.sa' },
  { id: 'ARBP9OOSHTCHU', country: 'Egypt', countryCode: 'EG', region: 'EU', sellerCentralHost: 'sellercentral.amazon.eg' },
  { id: 'A33AVAJ2PDY3EV', country: 'Turkey', countryCode: 'TR', region: 'EU', sellerCentralHost: 'sellercentral.amazon.com.tr' },
  { id: 'A2VIGQ35RCS4UG', country: 'United Arab Emirates', countryCode: 'AE', region: 'EU', sellerCentralHost: 'sellercentral.amazon.ae' },
  { id: 'A21TJRUUN4KGV', country: 'India', countryCode: 'IN', region: 'EU', sellerCentralHost: 'sellercentral.amazon.in' },
  { id: 'A19VAU5U5O7RUS', country: 'Singapore', countryCode: 'SG', region: 'FE', sellerCentralHost: 'sellercentral.amazon.sg' },
  { id: 'A39IBJ37TRP1C6', country: 'Australia', countryCode: 'AU', region: 'FE', sellerCentralHost: 'sellercentral.amazon.com.au' },
  { id: 'A1VC38T7YXB528', country: 'Japan', countryCode: 'JP', region: 'FE', sellerCentralHost: 'sellercentral.amazon.co.jp' },
];

/** Hosts that serve Seller Central for several marketplaces at once; the page says which one is active. */
export const SHARED_SELLER_CENTRAL_HOSTS: Readonly<Record<string, RegionId>> = {
  'sellercentral-europe.amazon.com': 'EU',
  'sellercentral-japan.amazon.com': 'FE',
};

export const SELLER_CENTRAL_HOSTS: readonly string[] = [
  ...MARKETPLACES.map((m) => m.sellerCentralHost),
  ...Object.keys(SHARED_SELLER_CENTRAL_HOSTS),
];

const byId = new Map(MARKETPLACES.map((m) => [m.id, m]));

export function marketplaceById(id: string): Marketplace | undefined {
  return byId.get(id);
}

export function marketplacesInRegion(region: RegionId): Marketplace[] {
  return MARKETPLACES.filter((m) => m.region === region);
}

export function isSellerCentralHost(host: string): boolean {
  return SELLER_CENTRAL_HOSTS.includes(host.toLowerCase());
}

/** The marketplace a single-marketplace host stands for; undefined for shared hosts and others. */
export function marketplaceForHost(host: string): Marketplace | undefined {
  const h = host.toLowerCase();
  return MARKETPLACES.find((m) => m.sellerCentralHost === h);
}

export function regionForHost(host: string): RegionId | undefined {
  const h = host.toLowerCase();
  return marketplaceForHost(h)?.region ?? SHARED_SELLER_CENTRAL_HOSTS[h];
}

/**
 * Seller Central's messages for one order (Messages, searched by order id): where the seller sees whether a
 * message Amazon accepted was delivered, since the Messaging API does not say.
 */
export function sentMessagesUrl(marketplaceId: string, orderId: string): string | undefined {
  const marketplace = marketplaceById(marketplaceId);
  if (!marketplace) return undefined;
  const url = new URL(`https://${marketplace.sellerCentralHost}/messaging/inbox`);
  url.searchParams.set('fi', 'SEARCH');
  url.searchParams.set('si', orderId);
  return url.toString();
}

/**
 * Each marketplace's IANA time zone: where a calendar day picked for it (a warranty's coverage) begins
 * and ends. The zone of the marketplace's home country (its capital's, or Amazon's Pacific time for the
 * US and Canada).
 */
export const MARKETPLACE_TIME_ZONES: Readonly<Record<string, string>> = {
  A2EUQ1WTGCTBG2: 'America/Los_Angeles', // Canada
  ATVPDKIKX0DER: 'America/Los_Angeles', // United States
  A1AM78C64UM0Y8: 'America/Mexico_City', // Mexico
  A2Q3Y263D00KWC: 'America/Sao_Paulo', // Brazil
  A28R8C7NBKEWEA: 'Europe/Dublin', // Ireland
  A1RKKUPIHCS9HS: 'Europe/Madrid', // Spain
  A1F83G8C2ARO7P: 'Europe/London', // United Kingdom
  A13V1IB3VIYZZH: 'Europe/Paris', // France
  AMEN7PMS3EDWL: 'Europe/Brussels', // Belgium
  A1805IZSGTT6HS: 'Europe/Amsterdam', // Netherlands
  A1PA6795UKMFR9: 'Europe/Berlin', // Germany
  APJ6JRA9NG5V4: 'Europe/Rome', // Italy
  A2NODRKZP88ZB9: 'Europe/Stockholm', // Sweden
  AE08WJ6YKNBMC: 'Africa/Johannesburg', // South Africa
  A1C3SOZRARQ6R3: 'Europe/Warsaw', // Poland
  A17E79C6D8DWNP: 'Asia/Riyadh', // Saudi Arabia
  ARBP9OOSHTCHU: 'Africa/Cairo', // Egypt
  A33AVAJ2PDY3EV: 'Europe/Istanbul', // Turkey
  A2VIGQ35RCS4UG: 'Asia/Dubai', // United Arab Emirates
  A21TJRUUN4KGV: 'Asia/Kolkata', // India
  A19VAU5U5O7RUS: 'Asia/Singapore', // Singapore
  A39IBJ37TRP1C6: 'Australia/Sydney', // Australia
  A1VC38T7YXB528: 'Asia/Tokyo', // Japan
};

/** The marketplace's time zone; UTC for an id this table does not know. */
export function marketplaceTimeZone(marketplaceId: string): string {
  return MARKETPLACE_TIME_ZONES[marketplaceId] ?? 'UTC';
}
