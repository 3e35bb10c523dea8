/**
 * 7. Answer to screen: from Amazon's answer to a send (the sandbox's reply to the send operation) to the
 * composer showing it. Two composers follow the same send: the one whose Send was clicked (it hears the
 * outcome as the reply to its own request), and a second one opened on the same order while the send is
 * under way, which learns of the outcome only from the background's job status.
 *
 * The send is held at the sandbox for a moment (a `delay` fault) so the second composer can open while it
 * is still under way. Both ends are read from the same wall clock: the sandbox log's start + duration, and
 * Date.now() in the page when the "accepted" text appears.
 */
import { US_ORDER } from '../../tests/e2e/order-page';
import { MARKETPLACE_IDS } from '../../tests/sandbox/server';
import { assertNoPageErrors, openComposer, openSession, uiText } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '7. Answer to screen';
const REPEATS = 7;
const SEGMENT = 'confirmOrderDetails';
const OPERATION = 'createConfirmOrderDetails';
/** Long enough for the second composer to load while the send is held. */
const HOLD_MS = 4000;

/** Records Date.now() when the accepted text first shows after the probe was installed without it. */
const probe = () => `(() => {
  const text = ${JSON.stringify(uiText('cmp_sent'))};
  const state = { shownAt: null, shownAtInstall: (document.body.textContent || '').includes(text) };
  window.__answer = state;
  new MutationObserver(() => {
    if (state.shownAt === null && (document.body.textContent || '').includes(text)) state.shownAt = Date.now();
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

interface Probe {
  shownAt: number | null;
  shownAtInstall: boolean;
}

export async function answerToScreenMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    await session.control('rate-limit', { operation: OPERATION, rate: 5, burst: 10 });
    const watching: number[] = [];
    const sending: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const { order, frame } = await openComposer(session, SEGMENT);
      await order.write(`Could you confirm the colour of your order? (${r + 1})`);
      await session.control('faults', { faults: [{ service: 'spapi', operation: OPERATION, action: 'delay', delayMs: HOLD_MS }] });
      await frame.evaluate(probe());
      const mark = (await session.log()).length;
      await order.send();
      const watcher = await session.context.newPage();
      await watcher.goto(`chrome-extension://${session.extensionId}/composer.html?orderId=${US_ORDER}&marketplaceId=${MARKETPLACE_IDS.US}`);
      await watcher.getByRole('button', { name: uiText('cmp_sending') }).waitFor({ timeout: 20_000 });
      await watcher.evaluate(probe());
      const deadline = Date.now() + 30_000;
      let a: Probe;
      let b: Probe;
      for (;;) {
        a = (await frame.evaluate('window.__answer')) as Probe;
        b = (await watcher.evaluate('window.__answer')) as Probe;
        if (a.shownAt !== null && b.shownAt !== null) break;
        if (Date.now() > deadline) throw new Error(`answer to screen: not shown in time (sending composer ${a.shownAt}, watching composer ${b.shownAt})`);
        await new Promise((res) => setTimeout(res, 50));
      }
      if (b.shownAtInstall) throw new Error('answer to screen: the watching composer showed the outcome before the send was answered');
      const entry = (await session.log()).slice(mark).find((e) => e.operation === OPERATION && e.status === 201);
      if (!entry) throw new Error('answer to screen: the send is missing from the log');
      const answeredAt = Date.parse(entry.time) + entry.durationMs;
      sending.push(a.shownAt - answeredAt);
      watching.push(b.shownAt - answeredAt);
      await watcher.close();
      await order.page.close();
    }
    assertNoPageErrors(session, 'answer to screen');
    return [
      metric({
        id: 'answer-to-screen-watching',
        group: GROUP,
        name: 'Amazon answers a send → a second composer on the order shows it',
        unit: 'ms',
        samples: watching,
        target: { op: 'info', text: '—' },
        notes: `the composer opened while the send was held ${HOLD_MS} ms at the sandbox; sandbox reply (log start + duration) → "accepted" text in that page (wall clock); the composer that clicked Send: median ${median(sending).toFixed(0)} ms`,
        details: { sendingComposerMs: sending },
      }),
    ];
  } finally {
    await session.close();
  }
}
