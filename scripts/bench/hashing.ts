/**
 * 5. Hashing: spark-md5's raw throughput in Chromium against Node's native MD5 on the same bytes, the
 * real "attach 10 MB" in the composer (hash + store through the background), and the longest stretch the
 * composer's main thread is blocked meanwhile.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Frame } from '@playwright/test';
import { attachTimed } from './composer-probes';
import { assertNoPageErrors, benchFile, openComposer, openSession, pseudoRandomBytes } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '5. Hashing';
const MIB = 1024 * 1024;
const CHUNK = MIB;
const RAW_RUNS = 5;
const ATTACH_RUNS = 5;
const BLOCK_RUNS = 5;
const SEED = 99;
/** Decimal: Amazon's total limit is 10 MiB, so a 10 MiB file could not be attached at all. */
const ATTACH_BYTES = 10_000_000;
const SEGMENT = 'confirmCustomizationDetails';

const mbPerS = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

/**
 * In a blank page with spark-md5's own file: the same xorshift bytes as pseudoRandomBytes, hashed
 * incrementally in 1 MiB chunks, timed per run. A fixed reference: the composer's own chunk size may differ.
 */
function rawHashScript(size: number, runs: number): string {
  return `(() => {
    const size = ${size}, chunk = ${CHUNK}, runs = ${runs};
    const bytes = new Uint8Array(size);
    let x = ${SEED} >>> 0 || 1;
    for (let i = 0; i < size; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; bytes[i] = x & 0xff; }
    const times = [];
    let digest = '';
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const md5 = new SparkMD5.ArrayBuffer();
      for (let o = 0; o < size; o += chunk) md5.append(bytes.buffer.slice(o, Math.min(o + chunk, size)));
      digest = btoa(md5.end(true));
      times.push(performance.now() - t0);
    }
    return { times, digest };
  })()`;
}

/**
 * Longest main-thread block while a file is hashed: a zero-delay timer chain notes every gap between its
 * turns (a gap is the longest task that ran in between, plus the timer's ~4 ms clamp), and a
 * PerformanceObserver collects the browser's own long tasks (over 50 ms).
 */
const BLOCK_PROBE_START = `(() => {
  const b = window.__block = { maxGap: 0, longTasks: [], running: true, armedAt: null, last: 0 };
  // Counting starts with the change event: what came before it is the file arriving, not the extension.
  document.addEventListener('change', () => { if (b.armedAt === null) { b.armedAt = performance.now(); b.last = b.armedAt; } }, { capture: true, once: true });
  const tick = () => {
    const now = performance.now();
    if (b.armedAt !== null) b.maxGap = Math.max(b.maxGap, now - b.last);
    b.last = now;
    if (b.running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  b.observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (b.armedAt !== null && e.startTime + e.duration > b.armedAt) b.longTasks.push(e.duration);
  });
  b.observer.observe({ type: 'longtask' });
})()`;
const BLOCK_PROBE_STOP = `(() => {
  const b = window.__block;
  b.running = false;
  b.observer.disconnect();
  return { maxGap: b.maxGap, longTasks: b.longTasks };
})()`;

async function removeAttachment(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: /^Remove/ }).first().click();
  await frame.locator('li.attachment').first().waitFor({ state: 'detached', timeout: 20_000 });
}

