/**
 * BACKGROUND ONLY. Which composer frames may act. The composer is web-accessible (a Seller Central page
 * must be able to frame it), so any script on that page that learns its address could frame it too. The
 * content script therefore asks here for a one-time token for its tab and order and hands it to the frame
 * it creates; the composer redeems it once, and from then on that frame (tab, frame and document) may act
 * for that order only. A frame that never redeemed a token, or one that reuses a token, is refused every
 * operation. Kept in storage.session, which content scripts cannot read, so a restarted service worker
 * still knows the admitted frames.
 */
import './guard';
import { browser } from 'wxt/browser';
import type { PageOrder } from '../protocol';
import { isFramed, type Sender } from './router';

/** Long enough for a loaded, busy page to create the frame and the composer to start; a token is not kept around. */
export const TOKEN_TTL_MS = 60_000;
/** Admissions of closed frames are forgotten after a day. */
const ADMISSION_TTL_MS = 24 * 60 * 60 * 1000;

interface Grant {
  tabId: number;
  orderId: string;
  /** The connection the page picked: the admitted frame acts for this one only. */
  connectionId: string;
  issuedAt: number;
}

interface Admission {
  orderId: string;
  connectionId: string;
  at: number;
}

export class AdmissionRefused extends Error {
  constructor() {
    super('composer not admitted');
  }
}

const area = () => browser.storage.session;
const grantKey = (token: string) => `admission.grant:${token}`;
// documentId (Chromium) ties the admission to one document: a frame navigated elsewhere starts unadmitted.
const frameKey = (sender: Sender) => `admission.frame:${sender.tab?.id}:${sender.frameId}:${sender.documentId ?? ''}`;

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function forgetExpired(now: number): Promise<void> {
  const everything = await area().get(null);
  const expired = Object.entries(everything)
    .filter(([key, value]) => {
      if (key.startsWith('admission.grant:')) return now - (value as Grant).issuedAt > TOKEN_TTL_MS;
      if (key.startsWith('admission.frame:')) return now - (value as Admission).at > ADMISSION_TTL_MS;
      return false;
    })
    .map(([key]) => key);
  if (expired.length) await area().remove(expired);
}

/** For the content script: a token its composer frame can redeem once, for this tab and order. */
export async function admit(order: PageOrder & { connectionId: string }, sender: Sender): Promise<{ token: string }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new AdmissionRefused();
  const now = Date.now();
  await forgetExpired(now);
  const token = newToken();
  await area().set({ [grantKey(token)]: { tabId, orderId: order.orderId, connectionId: order.connectionId, issuedAt: now } satisfies Grant });
  return { token };
}

const redeeming = new Set<string>();

/** For the framed composer: spends the token and admits the sending frame for the token's order. */
export async function redeem(req: { token: string; orderId: string }, sender: Sender): Promise<Record<string, never>> {
  // Two frames redeeming the same token at once: the second is refused before either has read it.
  if (redeeming.has(req.token)) throw new AdmissionRefused();
  redeeming.add(req.token);
  try {
    const key = grantKey(req.token);
    const grant = (await area().get(key))[key] as Grant | undefined;
    // Spent whatever the outcome: a guessed or stolen token gets one try, and so does the right one.
    await area().remove(key);
    const valid =
      grant !== undefined &&
      Date.now() - grant.issuedAt <= TOKEN_TTL_MS &&
      isFramed(sender) &&
      grant.tabId === sender.tab?.id &&
      grant.orderId === req.orderId;
    if (!valid) throw new AdmissionRefused();
    await area().set({ [frameKey(sender)]: { orderId: req.orderId, connectionId: grant.connectionId, at: Date.now() } satisfies Admission });
    return {};
  } finally {
    redeeming.delete(req.token);
  }
}

async function admission(sender: Sender): Promise<Admission | undefined> {
  const key = frameKey(sender);
  return (await area().get(key))[key] as Admission | undefined;
}

/** The order a framed composer was admitted for, if it was. */
export async function admittedOrder(sender: Sender): Promise<string | undefined> {
  return (await admission(sender))?.orderId;
}

/** The connection a framed composer acts for: the one its page picked when it was admitted. */
export async function admittedConnection(sender: Sender): Promise<string | undefined> {
  return (await admission(sender))?.connectionId;
}
