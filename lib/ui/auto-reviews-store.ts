/**
 * The automatic review requests as the popup and the options page show them: whether the mode is on, and
 * what is scheduled or ended. Signals plus actions through the injected `ask`, so it is tested directly.
 */
import { computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import type { AutoReviewView, AutoReviewsView, Explained } from '../protocol';

export function createAutoReviewsStore(ask: typeof askFn) {
  const view = signal<AutoReviewsView | undefined>(undefined);
  const error = signal<Explained | undefined>(undefined);
  const busy = signal(false);
  const scheduled = computed(() => (view.value?.entries ?? []).filter((e) => e.state === 'scheduled'));

  async function run(work: Promise<AutoReviewsView>) {
    busy.value = true;
    error.value = undefined;
    try {
      view.value = await work;
    } catch (e) {
      error.value = explainedOf(e);
    } finally {
      busy.value = false;
    }
  }

  return {
    view,
    error,
    busy,
    scheduled,
    load: () => run(ask('reviews.auto', {})),
    setEnabled: async (enabled: boolean) => {
      // The switch shows the seller's choice at once; a refusal puts back what the background holds.
      const before = view.value;
      if (before) view.value = { ...before, enabled };
      await run(ask('reviews.autoSet', { enabled }));
      if (error.value && before) view.value = before;
    },
    cancel: (entry: Pick<AutoReviewView, 'connectionId' | 'orderId'>) => run(ask('reviews.autoCancel', { connectionId: entry.connectionId, orderId: entry.orderId })),
    cancelAll: () => run(ask('reviews.autoCancel', { all: true })),
  };
}

export type AutoReviewsStore = ReturnType<typeof createAutoReviewsStore>;
