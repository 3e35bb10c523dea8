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
