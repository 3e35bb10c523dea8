/**
 * The bulk "Request reviews" page: a date range, the counts before anything is sent, then the run as
 * the background journals it (read again every second while it runs), the exclusion list, and the CSV.
 */
import { computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import type { Explained, ReviewPreview, ReviewRunItem, ReviewRunView } from '../protocol';
import { parseExclusions } from '../reviews/window';

const DAY_MS = 86_400_000;
const POLL_MS = 1000;

export interface ReviewsDeps {
  ask: typeof askFn;
  now(): number;
}

/** `YYYY-MM-DD` of a date input as the start (or the end) of that day in UTC. */
export function dayToMs(value: string, edge: 'start' | 'end'): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return edge === 'start' ? start : start + DAY_MS - 1;
}

export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Done and total, and the time left at the pace measured so far (1 s per order before the first ends). */
export function progressOf(run: ReviewRunView, now: number): { done: number; total: number; msLeft: number } {
  const total = run.items.length;
  const finished = run.items.filter((i) => i.state !== 'pending');
  const pending = total - finished.length;
  const timed = finished.filter((i) => i.at !== undefined && i.at >= run.createdAt);
  const last = Math.max(run.createdAt, ...timed.map((i) => i.at ?? 0));
  const perOrder = timed.length > 0 ? Math.max(1, (Math.min(now, last) - run.createdAt) / timed.length) : 1000;
  return { done: finished.length, total, msLeft: Math.round(pending * perOrder) };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One line per order: id, marketplace, outcome, reason, day, time. */
export function runCsv(run: ReviewRunView): string {
  const lines = [['orderId', 'marketplaceId', 'outcome', 'reason', 'date', 'at'].join(',')];
  for (const item of run.items) {
    lines.push([item.orderId, item.marketplaceId, item.state, item.reason ?? '', item.date ?? '', item.at ? new Date(item.at).toISOString() : '']
      .map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function createReviewsStore(deps: ReviewsDeps) {
  const from = signal(msToDay(deps.now() - 45 * DAY_MS));
  const to = signal(msToDay(deps.now()));
  const marketplaceId = signal('');
  const preview = signal<ReviewPreview | undefined>(undefined);
  const run = signal<ReviewRunView | null>(null);
  const exclusions = signal('');
  const exclusionsSaved = signal(false);
  const error = signal<Explained | undefined>(undefined);
  const busy = signal(false);
  /** The connection every call of the page goes out under, as the background names it. */
  const connectionName = signal<string | undefined>(undefined);
  const progress = computed(() => (run.value ? progressOf(run.value, deps.now()) : undefined));
  let timer: ReturnType<typeof setTimeout> | undefined;

  function range() {
    const f = dayToMs(from.value, 'start');
    const t = dayToMs(to.value, 'end');
    return f === undefined || t === undefined ? undefined : { marketplaceId: marketplaceId.value, from: f, to: t };
  }

  async function guarded(work: () => Promise<void>) {
    busy.value = true;
    error.value = undefined;
    try {
      await work();
    } catch (e) {
      error.value = explainedOf(e);
    } finally {
      busy.value = false;
    }
  }

  function follow() {
    clearTimeout(timer);
    if (run.value?.status !== 'running') return;
    timer = setTimeout(() => {
      void deps.ask('reviews.run', {}).then((r) => {
        run.value = r.run;
        follow();
      }, () => follow());
    }, POLL_MS);
  }

  async function load(defaultMarketplaceId: string) {
    marketplaceId.value = defaultMarketplaceId;
    await guarded(async () => {
      const [latest, excl] = await Promise.all([deps.ask('reviews.run', {}), deps.ask('reviews.exclusions', {})]);
      run.value = latest.run;
      exclusions.value = excl.entries.join('\n');
      follow();
    });
  }

  const count = () => guarded(async () => {
    const r = range();
    if (!r || !r.marketplaceId) return;
    preview.value = await deps.ask('reviews.preview', r);
  });

  const start = () => guarded(async () => {
    const r = range();
    if (!r || !preview.value) return;
    run.value = await deps.ask('reviews.start', r);
    preview.value = undefined;
    follow();
  });

  const control = (action: 'pause' | 'resume' | 'stop') => guarded(async () => {
    if (!run.value) return;
    run.value = await deps.ask('reviews.control', { runId: run.value.id, action });
    follow();
  });

  const saveExclusions = () => guarded(async () => {
    const entries = parseExclusions(exclusions.value);
    exclusions.value = (await deps.ask('reviews.exclusions', { entries })).entries.join('\n');
    exclusionsSaved.value = true;
    preview.value = undefined;
  });

  return {
    from, to, marketplaceId, preview, run, exclusions, exclusionsSaved, error, busy, progress, connectionName,
    load, count, start, control, saveExclusions,
    stop: () => clearTimeout(timer),
  };
}

export type ReviewsStore = ReturnType<typeof createReviewsStore>;
export type { ReviewRunItem };
