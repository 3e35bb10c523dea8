/**
 * The popup's quick path: pick an order (the one on the current tab, a recent one, or a pasted id), then a
 * message type, and the composer opens with that type selected.
 */
import { computed, signal } from '@preact/signals';
import { SAMPLE_MARKETPLACE_ID, SAMPLE_ORDER_ID, isAmazonSandbox } from '../amazon-sandbox';
import { explainedOf, type ask as askFn } from '../ask';
import { isOrderId } from '../net/rules';
import type { ConnectionsView, Explained, MessageTypeView, PageOrder, PageOrderAnswer, RecentOrderView } from '../protocol';

export type { PageOrder };

export interface PopupDeps {
  ask: typeof askFn;
  /** The order shown in the active tab, when it is a Seller Central order page, with the connection that page uses. */
  pageOrder(): Promise<PageOrderAnswer | undefined>;
  /** Opens the composer on the order page when it is open, otherwise in an extension page. */
  openComposer(order: PageOrder, segment: string, onPage: boolean): Promise<void>;
  /** The popup acts for another connection: what else it shows follows (the inbox's queue, notifications). */
  onSwitched?(): void;
}


export function createPopupStore(deps: PopupDeps) {
  const connected = signal<boolean | undefined>(undefined);
  /** Every connection and the current one, which the popup acts for and the seller can switch. */
  const connections = signal<ConnectionsView | undefined>(undefined);
  /**
   * The connection the popup acts for: on an order page the one that page uses (the panel's rule and the
   * seller's remembered choice), else the current one; the seller can switch.
   */
  const acting = signal<string | undefined>(undefined);
  const defaultMarketplace = signal('');
  const pageOrder = signal<PageOrder | undefined>(undefined);
  const recent = signal<RecentOrderView[] | undefined>(undefined);
  const recentError = signal<Explained | undefined>(undefined);
  const pasted = signal('');
  const chosen = signal<PageOrder | undefined>(undefined);
  const types = signal<MessageTypeView[] | undefined>(undefined);
  const typesError = signal<Explained | undefined>(undefined);
  /** Connected to Amazon's sandbox, which knows no order but its sample. */
  const sandbox = signal(false);

  const pastedProblem = computed(() => {
    const v = pasted.value.trim();
    return v && !isOrderId(v) ? 'pop_orderIdShape' : undefined;
  });

  async function choose(picked: PageOrder) {
    const order = { orderId: picked.orderId, marketplaceId: picked.marketplaceId };
    chosen.value = order;
    types.value = undefined;
    typesError.value = undefined;
    try {
      const connectionId = acting.value;
      types.value = (await deps.ask('order.messageTypes', { ...order, refresh: false, ...(connectionId ? { connectionId } : {}) })).types.filter((t) => t.supported);
    } catch (e) {
      typesError.value = explainedOf(e);
    }
  }

  async function load() {
    const current = await deps.ask('connection.get', {});
    connected.value = current.configured;
    if (!current.configured) return;
    connections.value = await deps.ask('connections.list', {});
    const onPage = await deps.pageOrder().catch(() => undefined);
    const pageConnection = onPage?.connectionId ?? connections.value.current;
    // A switch made in this popup wins over the page's connection; the page's order belongs to the page's.
    acting.value = acting.value ?? pageConnection;
    const summary = acting.value && acting.value !== current.id ? await deps.ask('connection.get', { connectionId: acting.value }) : current;
    defaultMarketplace.value = summary.defaultMarketplaceId ?? '';
    // Amazon's sandbox answers searchOrders only for fixed sample dates and knows messaging only for its
    // sample order: that order is what the seller can try, so that is what is offered.
    if (isAmazonSandbox(summary.endpoint)) {
      sandbox.value = true;
      recent.value = [{ orderId: SAMPLE_ORDER_ID, marketplaceId: SAMPLE_MARKETPLACE_ID }];
      return;
    }
    if (onPage && acting.value === pageConnection) {
      pageOrder.value = { orderId: onPage.orderId, marketplaceId: onPage.marketplaceId || defaultMarketplace.value };
      await choose(pageOrder.value);
      return;
    }
    try {
      const connectionId = acting.value;
      recent.value = (await deps.ask('orders.recent', { marketplaceId: defaultMarketplace.value, ...(connectionId ? { connectionId } : {}) })).orders;
    } catch (e) {
      recentError.value = explainedOf(e);
    }
  }

  async function choosePasted() {
    const orderId = pasted.value.trim();
    if (!isOrderId(orderId)) return;
    await choose({ orderId, marketplaceId: defaultMarketplace.value });
  }

  async function pickType(segment: string) {
    const order = chosen.value;
    if (!order) return;
    const onPage = pageOrder.value?.orderId === order.orderId;
    await deps.openComposer(order, segment, onPage);
  }

  /** Acts for another connection from now on: its recent orders, its message types. */
  async function switchConnection(connectionId: string) {
    connections.value = await deps.ask('connections.setCurrent', { connectionId });
    acting.value = connectionId;
    for (const s of [pageOrder, recent, recentError, chosen, types, typesError]) s.value = undefined;
    sandbox.value = false;
    await load();
    deps.onSwitched?.();
  }

  function back() {
    chosen.value = undefined;
    types.value = undefined;
  }

  return { connected, connections, acting, switchConnection, sandbox, pageOrder, recent, recentError, pasted, pastedProblem, chosen, types, typesError, load, choose, choosePasted, pickType, back };
}

export type PopupStore = ReturnType<typeof createPopupStore>;
