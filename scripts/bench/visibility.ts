/**
 * How late the framed composer learns that the page hid it: the page (its own world, as an attacker's
 * script would) hides the panel, and an IntersectionObserver v2 in the composer with the gate's options
 * (lib/ui/visibility.ts: trackVisibility, delay 100) reports it "not visible". The time from the page's
 * change to that report's delivery is what the gate's SETTLE_MS must cover: a page that hides the composer
 * at the very moment of the click is refused only if the report is in by then.
 *
 * Both clocks are read as performance.timeOrigin + performance.now(), the same wall clock in the page's
 * and the composer's processes. Each hide is started at a random phase of the observer's 100 ms cycle.
 */
import type { Frame, Page } from '@playwright/test';
import { DELAY_MS, SETTLE_MS } from '../../lib/ui/visibility';
import { metric, type Metric } from './stats';

/** What a page can do to the panel, each undone by removing the style or the element. */
export const HIDING: Record<string, string> = {
  'opacity 0': `document.querySelector('order-courier-panel').style.opacity = '0'`,
  'decoy laid over it': `(() => {
    const cover = document.createElement('div');
    cover.id = 'bench-cover';
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;pointer-events:none';
    document.body.append(cover);
  })()`,
  'clipped away': `document.querySelector('order-courier-panel').style.clipPath = 'inset(0 0 100% 0)'`,
  'moved off-screen': `document.querySelector('order-courier-panel').style.translate = '-5000px 0'`,
};

const UNDO = `(() => {
  document.getElementById('bench-cover')?.remove();
  const panel = document.querySelector('order-courier-panel');
  panel.style.opacity = '';
  panel.style.clipPath = '';
  panel.style.translate = '';
})()`;

const OBSERVER = `(() => {
  window.__vis = [];
  const observer = new IntersectionObserver((entries) => {
    const delivered = performance.timeOrigin + performance.now();
    for (const e of entries) window.__vis.push({ visible: e.isVisible === true, time: performance.timeOrigin + e.time, delivered });
  }, { trackVisibility: true, delay: ${DELAY_MS} });
  observer.observe(document.body);
})()`;

interface Report {
  visible: boolean;
  time: number;
  delivered: number;
}

const reports = async (frame: Frame) => (await frame.evaluate('window.__vis')) as Report[];

async function waitForReport(frame: Frame, after: number, visible: boolean, timeoutMs: number): Promise<Report | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await reports(frame)).find((r) => r.visible === visible && r.delivered >= after);
    if (found || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `samples` hides per way of hiding; the composer must be open and in view in `page`. */
export async function visibilityLatencyMetrics(page: Page, frame: Frame, group: string, samples: number): Promise<Metric[]> {
  await frame.evaluate(OBSERVER);
  if (!(await waitForReport(frame, 0, true, 3000))) throw new Error('visibility: the composer was never reported visible');
  const latencies: Record<string, number[]> = {};
  const missed: Record<string, number> = {};
  for (let i = 0; i < samples; i++) {
    for (const [how, script] of Object.entries(HIDING)) {
      // A random phase of the observer's cycle.
      await page.waitForTimeout(Math.random() * DELAY_MS);
      const hiddenAt = (await page.evaluate(`(() => { const t = performance.timeOrigin + performance.now(); ${script}; return t; })()`)) as number;
      const report = await waitForReport(frame, hiddenAt, false, 2000);
      if (report) (latencies[how] ??= []).push(report.delivered - hiddenAt);
      else missed[how] = (missed[how] ?? 0) + 1;
      const shownAt = (await page.evaluate(`(() => { const t = performance.timeOrigin + performance.now(); ${UNDO}; return t; })()`)) as number;
      if (!(await waitForReport(frame, shownAt, true, 3000))) throw new Error(`visibility: the composer was not reported visible again after "${how}"`);
    }
  }
  const all = Object.values(latencies).flat();
  const worst = Math.max(...all);
  return [
    ...Object.entries(HIDING).map(([how]) =>
      metric({
        id: `hidden-report-${how.replace(/\W+/g, '-')}`,
        group,
        name: `page hides the composer (${how}) → "not visible" report`,
        unit: 'ms',
        samples: latencies[how] ?? [],
        target: { op: 'info', text: 'worst ≤ SETTLE_MS' },
        notes: `${(latencies[how] ?? []).length} reports, ${missed[how] ?? 0} hides never reported within 2 s; worst ${Math.max(...(latencies[how] ?? [Number.NaN])).toFixed(0)} ms`,
      }),
    ),
    metric({
      id: 'hidden-report-worst',
      group,
      name: 'worst "not visible" report delay, all ways of hiding',
      unit: 'ms',
      samples: [worst],
      target: { op: '<=', value: SETTLE_MS, text: `≤ SETTLE_MS (${SETTLE_MS} ms)` },
      pass: worst <= SETTLE_MS && Object.keys(missed).length === 0,
      notes: `${all.length} hides; the click waits SETTLE_MS for a report of a hide at the click itself`,
    }),
  ];
}
