/**
 * The order's review request in the composer: its state as the background reports it, and the one
 * request. Components only render this and call its actions.
 */
import { signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import type { Explained, OrderStatus, ReviewStateView } from '../protocol';

export interface ReviewDeps {
  orderId: string;
  marketplaceId: string;
  ask: typeof askFn;
  /** As for Send: undefined when the click counts, otherwise why it does not (a hidden or covered frame). */
  mayAct?: () => Promise<Explained | undefined>;
}

export function createReviewStore(deps: ReviewDeps) {
  const view = signal<ReviewStateView | undefined>(undefined);
  const error = signal<Explained | undefined>(undefined);
  /** Reading the state failed: said quietly, since the seller came for the messages and asked nothing yet. */
  const loadError = signal<Explained | undefined>(undefined);
  const busy = signal(false);
  const req = { orderId: deps.orderId, marketplaceId: deps.marketplaceId };

  async function load() {
    loadError.value = undefined;
    try {
      view.value = await deps.ask('review.state', req);
    } catch (e) {
      loadError.value = explainedOf(e);
    }
  }

  async function request() {
    if (busy.value || view.value?.state !== 'eligible') return;
    const allowed = deps.mayAct?.();
    busy.value = true;
    error.value = undefined;
    try {
      const refused = await allowed;
      if (refused) {
        error.value = refused;
        return;
      }
      view.value = await deps.ask('review.request', req);
    } catch (e) {
      error.value = explainedOf(e);
      // What was stored for the order (e.g. an outcome left unknown) decides what is shown now.
      view.value = await deps.ask('review.state', req).catch(() => view.value);
    } finally {
      busy.value = false;
    }
  }

  /**
   * A message accepted for the order changes what Amazon allows (one review request or proactive message
   * per order), so the state is read again when the order's history gains one.
   */
  function follow(subscribe: (listener: (orderId: string, status: OrderStatus) => void) => () => void): () => void {
    const opened = Date.now();
    const seen = new Set<string>();
    return subscribe((orderId, status) => {
      const job = status.job;
      if (orderId !== deps.orderId || job?.state !== 'sent' || job.updatedAt < opened || seen.has(job.id)) return;
      seen.add(job.id);
      if (!busy.value) void load();
    });
  }

  return { view, error, loadError, busy, load, request, follow };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
