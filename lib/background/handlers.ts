/**
 * BACKGROUND ONLY. What each protocol operation does; the router has already checked sender and payload.
 */
import './guard';
import type { Handlers } from './router';
import { api, currentConnectionId, listConnections, listView, remove, save, setCurrentConnection, summary } from './connection';
import { testConnection } from './connection-test';
import { messageTypes } from './message-types';
import { confirmSend, endJobsOf, latestJob, pendingJobs, send } from './send';
import { historyFor } from './history';
import { getDraft, saveDraft } from '../store/drafts';
import { attachFile } from './handoff';
import { choiceKey, pageChoicesItem, pickForPage, type Connection } from '../store/connections';
import { admittedConnection } from './admission';
import { explain } from './explain';
import { isFramed, type Sender } from './router';
import { NotConnectedError, Refusal } from './refusal';
import type { ConnectionLabel, PageConnection } from '../protocol';
import { browser } from 'wxt/browser';

import * as notifications from './notifications';
import * as inbox from './inbox';
import * as vault from '../credentials/vault';
import { admit, redeem } from './admission';
import * as reviews from './reviews';
import * as reviewRuns from './review-runs';
import * as autoReviews from './auto-reviews';

/**
 * The connection a request acts for. A composer framed in an order page acts for the connection its page
 * picked when it was admitted, whatever it asks; every other page for the existing connection it names,
 * else the current connection.
 */
async function connectionOf(sender: Sender | undefined, named?: string): Promise<string> {
  if (sender && isFramed(sender)) {
    const admitted = await admittedConnection(sender);
    if (!admitted) throw new NotConnectedError();
    return admitted;
  }
  // An extension page may name the connection it acts for (the popup on an order page: the page's one).
  const id = named ?? (await currentConnectionId());
  if (!id || (named && !(await listConnections()).some((c) => c.id === named))) throw new NotConnectedError();
  return id;
}

const label = (c: Connection): ConnectionLabel => ({ id: c.id, name: c.name });

/** Which connection serves the page the content script runs in; the host is the one the browser reports. */
async function pageConnection(sender: Sender | undefined, merchant: string | undefined): Promise<PageConnection> {
  const host = sender?.url ? new URL(sender.url).hostname : '';
  const pick = pickForPage(await listConnections(), host, merchant, await pageChoicesItem.getValue());
  if (pick.kind === 'chosen') return { kind: 'chosen', connection: label(pick.connection), others: pick.others.map(label) };
  if (pick.kind === 'ask') return { kind: 'ask', candidates: pick.candidates.map(label) };
  return { kind: 'missing', ...(pick.region ? { region: pick.region } : {}) };
}

function fitsPage(page: PageConnection, connectionId: string): boolean {
  if (page.kind === 'chosen') return [page.connection, ...page.others].some((c) => c.id === connectionId);
  return page.kind === 'ask' && page.candidates.some((c) => c.id === connectionId);
}

export const handlers: Handlers = {
  'connection.get': async (req, sender) => summary(req.connectionId ?? (await connectionOf(sender).catch(() => undefined))),
  'connection.save': (req) => save(req),
  'connection.test': (req) => testConnection(req.connectionId),
  'connection.remove': async (req) => {
    const pending = (await pendingJobs(req.connectionId)).length;
    const reviewOrders = await reviewRuns.unaskedOrders(req.connectionId);
    if ((pending > 0 || reviewOrders > 0) && !req.endPendingSends) return { removed: false, pending, reviewOrders, view: await listView() };
    await endJobsOf(req.connectionId);
    await reviewRuns.endRunsOf(req.connectionId);
    await inbox.forgetConnectionQueue(req.connectionId);
    return { removed: true, pending, reviewOrders, view: await remove(req.connectionId) };
  },
  'connections.list': () => listView(),
  'connections.setCurrent': (req) => setCurrentConnection(req.connectionId),
  'page.connection': (req, sender) => pageConnection(sender, req.merchant),
  'page.chooseConnection': async (req, sender) => {
    if (!fitsPage(await pageConnection(sender, req.merchant), req.connectionId)) throw new NotConnectedError();
    const host = new URL(sender!.url!).hostname;
    await pageChoicesItem.setValue({ ...(await pageChoicesItem.getValue()), [choiceKey(host, req.merchant)]: req.connectionId });
    return pageConnection(sender, req.merchant);
  },
  'page.openOptions': async () => {
    await browser.runtime.openOptionsPage();
    return {};
  },
  'order.messageTypes': async (req, sender) => messageTypes(await connectionOf(sender, req.connectionId), req.orderId, req.marketplaceId, req.refresh),
  'order.status': async (req, sender) => {
    const connectionId = await connectionOf(sender);
    return { job: await latestJob(connectionId, req.orderId), history: await historyFor(connectionId, req.orderId) };
  },
  'orders.recent': async (req, sender) => {
    const connectionId = req.connectionId ?? (await connectionOf(sender));
    const orders = (await (await api(connectionId)).recentOrders({ marketplaceId: req.marketplaceId })).slice(0, 20);
    // The orders the seller sees are the ones the automatic mode schedules.
    void autoReviews.seeOrders(connectionId, orders).catch((error: unknown) => console.warn('Order Courier: recent orders not scheduled', explain(error).key));
    return { orders };
  },
  'message.send': async (req, sender) => {
    // A composer framed in a page may be covered or faded by it: its message waits for its gate's verdict.
    if (sender && isFramed(sender) && !req.hold) throw new Refusal({ key: 'app_invalidRequest', substitutions: ['hold'] });
    return send(await connectionOf(sender), req);
  },
  'message.confirm': async (req, sender) => confirmSend(await connectionOf(sender), req),
  'draft.get': async (req, sender) => ({ draft: (await getDraft(await connectionOf(sender), req.orderId)) ?? null }),
  'draft.save': async (req, sender) => {
    await saveDraft(await connectionOf(sender), req.draft);
    return {};
  },
  'draft.attachFile': async (req, sender) => attachFile(await connectionOf(sender), req, sender),
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
  'review.state': async (req, sender) => reviews.reviewState(await connectionOf(sender), req.orderId, req.marketplaceId),
  'review.request': async (req, sender) => reviews.requestReview(await connectionOf(sender), req.orderId, req.marketplaceId),
  'reviews.preview': async (req, sender) => reviewRuns.preview(await connectionOf(sender), req),
  'reviews.start': async (req, sender) => reviewRuns.start(await connectionOf(sender), req),
  'reviews.run': async (_req, sender) => ({ run: await reviewRuns.latestRun(await connectionOf(sender)) }),
  'reviews.control': async (req, sender) => reviewRuns.control(await connectionOf(sender), req.runId, req.action),
  'reviews.exclusions': async (req, sender) => {
    const connectionId = await connectionOf(sender);
    return { entries: req.entries ? await reviewRuns.saveExclusions(connectionId, req.entries) : await reviews.exclusions(connectionId) };
  },
  'reviews.auto': () => autoReviews.autoReviewsView(),
  'reviews.autoSet': (req) => autoReviews.setAutoEnabled(req.enabled),
  'reviews.autoCancel': (req) => autoReviews.cancel(req),
  'composer.admit': async (req, sender) => {
    // The page may only frame a composer for a connection that serves it.
    if (!fitsPage(await pageConnection(sender, undefined), req.connectionId)) throw new Refusal({ key: 'conn_notForPage', substitutions: [] });
    return admit(req, sender ?? {});
  },
  'composer.redeem': (req, sender) => redeem(req, sender ?? {}),
};
