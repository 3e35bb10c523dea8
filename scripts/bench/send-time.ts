/**
 * 3. Send time: Send clicked → "Sent" with two 5 MB attachments already attached (hashed and stored),
 * against the least the network work can take: the same two PUTs in parallel straight from Node to fresh
 * presigned URLs of the same sandbox, then one send request.
 */
import { createHash } from 'node:crypto';
import { US_ORDER } from '../../tests/e2e/order-page';
import { MARKETPLACE_IDS, SANDBOX_CREDENTIALS } from '../../tests/sandbox/server';
import { createLwa, createSpApi } from '../../lib/spapi';
import { s3Headers } from '../../lib/spapi/s3';
import { attachTimed, sendTimed } from './composer-probes';
import { assertNoPageErrors, openComposer, openSession, pdf, type LogEntry, type Session } from './session';
import { median, metric, type Metric } from './stats';

const GROUP = '3. Send time';
const REPEATS = 5;
const SEGMENT = 'confirmCustomizationDetails';
/** Decimal megabytes: two files of 5 MiB would break Amazon's 10 MiB total. */
const FILE_BYTES = 5_000_000;
/** Lets the previous step's stragglers (page close, draft saves) finish before a timed step. */
const SETTLE_MS = 300;

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

interface Breakdown {
  /** First createUploadDestinationForResource arriving → the send answered, at the sandbox. */
  span: number;
  /** Last upload destination answered → first PUT arriving: reading the stored file, starting the request. */
  destinationToPut: number;
  /** Server-side duration of each PUT, body transfer and checks included. */
  puts: number[];
}

function breakdown(entries: LogEntry[]): Breakdown {
  const at = (e: LogEntry) => Date.parse(e.time);
  const end = (e: LogEntry) => at(e) + e.durationMs;
  const destinations = entries.filter((e) => e.operation === 'createUploadDestinationForResource');
  const puts = entries.filter((e) => e.service === 's3' && e.method === 'PUT');
  const send = entries.find((e) => e.operation === SEGMENT);
  if (destinations.length === 0 || puts.length === 0 || !send) throw new Error('send breakdown: requests missing from the log');
  return {
    span: end(send) - Math.min(...destinations.map(at)),
    destinationToPut: Math.min(...puts.map(at)) - Math.max(...destinations.map(end)),
    puts: puts.map((e) => e.durationMs),
  };
}

