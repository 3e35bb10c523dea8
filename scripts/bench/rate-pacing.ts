/**
 * 4. Rate-limit pacing of the SP-API client (lib/spapi, in Node with the real fetch) against the sandbox's
 * token buckets: does it use the documented rate without being throttled, and how many 429s does it take
 * to follow a lower rate that Amazon starts advertising?
 */
import { createLwa, createSpApi } from '../../lib/spapi';
import { US_ORDER } from '../../tests/e2e/order-page';
import { control } from '../../tests/e2e/browser';
import { MARKETPLACE_IDS, SANDBOX_CREDENTIALS, startSandbox, type LogEntry } from '../../tests/sandbox/server';
import { metric, type Metric } from './stats';

const GROUP = '4. Rate-limit pacing';
const OPERATION = 'getMessagingActionsForOrder';
/** The documented usage plan of the operation (and the sandbox's): 1 request/s, burst 5. */
const RATE = 1;
const BURST = 5;
const CALLS = 30;
/** Runs of the 30 calls, each against a fresh sandbox and client: one lucky run proves nothing about jitter. */
const RUNS = 5;
/** The plan the sandbox switches to for the second part. */
const LOWER = { rate: 0.5, burst: 2 };
const CALLS_AFTER_CHANGE = 8;

const calls = (log: LogEntry[]) => log.filter((e) => e.operation === OPERATION && e.method === 'GET');

interface Run {
  share: number;
  throttled: number;
  seconds: number;
  gaps: number[];
  arrivalsMs: number[];
}

/** A fresh client of the sandbox at `baseUrl`, holding its access token, and the one call it is measured on. */
async function pacedCall(baseUrl: string): Promise<{ call: () => Promise<unknown>; limiter: ReturnType<typeof createSpApi>['limiter'] }> {
  const endpoint = { kind: 'custom' as const, baseUrl };
  const lwa = createLwa({ endpoint, credentials: async () => ({ ...SANDBOX_CREDENTIALS }) });
  const api = createSpApi({ endpoint, lwa });
  // The access token first: its request would otherwise delay only the first burst and flatter the pacing.
  await lwa.accessToken('seller');
  return { call: () => api.getMessagingActionsForOrder(US_ORDER, MARKETPLACE_IDS.US), limiter: api.limiter };
}

/** Part 1: all 30 calls at once, as concurrent callers would ask; the client must pace them. */
async function pacedRun(): Promise<Run> {
  const sandbox = await startSandbox({ port: 0, quiet: true });
  try {
    const { call } = await pacedCall(sandbox.url);
    await Promise.all(Array.from({ length: CALLS }, call));
    const first = calls(sandbox.log());
    const ok = first.filter((e) => e.status === 200).map((e) => Date.parse(e.time)).sort((a, b) => a - b);
    // The bucket starts full at the first request: requests BURST+1…N can come no faster than RATE from then on.
    const seconds = (ok[ok.length - 1]! - ok[0]!) / 1000;
    return {
      share: ((ok.length - BURST) / seconds / RATE) * 100,
      throttled: first.filter((e) => e.status === 429).length,
      seconds,
      gaps: ok.slice(BURST).map((t, i) => t - ok[BURST + i - 1]!),
      arrivalsMs: ok.map((t) => t - ok[0]!),
    };
  } finally {
    await sandbox.close();
  }
}

export async function ratePacingMetrics(): Promise<Metric[]> {
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await pacedRun());
  const sandbox = await startSandbox({ port: 0, quiet: true });
  try {
    const { call, limiter } = await pacedCall(sandbox.url);

    // Part 2: Amazon lowers the plan. The client still believes in 1/s, burst 5, and has its full bucket
    // (the worst case); calls then come one after the other, as the extension makes them.
    const mark = sandbox.log().length;
    await control(sandbox, 'rate-limit', { operation: OPERATION, ...LOWER });
    for (let i = 0; i < CALLS_AFTER_CHANGE; i++) await call();
    const second = calls(sandbox.log().slice(mark));
    const adapted = limiter.current(OPERATION);
    const throttledAfterChange = second.filter((e) => e.status === 429).length;
    const allGaps = runs.flatMap((r) => r.gaps);

    return [
      metric({
        id: 'rate-share',
        group: GROUP,
        name: `${OPERATION}: rate achieved after the burst, ${RUNS} runs`,
        unit: '%',
        samples: runs.map((r) => r.share),
        target: { op: '>=', value: 95, text: `≥ 95 % of 1/s in every run` },
        pass: runs.every((r) => r.share >= 95),
        notes: `${RUNS} × ${CALLS} concurrent calls through createSpApi (Node fetch) → a fresh sandbox each; requests ${BURST + 1}–${CALLS} over ${runs.map((r) => r.seconds.toFixed(2)).join(' / ')} s from the first; gaps after the burst ${Math.min(...allGaps)}–${Math.max(...allGaps)} ms`,
        details: runs,
      }),
      metric({
        id: 'rate-429',
        group: GROUP,
        name: `${OPERATION}: 429s during ${RUNS} × ${CALLS} calls`,
        unit: '',
        samples: runs.map((r) => r.throttled),
        target: { op: '==', value: 0, text: '0 in every run' },
        pass: runs.every((r) => r.throttled === 0),
        notes: 'counted in the sandbox log, per run',
      }),
      metric({
        id: 'rate-adapt-429',
        group: GROUP,
        name: `429s to adapt to a lower limit (${RATE}/s → ${LOWER.rate}/s)`,
        unit: '',
        samples: [throttledAfterChange],
        target: { op: '<=', value: 1, text: '≤ 1' },
        notes:
          `POST /__control/rate-limit {rate: ${LOWER.rate}, burst: ${LOWER.burst}}, advertised in x-amzn-RateLimit-Limit; ` +
          `${CALLS_AFTER_CHANGE} sequential calls after the client's bucket refilled; client ends at ${adapted.rate}/s, burst ${adapted.burst}; ` +
          `${second.length} requests for ${CALLS_AFTER_CHANGE} calls`,
        details: { statuses: second.map((e) => e.status), clientPlan: adapted },
      }),
    ];
  } finally {
    await sandbox.close();
  }
}
