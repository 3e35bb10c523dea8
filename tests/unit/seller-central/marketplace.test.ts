import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectMarketplace, mustAskMarketplace } from '../../../lib/seller-central/marketplace';
import { bootFixture } from './fixtures';

const EU = 'https://sellercentral-europe.amazon.com/orders-v3/order/305-7226541-3301942';
const GERMANY = 'A1PA6795UKMFR9';

describe('detectMarketplace from the host', () => {
  it.each([
    ['https://sellercentral.amazon.de/orders-v3', GERMANY, 'EU'],
    ['https://sellercentral.amazon.com.tr/orders-v3/order/407-5512398-6620347', 'A33AVAJ2PDY3EV', 'EU'],
    ['https://sellercentral.amazon.co.jp/home', 'A1VC38T7YXB528', 'FE'],
    ['https://sellercentral.amazon.com/orders-v3', 'ATVPDKIKX0DER', 'NA'],
    ['https://SELLERCENTRAL.AMAZON.CO.UK/orders-v3', 'A1F83G8C2ARO7P', 'EU'],
  ])('%s → %s', (url, marketplaceId, region) => {
    expect(detectMarketplace(url)).toEqual({ marketplaceId, region, source: 'host' });
  });

  it('knows only the region on a shared host, and never guesses from the order id', () => {
    expect(detectMarketplace(EU)).toEqual({ region: 'EU', source: 'unknown' });
    expect(detectMarketplace('https://sellercentral-japan.amazon.com/orders-v3/order/250-1234567-7654321')).toEqual({
      region: 'FE',
      source: 'unknown',
    });
  });

  it('says nothing for a host that is not Seller Central', () => {
    expect(detectMarketplace('https://www.amazon.de/orders-v3')).toEqual({ source: 'unknown' });
    expect(detectMarketplace('not a url')).toEqual({ source: 'unknown' });
  });
});

describe('detectMarketplace refined by the page and the URL', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function classicAt(url: string) {
    const page = bootFixture('classic.html', url);
    await vi.advanceTimersByTimeAsync(100);
    return page.document;
  }

  it('reads Germany from the switcher label of the classic app on the European host', async () => {
    const doc = await classicAt(EU);
    expect(detectMarketplace(EU, doc)).toEqual({ marketplaceId: GERMANY, region: 'EU', source: 'page' });
  });

  it('uses Seller Central\'s mons_sel_mkid parameter first, with or without its amzn1 prefix', async () => {
    const doc = await classicAt(EU);
    expect(detectMarketplace(`${EU}?mons_sel_mkid=A13V1IB3VIYZZH`, doc)).toEqual({ marketplaceId: 'A13V1IB3VIYZZH', region: 'EU', source: 'url' });
    expect(detectMarketplace(`${EU}?mons_sel_mkid=amzn1.mp.o.APJ6JRA9NG5V4`, doc).marketplaceId).toBe('APJ6JRA9NG5V4');
  });

  it('ignores hints from another region than the host\'s', async () => {
    const doc = await classicAt('https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916'); // switcher says United States
    expect(detectMarketplace(EU, doc)).toEqual({ region: 'EU', source: 'unknown' });
    expect(detectMarketplace(`${EU}?mons_sel_mkid=ATVPDKIKX0DER`)).toEqual({ region: 'EU', source: 'unknown' });
  });

  it('lets the page override the host within a region (unified EU account on a .de host)', async () => {
    const doc = await classicAt(EU);
    doc.querySelector('.dropdown-account-switcher-header-label-regional')!.textContent = 'France';
    expect(detectMarketplace('https://sellercentral.amazon.de/orders-v3', doc)).toMatchObject({ marketplaceId: 'A13V1IB3VIYZZH', source: 'page' });
  });

  it('keeps the host\'s answer on a page without a switcher', async () => {
    const doc = await classicAt('https://sellercentral.amazon.it/orders-v3');
    doc.getElementById('navbar')?.remove();
    expect(detectMarketplace('https://sellercentral.amazon.it/orders-v3', doc)).toEqual({ marketplaceId: 'APJ6JRA9NG5V4', region: 'EU', source: 'host' });
  });

  it('an unknown label is no hint', async () => {
    const doc = await classicAt(EU);
    doc.querySelector('.dropdown-account-switcher-header-label-regional')!.textContent = 'Example Store';
    expect(detectMarketplace(EU, doc)).toEqual({ region: 'EU', source: 'unknown' });
  });
});

describe('the seller\'s answer on a shared host', () => {
  it('is asked for only on a shared host where nothing names the marketplace', () => {
    expect(mustAskMarketplace(detectMarketplace(EU))).toBe(true);
    expect(mustAskMarketplace(detectMarketplace('https://sellercentral-japan.amazon.com/orders-v3/order/250-1234567-7654321'))).toBe(true);
    expect(mustAskMarketplace(detectMarketplace('https://sellercentral.amazon.de/orders-v3'))).toBe(false);
    expect(mustAskMarketplace(detectMarketplace(`${EU}?mons_sel_mkid=A13V1IB3VIYZZH`))).toBe(false);
    expect(mustAskMarketplace(detectMarketplace('https://www.amazon.de/'))).toBe(false);
  });

  it('is used for its host only, after every hint the URL or page gives, and only within the host\'s region', () => {
    const remembered = { 'sellercentral-europe.amazon.com': 'A13V1IB3VIYZZH', 'sellercentral-japan.amazon.com': 'ATVPDKIKX0DER' };
    expect(detectMarketplace(EU, undefined, remembered)).toEqual({ marketplaceId: 'A13V1IB3VIYZZH', region: 'EU', source: 'seller' });
    expect(detectMarketplace(`${EU}?mons_sel_mkid=APJ6JRA9NG5V4`, undefined, remembered)).toMatchObject({ marketplaceId: 'APJ6JRA9NG5V4', source: 'url' });
    expect(detectMarketplace('https://sellercentral.amazon.de/orders-v3', undefined, remembered)).toMatchObject({ marketplaceId: GERMANY, source: 'host' });
    expect(detectMarketplace('https://sellercentral-japan.amazon.com/orders-v3', undefined, remembered)).toEqual({ region: 'FE', source: 'unknown' });
    expect(detectMarketplace(EU, undefined, { 'sellercentral-europe.amazon.com': 42 })).toEqual({ region: 'EU', source: 'unknown' });
  });
});
