import { describe, expect, it, vi } from 'vitest';
import { createRouter, pageOf, type Handlers } from '../../../lib/background/router';
import { RULES } from '../../../lib/background/rules';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const page = (name: string) => ({ id: ID, url: `chrome-extension://${ID}/${name}.html?orderId=1` });

function router() {
  const handlers = Object.fromEntries(
    Object.keys(RULES).map((op) => [op, vi.fn(async (req: unknown) => ({ handled: op, req }))]),
  ) as unknown as Handlers;
  const route = createRouter({
    extensionId: ID,
    extensionProtocol: 'chrome-extension:',
    rules: RULES,
    handlers,
    explain: (e) => ({ key: 'app_unexpectedError', substitutions: [String(e)] }),
  });
  return { route, handlers };
}

const send = { op: 'message.send', req: { orderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER', resendAfterUnknown: false } };

describe('background router', () => {
  it('runs an allowed operation from the page allowed to ask for it', async () => {
    const { route, handlers } = router();
    await expect(route(send, page('composer'))).resolves.toMatchObject({ ok: true });
    expect(handlers['message.send']).toHaveBeenCalledOnce();
  });

  it('refuses a content script: its sender URL is the Seller Central page, not an extension page', async () => {
    const { route, handlers } = router();
    const result = await route(send, { id: ID, url: 'https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916', tab: { id: 3 } });
    expect(result).toEqual({ ok: false, error: { key: 'app_forbiddenSender', substitutions: [] } });
    expect(handlers['message.send']).not.toHaveBeenCalled();
  });

  it('refuses another extension, even one that names our page', async () => {
    const { route } = router();
    const other = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';
    const result = await route(send, { id: other, url: `chrome-extension://${other}/composer.html` });
    expect(result).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
  });

  it('refuses an operation from a page that is not allowed it (the popup cannot save credentials)', async () => {
    const { route } = router();
    const save = {
      op: 'connection.save',
      req: { name: 'Main', endpoint: { kind: 'production', region: 'NA' }, defaultMarketplaceId: 'ATVPDKIKX0DER', clientId: 'x', clientSecret: '', refreshToken: '' },
    };
    expect(await route(save, page('popup'))).toMatchObject({ ok: false, error: { key: 'app_forbiddenSender' } });
    expect(await route(save, page('options'))).toMatchObject({ ok: true });
  });

  it('refuses unknown operations and generic requests such as "fetch this URL"', async () => {
    const { route } = router();
    expect(await route({ op: 'fetch', req: { url: 'https://evil.example' } }, page('composer'))).toMatchObject({ ok: false });
    expect(await route({ op: 'toString', req: {} }, page('composer'))).toMatchObject({ ok: false });
    expect(await route(null, page('composer'))).toMatchObject({ ok: false });
  });

  it('validates the payload: a malformed order id or an extra field never reaches the handler', async () => {
    const { route, handlers } = router();
    const bad = await route({ op: 'message.send', req: { ...send.req, orderId: '902-3159896' } }, page('composer'));
    expect(bad).toMatchObject({ ok: false, error: { key: 'app_invalidRequest' } });
    const extra = await route({ op: 'message.send', req: { ...send.req, url: 'https://x' } }, page('composer'));
    expect(extra).toMatchObject({ ok: false, error: { key: 'app_invalidRequest' } });
    expect(handlers['message.send']).not.toHaveBeenCalled();
  });

  it('identifies pages only by the extension origin and an exact page path', () => {
    const opts = { extensionId: ID, extensionProtocol: 'chrome-extension:' };
    expect(pageOf(page('options'), opts)).toBe('options');
    expect(pageOf({ id: ID, url: `chrome-extension://${ID}/options.html.evil` }, opts)).toBeUndefined();
    expect(pageOf({ id: ID, url: `https://example.com/options.html` }, opts)).toBeUndefined();
    expect(pageOf({ id: ID }, opts)).toBeUndefined();
  });
});
