/**
 * `npm run bench`: measures the built extension (.output/chrome-mv3) in Debian's Chromium against the
 * local sandbox, prints one table and writes bench-results/bench-<timestamp>.json, latest.json and
 * latest.md (the table in Markdown, for the README).
 *
 * Every group starts its own sandbox and browser, so one group's state never leaks into another's numbers.
 * A group that throws is reported as FAIL with the error and the others still run. The exit code is 1 only
 * when something could not be measured; a missed target is a FAIL in the table, not a crash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../../tests/e2e/browser';
import { callMetrics } from './calls';
import { inboxMetrics, notificationsTabMetrics, unlockMetrics } from './inbox';
import { hashingMetrics } from './hashing';
import { memoryMetrics } from './memory';
import { bundleMetrics, listPageTaskMetrics, pageTimingMetrics } from './page-cost';
import { ratePacingMetrics } from './rate-pacing';
import { removeBenchFiles, uiText } from './session';
import { sendTimeMetrics } from './send-time';
import { answerToScreenMetrics } from './answer-to-screen';
import { twoConnectionsMetrics } from './connections';
import { reviewRunMetrics } from './review-run';
import { failedMetric, markdownTable, textTable, type Metric, type Target } from './stats';

const RESULTS_DIR = 'bench-results';

interface Group {
  name: string;
  run(): Promise<Metric[]> | Metric[];
  /** What the table shows if the group could not run at all. */
  fallback: { id: string; name: string; target: Target };
}

const GROUPS: Group[] = [
  { name: '1. Order page cost (bundle)', run: bundleMetrics, fallback: { id: 'content-script', name: 'content script size and contents', target: { op: '<=', value: 15, text: '≤ 15 KB' } } },
  { name: '1. Order page cost (timing)', run: pageTimingMetrics, fallback: { id: 'button-timing', name: 'navigation → Message buyer control', target: { op: '<=', value: 100, text: '≤ 100 ms' } } },
  { name: '1. Order page cost (order list)', run: listPageTaskMetrics, fallback: { id: 'list-page-longest-task', name: 'order list: longest task with content-script work', target: { op: '<', value: 50, text: '< 50 ms' } } },
  { name: '2. Calls per message', run: callMetrics, fallback: { id: 'calls', name: 'calls per message', target: { op: '==', text: 'minimum' } } },
  { name: '3. Send time', run: sendTimeMetrics, fallback: { id: 'send-ratio', name: 'send time / ideal', target: { op: '<=', value: 1.25, text: '≤ 1.25' } } },
  { name: '4. Rate-limit pacing', run: ratePacingMetrics, fallback: { id: 'rate', name: 'rate-limit pacing', target: { op: '>=', value: 95, text: '≥ 95 %, 0 × 429 in 5 runs' } } },
  { name: '5. Hashing', run: hashingMetrics, fallback: { id: 'hashing', name: 'hashing', target: { op: '<', value: 50, text: '< 50 ms block' } } },
  { name: '6. Memory', run: memoryMetrics, fallback: { id: 'memory', name: 'service worker heap growth', target: { op: '<=', text: 'within noise' } } },
  { name: '8. Order changes', run: inboxMetrics, fallback: { id: 'change-to-badge-p95', name: 'order change queued → toolbar badge, p95', target: { op: '<=', value: 2000, text: '≤ 2000 ms (p95)' } } },
  { name: '9. Notifications tab', run: notificationsTabMetrics, fallback: { id: 'filter-change-time', name: 'filter change, click → saved', target: { op: '<=', value: 1500, text: '≤ 1500 ms' } } },
  { name: '10. Passphrase unlock', run: unlockMetrics, fallback: { id: 'pbkdf2-worker', name: 'PBKDF2 in the service worker', target: { op: 'info', text: '—' } } },
  { name: '7. Answer to screen', run: answerToScreenMetrics, fallback: { id: 'answer-to-screen-watching', name: 'Amazon answers a send → a second composer shows it', target: { op: 'info', text: '—' } } },
  { name: '11. Two connections', run: twoConnectionsMetrics, fallback: { id: 'two-connections', name: 'two connections sending at once', target: { op: '>=', value: 95, text: '≥ 95 % each, 0 × 429' } } },
  { name: '12. Bulk review requests', run: reviewRunMetrics, fallback: { id: 'review-wall-vs-floor', name: 'bulk run wall time / rate-limit floor', target: { op: '<=', value: 1.05, text: '≤ 1.05' } } },
];

