/**
 * BACKGROUND ONLY. "Test connection": real calls, one per capability, each reported in words the seller can
 * act on, and only as far as the answer proves it.
 *
 * Buyer Communication cannot be probed with a made-up order: Amazon answers 400 or 404 for an order it
 * does not know whether or not the role is there. So messaging is asked about a real order from the
 * orders check; a 200 proves the role, a 403 proves it missing, and without an order it is "not checked".
 * In Amazon's sandbox only the models' sample inputs get answers, so those are sent, and the report says
 * that the sandbox answered its samples, not that the seller's account works.
 */
import './guard';
import { SAMPLE_MARKETPLACE_ID, SAMPLE_ORDER_ID, SAMPLE_SEARCH_ORDERS, isAmazonSandbox } from '../amazon-sandbox';
import type { SpApi } from '../spapi';
import type { RecentOrder } from '../spapi/types';
import type { CapabilityCheck, ConnectionReport, Explained } from '../protocol';
import { api, summary } from './connection';
import { explain } from './explain';

type Capability = CapabilityCheck['capability'];

const say = (key: string, ...substitutions: string[]): Explained => ({ key, substitutions });

/** How far back the orders check looks for an order to ask the Messaging API about. */
const PROBE_DAYS = 30;

const MISSING_ROLE_KEYS: Partial<Record<Capability, string>> = {
  messaging: 'conn_missingBuyerCommunication',
  orders: 'conn_missingOrderTracking',
};

async function check(capability: Capability, probe: () => Promise<Explained>): Promise<CapabilityCheck> {
  try {
    return { capability, ok: true, message: await probe() };
  } catch (error) {
    const message = explain(error);
    const roleKey = MISSING_ROLE_KEYS[capability];
    if ((error as { status?: number }).status === 403 && roleKey) message.key = roleKey;
    return { capability, ok: false, message };
  }
}

const notChecked = (capability: Capability, message: Explained): CapabilityCheck => ({ capability, ok: false, notChecked: true, message });

async function productionChecks(client: SpApi, marketplaceId: string): Promise<CapabilityCheck[]> {
  let found: RecentOrder | undefined;
  const orders = await check('orders', async () => {
    const recent = await client.recentOrders({ marketplaceId, days: PROBE_DAYS, limit: 5 });
    found = recent[0];
    return say('conn_ordersOk');
  });
  const order = found as RecentOrder | undefined;
  const messaging = order
    ? await check('messaging', async () => {
        await client.getMessagingActionsForOrder(order.orderId, order.marketplaceId);
        return say('conn_messagingRoleOk', order.orderId);
      })
    : notChecked('messaging', say(orders.ok ? 'conn_messagingNoOrder' : 'conn_messagingNeedsOrders'));
  return [messaging, orders];
}

/** Amazon's sandbox: the sample inputs, and a report of exactly that. */
async function sandboxChecks(client: SpApi): Promise<CapabilityCheck[]> {
  const messaging = await check('messaging', async () => {
    await client.getMessagingActionsForOrder(SAMPLE_ORDER_ID, SAMPLE_MARKETPLACE_ID);
    return say('conn_sandboxMessagingOk', SAMPLE_ORDER_ID);
  });
  const orders = await check('orders', async () => {
    await client.searchOrders({ ...SAMPLE_SEARCH_ORDERS });
    return say('conn_sandboxOrdersOk');
  });
  return [messaging, orders];
}

export async function testConnection(connectionId?: string): Promise<ConnectionReport> {
  const settings = await summary(connectionId);
  const client = await api(settings.id);
  const marketplaceId = settings?.defaultMarketplaceId ?? SAMPLE_MARKETPLACE_ID;
  const sellerToken = await check('sellerToken', async () => (await client.lwa.accessToken('seller'), say('conn_sellerTokenOk')));
  const grantlessToken = await check('grantlessToken', async () => (await client.lwa.accessToken('grantless'), say('conn_grantlessTokenOk')));
  const checks = [sellerToken, grantlessToken];
  if (sellerToken.ok) checks.push(...(isAmazonSandbox(settings?.endpoint) ? await sandboxChecks(client) : await productionChecks(client, marketplaceId)));
  const report: ConnectionReport = { ok: checks.every((c) => c.ok || c.notChecked), checks };
  if (isAmazonSandbox(settings?.endpoint)) report.sandbox = true;
  return report;
}
