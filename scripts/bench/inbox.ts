/**
 * 8. Order changes and the Notifications tab, in Chromium with the built extension against the sandbox:
 * how long an order change queued at Amazon takes to reach the toolbar badge while the seller presses
 * nothing, how soon "Check now" answers whatever is running, how long the service worker keeps listening
 * and what that costs, and what each Notifications-tab action asks of Amazon.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ITERATIONS } from '../../lib/credentials/lock';
import { EXTENSION_DIR } from '../../tests/e2e/browser';
import { SANDBOX_ORDERS, SANDBOX_QUEUE } from '../../tests/sandbox/server';
import { message } from '../../tests/unit/notifications/fixtures';
import { atAmazon } from '../../tests/sandbox/another-tool';
import { connectQueue as connectQueueIn } from '../../tests/e2e/inbox-page';
import { assertNoPageErrors, openSession, type LogEntry, type Session } from './session';
import { median, metric, percentile, type Metric } from './stats';

const GROUP = '8. Order changes';
const TAB_GROUP = '9. Notifications tab';
const CHANGES = 20;
const CHECKS = 5;
/** How long the browser is left alone, listening, to see whether the worker keeps going. */
const IDLE_MS = 150_000;
const FILTER_CHANGES = 10;
/** The documented burst of the Notifications operations: changes after it are paced at 1 request/s. */
const BURST = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openPopup(session: Session, tab: 'Inbox' | 'Notifications'): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.getByRole('tab', { name: tab }).click();
  await popup.getByRole('tabpanel', { name: tab }).waitFor();
  return popup;
}

async function connectQueue(session: Session): Promise<void> {
  const popup = await openPopup(session, 'Inbox');
  await connectQueueIn(popup.getByRole('tabpanel', { name: 'Inbox' }), session.sandbox);
  await popup.close();
}

const change = (id: string) => message({ notificationId: id, orderId: SANDBOX_ORDERS.us, marketplaceId: 'ATVPDKIKX0DER', eventTime: new Date().toISOString() });

