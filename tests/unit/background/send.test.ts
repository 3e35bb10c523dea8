import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakeApi = {
  createUploadDestinationForResource: vi.fn(),
  uploadToS3: vi.fn(),
  sendMessage: vi.fn(),
};

vi.mock('../../../lib/background/connection', () => ({
  api: async () => fakeApi,
  onRateLimitWait: () => () => undefined,
}));

const schema = {
  type: 'object',
  title: 'Confirm customization details',
  properties: {
    rawMessageBody: { type: 'string', minLength: 1, maxLength: 800 },
    attachments: { type: 'array', maxItems: 5 },
  },
  required: ['rawMessageBody'],
};

vi.mock('../../../lib/background/message-types', () => ({
  offeredTypes: async () => ({
    at: Date.now(),
    offered: [
      { segment: 'confirmCustomizationDetails', name: 'confirmCustomizationDetails', href: '', supported: true, title: { text: 'Confirm customization details' }, schema, schemaSource: 'amazon' },
    ],
  }),
}));

const ORDER = '902-3159896-1390916';
const C = 'primary';
const OTHER_CONNECTION = 'b2c3d4e5-0000-4000-8000-000000000000';

async function freshModules() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const send = await import('../../../lib/background/send');
  const drafts = await import('../../../lib/store/drafts');
  const db = await import('../../../lib/store/db');
  return { ...send, ...drafts, db };
}

