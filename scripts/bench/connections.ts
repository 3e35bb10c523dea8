/**
 * 11. Two connections: the built extension with two connections, each its own sandbox (North America for
 * the US page, Europe for the German page). Both framed composers send message after message at the same
 * time. Each connection has its own client and rate limiter, so each should get its operation's full rate
 * (Amazon limits per seller and application) with no 429; a limiter shared between them would give each
 * half.
 */
import type { Frame } from '@playwright/test';
import { startSandbox, type LogEntry, type Sandbox } from '../../tests/sandbox/server';
import { addConnections } from '../../tests/e2e/connections-page';
import { DE_ORDER, OrderPage, US_ORDER } from '../../tests/e2e/order-page';
import { assertNoPageErrors, composerFrame, openSession } from './session';
import { metric, type Metric } from './stats';

const GROUP = '11. Two connections';
const SEGMENT = 'confirmOrderDetails';
/** The Messaging API's documented plan (and the sandbox's): 1 request/s, burst 5. */
const RATE = 1;
const BURST = 5;
const SENDS = 15;

interface Side {
  name: string;
  sandbox: Sandbox;
  orderId: string;
  host: string;
  marketplaceId: string;
}

/**
 * A full run once lost a composer frame here ("frame closed") where runs of the group alone did not; what the
 * page looked like then goes into the error, so that the next time says which frame went and why.
 */
async function sendRepeatedly(frame: Frame, side: Side): Promise<string[]> {
  try {
    return await sendFrom(frame, side);
  } catch (error) {
    const page = frame.page();
    const composers = page.isClosed() ? [] : page.frames().filter((f) => f.url().includes('/composer.html'));
    const state = `page ${page.isClosed() ? 'closed' : 'open'}, this frame ${frame.isDetached() ? 'detached' : 'attached'}, ${composers.length} composer frame(s) in the page now, ${side.sandbox.log().filter((e) => e.path.endsWith(`/messages/${SEGMENT}`)).length} sends in ${side.name}'s log`;
    throw new Error(`${side.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (${state})`, { cause: error });
  }
}

/** In the framed composer: a draft, then a send, one after the other, as a seller sending repeatedly would. */
async function sendFrom(frame: Frame, side: Side): Promise<string[]> {
  // No helper functions inside: the page gets the function's source, and tsx would wrap named ones.
  return frame.evaluate(
    async ({ orderId, marketplaceId, segment, sends }) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
      const states: string[] = [];
      for (let i = 0; i < sends; i++) {
        const draft = { orderId, marketplaceId, segment, text: `Message ${i + 1}: please confirm your order details.`, dates: {}, attachments: [], linksConfirmed: false, updatedAt: Date.now() };
        const saved = (await runtime.sendMessage({ op: 'draft.save', req: { draft } })) as { ok: boolean; error?: { key: string } };
        if (!saved.ok) throw new Error(`draft.save: ${saved.error?.key}`);
        const sent = (await runtime.sendMessage({ op: 'message.send', req: { orderId, marketplaceId, resendAfterUnknown: false } })) as { ok: boolean; value?: { state: string }; error?: { key: string } };
        if (!sent.ok) throw new Error(`message.send: ${sent.error?.key}`);
        states.push(sent.value!.state);
      }
      return states;
    },
    { orderId: side.orderId, marketplaceId: side.marketplaceId, segment: SEGMENT, sends: SENDS },
  );
}

function pacing(log: LogEntry[]) {
  const sends = log.filter((e) => e.method === 'POST' && e.path.endsWith(`/messages/${SEGMENT}`));
  const ok = sends.filter((e) => e.status >= 200 && e.status < 300).map((e) => Date.parse(e.time)).sort((a, b) => a - b);
  const seconds = ok.length > BURST ? (ok[ok.length - 1]! - ok[0]!) / 1000 : NaN;
  // The bucket starts full: sends BURST+1…N come no faster than RATE from the first one on.
  const first = Date.parse(sends[0]?.time ?? '');
  const arrivals = sends.map((e) => ({ ms: Date.parse(e.time) - first, status: e.status }));
  return { ok: ok.length, throttled: sends.filter((e) => e.status === 429).length, seconds, share: ((ok.length - BURST) / seconds / RATE) * 100, arrivals };
}

