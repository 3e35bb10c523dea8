/**
 * Timings taken inside the composer frame, so that Playwright's own polling does not count: a capturing
 * listener notes the seller's action, a MutationObserver notes when the UI says it is done.
 * The probes are plain JavaScript strings: code passed as a function would carry helpers the TypeScript
 * compiler adds, which do not exist in the page.
 */
import { basename } from 'node:path';
import type { Frame } from '@playwright/test';
import type { OrderPage } from '../../tests/e2e/order-page';
import { uiText } from './session';

/**
 * Start: the file input's change event. Done, per file: its row has no progress bar any more (handed over,
 * hashed and stored). Also noted: when Send became enabled after the change, and every long task (over
 * 50 ms, as the browser reports them) of the composer's main thread from the change on.
 */
const ATTACH_PROBE = `(() => {
  if (!window.__attach) {
    document.addEventListener('change', (e) => {
      const a = window.__attach;
      if (e.target && e.target.id === 'attach-files' && a.start === null) a.start = performance.now();
    }, true);
    const check = () => {
      const a = window.__attach;
      if (a.start === null) return;
      for (const li of document.querySelectorAll('li.attachment')) {
        const name = li.getAttribute('data-attachment');
        if (!(name in a.done) && !li.querySelector('progress')) a.done[name] = performance.now();
      }
      const send = document.querySelector('.send > button');
      if (a.enabled === null && send && !send.disabled && Object.keys(a.done).length > 0) a.enabled = performance.now();
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    new PerformanceObserver((list) => {
      const a = window.__attach;
      for (const e of list.getEntries()) if (a.start !== null && e.startTime + e.duration >= a.start) a.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  }
  window.__attach = { start: null, done: {}, enabled: null, longTasks: [] };
})()`;

/**
 * Start: the click on Send. Done: the "Sent" confirmation is back after it went away (a composer that
 * already sent for this order shows the earlier confirmation until the new send starts).
 */
const sendProbe = () => `(() => {
  if (!window.__send) {
    document.addEventListener('click', (e) => {
      const s = window.__send;
      if (s.click === null && e.target && e.target.closest && e.target.closest('.send > button')) s.click = performance.now();
    }, true);
    new MutationObserver(() => {
      const s = window.__send;
      if (s.click === null || s.sent !== null) return;
      const shown = (document.body.textContent || '').includes(${JSON.stringify(uiText('cmp_sent'))});
      if (!shown) s.left = true;
      else if (s.left) s.sent = performance.now();
      const problem = document.querySelector('#send-status .error, #send-status .warning, #send-status [role="alert"]');
      if (s.left && problem) s.failed = problem.textContent;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }
  window.__send = { click: null, left: false, sent: null, failed: null };
})()`;

/**
 * Polls an expression in the frame. Not frame.waitForFunction: its string predicate is evaluated with
 * eval inside the page, which the extension's CSP forbids; a plain evaluate goes over DevTools.
 */
async function waitInFrame(frame: Frame, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await frame.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface AttachTiming {
  /** Milliseconds from the change event to each file's progress bar going away, by file name. */
  perFile: Record<string, number>;
  /** Until the last of them. */
  all: number;
  /** Until Send was enabled; undefined when something else keeps it disabled. */
  sendEnabled?: number;
  /** The composer's longest main-thread task from the change on, 0 when none reached 50 ms. */
  longestTask: number;
}

/** Attaches files from disk (see benchFile) and times it. */
export async function attachTimed(frame: Frame, order: OrderPage, paths: string[]): Promise<AttachTiming> {
  await frame.evaluate(ATTACH_PROBE);
  await order.composer.getByLabel(/Add files/).setInputFiles(paths);
  const names = JSON.stringify(paths.map((p) => basename(p)));
  await waitInFrame(frame, `${names}.every((n) => n in window.__attach.done)`, 60_000);
  // Long tasks are reported after they end: a moment for the last of them.
  await new Promise((r) => setTimeout(r, 100));
  const probe = (await frame.evaluate('window.__attach')) as { start: number; done: Record<string, number>; enabled: number | null; longTasks: number[] };
  const perFile = Object.fromEntries(Object.entries(probe.done).map(([name, t]) => [name, t - probe.start]));
  return {
    perFile,
    all: Math.max(...Object.values(perFile)),
    sendEnabled: probe.enabled === null ? undefined : probe.enabled - probe.start,
    longestTask: Math.max(0, ...probe.longTasks),
  };
}

export interface SendTiming {
  /** Milliseconds from the click to "Sent". */
  ms: number;
  /** The click and "Sent" on the wall clock (performance.timeOrigin + performance.now()), to set beside the sandbox's log. */
  clickedAt: number;
  sentAt: number;
}

/** Clicks Send and times it to "Sent". */
export async function sendTimed(frame: Frame, order: OrderPage): Promise<SendTiming> {
  await frame.evaluate(sendProbe());
  await order.send();
  await waitInFrame(frame, 'window.__send.sent !== null || window.__send.failed !== null', 60_000);
  const probe = (await frame.evaluate('({ ...window.__send, origin: performance.timeOrigin })')) as { click: number; sent: number | null; failed: string | null; origin: number };
  if (probe.sent === null) throw new Error(`The send failed: ${probe.failed}`);
  return { ms: probe.sent - probe.click, clickedAt: probe.origin + probe.click, sentAt: probe.origin + probe.sent };
}
