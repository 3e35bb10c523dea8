import { describe, expect, it, vi } from 'vitest';
import { createPopupStore } from '../../../lib/ui/popup-store';
import type { ask as askFn } from '../../../lib/ask';
import type { Operation, PageOrderAnswer } from '../../../lib/protocol';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

function setup(pageOrder: PageOrderAnswer | undefined, connected = true, endpoint: object = { kind: 'production', region: 'NA' }) {
  const calls: Array<{ op: Operation; req: unknown }> = [];
  let current = 'primary';
  const ask = vi.fn(async (op: Operation, req: unknown) => {
    calls.push({ op, req });
    if (op === 'connection.get') {
      const id = (req as { connectionId?: string }).connectionId ?? current;
      return { configured: connected, id, endpoint, defaultMarketplaceId: id === 'eu-1' ? DE : US, hasClientSecret: true, hasRefreshToken: true };
    }
    if (op === 'connections.list') return { connections: [{ id: 'primary', name: 'Main', configured: true }, { id: 'eu-1', name: 'Europe', configured: true }], current };
    if (op === 'connections.setCurrent') {
      current = (req as { connectionId: string }).connectionId;
      return { connections: [], current };
    }
    if (op === 'orders.recent') return { orders: [{ orderId: '111-1111111-1111111', marketplaceId: US, status: 'Unshipped', itemCount: 2 }] };
    if (op === 'order.messageTypes') {
      return { types: [{ segment: 'confirmOrderDetails', title: 'Confirm order details', supported: true }, { segment: 'amazonMotors', title: 'Amazon Motors', supported: false }] };
    }
    throw new Error(op);
  }) as unknown as typeof askFn;
  const openComposer = vi.fn(async () => undefined);
  const store = createPopupStore({ ask, pageOrder: async () => pageOrder, openComposer });
  return { store, calls, openComposer };
}

describe("popup quick path in Amazon's sandbox", () => {
  it('offers only the sample order and asks for no orders the sandbox cannot answer', async () => {
    const { store, calls } = setup(undefined, true, { kind: 'amazon-sandbox', region: 'NA' });
    await store.load();
    expect(store.sandbox.value).toBe(true);
    expect(store.recent.value).toEqual([{ orderId: '123-1234567-1234567', marketplaceId: 'ATVPDKIKX0DER' }]);
    expect(calls.map((c) => c.op)).toEqual(['connection.get', 'connections.list']);
  });
});

describe('popup quick path', () => {
  it("on an order page, offers that order's types and opens the composer on the page", async () => {
    const { store, calls, openComposer } = setup({ orderId: '902-3159896-1390916', marketplaceId: 'A1PA6795UKMFR9' });
    await store.load();
    expect(calls.some((c) => c.op === 'orders.recent')).toBe(false);
    expect(store.types.value?.map((t) => t.segment)).toEqual(['confirmOrderDetails']);
    await store.pickType('confirmOrderDetails');
    expect(openComposer).toHaveBeenCalledWith({ orderId: '902-3159896-1390916', marketplaceId: 'A1PA6795UKMFR9' }, 'confirmOrderDetails', true);
  });

  it("a page that did not name the marketplace uses the seller's default", async () => {
    const { store } = setup({ orderId: '902-3159896-1390916', marketplaceId: '' });
    await store.load();
    expect(store.chosen.value).toEqual({ orderId: '902-3159896-1390916', marketplaceId: US });
  });

  it('elsewhere, lists recent orders; picking one asks only for its id and marketplace, and opens a composer page', async () => {
    const { store, calls, openComposer } = setup(undefined);
    await store.load();
    expect(store.recent.value?.map((o) => o.orderId)).toEqual(['111-1111111-1111111']);
    await store.choose(store.recent.value![0]!);
    expect(calls.find((c) => c.op === 'order.messageTypes')?.req).toEqual({ orderId: '111-1111111-1111111', marketplaceId: US, refresh: false, connectionId: 'primary' });
    await store.pickType('confirmOrderDetails');
    expect(openComposer).toHaveBeenCalledWith({ orderId: '111-1111111-1111111', marketplaceId: US }, 'confirmOrderDetails', false);
  });

  it('a pasted id must have the 3-7-7 shape before anything is asked', async () => {
    const { store, calls } = setup(undefined);
    await store.load();
    store.pasted.value = '902-315989';
    expect(store.pastedProblem.value).toBe('pop_orderIdShape');
    await store.choosePasted();
    expect(calls.some((c) => c.op === 'order.messageTypes')).toBe(false);
  });

  it('not connected: asks for nothing else', async () => {
    const { store, calls } = setup(undefined, false);
    await store.load();
    expect(store.connected.value).toBe(false);
    expect(calls.map((c) => c.op)).toEqual(['connection.get']);
  });

  it('lists the recent orders of the current connection, and of another once the seller switches', async () => {
    const { store, calls } = setup(undefined);
    await store.load();
    expect(calls.find((c) => c.op === 'orders.recent')?.req).toEqual({ marketplaceId: US, connectionId: 'primary' });
    await store.switchConnection('eu-1');
    expect(calls.filter((c) => c.op === 'orders.recent').at(-1)?.req).toEqual({ marketplaceId: DE, connectionId: 'eu-1' });
    expect(store.connections.value?.current).toBe('eu-1');
  });

  it("on an order page, acts for the page's connection rather than the current one; a switch there lists the other's recent orders", async () => {
    const { store, calls } = setup({ orderId: '302-1111111-2222222', marketplaceId: '', connectionId: 'eu-1' });
    await store.load();
    expect(store.acting.value).toBe('eu-1');
    // The page named no marketplace: the page's connection's default, not the current one's.
    expect(store.chosen.value).toEqual({ orderId: '302-1111111-2222222', marketplaceId: DE });
    expect(calls.find((c) => c.op === 'order.messageTypes')?.req).toEqual({ orderId: '302-1111111-2222222', marketplaceId: DE, refresh: false, connectionId: 'eu-1' });
    expect(calls.some((c) => c.op === 'connections.setCurrent')).toBe(false);
    await store.switchConnection('primary');
    expect(store.acting.value).toBe('primary');
    expect(store.pageOrder.value).toBeUndefined();
    expect(calls.filter((c) => c.op === 'orders.recent').at(-1)?.req).toEqual({ marketplaceId: US, connectionId: 'primary' });
  });

  it('on an order page that has not picked a connection yet, acts for the current one', async () => {
    const { store, calls } = setup({ orderId: '902-3159896-1390916', marketplaceId: US });
    await store.load();
    expect(store.acting.value).toBe('primary');
    expect(calls.find((c) => c.op === 'order.messageTypes')?.req).toEqual({ orderId: '902-3159896-1390916', marketplaceId: US, refresh: false, connectionId: 'primary' });
  });
});
