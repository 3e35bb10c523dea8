/**
 * 6. Memory: the service worker's JS heap over 200 sends with an attachment, each reading taken after a
 * forced garbage collection, over DevTools on the worker itself. The slope after warm-up (send 50 on) is
 * what a long day of sending would add.
 */
import { attachTimed, sendTimed } from './composer-probes';
import { assertNoPageErrors, benchFile, openComposer, openSession, type WorkerDevtools, workerDevtools } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '6. Memory';
const SENDS = 200;
/** Where the heap is also read: growth that flattens out is warm-up, growth that keeps its pace is a leak. */
const CHECKPOINTS = [1, 10, 25, 50, 100, 150, 200];
/** Sends before this are warm-up (caches filling, code compiled): the slope is taken from here on. */
const WARM = 50;
const READINGS = 5;
const ATTACHMENT_BYTES = 20_000;
const SEGMENT = 'confirmCustomizationDetails';
/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

/** Raised for this part only, so 200 sends are not paced at Amazon's 1 message/s. */
const FAST_PLAN = { rate: 50, burst: 50 };
const MB = 1024 * 1024;

/** usedSize after HeapProfiler.collectGarbage, READINGS times. */
async function heapReadings(devtools: WorkerDevtools): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < READINGS; i++) {
    await devtools.send('HeapProfiler.collectGarbage');
    const usage = await devtools.send<{ usedSize: number }>('Runtime.getHeapUsage');
    readings.push(usage.usedSize);
    await new Promise((r) => setTimeout(r, 100));
  }
  return readings;
}

/** A value kept on the worker's global: if it is gone, the worker was restarted and the heaps are not comparable. */
async function workerMarker(devtools: WorkerDevtools, set?: string): Promise<string | undefined> {
  const expression = set === undefined ? 'globalThis.__benchMarker' : `globalThis.__benchMarker = ${JSON.stringify(set)}`;
  const { result } = await devtools.send<{ result: { value?: string } }>('Runtime.evaluate', { expression, returnByValue: true });
  return result.value;
}

export async function memoryMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    for (const operation of [SEGMENT, 'createUploadDestinationForResource']) await session.control('rate-limit', { operation, ...FAST_PLAN });
    const devtools = await workerDevtools(session.context, session.extensionId);
    const { order, frame } = await openComposer(session, SEGMENT);
    const file = benchFile('receipt.pdf', ATTACHMENT_BYTES, 31);
    const readings = new Map<number, number[]>();
    const started = Date.now();
    let sendingMs = 0;
    for (let i = 1; i <= SENDS; i++) {
      const t0 = Date.now();
      if (i > 1) await order.chooseType(SEGMENT);
      await order.write(`Your engraving proof, version ${i}.`);
      await attachTimed(frame, order, [file]);
      await sendTimed(frame, order);
      sendingMs += Date.now() - t0;
      if (CHECKPOINTS.includes(i)) readings.set(i, await heapReadings(devtools));
      if (i === 1) await workerMarker(devtools, String(started));
    }
    const seconds = sendingMs / 1000;
    const after1 = readings.get(1)!;
    const after50 = readings.get(SENDS)!;
    const warmPoints = CHECKPOINTS.filter((c) => c >= WARM).map((c) => [c, median(readings.get(c)!)] as const);
    const perSend = slope(warmPoints);
    const warmSpread = Math.max(...CHECKPOINTS.filter((c) => c >= WARM).map((c) => Math.max(...readings.get(c)!) - Math.min(...readings.get(c)!)));
    const sameWorker = (await workerMarker(devtools)) === String(started);
    const messages = session.sandbox.messages().length;
    await devtools.close();
    await order.page.close();
    assertNoPageErrors(session, 'memory');

    const base = median(after1);
    const growth = median(after50) - base;
    const spread = Math.max(Math.max(...after1) - Math.min(...after1), Math.max(...after50) - Math.min(...after50));
    const allowed = Math.max(spread, 0.05 * base);
    return [
      metric({
        id: 'sw-heap-after-1',
        group: GROUP,
        name: 'service worker heap after 1 send',
        unit: 'MB',
        samples: after1.map((b) => b / MB),
        target: { op: 'info', text: '—' },
        notes: `${READINGS} readings, each after HeapProfiler.collectGarbage (Runtime.getHeapUsage.usedSize); MB = MiB`,
      }),
      metric({
        id: `sw-heap-after-${SENDS}`,
        group: GROUP,
        name: `service worker heap after ${SENDS} sends`,
        unit: 'MB',
        samples: after50.map((b) => b / MB),
        target: { op: 'info', text: '—' },
        notes: `${messages} messages accepted by the sandbox, each with a 20 KB attachment, through the composer in ${seconds.toFixed(0)} s; rate limits of ${SEGMENT} and createUploadDestinationForResource raised to ${FAST_PLAN.rate}/s for this part (control API)`,
      }),
      metric({
        id: 'sw-heap-growth',
        group: GROUP,
        name: `heap growth, ${SENDS} sends vs 1`,
        unit: 'MB',
        samples: [growth / MB],
        target: { op: '<=', value: allowed / MB, text: `≤ ${(allowed / MB).toFixed(2)} MB (noise)` },
        pass: sameWorker && messages === SENDS && growth <= allowed,
        details: Object.fromEntries([...readings].map(([k, v]) => [`after${k}`, v])),
        notes:
          `ratio ${(median(after50) / base).toFixed(3)}; heap after ${CHECKPOINTS.map((c) => `${c}: ${(median(readings.get(c)!) / MB).toFixed(3)}`).join(', ')} MB; noise = the larger of the readings' spread (${(spread / 1024).toFixed(0)} KB) and 5 % of the 1-send heap; ` +
          (sameWorker ? 'same worker throughout' : 'THE WORKER WAS RESTARTED between the readings: not comparable'),
      }),
      metric({
        id: 'sw-heap-slope',
        group: GROUP,
        name: `heap slope after warm-up (sends ${WARM}–${SENDS})`,
        unit: 'KB/send',
        samples: [perSend / 1024],
        target: { op: '<=', value: warmSpread / (SENDS - WARM) / 1024, text: `≤ ${(warmSpread / (SENDS - WARM) / 1024).toFixed(2)} KB/send (noise)` },
        pass: sameWorker && perSend <= warmSpread / (SENDS - WARM),
        notes: `least squares over the medians at ${CHECKPOINTS.filter((c) => c >= WARM).join(', ')} sends; noise = the largest spread of one checkpoint's readings (${(warmSpread / 1024).toFixed(0)} KB) spread over ${SENDS - WARM} sends`,
      }),
    ];
  } finally {
    await session.close();
  }
}
