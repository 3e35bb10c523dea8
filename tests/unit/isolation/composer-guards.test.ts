/** What the framed composer decides on its own: who framed it, and whether a click on Send counts. */
import { describe, expect, it } from 'vitest';
import { framingProblem } from '../../../lib/ui/admission';
import { createVisibilityGate, MIN_VISIBLE_MS, SETTLE_MS } from '../../../lib/ui/visibility';
import { isContentRequest, isFrameMessage, isPageOrder } from '../../../lib/protocol';

describe('framing', () => {
  const token = 'x'.repeat(43);
  it('accepts only a direct frame of a Seller Central page that carries a token', () => {
    expect(framingProblem(['https://sellercentral.amazon.com'], token)).toBeUndefined();
    expect(framingProblem(['https://sellercentral-europe.amazon.com'], token)).toBeUndefined();
    expect(framingProblem(['https://evil.example'], token)?.key).toBe('cmp_refusedFrame');
    expect(framingProblem(['http://sellercentral.amazon.com'], token)?.key).toBe('cmp_refusedFrame');
    // Framed by a frame that Seller Central framed (an ad, a widget): not the panel.
    expect(framingProblem(['https://ads.example', 'https://sellercentral.amazon.com'], token)?.key).toBe('cmp_refusedFrame');
    expect(framingProblem(['https://sellercentral.amazon.com'], '')?.key).toBe('cmp_refusedToken');
    // A browser without ancestorOrigins relies on the token alone.
    expect(framingProblem(undefined, token)).toBeUndefined();
    expect(framingProblem(undefined, '')?.key).toBe('cmp_refusedToken');
  });
});

describe('a click on Send counts only when the composer was visible', () => {
  function setup() {
    let now = 10_000;
    const waits: number[] = [];
    const gate = createVisibilityGate({
      now: () => now,
      wait: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    return { gate, at: (t: number) => (now = t), waits };
  }

  it('counts a click after the composer was visible long enough, and waits for late reports first', async () => {
    const { gate, at, waits } = setup();
    gate.record(1_000, true);
    at(1_000 + MIN_VISIBLE_MS + 1);
    expect(await gate.mayAct()).toBeUndefined();
    expect(waits).toEqual([SETTLE_MS]);
  });

  it('refuses before any report, while hidden, and right after it reappeared', async () => {
    const { gate, at } = setup();
    at(5_000);
    expect(await gate.mayAct()).toMatchObject({ key: 'cmp_hiddenRefused' });
    gate.record(6_000, true);
    gate.record(7_000, false);
    at(8_000);
    expect(await gate.mayAct()).toMatchObject({ key: 'cmp_hiddenRefused' });
    gate.record(9_000, true);
    at(9_000 + MIN_VISIBLE_MS - 50);
    expect(await gate.mayAct()).toMatchObject({ key: 'cmp_hiddenRefused' });
  });

  it('refuses a click when the page hid the composer just before it and the report came after the click', async () => {
    const { gate, at } = setup();
    gate.record(1_000, true);
    at(5_000);
    const decision = gate.mayAct();
    // Hidden at 4 990, reported by the observer 120 ms later.
    gate.record(5_110, false);
    expect(await decision).toMatchObject({ key: 'cmp_hiddenRefused' });
  });
});

describe('messages between the popup, the content script and the frame', () => {
  it('accepts the content script requests as typed, nothing else', () => {
    expect(isContentRequest({ type: 'page.order' })).toBe(true);
    expect(isContentRequest({ type: 'panel.open' })).toBe(true);
    expect(isContentRequest({ type: 'panel.open', segment: 'confirmOrderDetails' })).toBe(true);
    expect(isContentRequest({ type: 'panel.open', segment: '../x' })).toBe(false);
    expect(isContentRequest({ type: 'panel.open', segment: 3 })).toBe(false);
    expect(isContentRequest({ type: 'panel.open', url: 'x' })).toBe(false);
    expect(isContentRequest({ type: 'page.order', extra: 1 })).toBe(false);
    expect(isContentRequest({ type: 'message.send' })).toBe(false);
    expect(isContentRequest(null)).toBe(false);
  });

  it('checks the order a content script reports and the frame message', () => {
    expect(isPageOrder({ orderId: '902-3159896-1390916', marketplaceId: 'ATVPDKIKX0DER' })).toBe(true);
    expect(isPageOrder({ orderId: '902-3159896-1390916', marketplaceId: '' })).toBe(true);
    expect(isPageOrder({ orderId: '902', marketplaceId: '' })).toBe(false);
    expect(isPageOrder({ orderId: '902-3159896-1390916' })).toBe(false);
    expect(isFrameMessage({ orderCourier: 'close' })).toBe(true);
    expect(isFrameMessage({ orderCourier: 'close', op: 'message.send' })).toBe(false);
    expect(isFrameMessage({ orderCourier: 'grant' })).toBe(false);
  });
});
