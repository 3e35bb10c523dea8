import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SpApiError } from '../../../lib/spapi/errors';
import type { RecentOrder } from '../../../lib/spapi/types';
import type { Endpoint } from '../../../lib/spapi/endpoints';

const calls: string[] = [];
let recent: RecentOrder[] = [];
let messagingAnswer: () => unknown = () => ({ _links: { actions: [], self: { href: '' } } });

const fakeClient = {
  lwa: { accessToken: vi.fn(async () => 'token') },
  recentOrders: vi.fn(async (input: { marketplaceId: string }) => {
    calls.push(`recentOrders ${input.marketplaceId}`);
    return recent;
  }),
  searchOrders: vi.fn(async (input: Record<string, unknown>) => {
    calls.push(`searchOrders ${JSON.stringify(input)}`);
    return { orders: [] };
  }),
  getMessagingActionsForOrder: vi.fn(async (orderId: string, marketplaceId: string) => {
    calls.push(`getMessagingActionsForOrder ${orderId} ${marketplaceId}`);
    return messagingAnswer();
  }),
};

/** The connection under test, as lib/background/connection.ts summarises it. */
let settings: { endpoint: Endpoint; defaultMarketplaceId: string; clientId: string };

vi.mock('../../../lib/background/connection', () => ({
  api: async () => fakeClient,
  summary: async () => ({ configured: true, hasClientSecret: true, hasRefreshToken: true, ...settings }),
  NotConnectedError: class extends Error {},
}));

const { testConnection } = await import('../../../lib/background/connection-test');

const DE = 'A1PA6795UKMFR9';
const refusal = (status: number, code: string, message: string) => new SpApiError(status, code, message, 'getMessagingActionsForOrder', undefined, 'req-1');

beforeEach(async () => {
  calls.length = 0;
  recent = [];
  messagingAnswer = () => ({ _links: { actions: [], self: { href: '' } } });
  settings = { endpoint: { kind: 'production', region: 'EU' }, defaultMarketplaceId: DE, clientId: 'amzn1.application-oa2-client.x' };
});

const byCapability = (report: Awaited<ReturnType<typeof testConnection>>) => Object.fromEntries(report.checks.map((c) => [c.capability, c]));

describe('connection test against Amazon', () => {
  it('asks the Messaging API about a real recent order, in its own marketplace, and only a 200 proves the role', async () => {
    recent = [{ orderId: '028-1111111-1111111', purchaseDate: '2026-08-30T10:00:00Z', status: 'Unshipped', marketplaceId: 'A1RKKUPIHCS9HS' }];
    const report = await testConnection();
    expect(calls).toEqual([`recentOrders ${DE}`, 'getMessagingActionsForOrder 028-1111111-1111111 A1RKKUPIHCS9HS']);
    expect(report.ok).toBe(true);
    expect(byCapability(report).messaging).toMatchObject({ ok: true, message: { key: 'conn_messagingRoleOk', substitutions: ['028-1111111-1111111'] } });
  });

  it('never takes a 400 or 404 as proof of the Buyer Communication role', async () => {
    recent = [{ orderId: '028-1111111-1111111', purchaseDate: '2026-08-30T10:00:00Z', status: 'Unshipped', marketplaceId: DE }];
    for (const [status, code] of [[400, 'InvalidInput'], [404, 'NotFound']] as const) {
      messagingAnswer = () => {
        throw refusal(status, code, 'no such order');
      };
      const messaging = byCapability(await testConnection()).messaging;
      expect(messaging?.ok).toBe(false);
      expect(messaging?.message.key).not.toBe('conn_messagingRoleOk');
    }
  });

  it('names the missing role when Amazon answers 403', async () => {
    recent = [{ orderId: '028-1111111-1111111', purchaseDate: '2026-08-30T10:00:00Z', status: 'Unshipped', marketplaceId: DE }];
    messagingAnswer = () => {
      throw refusal(403, 'Unauthorized', 'Access to requested resource is denied.');
    };
    const report = await testConnection();
    expect(report.ok).toBe(false);
    expect(byCapability(report).messaging).toMatchObject({ ok: false, message: { key: 'conn_missingBuyerCommunication' } });
  });

  it('says "not checked" when there is no order to ask about, and sends no made-up order', async () => {
    const report = await testConnection();
    expect(calls).toEqual([`recentOrders ${DE}`]);
    expect(byCapability(report).messaging).toMatchObject({ ok: false, notChecked: true, message: { key: 'conn_messagingNoOrder' } });
    // Nothing failed, so the report is not a failure; the view says what was left unchecked.
    expect(report.ok).toBe(true);
  });
});

describe("connection test against Amazon's sandbox", () => {
  it("sends the models' sample inputs and reports sample answers as such", async () => {
    settings = { endpoint: { kind: 'amazon-sandbox', region: 'NA' }, defaultMarketplaceId: DE, clientId: 'amzn1.application-oa2-client.x' };
    const report = await testConnection();
    expect(calls).toEqual([
      'getMessagingActionsForOrder 123-1234567-1234567 ATVPDKIKX0DER',
      `searchOrders ${JSON.stringify({ createdAfter: '2024-12-25T00:00:00Z', marketplaceIds: ['A1VC38T7YXB528'], includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES'] })}`,
    ]);
    expect(report).toMatchObject({ ok: true, sandbox: true });
    expect(byCapability(report).messaging?.message.key).toBe('conn_sandboxMessagingOk');
    expect(byCapability(report).orders?.message.key).toBe('conn_sandboxOrdersOk');
  });
});