/** CPU seconds (user + system) of the Chromium running this extension build, all its processes. */
function browserCpuSeconds(): number {
  const ticks = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  let root: number | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / ticks });
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(`--load-extension=${EXTENSION_DIR}`) && !cmd.includes('--type=')) root = Number(entry);
    } catch {
      // a process that ended meanwhile
    }
  }
  if (root === undefined) return Number.NaN;
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) {
      if (tree.has(pid) || !tree.has(s.ppid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  return [...tree].reduce((sum, pid) => sum + (stats.get(pid)?.cpu ?? 0), 0);
}

const receives = (log: LogEntry[]) => log.filter((e) => e.service === 'sqs' && e.operation === 'ReceiveMessage');

export async function inboxMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    await connectQueue(session);
    const badge = () => session.worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));

    // Order change → badge, the seller pressing nothing. Spaced unevenly so changes land anywhere in a long poll.
    const toBadge: number[] = [];
    for (let i = 1; i <= CHANGES; i++) {
      await sleep(300 + ((i * 7919) % 2700));
      const t0 = Date.now();
      await session.control('sqs/publish', { body: change(`badge-${i}`) });
      for (;;) {
        if ((await badge()) === String(i)) break;
        if (Date.now() - t0 > 60_000) throw new Error(`change ${i} did not reach the badge within 60 s`);
        await sleep(10);
      }
      toBadge.push(Date.now() - t0);
    }

    // "Check now" while a long poll runs: on a quiet queue, and with a change queued just before.
    const popup = await openPopup(session, 'Inbox');
    const ask = () =>
      popup.evaluate(async () => {
        const t = performance.now();
        const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: { result: { stored: number } } }> } } }).chrome;
        const answer = await chrome.runtime.sendMessage({ op: 'inbox.checkNow', req: {} });
        return { ms: performance.now() - t, stored: answer.ok ? (answer.value?.result.stored ?? -1) : -1 };
      });
    const quiet: number[] = [];
    const queued: number[] = [];
    const queuedStored: number[] = [];
    for (let i = 1; i <= CHECKS; i++) {
      await sleep(500 + i * 300);
      quiet.push((await ask()).ms);
      await session.control('sqs/publish', { body: change(`check-${i}`) });
      const answer = await ask();
      queued.push(answer.ms);
      queuedStored.push(answer.stored);
    }
    await popup.close();

    // Left alone: does the worker keep listening, and what does it cost?
    for (const page of session.context.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
    const mark = (await session.log()).length;
    const cpu0 = browserCpuSeconds();
    const t0 = Date.now();
    await sleep(IDLE_MS);
    const cpu1 = browserCpuSeconds();
    const idle = receives((await session.log()).slice(mark));
    // The log's time is when a request arrived; it is written when the answer leaves.
    const spans = idle.map((e) => [Date.parse(e.time), Date.parse(e.time) + e.durationMs] as const).sort((a, b) => a[0] - b[0]);
    const starts = spans.map(([s]) => s);
    const ends = spans.map(([, e]) => e);
    const gaps = starts.slice(1).map((s, i) => (s - ends[i]!) / 1000);
    const longestGap = gaps.length ? Math.max(...gaps) : Number.NaN;
    const perHour = (idle.length / ((Date.now() - t0) / 1000)) * 3600;
    const cpuPerHour = ((cpu1 - cpu0) / (IDLE_MS / 1000)) * 3600;
    assertNoPageErrors(session, 'order changes');

    return [
      metric({
        id: 'change-to-badge-p95',
        group: GROUP,
        name: 'order change queued → toolbar badge, p95',
        unit: 'ms',
        samples: [percentile(toBadge, 95)],
        target: { op: '<=', value: 2000, text: '≤ 2000 ms (p95)' },
        notes: `${CHANGES} changes published to the sandbox queue (control API) at uneven intervals, nobody pressing anything; median ${median(toBadge).toFixed(0)} ms, max ${Math.max(...toBadge)} ms; badge read in the worker every 10 ms`,
        details: { samplesMs: toBadge },
      }),
      metric({
        id: 'check-now-quiet',
        group: GROUP,
        name: '"Check now" during a long poll, quiet queue',
        unit: 'ms',
        samples: quiet,
        target: { op: '<=', value: 1000, text: '≤ 1000 ms (every run)' },
        pass: quiet.every((ms) => ms <= 1000),
        notes: `${CHECKS} runs; joins the running 20 s long poll and answers "nothing new" after 700 ms (before: 9.5 s)`,
      }),
      metric({
        id: 'check-now-queued',
        group: GROUP,
        name: '"Check now" during a long poll, change just queued',
        unit: 'ms',
        samples: queued,
        target: { op: '<=', value: 1000, text: '≤ 1000 ms (every run)' },
        pass: queued.every((ms) => ms <= 1000),
        notes: `${CHECKS} runs; the change counted in the answer ${queuedStored.filter((n) => n === 1).length} of ${CHECKS} times (otherwise the listening poll had stored it just before)`,
      }),
      metric({
        id: 'listening-worker',
        group: GROUP,
        name: `worker left alone ${IDLE_MS / 1000} s: longest pause between long polls`,
        unit: 's',
        samples: [longestGap],
        target: { op: '<', value: 1, text: '< 1 s (kept listening)' },
        notes: `${idle.length} ReceiveMessage in ${(IDLE_MS / 1000).toFixed(0)} s, no extension page open (Playwright attached to the worker); ≈ ${perHour.toFixed(0)} requests/hour while the queue is quiet`,
        details: { gapsSeconds: gaps },
      }),
      metric({
        id: 'listening-cost',
        group: GROUP,
        name: 'cost of listening: requests per hour, quiet queue',
        unit: '',
        samples: [Math.round(perHour)],
        target: { op: 'info', text: '—' },
        notes: `whole browser CPU while listening: ${cpuPerHour.toFixed(1)} CPU-s per hour (all Chromium processes of this run, an upper bound); SQS bills each receive: ${Math.round(perHour * 24 * 30).toLocaleString('en')} a month ≈ ${((perHour * 24 * 30) / 1e6 * 0.4).toFixed(2)} USD after the free million`,
      }),
    ];
  } finally {
    await session.close();
  }
}