/** The floor for one send: destinations fetched beforehand (not timed), then 2 PUTs in parallel + 1 send. */
async function idealSend(session: Session, files: Array<{ name: string; buffer: Buffer }>): Promise<number> {
  const endpoint = { kind: 'custom' as const, baseUrl: session.sandbox.url };
  const lwa = createLwa({ endpoint, credentials: async () => ({ ...SANDBOX_CREDENTIALS }) });
  const api = createSpApi({ endpoint, lwa });
  const token = await lwa.accessToken('seller');
  const marketplaceId = MARKETPLACE_IDS.US;
  const prepared = await Promise.all(
    files.map(async (f) => {
      const contentMD5 = createHash('md5').update(f.buffer).digest('base64');
      const destination = await api.createUploadDestinationForResource({
        resource: `messaging/v1/orders/${US_ORDER}/messages/${SEGMENT}`,
        marketplaceId,
        contentMD5,
        contentType: 'application/pdf',
      });
      return { ...f, destination, headers: s3Headers({ headers: destination.headers, contentMD5, contentType: 'application/pdf' }) };
    }),
  );
  const started = performance.now();
  await Promise.all(
    prepared.map(async (p) => {
      const res = await fetch(p.destination.url, { method: 'PUT', headers: p.headers, body: p.buffer });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`ideal PUT answered ${res.status}`);
    }),
  );
  const res = await fetch(`${session.sandbox.url}/messaging/v1/orders/${US_ORDER}/messages/${SEGMENT}?marketplaceIds=${marketplaceId}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': token, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      text: 'Here is the proof of your engraving.',
      attachments: prepared.map((p) => ({ uploadDestinationId: p.destination.uploadDestinationId, fileName: p.name })),
    }),
  });
  await res.text();
  if (res.status !== 201) throw new Error(`ideal send answered ${res.status}`);
  return performance.now() - started;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

export async function sendTimeMetrics(): Promise<Metric[]> {
  const session = await openSession();
  try {
    const files = [pdf('proof-a.pdf', FILE_BYTES, 11), pdf('proof-b.pdf', FILE_BYTES, 12)];
    const sends: number[] = [];
    const ideals: number[] = [];
    const ratios: number[] = [];
    const attachBoth: number[] = [];
    const attachEach: number[] = [];
    const extension: Breakdown[] = [];
    const idealPuts: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const { order, frame } = await openComposer(session, SEGMENT);
      await order.write('Here is the proof of your engraving.');
      const attached = await attachTimed(frame, order, files);
      attachBoth.push(attached.all);
      attachEach.push(...Object.values(attached.perFile));
      await settle();
      let mark = (await session.log()).length;
      const sent = await sendTimed(frame, order);
      let log = await session.log();
      extension.push(breakdown(log.slice(mark)));
      await order.page.close();
      await settle();
      mark = log.length;
      const ideal = await idealSend(session, files);
      log = await session.log();
      idealPuts.push(...breakdown(log.slice(mark)).puts);
      sends.push(sent);
      ideals.push(ideal);
      ratios.push(sent / ideal);
    }
    assertNoPageErrors(session, 'send time');
    const ratioOfMedians = median(sends) / median(ideals);
    return [
      metric({
        id: 'send-2x5mb',
        group: GROUP,
        name: 'click Send → "Sent", 2 × 5 MB attached',
        unit: 'ms',
        samples: sends,
        target: { op: 'info', text: 'see ratio' },
        notes:
          `measured in the composer frame. At the sandbox: first createUploadDestinationForResource → send answered ${ms(median(extension.map((b) => b.span)))}, ` +
          `of which destinations answered → first PUT arriving ${ms(median(extension.map((b) => b.destinationToPut)))} (stored file read, request started); ` +
          `PUTs ${ms(median(extension.flatMap((b) => b.puts)))} each at the sandbox (ideal's: ${ms(median(idealPuts))}); ` +
          `before the first request and after the answer (composer, background checks, journal writes, UI) ${ms(median(sends) - median(extension.map((b) => b.span)))}`,
        details: { breakdown: extension, idealPutMs: idealPuts },
      }),
      metric({
        id: 'send-ideal',
        group: GROUP,
        name: 'ideal: 2 PUTs in parallel + 1 send, from Node',
        unit: 'ms',
        samples: ideals,
        target: { op: 'info', text: 'floor' },
        notes: 'same sandbox, same bytes, fresh presigned URLs fetched beforehand (not timed)',
      }),
      metric({
        id: 'send-ratio',
        group: GROUP,
        name: 'send time / ideal',
        unit: '×',
        samples: ratios,
        target: { op: '<=', value: 1.25, text: '≤ 1.25' },
        notes: `per run, extension send right before its ideal; ratio of the medians ${ratioOfMedians.toFixed(2)}`,
      }),
      metric({
        id: 'attach-2x5mb',
        group: GROUP,
        name: 'attach 2 × 5 MB (hash + store, both)',
        unit: 'ms',
        samples: attachBoth,
        target: { op: 'info', text: '—' },
        notes: `change event → both progress bars gone; the composer hashes and stores the two files concurrently; per file, from the same start: median ${ms(median(attachEach))} (min ${ms(Math.min(...attachEach))}, max ${ms(Math.max(...attachEach))})`,
        details: { perFileMs: attachEach },
      }),
    ];
  } finally {
    await session.close();
  }
}
