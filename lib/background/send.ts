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
import { TYPE_NOT_OFFERED_KEY, type Explained, type JobState, type JobView, type OrderStatusEvent, type SendRequest } from '../protocol';
import { tl } from '../i18n';
import { marketplaceTimeZone } from '../marketplaces';

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
  orderId: string;
  marketplaceId: string;
  segment: string;
  title: string;
  state: JobState;
  text?: string;
  dates: Record<string, string>;
  attachments: JobAttachment[];
  error?: Explained;
  createdAt: number;
  updatedAt: number;
}

export class SendRefused extends Refusal {}

const ACTIVE: readonly JobState[] = ['uploading', 'ready', 'sending'];
const UPLOAD_CONCURRENCY = 3;

const running = new Map<string, Promise<Job>>();
/** The rate-limit wait a job is in, with when it ends, so the seller sees it only while it lasts. */
const waiting = new Map<string, { operation: string; ms: number; until: number }>();

// Announcements go out one after another, so a page never sees an older state after a newer one.
let announcing: Promise<void> = Promise.resolve();

/** Tells open composers what became of the order's send as it happens, so none has to keep asking. */
function announce(job: Job): Promise<void> {
  const snapshot = view(job);
  announcing = announcing.then(async () => {
    const event: OrderStatusEvent = { type: 'order.status', orderId: job.orderId, status: { job: snapshot, history: await historyFor(job.orderId) } };
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

/** The order's jobs, newest first (read through the orderId index). */
export async function jobsFor(orderId: string): Promise<Job[]> {
  return (await byIndex<Job>('sends', 'orderId', orderId)).sort((a, b) => b.createdAt - a.createdAt);
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
async function jobFromDraft(draft: Draft): Promise<Job> {
  if (!draft.segment) throw new SendRefused({ key: 'send_chooseType', substitutions: [] });
  const offered = await offeredTypes(draft.orderId, draft.marketplaceId, false);
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

async function upload(job: Job, attachment: JobAttachment): Promise<void> {
  const client = await api();
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
    await saveJob(job);
    return;
  }
}

async function uploadAll(job: Job): Promise<void> {
  const queue = job.attachments.filter((a) => !a.uploadDestinationId);
  const workers = Array.from({ length: Math.min(UPLOAD_CONCURRENCY, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await upload(job, next);
  });
  const results = await Promise.allSettled(workers);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function finish(job: Job, state: 'sent' | 'failed' | 'unknown', error?: unknown): Promise<Job> {
  job.state = state;
  job.error = error === undefined ? undefined : explain(error);
  waiting.delete(job.id);
  // Amazon no longer offers the type for this order: the cached list is out of date.
  if (job.error?.key === TYPE_NOT_OFFERED_KEY) await forgetTypes(job.orderId, job.marketplaceId).catch(() => undefined);
  await saveJob(job);
  await record({ orderId: job.orderId, segment: job.segment, title: job.title, at: Date.now(), outcome: state, error: job.error });
  void announce(job);
  if (state === 'sent') await deleteDraft(job.orderId);
  return job;
}

async function run(job: Job): Promise<Job> {
  const stopWatching = onRateLimitWait((info) => {
    waiting.set(job.id, { ...info, until: Date.now() + info.ms });
    void announce(job);
  });
  try {
    if (job.state === 'uploading') {
      try {
        await uploadAll(job);
      } catch (error) {
        return await finish(job, 'failed', error);
      }
      job.state = 'ready';
      await saveJob(job);
    }
    const uploaded = job.attachments.map((a) => ({ uploadDestinationId: a.uploadDestinationId!, fileName: a.fileName }));
    const body = toRequestBody(job.segment, { text: job.text, dates: job.dates, attachments: [] }, uploaded, marketplaceTimeZone(job.marketplaceId));
    job.state = 'sending';
    await saveJob(job);
    try {
      await (await api()).sendMessage(job.orderId, job.marketplaceId, job.segment, body);
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
  let pending = running.get(job.orderId);
  if (!pending) {
    pending = run(job).finally(() => running.delete(job.orderId));
    running.set(job.orderId, pending);
  }
  return pending;
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
 * outcome nothing is sent until the seller confirms they checked.
 */
export async function send(req: SendRequest): Promise<JobView> {
  // The decision is boxed so that the lock is released once the job is registered, not when it ends.
  const decided = await withOrderLock(req.orderId, async (): Promise<{ job: Promise<Job> }> => {
    const inProgress = running.get(req.orderId);
    if (inProgress) return { job: inProgress };
    const [latest] = await jobsFor(req.orderId);
    if (latest && ACTIVE.includes(latest.state)) return { job: runOnce(latest) };
    if (latest?.state === 'unknown' && !req.resendAfterUnknown) return { job: Promise.resolve(latest) };
    const draft = await getDraft(req.orderId);
    if (!draft) throw new SendRefused({ key: 'send_nothingToSend', substitutions: [] });
    if (draft.marketplaceId !== req.marketplaceId) throw new SendRefused({ key: 'send_marketplaceMismatch', substitutions: [] });
    const job = await jobFromDraft(draft);
    await saveJob(job);
    return { job: runOnce(job) };
  });
  return view(await decided.job);
}

export async function latestJob(orderId: string): Promise<JobView | undefined> {
  const [latest] = await jobsFor(orderId);
  return latest && view(latest);
}

/** Called when the worker starts: finish what a stopped worker left half done. */
export async function resumeJobs(): Promise<void> {
  const jobs = (await Promise.all(ACTIVE.map((state) => byIndex<Job>('sends', 'state', state)))).flat();
  for (const job of jobs) {
    if (job.state === 'sending') {
      await finish(job, 'unknown', new SendRefused({ key: 'send_interrupted', substitutions: [] }));
    } else {
      void runOnce(job);
    }
  }
}
