/**
 * Which connection an order page uses, and the upgrade of the single connection's storage.local item.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { choiceKey, migrateConnections, pickForPage, readConnections, type Connection } from '../../../lib/store/connections';

const connection = (id: string, over: Partial<Connection> = {}): Connection => ({
  id,
  name: id,
  endpoint: { kind: 'custom', baseUrl: `http://127.0.0.1:${id.length + 4000}` },
  defaultMarketplaceId: 'ATVPDKIKX0DER',
  clientId: 'amzn1.application-oa2-client.x',
  ...over,
});

const NA = connection('na', { region: 'NA' });
const EU = connection('eu', { region: 'EU', defaultMarketplaceId: 'A1PA6795UKMFR9' });
const AMAZON_EU = connection('amazon-eu', { endpoint: { kind: 'production', region: 'EU' }, defaultMarketplaceId: 'A1PA6795UKMFR9' });
const ANY = connection('any');

describe('the page picks its connection', () => {
  it('by the region of the host: a US host gets the North American one, a German or European host the European one', () => {
    expect(pickForPage([NA, EU], 'sellercentral.amazon.com', undefined, {})).toMatchObject({ kind: 'chosen', connection: NA, others: [] });
    expect(pickForPage([NA, EU], 'sellercentral.amazon.de', undefined, {})).toMatchObject({ kind: 'chosen', connection: EU });
    expect(pickForPage([NA, AMAZON_EU], 'sellercentral-europe.amazon.com', undefined, {})).toMatchObject({ kind: 'chosen', connection: AMAZON_EU });
  });

  it('a connection for every region serves only where none is for the region', () => {
    expect(pickForPage([ANY, EU], 'sellercentral.amazon.de', undefined, {})).toMatchObject({ kind: 'chosen', connection: EU });
    expect(pickForPage([ANY, EU], 'sellercentral.amazon.com', undefined, {})).toMatchObject({ kind: 'chosen', connection: ANY });
  });

  it('several fit: the seller is asked, and the answer for the host and merchant is kept', () => {
    expect(pickForPage([EU, AMAZON_EU], 'sellercentral.amazon.de', undefined, {})).toEqual({ kind: 'ask', candidates: [EU, AMAZON_EU] });
    const choices = { [choiceKey('sellercentral.amazon.de', undefined)]: 'amazon-eu' };
    expect(pickForPage([EU, AMAZON_EU], 'sellercentral.amazon.de', undefined, choices)).toEqual({ kind: 'chosen', connection: AMAZON_EU, others: [EU] });
    // Another host of the same region was not answered for.
    expect(pickForPage([EU, AMAZON_EU], 'sellercentral.amazon.fr', undefined, choices).kind).toBe('ask');
  });

  it('the merchant narrows it where both the page and the connection name one', () => {
    const shopA = connection('shop-a', { region: 'EU', merchantId: 'A1MERCHANT', defaultMarketplaceId: 'A1PA6795UKMFR9' });
    const shopB = connection('shop-b', { region: 'EU', merchantId: 'B2MERCHANT', defaultMarketplaceId: 'A1PA6795UKMFR9' });
    expect(pickForPage([shopA, shopB], 'sellercentral.amazon.de', 'B2MERCHANT', {})).toMatchObject({ kind: 'chosen', connection: shopB });
    expect(pickForPage([shopA, shopB], 'sellercentral.amazon.de', undefined, {}).kind).toBe('ask');
  });

  it('no connection for the region: says which region to add', () => {
    expect(pickForPage([EU], 'sellercentral.amazon.co.jp', undefined, {})).toEqual({ kind: 'missing', region: 'FE' });
    expect(pickForPage([], 'sellercentral.amazon.com', undefined, {})).toEqual({ kind: 'missing', region: 'NA' });
  });
});

describe('upgrade of storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('the single connection becomes `primary`, and the old item goes', async () => {
    const legacy = { endpoint: { kind: 'production', region: 'EU' }, defaultMarketplaceId: 'A1PA6795UKMFR9', clientId: 'amzn1.application-oa2-client.x' };
    await fakeBrowser.storage.local.set({ connection: legacy });
    expect(await readConnections()).toEqual([{ id: 'primary', name: 'Amazon EU', ...legacy }]);
    expect(await fakeBrowser.storage.local.get('connection')).toEqual({});
    // Run again (another context reading first): nothing changes.
    await migrateConnections();
    expect(await readConnections()).toHaveLength(1);
  });

  it('a new install starts with no connection', async () => {
    expect(await readConnections()).toEqual([]);
  });
});
