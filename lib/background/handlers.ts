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
import { getDraft, putAttachmentChunk, saveDraft } from '../store/drafts';

function fromBase64(data: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes]);
}
import * as notifications from './notifications';
import * as inbox from './inbox';
import * as vault from '../credentials/vault';
import { admit, redeem } from './admission';
import * as reviews from './reviews';
import * as reviewRuns from './review-runs';
import { CURRENT_CONNECTION } from '../reviews/connection';

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
  'draft.get': async (req) => ({ draft: (await getDraft(req.orderId)) ?? null }),
  'draft.save': async (req) => {
    await saveDraft(req.draft);
    return {};
  },
  'draft.putChunk': async (req) => {
    await putAttachmentChunk(req.attachmentId, req.index, fromBase64(req.data));
    return {};
  },
  'notifications.overview': () => notifications.overview(),
  'notifications.createDestination': (req) => notifications.createDestination(req),
  'notifications.deleteDestination': (req) => notifications.deleteDestination(req),
  'notifications.saveSubscription': (req) => notifications.saveSubscription(req),
  'notifications.deleteSubscription': (req) => notifications.deleteSubscription(req),
  'notifications.migrate': () => notifications.migrate(),
  'inbox.get': () => inbox.inboxView(),
  'inbox.connectQueue': (req) => inbox.connectQueue(req),
  'inbox.disconnectQueue': () => inbox.disconnectQueue(),
  'inbox.markSeen': (req) => inbox.markSeen(req.ids),
  'inbox.setPrefs': (req) => inbox.setPrefs(req),
  'inbox.checkNow': async () => ({ result: await inbox.checkNow(), view: await inbox.inboxView() }),
  'lock.status': () => vault.lockStatus(),
  'lock.set': (req) => vault.setPassphrase(req.passphrase, req.current),
  'lock.unlock': (req) => vault.unlock(req.passphrase),
  'lock.lock': () => vault.lock(),
  'lock.remove': (req) => vault.removePassphrase(req.passphrase),
  'review.state': (req) => reviews.reviewState(CURRENT_CONNECTION, req.orderId, req.marketplaceId),
  'review.request': (req) => reviews.requestReview(CURRENT_CONNECTION, req.orderId, req.marketplaceId),
  'reviews.preview': (req) => reviewRuns.preview(CURRENT_CONNECTION, req),
  'reviews.start': (req) => reviewRuns.start(CURRENT_CONNECTION, req),
  'reviews.run': async () => ({ run: await reviewRuns.latestRun(CURRENT_CONNECTION) }),
  'reviews.control': (req) => reviewRuns.control(CURRENT_CONNECTION, req.runId, req.action),
  'reviews.exclusions': async (req) => ({
    entries: req.entries ? await reviewRuns.saveExclusions(CURRENT_CONNECTION, req.entries) : await reviews.exclusions(CURRENT_CONNECTION),
  }),
  'composer.admit': (req, sender) => admit(req, sender ?? {}),
  'composer.redeem': (req, sender) => redeem(req, sender ?? {}),
};
