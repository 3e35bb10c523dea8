/**
 * 6. Memory: the service worker's JS heap over 200 sends with an attachment, each reading taken after a
 * forced garbage collection, over DevTools on the worker itself. The slope after warm-up (send 50 on) is
 * what a long day of sending would add.
 *
 * The heap's used size also holds the code V8 compiles as functions get hot, which keeps growing for a
 * while after warm-up and is no leak. So heap snapshots at send 50 and 200 say what is alive by kind: the
 * program's data (objects, closures, arrays, strings), which a leak would add to, apart from compiled code.
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

interface SnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface LiveHeap {
  /** Self size by V8's node type (object, closure, string, code, native, ...). */
  byType: Map<string, number>;
  /** Objects, closures and arrays by constructor or function name; strings as one entry. */
  byName: Map<string, { count: number; size: number }>;
}

/** The node types that are the program's data, as opposed to compiled code, Blink's own objects and V8's bookkeeping. */
const DATA_TYPES = new Set(['object', 'closure', 'array', 'string', 'concatenated string', 'sliced string', 'number', 'regexp', 'symbol', 'bigint', 'object shape']);
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** What is alive in the worker, from a heap snapshot (V8 collects garbage before taking it). */
async function liveHeap(devtools: WorkerDevtools): Promise<LiveHeap> {
  const chunks: string[] = [];
  const stop = devtools.on('HeapProfiler.addHeapSnapshotChunk', (params) => chunks.push((params as { chunk: string }).chunk));
  try {
    await devtools.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    stop();
  }
  const file = JSON.parse(chunks.join('')) as SnapshotFile;
  const fields = file.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = file.snapshot.meta.node_types[0];
  const byType = new Map<string, number>();
  const byName = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < file.nodes.length; i += fields.length) {
    const type = types[file.nodes[i + typeAt]!]!;
    const size = file.nodes[i + sizeAt]!;
    byType.set(type, (byType.get(type) ?? 0) + size);
    if (!DATA_TYPES.has(type) || type === 'number' || type === 'object shape') continue;
    const name = STRING_TYPES.has(type) ? '(strings)' : `${file.strings[file.nodes[i + nameAt]!] || '(anonymous)'} (${type})`;
    const entry = byName.get(name) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += size;
    byName.set(name, entry);
  }
  return { byType, byName };
}

const sum = (heap: LiveHeap, keep: (type: string) => boolean) => [...heap.byType].filter(([t]) => keep(t)).reduce((n, [, b]) => n + b, 0);

/** What grew most between two snapshots, for the notes. */
function grown(before: LiveHeap, after: LiveHeap, top = 5): string {
  const rows = [...after.byName]
    .map(([name, a]) => ({ name, count: a.count - (before.byName.get(name)?.count ?? 0), size: a.size - (before.byName.get(name)?.size ?? 0) }))
    .filter((r) => r.size > 0)
    .sort((x, y) => y.size - x.size)
    .slice(0, top);
  return rows.length === 0 ? 'nothing' : rows.map((r) => `${r.name} ${r.count >= 0 ? '+' : ''}${r.count} (${r.size >= 0 ? '+' : ''}${(r.size / 1024).toFixed(1)} KB)`).join(', ');
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
    const snapshots = new Map<number, LiveHeap>();
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
      // After the readings, so that taking it does not weigh on them.
      if (i === WARM || i === SENDS) snapshots.set(i, await liveHeap(devtools));
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

    const warm = snapshots.get(WARM)!;
    const last = snapshots.get(SENDS)!;
    const isData = (t: string) => DATA_TYPES.has(t);
    const dataGrowth = sum(last, isData) - sum(warm, isData);
    const codeGrowth = sum(last, (t) => t === 'code') - sum(warm, (t) => t === 'code');
    const nativeGrowth = sum(last, (t) => t === 'native') - sum(warm, (t) => t === 'native');
    /** One small object (about 100 bytes) kept per send would reach it. */
    const DATA_LIMIT = 0.1;
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
        notes: `least squares over the medians at ${CHECKPOINTS.filter((c) => c >= WARM).join(', ')} sends; noise = the largest spread of one checkpoint's readings (${(warmSpread / 1024).toFixed(0)} KB) spread over ${SENDS - WARM} sends; the used size includes compiled code (next rows)`,
      }),
      metric({
        id: 'sw-live-data-slope',
        group: GROUP,
        name: `live JS data per send, sends ${WARM}–${SENDS} (heap snapshots)`,
        unit: 'KB/send',
        samples: [dataGrowth / (SENDS - WARM) / 1024],
        target: { op: '<=', value: DATA_LIMIT, text: `≤ ${DATA_LIMIT.toFixed(2)} KB/send (one small object per send)` },
        pass: sameWorker && dataGrowth / (SENDS - WARM) / 1024 <= DATA_LIMIT,
        notes:
          `objects, closures, arrays, strings and shapes alive: ${(sum(warm, isData) / 1024).toFixed(0)} KB after ${WARM} sends, ${(sum(last, isData) / 1024).toFixed(0)} KB after ${SENDS}; ` +
          `grown most: ${grown(warm, last)}`,
      }),
      metric({
        id: 'sw-code-growth',
        group: GROUP,
        name: `compiled code, growth sends ${WARM}–${SENDS} (heap snapshots)`,
        unit: 'KB',
        samples: [codeGrowth / 1024],
        target: { op: 'info', text: '—' },
        notes: `code ${(sum(warm, (t) => t === 'code') / 1024).toFixed(0)} → ${(sum(last, (t) => t === 'code') / 1024).toFixed(0)} KB (functions V8 optimises as they get hot, counted in the used size); Blink's objects in the worker ${nativeGrowth >= 0 ? '+' : ''}${(nativeGrowth / 1024).toFixed(0)} KB (not in the used size)`,
      }),
    ];
  } finally {
    await session.close();
  }
}
