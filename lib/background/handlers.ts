/**
 * BACKGROUND ONLY. What each protocol operation does; the router has already checked sender and payload.
 */
import './guard';
import type { Handlers } from './router';
import { api, forget, save, summary } from './connection';
import { testConnection } from './connection-test';
import { messageTypes } from './message-types';
import { latestJob, send } from './send';
import { historyFor } from './history';

export const handlers: Handlers = {
  'connection.get': () => summary(),
  'connection.save': (req) => save(req),
  'connection.test': () => testConnection(),
  'connection.forget': () => forget(),
  'order.messageTypes': (req) => messageTypes(req.orderId, req.marketplaceId, req.refresh),
  'order.status': async (req) => ({ job: await latestJob(req.orderId), history: await historyFor(req.orderId) }),
  'orders.recent': async (req) => {
    const orders = await (await api()).recentOrders({ marketplaceId: req.marketplaceId });
    return { orders: orders.slice(0, 20) };
  },
  'message.send': (req) => send(req),
};
