/**
 * BACKGROUND ONLY. Sending a message is a journal of steps, each written to IndexedDB before and after it
 * runs, so that a closed panel, a double click or a service worker stopped half-way never loses the draft
 * and never sends twice:
 *
 *   uploading ──(every PUT returned 2xx)──▶ ready ──▶ sending ──(201)──▶ sent
 *       │                                               │
 *       └──(an upload failed)──▶ failed                 ├──(Amazon refused)──▶ failed
 *                                                       └──(no answer: it may have arrived)──▶ unknown
 *
 * A job found in `uploading` or `ready` when the worker starts is resumed; one found in `sending` may have
 * reached Amazon, so it becomes `unknown` and is never re-sent unless the seller says so.
 *
 * A framed composer's click is only known to count once its visibility gate has settled (lib/ui/visibility.ts).
 * So that the seller does not wait for the gate and then for the uploads, the click starts a job that is
 * held (`awaitingConfirmation`): the draft is frozen into it and the attachments are uploaded, which sends
 * the buyer nothing, while the gate settles. Only the message call waits for the composer's confirmation.
 * A refused click ends the job "not sent" with the gate's reason; a job never confirmed (the composer
 * closed, the worker stopped) ends "not sent" when its time runs out or when a new worker finds it, and
 * is never sent. Either way the draft stays.
 */
import './guard';
import { byIndex, put } from '../store/db';
import { deleteDraft, getAttachmentBlob, getDraft, type Draft } from '../store/drafts';
import { api, onRateLimitWait } from './connection';
import { explain } from './explain';
import { Refusal } from './refusal';
import { forgetTypes, offeredTypes } from './message-types';
import { historyFor, record } from './history';
import { browser } from 'wxt/browser';
import { formFromSchema, toRequestBody, validateDraft } from '../messaging/form';
import { checkCompliance } from '../messaging/compliance';
import { TYPE_NOT_OFFERED_KEY, type Explained, type JobState, type JobView, type OrderStatusEvent, type SendRequest, type ConfirmSendRequest } from '../protocol';
import { tl } from '../i18n';
import { marketplaceTimeZone } from '../marketplaces';
import { HIDDEN_REFUSED } from '../ui/visibility';
import type { SpApi } from '../spapi';

export interface JobAttachment {
  attachmentId: string;
  fileName: string;
  type: string;
  size: number;
  chunks: number;
  md5: string;
  uploadDestinationId?: string;
}

export interface Job {
  id: string;
  /** The connection it is sent through; a job never changes connection. */
  connectionId: string;
  orderId: string;
  marketplaceId: string;
  segment: string;
  title: string;
  state: JobState;
  text?: string;
  dates: Record<string, string>;
  attachments: JobAttachment[];
  error?: Explained;
  /**
   * Set while the click that started the job waits for the composer's confirmation; absent once confirmed
   * (and in jobs written before sends were held, which were confirmed when they were made).
   */
  awaitingConfirmation?: true;
  createdAt: number;
  updatedAt: number;
}

export class SendRefused extends Refusal {}

const ACTIVE: readonly JobState[] = ['uploading', 'ready', 'sending'];
const UPLOAD_CONCURRENCY = 3;
/**
 * How long a held job waits for the composer's confirmation, from the click. The composer confirms once its
 * gate has settled (SETTLE_MS after the click) and its message has crossed; this leaves room for a busy
 * machine, and a seller whose confirmation came too late is told "not sent" and may send again.
 */
export const CONFIRM_WITHIN_MS = 10_000;

const NOT_CONFIRMED = () => new SendRefused({ key: 'send_notConfirmed', substitutions: [] });

/** Keyed by connection and order: the same order id under two connections is two sends. */
const running = new Map<string, { job: Job; done: Promise<Job> }>();
const orderKey = (connectionId: string, orderId: string) => `${connectionId} ${orderId}`;
/** Jobs already ended from outside their run (their connection was removed): nothing may change them again. */
const ended = new Set<string>();
type Verdict = 'send' | 'refused' | 'expired';
/** The held jobs of this worker's life, each with how its confirmation is given: once, or not in time. */
const verdicts = new Map<string, { promise: Promise<Verdict>; settle(verdict: Verdict): void }>();