export async function notificationsTabMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    const destination = (await atAmazon<{ payload: { destinationId: string } }>(session.sandbox, 'grantless', 'POST', '/notifications/v1/destinations', { name: 'Orders', resourceSpecification: { sqs: { arn: SANDBOX_QUEUE.arn } } })).payload;
    await atAmazon<{ payload: { destinationId: string } }>(session.sandbox, 'seller', 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destination.destinationId });
    // The Notifications API's calls (the popup's Message tab reads recent orders on its own).
    const spapi = async () => (await session.log()).filter((e) => e.service === 'spapi' && e.method !== 'OPTIONS' && /Subscription|Destination/.test(e.operation ?? ''));
    const start = (await spapi()).length;

    const popup = await openPopup(session, 'Notifications');
    const subscription = popup.getByTestId('subscription');
    await subscription.getByLabel('Only the change types ticked below').waitFor();
    const opened = (await spapi()).slice(start);
    await subscription.getByLabel('Only the change types ticked below').check();

    const times: number[] = [];
    const perChange: string[][] = [];
    const save = subscription.getByRole('button', { name: 'Save subscription' });
    for (let i = 0; i < FILTER_CHANGES; i++) {
      await subscription.getByLabel('Buyer request').setChecked(i % 2 === 0);
      if (i % 2 === 1) await subscription.getByLabel('Delivery tip changed').setChecked(true);
      const before = (await spapi()).length;
      const t0 = Date.now();
      await save.click();
      await popup.waitForFunction(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save subscription');
        return button && !button.disabled && document.querySelector('[data-testid="save-subscription-result"] [role="status"]');
      });
      times.push(Date.now() - t0);
      perChange.push((await spapi()).slice(before).map((e) => `${e.operation} ${e.status}`));
    }
    const beforeRefresh = (await spapi()).length;
    await popup.reload();
    await popup.getByRole('tab', { name: 'Notifications' }).click();
    await subscription.getByTestId('subscription-types').waitFor();
    await sleep(500);
    const refresh = (await spapi()).slice(beforeRefresh);
    const all = (await spapi()).slice(start);
    const throttled = all.filter((e) => e.status === 429).length;
    assertNoPageErrors(session, 'notifications tab');
    await popup.close();

    const afterBurst = times.slice(BURST);
    const calls = perChange.map((c) => c.length);
    return [
      metric({
        id: 'filter-change-time',
        group: TAB_GROUP,
        name: 'filter change, click → saved, once the burst is spent',
        unit: 'ms',
        samples: afterBurst,
        target: { op: '<=', value: 1500, text: '≤ 1500 ms' },
        notes: `${FILTER_CHANGES} changes back to back at the documented 1 request/s, burst 5 per operation; changes 1–${BURST}: ${times.slice(0, BURST).join(', ')} ms (before: 3.9 s)`,
        details: { allMs: times },
      }),
      metric({
        id: 'filter-change-calls',
        group: TAB_GROUP,
        name: 'calls per filter change',
        unit: '',
        samples: calls,
        target: { op: '==', value: 3, text: '= 3 (read, delete, create)' },
        pass: perChange.every((c) => c.join() === 'getSubscription 200,deleteSubscriptionById 200,createSubscription 200'),
        notes: `each: ${[...new Set(perChange.map((c) => c.join(' → ')))].join(' | ')} (before: 6, with a re-read of ORDER_CHANGE, the destinations and the retired ORDER_STATUS_CHANGE)`,
      }),
      metric({
        id: 'tab-open-calls',
        group: TAB_GROUP,
        name: 'calls to open the tab (first time / again)',
        unit: '',
        samples: [opened.length, refresh.length],
        target: { op: '<=', value: 3, text: '3 once, then 2' },
        pass: opened.length === 3 && refresh.length === 2,
        notes: `first: ${opened.map((e) => `${e.operation} ${e.status}`).join(', ')}; again: ${refresh.map((e) => `${e.operation} ${e.status}`).join(', ')} (the retired type is not asked again once Amazon said it is gone)`,
      }),
      metric({
        id: 'tab-429',
        group: TAB_GROUP,
        name: '429s in the Notifications tab run',
        unit: '',
        samples: [throttled],
        target: { op: '==', value: 0, text: '0' },
        notes: `${all.length} SP-API calls`,
      }),
    ];
  } finally {
    await session.close();
  }
}

/** 10. The passphrase's PBKDF2 in the service worker, where the vault runs it, with the vault's iteration count. */
export async function unlockMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      runs.push(
        await session.worker.evaluate(async (iterations) => {
          const material = await crypto.subtle.importKey('raw', new TextEncoder().encode('correct horse battery staple'), 'PBKDF2', false, ['deriveBits']);
          const t = performance.now();
          await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations }, material, 256);
          return performance.now() - t;
        }, ITERATIONS),
      );
    }
    return [
      metric({
        id: 'pbkdf2-worker',
        group: '10. Passphrase unlock',
        name: `PBKDF2-SHA-256, ${ITERATIONS.toLocaleString('en')} iterations, in the service worker`,
        unit: 's',
        samples: runs.map((ms) => ms / 1000),
        target: { op: 'info', text: '—' },
        notes: 'what an unlock with the passphrase costs (lib/credentials/lock.ts); WebCrypto in the worker',
      }),
    ];
  } finally {
    await session.close();
  }
}
