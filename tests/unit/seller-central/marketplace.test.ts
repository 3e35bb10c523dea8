import { describe, expect, it } from 'vitest';
import { detectMarketplace } from '../../../lib/seller-central/marketplace';
import { asDocument, fixtureDom } from './fixtures';

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
  it('reads Germany from the switcher of the europe fixture', () => {
    const { document } = fixtureDom('order-detail-europe.html', '305-7226541-3301942');
    expect(detectMarketplace(EU, asDocument(document))).toEqual({ marketplaceId: GERMANY, region: 'EU', source: 'page' });
  });

  it('falls back to the switcher\'s label when it carries no id attribute', () => {
    const { document } = fixtureDom('order-detail-europe.html');
    document.querySelector('[data-marketplace-id]')?.removeAttribute('data-marketplace-id');
    expect(detectMarketplace(EU, asDocument(document))).toEqual({ marketplaceId: GERMANY, region: 'EU', source: 'page' });
  });

  it('uses Seller Central\'s mons_sel_mkid parameter, with or without its amzn1 prefix', () => {
    const { document } = fixtureDom('order-detail-europe.html');
    expect(detectMarketplace(`${EU}?mons_sel_mkid=A13V1IB3VIYZZH`, asDocument(document))).toEqual({
      marketplaceId: 'A13V1IB3VIYZZH',
      region: 'EU',
      source: 'url',
    });
    expect(detectMarketplace(`${EU}?mons_sel_mkid=amzn1.mp.o.APJ6JRA9NG5V4`).marketplaceId).toBe('APJ6JRA9NG5V4');
  });

  it('ignores hints from another region than the host\'s', () => {
    const { document } = fixtureDom('order-detail.html'); // switcher says United States
    expect(detectMarketplace(EU, asDocument(document))).toEqual({ region: 'EU', source: 'unknown' });
    expect(detectMarketplace(`${EU}?mons_sel_mkid=ATVPDKIKX0DER`)).toEqual({ region: 'EU', source: 'unknown' });
  });

  it('lets the page override the host within a region (unified EU account on a .de host)', () => {
    const { document } = fixtureDom('order-detail-europe.html');
    const label = document.querySelector('.dropdown-account-switcher-header-label-regional');
    document.querySelector('[data-marketplace-id]')?.setAttribute('data-marketplace-id', 'A13V1IB3VIYZZH');
    if (label) label.textContent = 'France';
    expect(detectMarketplace('https://sellercentral.amazon.de/orders-v3', asDocument(document))).toMatchObject({
      marketplaceId: 'A13V1IB3VIYZZH',
      source: 'page',
    });
  });

  it('keeps the host\'s answer on a page without a switcher', () => {
    const { document } = fixtureDom('order-detail.html');
    document.getElementById('navbar')?.remove();
    expect(detectMarketplace('https://sellercentral.amazon.it/orders-v3', asDocument(document))).toEqual({
      marketplaceId: 'APJ6JRA9NG5V4',
      region: 'EU',
      source: 'host',
    });
  });
});