function verdictFor(job: Job): Promise<Verdict> {
  if (!job.awaitingConfirmation) return Promise.resolve('send');
  const known = verdicts.get(job.id);
  if (known) return known.promise;
  let resolve!: (verdict: Verdict) => void;
  const promise = new Promise<Verdict>((r) => (resolve = r));
  const timer = setTimeout(() => settle('expired'), Math.max(0, job.createdAt + CONFIRM_WITHIN_MS - Date.now()));
  function settle(verdict: Verdict) {
    clearTimeout(timer);
    verdicts.delete(job.id);
    // In memory at once: a job confirmed while its uploads run no longer needs its "ready" write.
    if (verdict === 'send') delete job.awaitingConfirmation;
    resolve(verdict);
  }
  verdicts.set(job.id, { promise, settle });
  return promise;
}

/** The rate-limit wait a job is in, with when it ends, so the seller sees it only while it lasts. */
const waiting = new Map<string, { operation: string; ms: number; until: number }>();

// Announcements go out one after another, so a page never sees an older state after a newer one.
let announcing: Promise<void> = Promise.resolve();

/** Tells open composers what became of the order's send as it happens, so none has to keep asking. */
function announce(job: Job): Promise<void> {
  const snapshot = view(job);
  announcing = announcing.then(async () => {
    const event: OrderStatusEvent = { type: 'order.status', orderId: job.orderId, status: { job: snapshot, history: await historyFor(job.connectionId, job.orderId) } };
    // No page open for the order is not an error.
    await browser.runtime.sendMessage(event).catch(() => undefined);
  }).catch(() => undefined);
  return announcing;
}

async function saveJob(job: Job): Promise<Job> {
  job.updatedAt = Date.now();
  await put('sends', job);
  void announce(job);
  return job;
}

/** The order's jobs under one connection, newest first. */
export async function jobsFor(connectionId: string, orderId: string): Promise<Job[]> {
  return (await byIndex<Job>('sends', 'connectionOrder', [connectionId, orderId])).sort((a, b) => b.createdAt - a.createdAt);
}

function currentWait(jobId: string): { operation: string; ms: number } | undefined {
  const wait = waiting.get(jobId);
  if (!wait || wait.until <= Date.now()) return undefined;
  return { operation: wait.operation, ms: wait.until - Date.now() };
}

export function view(job: Job): JobView {
  return {
    id: job.id,
    orderId: job.orderId,
    segment: job.segment,
    state: job.state,
    uploaded: job.attachments.filter((a) => a.uploadDestinationId).length,
    attachments: job.attachments.length,
    waiting: ACTIVE.includes(job.state) ? currentWait(job.id) : undefined,
    error: job.error,
    updatedAt: job.updatedAt,
  };
}

/** Checks the draft as Amazon would, before anything leaves the browser. */
async function jobFromDraft(connectionId: string, draft: Draft): Promise<Job> {
  if (!draft.segment) throw new SendRefused({ key: 'send_chooseType', substitutions: [] });
  const offered = await offeredTypes(connectionId, draft.orderId, draft.marketplaceId, false);
  const type = offered.offered.find((o) => o.segment === draft.segment);
  if (!type || !type.supported) throw new SendRefused({ key: 'send_typeNotOffered', substitutions: [draft.segment] });
  const form = formFromSchema(type.schema, type.segment);
  const checked = validateDraft(form, type.schema, {
    text: draft.text,
    attachments: draft.attachments.map((a) => ({ fileName: a.fileName, size: a.size, type: a.type })),
    dates: draft.dates,
  }, { timeZone: marketplaceTimeZone(draft.marketplaceId) });
  const first = checked.problems[0];
  if (first) throw new SendRefused({ key: first.key, substitutions: first.substitutions });
  if (form.text) {
    const compliance = checkCompliance(draft.text);
    const error = compliance.errors[0];
    if (error) throw new SendRefused({ key: error.key, substitutions: [error.match] });
    if (compliance.warnings.length > 0 && !draft.linksConfirmed) {
      throw new SendRefused({ key: 'send_confirmLinks', substitutions: compliance.warnings.map((w) => w.match) });
    }
  }
  const attachments: JobAttachment[] = [];
  for (const a of form.attachments ? draft.attachments : []) {
    if (!a.md5 || a.chunks === undefined) throw new SendRefused({ key: 'send_stillHashing', substitutions: [a.fileName] });
    attachments.push({ attachmentId: a.id, fileName: a.fileName, type: a.type, size: a.size, chunks: a.chunks, md5: a.md5 });
  }
  const now = Date.now();
  return {
    id: crypto.randomUUID(),
    connectionId,
    orderId: draft.orderId,
    marketplaceId: draft.marketplaceId,
    segment: type.segment,
    title: tl(type.title),
    state: attachments.length > 0 ? 'uploading' : 'ready',
    text: form.text ? draft.text : undefined,
    dates: form.dates ? draft.dates : {},
    attachments,
    createdAt: now,
    updatedAt: now,
  };
}

