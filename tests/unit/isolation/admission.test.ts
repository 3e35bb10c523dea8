/**
 * The composer framed on an order page acts only after redeeming, once, the token the background gave the
 * content script of that tab for that order. The router refuses every other framed composer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { admit, admittedConnection, admittedOrder, redeem, TOKEN_TTL_MS } from '../../../lib/background/admission';
import { createRouter, type Handlers, type Sender } from '../../../lib/background/router';
import { RULES } from '../../../lib/background/rules';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORDER = { orderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER', connectionId: 'primary' };
const OTHER_ORDER = '305-7226541-3301942';
const contentScript: Sender = { id: ID, url: `https://sellercentral.amazon.com/orders-v3/order/${ORDER.orderId}`, tab: { id: 7 }, frameId: 0 };
const composerFrame = (over: Partial<Sender> = {}): Sender => ({
  id: ID,
  url: `chrome-extension://${ID}/composer.html?orderId=${ORDER.orderId}`,
  tab: { id: 7 },
  frameId: 3,
  documentId: 'DOC-A',
  ...over,
});

beforeEach(() => {
  fakeBrowser.reset();
  vi.useRealTimers();
});

describe('admission tokens', () => {
  it('admits the frame that redeems its tab and order token, once', async () => {
    const { token } = await admit(ORDER, contentScript);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await admittedOrder(composerFrame())).toBeUndefined();
    await redeem({ token, orderId: ORDER.orderId }, composerFrame());
    expect(await admittedOrder(composerFrame())).toBe(ORDER.orderId);
    // The frame acts for the connection its page picked, whatever it asks later.
    expect(await admittedConnection(composerFrame())).toBe('primary');
    // The same token a second time (a page that copied the frame's address) is refused, and admits nothing.
    await expect(redeem({ token, orderId: ORDER.orderId }, composerFrame({ frameId: 4, documentId: 'DOC-B' }))).rejects.toThrow();
    expect(await admittedOrder(composerFrame({ frameId: 4, documentId: 'DOC-B' }))).toBeUndefined();
    // Another document in the same frame (the frame navigated) starts unadmitted.
    expect(await admittedOrder(composerFrame({ documentId: 'DOC-C' }))).toBeUndefined();
  });

  it('refuses a token for another tab, another order, a top-level page, or a forged one, and spends it', async () => {
    const cases: Array<[Sender, string]> = [
      [composerFrame({ tab: { id: 8 } }), ORDER.orderId],
      [composerFrame(), OTHER_ORDER],
      [composerFrame({ frameId: 0 }), ORDER.orderId],
    ];
    for (const [sender, orderId] of cases) {
      const { token } = await admit(ORDER, contentScript);
      await expect(redeem({ token, orderId }, sender)).rejects.toThrow();
      await expect(redeem({ token, orderId: ORDER.orderId }, composerFrame())).rejects.toThrow();
    }
    await expect(redeem({ token: 'A'.repeat(43), orderId: ORDER.orderId }, composerFrame())).rejects.toThrow();
    expect(await admittedOrder(composerFrame())).toBeUndefined();
  });

  it('refuses a token redeemed after it expired, and two frames racing for one token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { token } = await admit(ORDER, contentScript);
    vi.setSystemTime(Date.now() + TOKEN_TTL_MS + 1);
    await expect(redeem({ token, orderId: ORDER.orderId }, composerFrame())).rejects.toThrow();
    vi.useRealTimers();
    const fresh = await admit(ORDER, contentScript);
    const results = await Promise.allSettled([
      redeem({ token: fresh.token, orderId: ORDER.orderId }, composerFrame()),
      redeem({ token: fresh.token, orderId: ORDER.orderId }, composerFrame({ frameId: 4, documentId: 'DOC-B' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('gives no token to a sender without a tab', async () => {
    await expect(admit(ORDER, { id: ID, url: contentScript.url })).rejects.toThrow();
  });
});

describe('router and framed composers', () => {
  function router() {
    const handlers = Object.fromEntries(Object.keys(RULES).map((op) => [op, vi.fn(async () => ({}))])) as unknown as Handlers;
    handlers['composer.admit'] = (req, sender) => admit(req, sender ?? {});
    handlers['composer.redeem'] = (req, sender) => redeem(req, sender ?? {});
    const route = createRouter({
      extensionId: ID,
      extensionProtocol: 'chrome-extension:',
      rules: RULES,
      handlers,
      explain: (e) => ({ key: 'app_unexpectedError', substitutions: [String(e)] }),
      admittedOrder,
    });
    return { route, handlers };
  }
  const send = (orderId = ORDER.orderId) => ({ op: 'message.send', req: { orderId, marketplaceId: ORDER.marketplaceId, resendAfterUnknown: false } });
  const notAdmitted = { ok: false, error: { key: 'app_composerNotAdmitted', substitutions: [] } };

  it('lets the content script ask for a token and nothing else; a page in a sub-frame or elsewhere gets nothing', async () => {
    const { route } = router();
    expect(await route({ op: 'composer.admit', req: ORDER }, contentScript)).toMatchObject({ ok: true });
    expect(await route(send(), contentScript)).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
    expect(await route({ op: 'composer.admit', req: ORDER }, { ...contentScript, frameId: 2 })).toMatchObject({ ok: false });
    expect(await route({ op: 'composer.admit', req: ORDER }, { ...contentScript, url: 'https://evil.example/sellercentral.amazon.com' })).toMatchObject({ ok: false });
    expect(await route({ op: 'composer.admit', req: ORDER }, { ...contentScript, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' })).toMatchObject({ ok: false });
    expect(await route({ op: 'composer.admit', req: ORDER }, composerFrame())).toMatchObject({ ok: false });
  });

  it('refuses every operation of a framed composer until it is admitted, and then for its own order only', async () => {
    const { route, handlers } = router();
    expect(await route(send(), composerFrame())).toEqual(notAdmitted);
    expect(await route({ op: 'draft.get', req: { orderId: ORDER.orderId } }, composerFrame())).toEqual(notAdmitted);
    expect(await route({ op: 'connection.get', req: {} }, composerFrame())).toEqual(notAdmitted);
    expect(handlers['message.send']).not.toHaveBeenCalled();

    const admitted = (await route({ op: 'composer.admit', req: ORDER }, contentScript)) as { ok: true; value: { token: string } };
    expect(await route({ op: 'composer.redeem', req: { token: admitted.value.token, orderId: ORDER.orderId } }, composerFrame())).toMatchObject({ ok: true });
    expect(await route(send(), composerFrame())).toMatchObject({ ok: true });
    expect(await route(send(OTHER_ORDER), composerFrame())).toEqual(notAdmitted);
    // The verdict on a held send is checked like the send itself.
    const confirm = (orderId: string) => ({ op: 'message.confirm', req: { orderId, jobId: '0b7c2f4e-8a51-4d2b-9f0e-3c6a1d2e4f50', send: true } });
    expect(await route(confirm(ORDER.orderId), composerFrame())).toMatchObject({ ok: true });
    expect(await route(confirm(OTHER_ORDER), composerFrame())).toEqual(notAdmitted);
    expect(await route({ op: 'message.confirm', req: { orderId: ORDER.orderId, jobId: '../x', send: true } }, composerFrame())).toMatchObject({ ok: false, error: { key: 'app_invalidRequest' } });
    expect(await route(confirm(ORDER.orderId), contentScript)).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
    const draft = { orderId: OTHER_ORDER, marketplaceId: '', text: '', dates: {}, attachments: [], linksConfirmed: false, updatedAt: 1 };
    expect(await route({ op: 'draft.save', req: { draft } }, composerFrame())).toEqual(notAdmitted);
    // The composer as a tab of its own (from the popup) needs no admission: no page can frame or cover it.
    expect(await route(send(), composerFrame({ frameId: 0 }))).toMatchObject({ ok: true });
  });
});
