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

/** Start: the file input's change event. Done, per file: its row has no progress bar any more (hashed and stored). */
const ATTACH_PROBE = `(() => {
  if (!window.__attach) {
    document.addEventListener('change', (e) => {
      const a = window.__attach;
      if (e.target && e.target.id === 'attach-files' && a.start === null) a.start = performance.now();
    }, true);
    new MutationObserver(() => {
      const a = window.__attach;
      if (a.start === null) return;
      for (const li of document.querySelectorAll('li.attachment')) {
        const name = li.getAttribute('data-attachment');
        if (!(name in a.done) && !li.querySelector('progress')) a.done[name] = performance.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
  window.__attach = { start: null, done: {} };
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
}

/** Attaches files from disk (see benchFile) and times it. */
export async function attachTimed(frame: Frame, order: OrderPage, paths: string[]): Promise<AttachTiming> {
  await frame.evaluate(ATTACH_PROBE);
  await order.composer.getByLabel(/Add files/).setInputFiles(paths);
  const names = JSON.stringify(paths.map((p) => basename(p)));
  await waitInFrame(frame, `${names}.every((n) => n in window.__attach.done)`, 60_000);
  const probe = (await frame.evaluate('window.__attach')) as { start: number; done: Record<string, number> };
  const perFile = Object.fromEntries(Object.entries(probe.done).map(([name, t]) => [name, t - probe.start]));
  return { perFile, all: Math.max(...Object.values(perFile)) };
}

/** Clicks Send and resolves with the milliseconds from the click to "Sent". */
export async function sendTimed(frame: Frame, order: OrderPage): Promise<number> {
  await frame.evaluate(sendProbe());
  await order.send();
  await waitInFrame(frame, 'window.__send.sent !== null || window.__send.failed !== null', 60_000);
  const probe = (await frame.evaluate('window.__send')) as { click: number; sent: number | null; failed: string | null };
  if (probe.sent === null) throw new Error(`The send failed: ${probe.failed}`);
  return probe.sent - probe.click;
}
