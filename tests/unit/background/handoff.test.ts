import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HANDOFF_TYPE, type HandoffReply } from '../../../lib/messaging/handoff';

const ORDER = '902-3159896-1390916';
const CONNECTION = 'primary';
const ORIGIN = () => fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
const COMPOSER = () => `${ORIGIN()}/composer.html?orderId=${ORDER}&marketplaceId=ATVPDKIKX0DER`;

async function fresh() {
  globalThis.indexedDB = new IDBFactory();
  // Fresh modules: the staged files are the worker's memory, empty after a restart.
  vi.resetModules();
  const handoff = await import('../../../lib/background/handoff');
  const drafts = await import('../../../lib/store/drafts');
  return { ...handoff, ...drafts };
}

type Modules = Awaited<ReturnType<typeof fresh>>;

/** Posts bytes as the composer does, and resolves with the worker's answer. */
function handOver(m: Modules, transferId: string, blob: Blob, url = COMPOSER()): Promise<HandoffReply> {
  const channel = new MessageChannel();
  const reply = new Promise<HandoffReply>((resolve) => {
    channel.port1.onmessage = (e) => {
      resolve(e.data as HandoffReply);
      channel.port1.close();
    };
  });
  m.onHandoff({ data: { type: HANDOFF_TYPE, transferId, blob }, origin: ORIGIN(), source: { url }, ports: [channel.port2] });
  return reply;
}

async function draftWith(m: Modules, size: number) {
  await m.saveDraft(CONNECTION, {
    orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', text: '', dates: {}, linksConfirmed: false, updatedAt: 0,
    attachments: [{ id: 'attachment-1', fileName: 'scan.pdf', originalName: 'scan.pdf', type: 'application/pdf', size }],
  });
}

function bytes(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31) & 0xff;
  return out;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('attachment bytes handed to the background', () => {
  it('are stored as the attachment\'s one chunk and hashed there: Base64 of the raw MD5 digest', async () => {
    const m = await fresh();
    const content = bytes(2 * 1024 * 1024 + 5); // two pieces for the hash
    await draftWith(m, content.length);
    expect(await handOver(m, 'transfer-0001', new Blob([content]))).toEqual({ transferId: 'transfer-0001', ok: true });
    const stored = await m.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' }, { url: COMPOSER() });
    expect(stored).toEqual({ md5: createHash('md5').update(content).digest('base64'), chunks: 1 });
    const blob = await m.getAttachmentBlob({ id: 'attachment-1', chunks: 1, size: content.length });
    // Compared by digest: a byte-by-byte diff of megabytes is slow to compute and useless to read.
    expect(createHash('sha256').update(new Uint8Array(await blob!.arrayBuffer())).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('are refused when another page sends them, and never stored', async () => {
    const m = await fresh();
    await draftWith(m, 10);
    const reply = await handOver(m, 'transfer-0001', new Blob([bytes(10)]), `${ORIGIN()}/popup.html`);
    expect(reply).toEqual({ transferId: 'transfer-0001', ok: false, reason: 'sender' });
    await expect(m.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' }, { url: COMPOSER() }))
      .rejects.toMatchObject({ explained: { key: 'app_handoffMissing' } });
  });

  it('can be claimed only by the document that handed them over, and only once', async () => {
    const m = await fresh();
    await draftWith(m, 10);
    await handOver(m, 'transfer-0001', new Blob([bytes(10)]));
    const req = { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' };
    await expect(m.attachFile(CONNECTION, req, { url: `${ORIGIN()}/composer.html?orderId=305-7226541-3301942&marketplaceId=A1PA6795UKMFR9` }))
      .rejects.toMatchObject({ explained: { key: 'app_handoffMissing' } });
    await expect(m.attachFile(CONNECTION, req, { url: COMPOSER() })).resolves.toMatchObject({ chunks: 1 });
    await expect(m.attachFile(CONNECTION, req, { url: COMPOSER() })).rejects.toMatchObject({ explained: { key: 'app_handoffMissing' } });
  });

  it('are refused for an attachment the draft does not have, or of another size than the draft says', async () => {
    const m = await fresh();
    await draftWith(m, 11);
    await handOver(m, 'transfer-0001', new Blob([bytes(10)]));
    await expect(m.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' }, { url: COMPOSER() }))
      .rejects.toMatchObject({ explained: { key: 'app_invalidRequest' } });
    await handOver(m, 'transfer-0002', new Blob([bytes(11)]));
    await expect(m.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-9', transferId: 'transfer-0002' }, { url: COMPOSER() }))
      .rejects.toMatchObject({ explained: { key: 'app_invalidRequest' } });
    expect(await m.getAttachmentBlob({ id: 'attachment-1', chunks: 1, size: 11 })).toBeUndefined();
  });

  it('arrive as a runtime message where the background is no service worker (Firefox), checked against the reported sender', async () => {
    const m = await fresh();
    await draftWith(m, 10);
    const message = { type: HANDOFF_TYPE, transferId: 'transfer-0001', blob: new Blob([bytes(10)]) };
    expect(m.isHandoff(message)).toBe(true);
    expect(m.isHandoff({ op: 'draft.get', req: {} })).toBe(false);
    expect(await m.onRuntimeHandoff(message, { id: 'another-extension', url: COMPOSER() })).toMatchObject({ ok: false, reason: 'sender' });
    expect(await m.onRuntimeHandoff(message, { id: fakeBrowser.runtime.id, url: 'https://sellercentral.amazon.com/orders-v3' })).toMatchObject({ ok: false, reason: 'sender' });
    // What a JSON-only channel (Chromium's runtime messages) makes of a Blob is refused.
    expect(await m.onRuntimeHandoff({ ...message, blob: {} }, { id: fakeBrowser.runtime.id, url: COMPOSER() })).toMatchObject({ ok: false, reason: 'payload' });
    expect(await m.onRuntimeHandoff(message, { id: fakeBrowser.runtime.id, url: COMPOSER() })).toEqual({ transferId: 'transfer-0001', ok: true });
    await expect(m.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' }, { url: COMPOSER() })).resolves.toMatchObject({ chunks: 1 });
  });

  it('are gone after a worker restart before the claim: the composer is told to hand them over again', async () => {
    const before = await fresh();
    await draftWith(before, 10);
    await handOver(before, 'transfer-0001', new Blob([bytes(10)]));
    vi.resetModules();
    const after = await import('../../../lib/background/handoff');
    await expect(after.attachFile(CONNECTION, { orderId: ORDER, attachmentId: 'attachment-1', transferId: 'transfer-0001' }, { url: COMPOSER() }))
      .rejects.toMatchObject({ explained: { key: 'app_handoffMissing' } });
  });
});