async function upload(client: SpApi, job: Job, attachment: JobAttachment): Promise<void> {
  const resource = `messaging/v1/orders/${job.orderId}/messages/${job.segment}`;
  const askDestination = () =>
    client.createUploadDestinationForResource({
      resource,
      marketplaceId: job.marketplaceId,
      contentMD5: attachment.md5,
      contentType: attachment.type || undefined,
    });
  // The stored chunks are looked up while Amazon prepares the destination. (Copying them into memory
  // first was measured too: no faster, and 10 MB more held by the worker.)
  const [firstDestination, blob] = await Promise.all([
    askDestination(),
    getAttachmentBlob({ id: attachment.attachmentId, chunks: attachment.chunks, size: attachment.size }),
  ]);
  if (!blob) throw new SendRefused({ key: 'send_attachmentMissing', substitutions: [attachment.fileName] });
  for (let attempt = 0; ; attempt++) {
    const destination = attempt === 0 ? firstDestination : await askDestination();
    try {
      await client.uploadToS3({
        url: destination.url,
        headers: destination.headers,
        body: blob,
        contentMD5: attachment.md5,
        contentType: attachment.type || undefined,
      });
    } catch (error) {
      // A presigned URL lives about 15 minutes; a resumed job may hold one that has run out.
      if (attempt === 0 && (error as { expired?: boolean }).expired) continue;
      throw error;
    }
    attachment.uploadDestinationId = destination.uploadDestinationId;
    // A job ended meanwhile (refused, expired, its connection removed) keeps the state it ended in.
    if (!ended.has(job.id)) await saveJob(job);
    return;
  }
}

