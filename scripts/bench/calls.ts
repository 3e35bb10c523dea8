/**
 * 2. Calls per message: what the extension asked of Amazon (the sandbox's request log) to send one message
 * with 0, 1 and 3 attachments through the real composer, against the minimum the APIs allow.
 */
import { attachTimed, sendTimed } from './composer-probes';
import { assertNoPageErrors, benchFile, openComposer, openSession, type LogEntry } from './session';
import { metric, type Metric } from './stats';

const GROUP = '2. Calls per message';
const CASES = [0, 1, 3] as const;
const REPEATS = 3;
const SEGMENT = 'confirmCustomizationDetails';
/**
 * Look-ups made per order, not per message, each kept for a few minutes: the message types and the buyer's
 * language (message-types.ts), the order's data and Amazon's review-request offer (the composer's review
 * state, reviews.ts). Counted over all the sends, in their own rows.
 */
const PER_ORDER = new Set(['getMessagingActionsForOrder', 'GetAttributes', 'getOrder', 'getSolicitationActionsForOrder']);

interface Counted {
  /** SP-API and S3 calls for the message itself. */
  message: number;
  send: number;
  destinations: number;
  puts: number;
  perOrder: Record<string, number>;
  lwa: number;
  preflights: number;
  other: string[];
}

function count(entries: LogEntry[]): Counted {
  const c: Counted = { message: 0, send: 0, destinations: 0, puts: 0, perOrder: {}, lwa: 0, preflights: 0, other: [] };
  for (const e of entries) {
    if (e.service === 'pages' || e.service === 'control') continue;
    if (e.method === 'OPTIONS') {
      c.preflights++;
      continue;
    }
    if (e.service === 'lwa') {
      c.lwa++;
      continue;
    }
    const op = e.operation ?? `${e.method} ${e.path}`;
    if (PER_ORDER.has(op)) {
      c.perOrder[op] = (c.perOrder[op] ?? 0) + 1;
      continue;
    }
    c.message++;
    if (op === SEGMENT) c.send++;
    else if (op === 'createUploadDestinationForResource') c.destinations++;
    else if (e.service === 's3' && e.method === 'PUT') c.puts++;
    else c.other.push(`${op} ${e.status}`);
  }
  return c;
}

export async function callMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    const start = (await session.log()).length;
    let mark = start;
    const results = new Map<number, Counted[]>(CASES.map((n) => [n, []]));
    let sends = 0;
    for (let r = 0; r < REPEATS; r++) {
      for (const n of CASES) {
        const { order, frame } = await openComposer(session, SEGMENT);
        await order.write(`Here is the proof of your engraving (${n} attachments, run ${r + 1}).`);
        if (n > 0) await attachTimed(frame, order, Array.from({ length: n }, (_, i) => benchFile(`proof-${i + 1}.pdf`, 20_000, 100 + i)));
        await sendTimed(frame, order);
        sends++;
        await order.page.close();
        const log = await session.log();
        results.get(n)!.push(count(log.slice(mark)));
        mark = log.length;
      }
    }
    assertNoPageErrors(session, 'calls per message');
    const all = count((await session.log()).slice(start));

    const rows: Metric[] = CASES.map((n) => {
      const counted = results.get(n)!;
      const minimum = 1 + 2 * n;
      const samples = counted.map((c) => c.message);
      const breakdown = counted[0]!;
      const extra = [...new Set(counted.flatMap((c) => c.other))];
      return metric({
        id: `calls-${n}-attachments`,
        group: GROUP,
        name: `calls to send with ${n} attachment${n === 1 ? '' : 's'}`,
        unit: '',
        samples,
        target: { op: '==', value: minimum, text: `= ${minimum} (minimum)` },
        pass: samples.every((s) => s === minimum),
        notes:
          `${breakdown.send} send + ${breakdown.destinations} createUploadDestinationForResource + ${breakdown.puts} S3 PUT` +
          (extra.length ? `; unexpected: ${extra.join(', ')}` : '') +
          (counted.some((c) => c.preflights > 0) ? `; CORS preflights per run ${counted.map((c) => c.preflights).join('/')} (not counted)` : ''),
        details: counted,
      });
    });
    const actions = all.perOrder.getMessagingActionsForOrder ?? 0;
    const attributes = all.perOrder.GetAttributes ?? 0;
    const orderData = all.perOrder.getOrder ?? 0;
    const offers = all.perOrder.getSolicitationActionsForOrder ?? 0;
    rows.push(
      metric({
        id: 'calls-per-order',
        group: GROUP,
        name: `per-order look-ups over ${sends} sends to one order`,
        unit: '',
        samples: [actions + attributes],
        target: { op: '==', value: 2, text: '1 + 1 (cached)' },
        pass: actions === 1 && attributes === 1,
        notes: `getMessagingActionsForOrder ×${actions}, GetAttributes ×${attributes}; LWA token requests ×${all.lwa}${all.lwa === 0 ? ' (the token from the connection test was still valid)' : ''}; each send from a freshly opened order page and composer`,
        details: all,
      }),
      metric({
        id: 'calls-per-order-review',
        group: GROUP,
        name: `review-request look-ups over ${sends} sends to one order`,
        unit: '',
        samples: [orderData + offers],
        target: { op: '<=', value: 3, text: '1 + (≤ 1 + 1) (cached)' },
        pass: orderData === 1 && offers <= 2,
        notes:
          `getOrder ×${orderData}, getSolicitationActionsForOrder ×${offers}, for the review state of ${sends} composers opened on the order: ` +
          'the order once; Amazon\'s review offer only while the window is open, once, and once more after the first message Amazon accepted (one review request or one proactive message per order)',
      }),
    );
    return rows;
  } finally {
    await session.close();
  }
}