async function withDraft(m: Awaited<ReturnType<typeof freshModules>>, files = 1, connectionId = C) {
  const attachments = [];
  for (let i = 0; i < files; i++) {
    const id = `a${i}`;
    await m.putAttachmentChunk(id, 0, new Blob([`file ${i}`], { type: 'application/pdf' }));
    attachments.push({ id, fileName: `proof-${i}.pdf`, originalName: `proof-${i}.pdf`, type: 'application/pdf', size: 6, chunks: 1, md5: 'XUFAKcIhh4TeRO1GLQvsAA==' });
  }
  await m.saveDraft(connectionId, { orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', segment: 'confirmCustomizationDetails', text: 'Your proof is attached.', dates: {}, attachments, linksConfirmed: false, updatedAt: 0 });
}

const request = { orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', resendAfterUnknown: false };

beforeEach(() => {
  let n = 0;
  fakeApi.createUploadDestinationForResource.mockReset().mockImplementation(async () => ({ uploadDestinationId: `dest-${++n}`, url: 'https://s3.example/put', headers: {} }));
  fakeApi.uploadToS3.mockReset().mockResolvedValue(undefined);
  fakeApi.sendMessage.mockReset().mockResolvedValue(undefined);
});

describe('send journal', () => {
  it('uploads every attachment, then sends once with their ids, then removes the draft', async () => {
    const m = await freshModules();
    await withDraft(m, 2);
    const job = await m.send(C, request);
    expect(job.state).toBe('sent');
    expect(fakeApi.uploadToS3).toHaveBeenCalledTimes(2);
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
    const body = fakeApi.sendMessage.mock.calls[0]![3];
    expect(body).toEqual({ text: 'Your proof is attached.', attachments: expect.arrayContaining([{ uploadDestinationId: expect.stringMatching(/^dest-/), fileName: 'proof-0.pdf' }]) });
    expect(fakeApi.createUploadDestinationForResource.mock.calls[0]![0]).toMatchObject({
      resource: `messaging/v1/orders/${ORDER}/messages/confirmCustomizationDetails`,
      contentMD5: 'XUFAKcIhh4TeRO1GLQvsAA==',
      marketplaceId: 'ATVPDKIKX0DER',
    });
    expect(await m.getDraft(C, ORDER)).toBeUndefined();
  });

  it('two requests at once (a double click) send one message', async () => {
    const m = await freshModules();
    await withDraft(m);
    let release!: () => void;
    fakeApi.sendMessage.mockImplementation(() => new Promise<void>((r) => (release = r)));
    const first = m.send(C, request);
    const second = m.send(C, request);
    await vi.waitFor(() => expect(fakeApi.sendMessage).toHaveBeenCalled());
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.id).toBe(b.id);
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('never sends when an upload failed, and keeps the draft', async () => {
    const m = await freshModules();
    await withDraft(m, 2);
    fakeApi.uploadToS3.mockRejectedValueOnce(Object.assign(new Error('BadDigest'), { code: 'BadDigest' }));
    const job = await m.send(C, request);
    expect(job.state).toBe('failed');
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    expect((await m.getDraft(C, ORDER))?.attachments).toHaveLength(2);
  });

  it('asks for a new upload destination once when the presigned URL has expired', async () => {
    const m = await freshModules();
    await withDraft(m);
    fakeApi.uploadToS3.mockRejectedValueOnce(Object.assign(new Error('expired'), { expired: true }));
    const job = await m.send(C, request);
    expect(job.state).toBe('sent');
    expect(fakeApi.createUploadDestinationForResource).toHaveBeenCalledTimes(2);
  });

  it('after an unclear outcome, a retry does not send again unless the seller confirms', async () => {
    const m = await freshModules();
    await withDraft(m, 0);
    fakeApi.sendMessage.mockRejectedValueOnce(Object.assign(new Error('timeout'), { outcomeUnknown: true }));
    expect((await m.send(C, request)).state).toBe('unknown');
    expect((await m.send(C, request)).state).toBe('unknown');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
    expect(await m.getDraft(C, ORDER)).toBeDefined();
    expect((await m.send(C, { ...request, resendAfterUnknown: true })).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledTimes(2);
  });

  it('a worker that stopped mid-way: uploads are resumed, a send that may have left becomes "unknown"', async () => {
    const m = await freshModules();
    const base = { connectionId: C, orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', segment: 'confirmCustomizationDetails', title: 'x', text: 'hi', dates: {}, createdAt: 1, updatedAt: 1 };
    await m.putAttachmentChunk('b1', 0, new Blob(['x']));
    await m.db.put('sends', { ...base, id: 'ready-job', state: 'uploading', attachments: [{ attachmentId: 'b1', fileName: 'a.pdf', type: 'application/pdf', size: 1, chunks: 1, md5: 'x', uploadDestinationId: undefined }] });
    await m.db.put('sends', { ...base, id: 'sending-job', orderId: '111-1111111-1111111', state: 'sending', attachments: [] });
    await m.resumeJobs(new Set([C]));
    await vi.waitFor(async () => expect((await m.latestJob(C, ORDER))?.state).toBe('sent'));
    expect((await m.latestJob(C, '111-1111111-1111111'))?.state).toBe('unknown');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('refuses a draft that breaks Amazon\'s rules before any upload', async () => {
    const m = await freshModules();
    await withDraft(m);
    const draft = (await m.getDraft(C, ORDER))!;
    await m.saveDraft(C, { ...draft, text: 'Mail me: me@example.com' });
    await expect(m.send(C, request)).rejects.toMatchObject({ explained: { key: 'msg_compliance_email' } });
    expect(fakeApi.createUploadDestinationForResource).not.toHaveBeenCalled();
  });

  it('keeps drafts, jobs and history of two connections apart, even for the same order id', async () => {
    const m = await freshModules();
    await withDraft(m, 0, C);
    await withDraft(m, 0, OTHER_CONNECTION);
    expect((await m.send(C, request)).state).toBe('sent');
    expect(await m.getDraft(C, ORDER)).toBeUndefined();
    expect(await m.getDraft(OTHER_CONNECTION, ORDER)).toBeDefined();
    expect(await m.latestJob(OTHER_CONNECTION, ORDER)).toBeUndefined();
  });

  it('removing a connection ends its sends under way as "not sent: connection removed"', async () => {
    const m = await freshModules();
    await withDraft(m, 0, OTHER_CONNECTION);
    let release!: () => void;
    fakeApi.sendMessage.mockImplementation(() => new Promise<void>((r) => (release = r)));
    const sending = m.send(OTHER_CONNECTION, request);
    await vi.waitFor(() => expect(fakeApi.sendMessage).toHaveBeenCalled());
    expect(await m.pendingJobs(OTHER_CONNECTION)).toHaveLength(1);
    expect(await m.pendingJobs(C)).toHaveLength(0);
    expect(await m.endJobsOf(OTHER_CONNECTION)).toBe(1);
    release();
    await sending;
    const job = await m.latestJob(OTHER_CONNECTION, ORDER);
    expect(job).toMatchObject({ state: 'failed', error: { key: 'send_connectionRemoved' } });
    expect(await m.pendingJobs(OTHER_CONNECTION)).toHaveLength(0);
  });

  it('a job whose connection was removed while the worker was stopped is not resumed', async () => {
    const m = await freshModules();
    await m.db.put('sends', { id: 'orphan', connectionId: OTHER_CONNECTION, orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', segment: 'confirmCustomizationDetails', title: 'x', text: 'hi', dates: {}, attachments: [], state: 'ready', createdAt: 1, updatedAt: 1 });
    await m.resumeJobs(new Set([C]));
    expect(await m.latestJob(OTHER_CONNECTION, ORDER)).toMatchObject({ state: 'failed', error: { key: 'send_connectionRemoved' } });
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
  });
});

/** The same database, the worker's memory gone: what a stopped and restarted service worker sees. */
async function restartWorker() {
  vi.resetModules();
  const send = await import('../../../lib/background/send');
  const drafts = await import('../../../lib/store/drafts');
  return { ...send, ...drafts };
}

const held = { ...request, hold: true };

describe('a send held for the composer\'s verdict', () => {
  it('uploads while the click is being checked, and sends only once it is confirmed', async () => {
    const m = await freshModules();
    await withDraft(m, 2);
    const job = await m.send(C, held);
    expect(job.state).toBe('uploading');
    await vi.waitFor(async () => expect((await m.latestJob(C, ORDER))?.state).toBe('ready'));
    expect(fakeApi.uploadToS3).toHaveBeenCalledTimes(2);
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    const done = await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true });
    expect(done.state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
    expect(await m.getDraft(C, ORDER)).toBeUndefined();
  });

  it('a confirmation that arrives before the uploads end sends once they end', async () => {
    const m = await freshModules();
    await withDraft(m, 1);
    let release!: () => void;
    fakeApi.uploadToS3.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
    const job = await m.send(C, held);
    const confirmed = m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true });
    await vi.waitFor(() => expect(fakeApi.uploadToS3).toHaveBeenCalled());
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    release();
    expect((await confirmed).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('a refused click sends nothing, ends "not sent" with the reason at once, keeps the draft, and the seller can send again', async () => {
    const m = await freshModules();
    await withDraft(m, 1);
    // The upload is still under way when the gate says no.
    let release!: () => void;
    fakeApi.uploadToS3.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
    const job = await m.send(C, held);
    await vi.waitFor(() => expect(fakeApi.uploadToS3).toHaveBeenCalled());
    const refused = await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: false });
    expect(refused).toMatchObject({ state: 'failed', error: { key: 'cmp_hiddenRefused' } });
    expect(await m.getDraft(C, ORDER)).toBeDefined();
    release();
    // The upload's late answer does not bring the job back, and a late "yes" sends nothing.
    expect(await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).toMatchObject({ state: 'failed', error: { key: 'cmp_hiddenRefused' } });
    await vi.waitFor(async () => expect((await m.latestJob(C, ORDER))?.state).toBe('failed'));
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    const again = await m.send(C, held);
    expect(again.id).not.toBe(job.id);
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: again.id, send: true })).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('a job never confirmed (the composer closed) expires "not sent" and keeps the draft', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const m = await freshModules();
      await withDraft(m, 1);
      const job = await m.send(C, held);
      await vi.waitFor(async () => expect((await m.latestJob(C, ORDER))?.state).toBe('ready'));
      await vi.advanceTimersByTimeAsync(m.CONFIRM_WITHIN_MS);
      await vi.waitFor(async () => expect(await m.latestJob(C, ORDER)).toMatchObject({ id: job.id, state: 'failed', error: { key: 'send_notConfirmed' } }));
      expect(fakeApi.sendMessage).not.toHaveBeenCalled();
      expect(await m.getDraft(C, ORDER)).toBeDefined();
      expect(await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).toMatchObject({ state: 'failed' });
      expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a job held when the worker stopped is never sent: not on resume, not on a late confirmation', async () => {
    const first = await freshModules();
    await withDraft(first, 1);
    const job = await first.send(C, held);
    await vi.waitFor(async () => expect((await first.latestJob(C, ORDER))?.state).toBe('ready'));
    const m = await restartWorker();
    await m.resumeJobs(new Set([C]));
    expect(await m.latestJob(C, ORDER)).toMatchObject({ state: 'failed', error: { key: 'send_notConfirmed' } });
    expect(await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).toMatchObject({ state: 'failed' });
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    expect(await m.getDraft(C, ORDER)).toBeDefined();
  });

  it('a confirmation reaching a restarted worker before its resume sends nothing either', async () => {
    const first = await freshModules();
    await withDraft(first, 0);
    const job = await first.send(C, held);
    const m = await restartWorker();
    expect(await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).toMatchObject({ state: 'failed', error: { key: 'send_notConfirmed' } });
    await m.resumeJobs(new Set([C]));
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
  });

  it('a new click after a restart ends the stale held job and starts its own', async () => {
    const first = await freshModules();
    await withDraft(first, 0);
    const stale = await first.send(C, held);
    const m = await restartWorker();
    const fresh = await m.send(C, held);
    expect(fresh.id).not.toBe(stale.id);
    expect((await m.jobsFor(C, ORDER)).find((j) => j.id === stale.id)).toMatchObject({ state: 'failed', error: { key: 'send_notConfirmed' } });
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: fresh.id, send: true })).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('confirming twice sends one message', async () => {
    const m = await freshModules();
    await withDraft(m, 1);
    const job = await m.send(C, held);
    const [a, b] = await Promise.all([
      m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true }),
      m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true }),
    ]);
    expect([a.state, b.state]).toEqual(['sent', 'sent']);
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });

  it('a confirmation names a job of the sender\'s own connection and order, or is refused', async () => {
    const m = await freshModules();
    await withDraft(m, 0);
    const job = await m.send(C, held);
    await expect(m.confirmSend(OTHER_CONNECTION, { orderId: ORDER, jobId: job.id, send: true })).rejects.toMatchObject({ explained: { key: 'send_nothingToSend' } });
    await expect(m.confirmSend(C, { orderId: '111-1111111-1111111', jobId: job.id, send: true })).rejects.toMatchObject({ explained: { key: 'send_nothingToSend' } });
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).state).toBe('sent');
  });

  it('after an unclear outcome a held click starts nothing, unless the seller confirms they checked', async () => {
    const m = await freshModules();
    await withDraft(m, 0);
    fakeApi.sendMessage.mockRejectedValueOnce(Object.assign(new Error('timeout'), { outcomeUnknown: true }));
    const first = await m.send(C, held);
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: first.id, send: true })).state).toBe('unknown');
    const again = await m.send(C, held);
    expect(again).toMatchObject({ id: first.id, state: 'unknown' });
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: first.id, send: true })).state).toBe('unknown');
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
    const resend = await m.send(C, { ...held, resendAfterUnknown: true });
    expect(resend.id).not.toBe(first.id);
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: resend.id, send: true })).state).toBe('sent');
    expect(fakeApi.sendMessage).toHaveBeenCalledTimes(2);
  });

  it('an upload that fails ends the held job "failed" and sends nothing, whatever the verdict', async () => {
    const m = await freshModules();
    await withDraft(m, 1);
    fakeApi.uploadToS3.mockRejectedValueOnce(Object.assign(new Error('BadDigest'), { code: 'BadDigest' }));
    const job = await m.send(C, held);
    expect((await m.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true })).state).toBe('failed');
    expect(fakeApi.sendMessage).not.toHaveBeenCalled();
  });
});

