/**
 * 5. Hashing: spark-md5's raw throughput in Chromium against Node's native MD5 on the same bytes. The real
 * "attach 10 MB" in the composer (picked → Send enabled, and the composer's longest task meanwhile) is
 * measured with the send times (send-time.ts), where the composer is ready to send.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { assertNoPageErrors, openSession, pseudoRandomBytes } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '5. Hashing';
const MIB = 1024 * 1024;
const CHUNK = MIB;
const RAW_RUNS = 5;
const SEED = 99;

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
    ];
  } finally {
    await session.close();
  }
}