async function uploadAll(client: SpApi, job: Job): Promise<void> {
  const queue = job.attachments.filter((a) => !a.uploadDestinationId);
  const workers = Array.from({ length: Math.min(UPLOAD_CONCURRENCY, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await upload(client, job, next);
  });
  const results = await Promise.allSettled(workers);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function finish(job: Job, state: 'sent' | 'failed' | 'unknown', error?: unknown, inHistory = true): Promise<Job> {
  if (ended.has(job.id)) return job;
  job.state = state;
  job.error = error === undefined ? undefined : explain(error);
  waiting.delete(job.id);
  // Amazon no longer offers the type for this order: the cached list is out of date.
  if (job.error?.key === TYPE_NOT_OFFERED_KEY) await forgetTypes(job.connectionId, job.orderId, job.marketplaceId).catch(() => undefined);
  // The outcome, the history entry and (once sent) the draft's removal are independent writes: made at
  // once, the seller's answer waits for one round trip to the database, not three.
  await Promise.all([
    saveJob(job),
    inHistory ? record(job.connectionId, { orderId: job.orderId, segment: job.segment, title: job.title, at: Date.now(), outcome: state, error: job.error }) : undefined,
    state === 'sent' ? deleteDraft(job.connectionId, job.orderId) : undefined,
  ]);
  // Announced again once the history holds the outcome.
  void announce(job);
  return job;
}

/**
 * Ends a held job that was refused or never confirmed: nothing will change it again. The order's history
 * lists what was sent to Amazon's messaging; a click that never became a send is said by the job alone.
 */
async function notSent(job: Job, verdict: Exclude<Verdict, 'send'>): Promise<Job> {
  const ending = finish(job, 'failed', verdict === 'refused' ? new SendRefused(HIDDEN_REFUSED) : NOT_CONFIRMED(), false);
  ended.add(job.id);
  return ending;
}

type UploadStep = { kind: 'uploaded' } | { kind: 'uploadFailed'; error: unknown } | { kind: 'verdict'; verdict: Verdict };

async function run(job: Job): Promise<Job> {
  const stopWatching = onRateLimitWait(({ connectionId, ...info }) => {
    if (connectionId !== job.connectionId) return;
    waiting.set(job.id, { ...info, until: Date.now() + info.ms });
    void announce(job);
  });
  const verdict = verdictFor(job);
  try {
    let client: SpApi;
    try {
      client = await api(job.connectionId);
    } catch (error) {
      return await finish(job, 'failed', error);
    }
    if (job.state === 'uploading') {
      const uploads = uploadAll(client, job).then(
        (): UploadStep => ({ kind: 'uploaded' }),
        (error: unknown): UploadStep => ({ kind: 'uploadFailed', error }),
      );
      // A refusal need not wait for the uploads: the seller may send again at once.
      let step = await Promise.race([uploads, verdict.then((v): UploadStep => ({ kind: 'verdict', verdict: v }))]);
      if (step.kind === 'verdict') {
        if (step.verdict !== 'send') return await notSent(job, step.verdict);
        // Confirmed while the uploads run: written now, so a worker stopped before they end resumes the send.
        const written = saveJob(job);
        step = await uploads;
        await written;
      }
      if (step.kind === 'uploadFailed') return await finish(job, 'failed', step.error);
      job.state = 'ready';
      // Written only while the job waits: once confirmed, the "sending" write below follows at once, and
      // each destination is already in the journal.
      if (job.awaitingConfirmation) await saveJob(job);
    }
    const decided = await verdict;
    if (decided !== 'send') return await notSent(job, decided);
    // Ended from outside meanwhile (its connection removed): the client fetched at the start must not send.
    if (ended.has(job.id)) return job;
    const uploaded = job.attachments.map((a) => ({ uploadDestinationId: a.uploadDestinationId!, fileName: a.fileName }));
    const body = toRequestBody(job.segment, { text: job.text, dates: job.dates, attachments: [] }, uploaded, marketplaceTimeZone(job.marketplaceId));
    job.state = 'sending';
    await saveJob(job);
    try {
      await client.sendMessage(job.orderId, job.marketplaceId, job.segment, body);
    } catch (error) {
      const mayHaveArrived = (error as { outcomeUnknown?: boolean }).outcomeUnknown === true;
      return await finish(job, mayHaveArrived ? 'unknown' : 'failed', error);
    }
    return await finish(job, 'sent');
  } finally {
    stopWatching();
  }
}

function runOnce(job: Job): Promise<Job> {
  const key = orderKey(job.connectionId, job.orderId);
  let entry = running.get(key);
  if (!entry) {
    const started = { job, done: run(job).finally(() => running.delete(key)) };
    running.set(key, started);
    entry = started;
  }
  return entry.done;
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `decide` for one order at a time, so two requests never both see "nothing under way". */
function withOrderLock<T>(orderId: string, decide: () => Promise<T>): Promise<T> {
  const next = (locks.get(orderId) ?? Promise.resolve()).then(decide, decide);
  const settled = next.catch(() => undefined);
  locks.set(orderId, settled);
  // Forget the order once nothing is queued behind this decision, so the map does not grow per order.
  void settled.then(() => {
    if (locks.get(orderId) === settled) locks.delete(orderId);
  });
  return next;
}

/**
 * Sends the order's draft. A second request while one is under way returns that one; after an unclear
 * outcome nothing is sent until the seller confirms they checked. With `hold`, the answer comes as soon as
 * the job is under way, and its message waits for `confirmSend`.
 */
export async function send(connectionId: string, req: SendRequest): Promise<JobView> {
  const key = orderKey(connectionId, req.orderId);
  // The decision is boxed so that the lock is released once the job is registered, not when it ends.
  const decided = await withOrderLock(key, async (): Promise<{ job: Job; done: Promise<Job> }> => {
    const inProgress = running.get(key);
    if (inProgress) return inProgress;
    const [latest] = await jobsFor(connectionId, req.orderId);
    if (latest && ACTIVE.includes(latest.state)) {
      // Held by a click of an earlier worker's life: its confirmation went with that worker.
      if (latest.awaitingConfirmation) await notSent(latest, 'expired');
      else return { job: latest, done: runOnce(latest) };
    }
    if (latest?.state === 'unknown' && !req.resendAfterUnknown) return { job: latest, done: Promise.resolve(latest) };
    const draft = await getDraft(connectionId, req.orderId);
    if (!draft) throw new SendRefused({ key: 'send_nothingToSend', substitutions: [] });
    if (draft.marketplaceId !== req.marketplaceId) throw new SendRefused({ key: 'send_marketplaceMismatch', substitutions: [] });
    const job = await jobFromDraft(connectionId, draft);
    if (req.hold) job.awaitingConfirmation = true;
    await saveJob(job);
    return { job, done: runOnce(job) };
  });
  return view(req.hold ? decided.job : await decided.done);
}

/**
 * The composer's verdict on a held job: `send` when the click counted, otherwise the job ends "not sent".
 * Only a job of this worker's life can be confirmed; one held before the worker stopped is never sent. A
 * job that is no longer held (confirmed already, or ended) is answered with how it ends, and nothing more
 * is sent.
 */
export async function confirmSend(connectionId: string, req: ConfirmSendRequest): Promise<JobView> {
  const entry = running.get(orderKey(connectionId, req.orderId));
  if (entry?.job.id === req.jobId) {
    verdicts.get(req.jobId)?.settle(req.send ? 'send' : 'refused');
    return view(await entry.done);
  }
  // Looked up among the jobs of the sender's own connection and order only.
  const job = (await jobsFor(connectionId, req.orderId)).find((j) => j.id === req.jobId);
  if (!job) throw new SendRefused({ key: 'send_nothingToSend', substitutions: [] });
  if (ACTIVE.includes(job.state) && job.awaitingConfirmation) return view(await notSent(job, req.send ? 'expired' : 'refused'));
  return view(job);
}

export async function latestJob(connectionId: string, orderId: string): Promise<JobView | undefined> {
  const [latest] = await jobsFor(connectionId, orderId);
  return latest && view(latest);
}

const activeJobs = async (): Promise<Job[]> => (await Promise.all(ACTIVE.map((state) => byIndex<Job>('sends', 'state', state)))).flat();

/** The sends under way through one connection (asked before the connection is removed). */
export async function pendingJobs(connectionId: string): Promise<Job[]> {
  return (await activeJobs()).filter((job) => job.connectionId === connectionId);
}

const connectionRemoved = () => new SendRefused({ key: 'send_connectionRemoved', substitutions: [] });

/**
 * Ends every send under way through a connection the seller removes, as "not sent: connection removed".
 * One still running may have a request with Amazon: ended here, whatever that request returns no longer
 * changes it.
 */
export async function endJobsOf(connectionId: string): Promise<number> {
  const jobs = await pendingJobs(connectionId);
  for (const job of jobs) {
    await finish(job, 'failed', connectionRemoved());
    ended.add(job.id);
  }
  return jobs.length;
}

/**
 * Called when the worker starts: finish what a stopped worker left half done. A job still held for its
 * click's confirmation is never resumed: the confirmation went with the stopped worker.
 */
export async function resumeJobs(knownConnections: ReadonlySet<string>): Promise<void> {
  for (const job of await activeJobs()) {
    if (running.has(orderKey(job.connectionId, job.orderId))) continue;
    if (!knownConnections.has(job.connectionId)) {
      await finish(job, 'failed', connectionRemoved());
    } else if (job.awaitingConfirmation) {
      await notSent(job, 'expired');
    } else if (job.state === 'sending') {
      await finish(job, 'unknown', new SendRefused({ key: 'send_interrupted', substitutions: [] }));
    } else {
      void runOnce(job);
    }
  }
}
