/**
 * 12. Bulk review requests: 200 eligible orders in one run from the "Request reviews" page. Wall time
 * against the rate-limit floor, 429s, calls per requested order, and the service worker's heap before
 * and after.
 *
 * At Amazon's documented plan (1 request/s, burst 5, for both operations): the floor is 5 + 195 at 1/s, so
 * 195 s of wall time. The rate is not scaled up here: pacing exactly at the limit turns network jitter into
 * 429s, and jitter is a larger share of a shorter interval, so a faster plan would overstate them.
 */
import { assertNoPageErrors, openSession, workerDevtools } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '12. Bulk review requests';
const ORDERS = 200;
const PLAN = { rate: 1, burst: 5 };
const CREATE = 'createProductReviewAndSellerFeedbackSolicitation';
const ACTIONS = 'getSolicitationActionsForOrder';
const DAY = 86_400_000;
const MB = 1024 * 1024;

export async function reviewRunMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    const iso = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    for (let i = 1; i <= ORDERS; i++) {
      await session.control('orders', {
        amazonOrderId: `111-4${String(i).padStart(6, '0')}-0000001`, status: 'Shipped', purchaseDate: iso(15), lastUpdateDate: iso(9),
        earliestDeliveryDate: iso(10), latestDeliveryDate: iso(9),
      });
    }
    const devtools = await workerDevtools(session.context, session.extensionId);
    const heap = async () => {
      const readings: number[] = [];
      for (let i = 0; i < 3; i++) {
        await devtools.send('HeapProfiler.collectGarbage');
        readings.push((await devtools.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize);
      }
      return median(readings);
    };
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/reviews.html`);
    // From the day before the added orders were placed: the fixtures' own review orders are older.
    await page.getByLabel('From').fill(iso(16).slice(0, 10));
    await page.getByRole('button', { name: 'Count the orders' }).click();
    const before = await heap();
    const confirm = page.getByRole('button', { name: /^Request reviews of \d+ orders$/ });
    const eligible = Number(/(\d+)/.exec((await confirm.textContent()) ?? '')?.[1]);
    await confirm.click();
    await page.getByTestId('review-run').and(page.locator('[data-status="finished"]')).waitFor({ timeout: 600_000 });
    const after = await heap();
    await devtools.close();
    assertNoPageErrors(session, 'review run');

    const log = (await session.log()).filter((e) => e.operation === CREATE || e.operation === ACTIONS);
    const start = Math.min(...log.map((e) => Date.parse(e.time)));
    const end = Math.max(...log.map((e) => Date.parse(e.time) + e.durationMs));
    const wallS = (end - start) / 1000;
    const floorS = (eligible - PLAN.burst) / PLAN.rate;
    const requested = ((await session.control('solicitations')) as unknown[]).length;
    const throttled = log.filter((e) => e.status === 429).length;
    const perOrder = new Map<string, number>();
    for (const e of log.filter((x) => x.operation === CREATE)) {
      const id = /orders\/([^/]+)\//.exec(e.path)?.[1] ?? '';
      perOrder.set(id, (perOrder.get(id) ?? 0) + 1);
    }
    const notes = `${eligible} eligible orders at Amazon's documented ${PLAN.rate}/s, burst ${PLAN.burst}`;
    return [
      metric({ id: 'review-wall-vs-floor', group: GROUP, name: 'bulk run wall time / rate-limit floor', unit: '×', samples: [wallS / floorS], target: { op: '<=', value: 1.05, text: '≤ 1.05' }, notes: `${wallS.toFixed(1)} s vs ${floorS.toFixed(1)} s; ${notes}` }),
      metric({ id: 'review-429', group: GROUP, name: 'bulk run 429 answers', unit: '', samples: [throttled], target: { op: '==', value: 0, text: '0' } }),
      metric({
        id: 'review-calls-per-order', group: GROUP, name: 'bulk run calls per requested order', unit: '', samples: [log.length / Math.max(1, requested)],
        target: { op: '<=', value: 2, text: '≤ 2' }, notes: `${log.length} Solicitations calls, ${requested} requested; most creates per order: ${Math.max(...perOrder.values())}`,
      }),
      metric({ id: 'review-sw-heap-before', group: GROUP, name: 'service worker heap before the run', unit: 'MB', samples: [before / MB], target: { op: 'info', text: '—' } }),
      metric({ id: 'review-sw-heap-after', group: GROUP, name: 'service worker heap after the run', unit: 'MB', samples: [after / MB], target: { op: 'info', text: '—' } }),
    ];
  } finally {
    await session.close();
  }
}