describe('the order\'s history', () => {
  it('lists what was sent, not a click that never became a send', async () => {
    const m = await freshModules();
    await withDraft(m, 0);
    const { historyFor } = await import('../../../lib/background/history');
    const refused = await m.send(C, held);
    await m.confirmSend(C, { orderId: ORDER, jobId: refused.id, send: false });
    expect(await historyFor(C, ORDER)).toEqual([]);
    const sent = await m.send(C, held);
    await m.confirmSend(C, { orderId: ORDER, jobId: sent.id, send: true });
    expect((await historyFor(C, ORDER)).map((h) => h.outcome)).toEqual(['sent']);
  });
});

describe('a confirmed send and a stopped worker', () => {
  it('a job confirmed while its uploads ran is resumed by the next worker and sent once', async () => {
    const first = await freshModules();
    await withDraft(first, 1);
    fakeApi.uploadToS3.mockImplementationOnce(() => new Promise<void>(() => undefined));
    const job = await first.send(C, held);
    void first.confirmSend(C, { orderId: ORDER, jobId: job.id, send: true });
    await vi.waitFor(async () => expect((await first.jobsFor(C, ORDER))[0]?.awaitingConfirmation).toBeUndefined());
    // The worker stops with the upload under way.
    const m = await restartWorker();
    await m.resumeJobs(new Set([C]));
    await vi.waitFor(async () => expect((await m.latestJob(C, ORDER))?.state).toBe('sent'));
    expect(fakeApi.sendMessage).toHaveBeenCalledOnce();
  });
});
