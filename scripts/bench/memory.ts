/**
 * 6. Memory: the service worker's JS heap after 50 sends with an attachment against after the first, each
 * reading taken after a forced garbage collection, over DevTools on the worker itself.
 */
import { attachTimed, sendTimed } from './composer-probes';
import { assertNoPageErrors, benchFile, openComposer, openSession, type WorkerDevtools, workerDevtools } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '6. Memory';
const SENDS = 50;
/** Where the heap is also read: growth that flattens out is warm-up, growth that keeps its pace is a leak. */
const CHECKPOINTS = [1, 10, 25, 50];
const READINGS = 5;
const ATTACHMENT_BYTES = 20_000;
const SEGMENT = 'confirmCustomizationDetails';
/** Raised for this part only, so 50 sends are not paced at Amazon's 1 message/s. */
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
        id: 'sw-heap-after-50',
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
    ];
  } finally {
    await session.close();
  }
}
