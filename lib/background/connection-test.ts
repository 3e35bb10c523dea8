/**
 * BACKGROUND ONLY. "Test connection": real calls, one per capability, each reported in words the seller can
 * act on. Messaging is probed with an order id that cannot exist: Amazon answers "not found" when the
 * Buyer Communication role is there and "access denied" when it is not, and nothing is sent.
 */
import './guard';
import { api } from './connection';
import { explain } from './explain';
import { connectionSettings } from '../store/settings';
import type { CapabilityCheck, ConnectionReport } from '../protocol';

const PROBE_ORDER_ID = '000-0000000-0000000';

type Capability = CapabilityCheck['capability'];

async function check(capability: Capability, okKey: string, probe: () => Promise<unknown>): Promise<CapabilityCheck> {
  try {
    await probe();
    return { capability, ok: true, message: { key: okKey, substitutions: [] } };
  } catch (error) {
    const status = (error as { status?: number }).status;
    // For the messaging probe a 400/404 proves the call was authorised.
    if (capability === 'messaging' && (status === 404 || status === 400)) {
      return { capability, ok: true, message: { key: okKey, substitutions: [] } };
    }
    const message = explain(error);
    if (status === 403 && capability === 'messaging') message.key = 'conn_missingBuyerCommunication';
    if (status === 403 && capability === 'orders') message.key = 'conn_missingOrderTracking';
    return { capability, ok: false, message };
  }
}

export async function testConnection(): Promise<ConnectionReport> {
  const settings = await connectionSettings.getValue();
  const client = await api();
  const marketplaceId = settings?.defaultMarketplaceId ?? 'ATVPDKIKX0DER';
  const sellerToken = await check('sellerToken', 'conn_sellerTokenOk', () => client.lwa.accessToken('seller'));
  const grantlessToken = await check('grantlessToken', 'conn_grantlessTokenOk', () => client.lwa.accessToken('grantless'));
  const checks = [sellerToken, grantlessToken];
  if (sellerToken.ok) {
    checks.push(
      await check('messaging', 'conn_messagingOk', () => client.getMessagingActionsForOrder(PROBE_ORDER_ID, marketplaceId)),
      await check('orders', 'conn_ordersOk', () => client.recentOrders({ marketplaceId, days: 1 })),
    );
  }
  return { ok: checks.every((c) => c.ok), checks };
}