export async function twoConnectionsMetrics(): Promise<Metric[]> {
  const session = await openSession();
  const europe = await startSandbox({ port: 0, quiet: true });
  try {
    // The session's own connection stands for every region; the European one for Europe, which the German
    // page then prefers.
    const options = await session.context.newPage();
    await addConnections(options, session.extensionId, [{ name: 'Europe', sandbox: europe, region: 'EU', marketplace: 'A1PA6795UKMFR9' }]);
    await options.close();
    const sides: Side[] = [
      { name: 'North America', sandbox: session.sandbox, orderId: US_ORDER, host: 'sellercentral.amazon.com', marketplaceId: 'ATVPDKIKX0DER' },
      { name: 'Europe', sandbox: europe, orderId: DE_ORDER, host: 'sellercentral.amazon.de', marketplaceId: 'A1PA6795UKMFR9' },
    ];
    const frames: Frame[] = [];
    for (const side of sides) {
      const order = await OrderPage.open(await session.context.newPage(), side.orderId, side.host);
      await order.openPanel();
      await order.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' }).waitFor({ timeout: 20_000 });
      frames.push(await composerFrame(order.page));
    }
    // Each connection alone first, then both at once; the buckets refill in between (BURST / RATE seconds).
    const refill = () => new Promise((r) => setTimeout(r, (BURST / RATE) * 1000 + 500));
    const alone: Array<ReturnType<typeof pacing>> = [];
    for (const [i, side] of sides.entries()) {
      const mark = side.sandbox.log().length;
      await sendRepeatedly(frames[i]!, side);
      alone.push(pacing(side.sandbox.log().slice(mark)));
      await refill();
    }
    const marks = sides.map((s) => s.sandbox.log().length);
    const states = await Promise.all(sides.map((side, i) => sendRepeatedly(frames[i]!, side)));
    assertNoPageErrors(session, GROUP);
    const results = sides.map((side, i) => ({ side, states: states[i]!, alone: alone[i]!, ...pacing(side.sandbox.log().slice(marks[i])) }));
    return results.flatMap((r) => [
      metric({
        id: `two-connections-rate-${r.side.orderId}`,
        group: GROUP,
        name: `${r.side.name}: send rate after the burst, both connections sending`,
        unit: '%',
        samples: [r.share],
        target: { op: '>=', value: 95, text: '≥ 95 % of 1/s' },
        notes: `${SENDS} sends through each connection at once (framed composers on ${sides.map((s) => s.host).join(' and ')}); ${r.ok} accepted over ${r.seconds.toFixed(2)} s from the first; states ${[...new Set(r.states)].join(', ')}`,
      }),
      metric({
        id: `two-connections-ratio-${r.side.orderId}`,
        group: GROUP,
        name: `${r.side.name}: rate with both sending / rate alone`,
        unit: '',
        samples: [r.share / r.alone.share],
        target: { op: '>=', value: 0.95, text: '≥ 0.95 (a shared limiter: 0.5)' },
        notes: `alone, the same ${SENDS} sends in the same run: ${r.alone.share.toFixed(1)} % of 1/s, ${r.alone.throttled} × 429`,
      }),
      metric({
        id: `two-connections-429-${r.side.orderId}`,
        group: GROUP,
        name: `${r.side.name}: 429s while both connections send`,
        unit: '',
        samples: [r.throttled],
        target: { op: '==', value: 0, text: '0' },
        notes: `counted in ${r.side.name}'s sandbox log (alone: ${r.alone.throttled})`,
        details: { arrivals: r.arrivals, aloneArrivals: r.alone.arrivals },
      }),
    ]);
  } finally {
    await europe.close();
    await session.close();
  }
}