export async function hashingMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    // Raw throughput in Chromium.
    const blank = await session.context.newPage();
    await blank.goto('about:blank');
    const require = createRequire(import.meta.url);
    await blank.addScriptTag({ content: readFileSync(require.resolve('spark-md5/spark-md5.min.js'), 'utf8') });
    const raw: Record<number, { times: number[]; digest: string }> = {};
    for (const size of [MIB, 10 * MIB]) raw[size] = (await blank.evaluate(rawHashScript(size, RAW_RUNS))) as { times: number[]; digest: string };
    await blank.close();

    // Node's native MD5 on the same bytes.
    const bytes = pseudoRandomBytes(10 * MIB, SEED);
    const nodeTimes: number[] = [];
    let nodeDigest = '';
    for (let r = 0; r < RAW_RUNS; r++) {
      const t0 = performance.now();
      nodeDigest = createHash('md5').update(bytes).digest('base64');
      nodeTimes.push(performance.now() - t0);
    }
    const sameDigest = nodeDigest === raw[10 * MIB]!.digest;

    // Attaching a 10 MB file in the composer, then the same with the block probe running.
    const { order, frame } = await openComposer(session, SEGMENT);
    const file = benchFile('scan-10mb.pdf', ATTACH_BYTES, 21);
    const attachTimes: number[] = [];
    for (let r = 0; r < ATTACH_RUNS; r++) {
      attachTimes.push((await attachTimed(frame, order, [file])).all);
      await removeAttachment(frame);
    }
    const gaps: number[] = [];
    const longTasks: number[] = [];
    for (let r = 0; r < BLOCK_RUNS; r++) {
      await frame.evaluate(BLOCK_PROBE_START);
      await attachTimed(frame, order, [file]);
      const probe = (await frame.evaluate(BLOCK_PROBE_STOP)) as { maxGap: number; longTasks: number[] };
      gaps.push(probe.maxGap);
      longTasks.push(...probe.longTasks);
      await removeAttachment(frame);
    }
    await order.page.close();
    assertNoPageErrors(session, 'hashing');

    const chromium1 = raw[MIB]!.times.map((t) => mbPerS(MIB, t));
    const chromium10 = raw[10 * MIB]!.times.map((t) => mbPerS(10 * MIB, t));
    const node10 = nodeTimes.map((t) => mbPerS(10 * MIB, t));
    return [
      metric({
        id: 'md5-chromium-1mib',
        group: GROUP,
        name: 'spark-md5 in Chromium, 1 MiB',
        unit: 'MB/s',
        samples: chromium1,
        target: { op: 'info', text: '—' },
        notes: `${RAW_RUNS} runs in a blank page with node_modules/spark-md5/spark-md5.min.js, 1 MiB chunks; MB = 10⁶ bytes`,
      }),
      metric({
        id: 'md5-chromium-10mib',
        group: GROUP,
        name: 'spark-md5 in Chromium, 10 MiB',
        unit: 'MB/s',
        samples: chromium10,
        target: { op: 'info', text: '—' },
        notes: `same; digest ${sameDigest ? 'equals' : 'DIFFERS FROM'} Node's`,
      }),
      metric({
        id: 'md5-node-10mib',
        group: GROUP,
        name: "Node's native MD5, 10 MiB (reference)",
        unit: 'MB/s',
        samples: node10,
        target: { op: 'info', text: '—' },
        notes: `crypto.createHash('md5'), same bytes; Node ${process.version}`,
      }),
      metric({
        id: 'md5-ratio',
        group: GROUP,
        name: 'Node native ÷ spark-md5 in Chromium (10 MiB)',
        unit: '×',
        samples: [median(node10) / median(chromium10)],
        target: { op: 'info', text: '—' },
        notes: 'how much faster the native hash is: the cost of hashing in JavaScript (Web Crypto has no MD5)',
        pass: sameDigest ? undefined : false,
      }),
      metric({
        id: 'attach-10mb',
        group: GROUP,
        name: 'attach 10 MB in the composer (hash + store)',
        unit: 'ms',
        samples: attachTimes,
        target: { op: 'info', text: '—' },
        notes: `10,000,000 bytes; change event → progress bar gone; ${mbPerS(ATTACH_BYTES, median(attachTimes)).toFixed(0)} MB/s end to end (the composer hashes the file and hands it to the background chunk by chunk)`,
      }),
      metric({
        id: 'attach-10mb-longest-block',
        group: GROUP,
        name: 'longest composer main-thread block during it',
        unit: 'ms',
        samples: gaps,
        target: { op: '<', value: 50, text: '< 50 ms (every run)' },
        notes: `largest gap between turns of a 0 ms timer chain (an upper bound: includes the ~4 ms timer clamp); long tasks (>50 ms) seen: ${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''}`,
        pass: Math.max(...gaps) < 50,
        details: { longTasksMs: longTasks },
      }),
    ];
  } finally {
    await session.close();
  }
}