function quiet(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function machine() {
  const cpu = cpus();
  const chromium = quiet('/usr/bin/chromium', ['--version'])?.split('\n').find((l) => /Chromium/.test(l));
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { version: string };
  const playwright = (JSON.parse(readFileSync('node_modules/@playwright/test/package.json', 'utf8')) as { version: string }).version;
  const commit = quiet('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = (quiet('git', ['status', '--porcelain']) ?? '') !== '';
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    chromium: chromium ?? 'unknown',
    playwright,
    extensionVersion: manifest.version,
    commit: commit ? `${commit}${dirty ? ' (uncommitted changes)' : ''}` : 'unknown',
  };
}

/** A fingerprint of the build's contents, to notice another process rebuilding .output/chrome-mv3 differently during the run. */
function buildFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  try {
    walk(EXTENSION_DIR);
    return hash.digest('hex');
  } catch {
    return 'missing';
  }
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<number> {
  const startedAt = new Date();
  const info = machine();
  const loadBefore = load();
  console.log(`Order Courier benchmark — ${startedAt.toISOString()}`);
  console.log(`Machine: ${info.cores} cores (${info.cpu}), ${info.memoryGiB} GiB, Linux ${info.kernel}; Node ${info.node}; ${info.chromium}; Playwright ${info.playwright}`);
  console.log(`Extension ${info.extensionVersion} at ${info.commit}; load average ${loadBefore}`);
  if (loadavg()[0]! > info.cores) console.log(`Warning: the machine is busy (load ${loadavg()[0]!.toFixed(1)} on ${info.cores} cores); timings will be slower and noisier.`);

  const build = buildFingerprint();
  uiText('cmp_sent');
  const metrics: Metric[] = [];
  const errors: string[] = [];
  const durations: Record<string, number> = {};
  try {
    // `npm run bench -- "Send time"` measures only the groups whose names contain one of the words given;
    // BENCH_ONLY="1." only those whose names start with it.
    const only = process.argv.slice(2);
    const picked = GROUPS.filter((g) => only.length === 0 || only.some((o) => g.name.includes(o)));
    for (const group of picked.filter((g) => !process.env.BENCH_ONLY || g.name.startsWith(process.env.BENCH_ONLY))) {
      const t0 = Date.now();
      process.stdout.write(`… ${group.name}`);
      try {
        metrics.push(...(await group.run()));
      } catch (error) {
        errors.push(`${group.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        metrics.push(failedMetric(group.name.replace(/ \(.*\)$/, ''), group.fallback.id, group.fallback.name, group.fallback.target, error));
      }
      durations[group.name] = (Date.now() - t0) / 1000;
      process.stdout.write(` (${durations[group.name]!.toFixed(0)} s)\n`);
    }
  } finally {
    removeBenchFiles();
  }
  const finishedAt = new Date();
  const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;

  console.log('');
  console.log(textTable(metrics));
  const judged = metrics.filter((m) => m.pass !== null);
  const passed = judged.filter((m) => m.pass).length;
  console.log('');
  console.log(`${passed} of ${judged.length} targets met; ${seconds.toFixed(0)} s; load average ${loadBefore} before, ${load()} after.`);
  for (const e of errors) console.error(`\nCould not measure ${e}`);
  const rebuilt = buildFingerprint() !== build;
  if (rebuilt) console.log('Warning: .output/chrome-mv3 changed during the run (another process rebuilt it); the numbers may mix two builds. Run again.');

  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: seconds,
    groupSeconds: durations,
    machine: { ...info, loadAverageBefore: loadBefore, loadAverageAfter: load() },
    summary: { targets: judged.length, met: passed, failed: judged.length - passed, errors, rebuiltDuringRun: rebuilt },
    metrics,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(RESULTS_DIR, `bench-${stamp}.json`), json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  const header = `Measured ${startedAt.toISOString().slice(0, 10)} on ${info.cores} cores, Node ${info.node}, ${info.chromium}, extension ${info.extensionVersion} (${info.commit}); load average ${loadBefore}.`;
  writeFileSync(join(RESULTS_DIR, 'latest.md'), `${header}\n\n${markdownTable(metrics)}\n`);
  console.log(`Written: ${RESULTS_DIR}/bench-${stamp}.json, ${RESULTS_DIR}/latest.json, ${RESULTS_DIR}/latest.md`);
  return errors.length > 0 ? 1 : 0;
}

// A promise the harness left waiting on a browser that has since closed must not end the whole run.
process.on('unhandledRejection', (reason) => {
  console.warn(`\n(ignored a late rejection: ${reason instanceof Error ? reason.message.split('\n')[0] : String(reason)})`);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
