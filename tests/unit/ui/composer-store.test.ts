import { describe, expect, it, vi } from 'vitest';
import { createComposerStore, type DraftStore } from '../../../lib/ui/composer-store';
import type { Draft } from '../../../lib/store/drafts';
import type { Explained, JobView, MessageTypeView, Operation, OrderStatus, Req } from '../../../lib/protocol';
import type { ask as askFn } from '../../../lib/ask';

const ORDER = '902-3159896-1390916';
const US = 'ATVPDKIKX0DER';

const textSchema = (max: number) => ({
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  title: 'Confirm order details',
  properties: { rawMessageBody: { type: 'string', title: 'Message', minLength: 1, maxLength: max } },
  required: ['rawMessageBody'],
});
const invoiceSchema = {
  type: 'object',
  title: 'Invoice',
  properties: { attachments: { type: 'array', title: 'Attachments', minItems: 1, maxItems: 5 } },
  required: ['attachments'],
};
const TYPES: MessageTypeView[] = [
  { segment: 'confirmOrderDetails', title: 'Confirm order details', supported: true, schema: textSchema(2000) },
  { segment: 'invoice', title: 'Invoice', supported: true, schema: invoiceSchema },
];

function memoryDrafts(initial?: Draft) {
  const drafts = new Map<string, Draft>(initial ? [[initial.orderId, initial]] : []);
  const blobs = new Map<string, Blob>();
  const store: DraftStore = {
    get: async (id) => drafts.get(id),
    save: async (d) => void drafts.set(d.orderId, structuredClone(d)),
    storeFile: async (id, blob, onProgress) => {
      blobs.set(id, blob);
      onProgress(blob.size, blob.size);
      return { md5: 'XUFAKcIhh4TeRO1GLQvsAA==', chunks: 1 };
    },
  };
  return { store, drafts, blobs };
}

function fakeAsk(sendResult: Partial<JobView> = { state: 'sent' }) {
  const calls: Array<{ op: Operation; req: unknown }> = [];
  // The order's latest job, as the background reports it.
  let latest: JobView | undefined;
  const ask = vi.fn(async (op: Operation, req: Req<Operation>) => {
    calls.push({ op, req });
    if (op === 'order.messageTypes') return { types: TYPES, buyerLocale: 'de-DE' };
    if (op === 'order.status') return { history: [], job: latest };
    const job = { id: 'j', orderId: ORDER, segment: 'x', uploaded: 0, attachments: 0, updatedAt: 0 };
    // A held send is under way until the composer's verdict; the background then ends it either way.
    if (op === 'message.send') latest = (req as Req<'message.send'>).hold ? { ...job, state: 'uploading' } : { ...job, state: 'sent', ...sendResult };
    else if (op === 'message.confirm') {
      latest = (req as Req<'message.confirm'>).send
        ? { ...job, state: 'sent', ...sendResult }
        : { ...job, state: 'failed', error: { key: 'cmp_hiddenRefused', substitutions: [] } };
    } else throw new Error(op);
    return latest;
  }) as unknown as typeof askFn;
  return { ask, calls };
}

function setup(initial?: Draft, sendResult?: Partial<JobView>, mayAct?: () => Promise<Explained | undefined>) {
  const drafts = memoryDrafts(initial);
  const { ask, calls } = fakeAsk(sendResult);
  let n = 0;
  const store = createComposerStore({
    orderId: ORDER,
    marketplaceId: US,
    ask,
    drafts: drafts.store,
    newId: () => `att-${++n}`,
    mayAct,
  });
  return { store, drafts, calls };
}

describe('composer store', () => {
  it('loads the offered types and the buyer language, and restores a saved draft', async () => {
    const saved: Draft = { orderId: ORDER, marketplaceId: US, segment: 'confirmOrderDetails', text: 'Hallo', dates: {}, attachments: [], linksConfirmed: false, updatedAt: 1 };
    const { store } = setup(saved);
    await store.load();
    expect(store.types.value?.map((t) => t.segment)).toEqual(['confirmOrderDetails', 'invoice']);
    expect(store.buyerLocale.value).toBe('de-DE');
    expect(store.draft.value.text).toBe('Hallo');
    expect(store.form.value?.text?.maxLength).toBe(2000);
  });

  it('saves every change to the draft store, so closing the panel loses nothing', async () => {
    const { store, drafts } = setup();
    await store.load();
    await store.selectType('confirmOrderDetails');
    await store.setText('We ship tomorrow.');
    expect(drafts.drafts.get(ORDER)).toMatchObject({ segment: 'confirmOrderDetails', text: 'We ship tomorrow.' });
  });

  it('cannot send an empty or over-long text, HTML, or unconfirmed links', async () => {
    const { store, calls } = setup();
    await store.load();
    await store.selectType('confirmOrderDetails');
    expect(store.canSend.value).toBe(false);
    await store.setText('x'.repeat(2001));
    expect(store.canSend.value).toBe(false);
    await store.setText('<b>bold</b> offer');
    expect(store.compliance.value.errors.map((e) => e.match)).toEqual(['<b>', '</b>']);
    expect(store.canSend.value).toBe(false);
    await store.setText('Track it at https://track.example.com/123');
    expect(store.canSend.value).toBe(false);
    await store.confirmLinks(true);
    expect(store.canSend.value).toBe(true);
    await store.send();
    expect(calls.filter((c) => c.op === 'message.send')).toHaveLength(1);
  });

  it('editing the text withdraws an earlier link confirmation', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('confirmOrderDetails');
    await store.setText('See https://a.example.com/x');
    await store.confirmLinks(true);
    await store.setText('See https://b.example.com/y');
    expect(store.draft.value.linksConfirmed).toBe(false);
    expect(store.canSend.value).toBe(false);
  });

  it('keeps attachment bytes beside the draft with their Content-MD5, and refuses a disallowed type', async () => {
    const { store, drafts } = setup();
    await store.load();
    await store.selectType('invoice');
    expect(store.canSend.value).toBe(false);
    await store.addFiles([new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' })]);
    await vi.waitFor(() => expect(store.draft.value.attachments[0]?.md5).toBe('XUFAKcIhh4TeRO1GLQvsAA=='));
    expect(drafts.blobs.size).toBe(1);
    expect(store.canSend.value).toBe(true);
    await store.addFiles([new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })]);
    expect(store.refused.value.map((r) => r.problem.key)).toEqual(['msg_attach_type_not_allowed']);
    expect(store.draft.value.attachments).toHaveLength(1);
  });

  it('a file whose transfer was interrupted (panel closed) is dropped on reload with a message to attach it again', async () => {
    const saved: Draft = {
      orderId: ORDER, marketplaceId: US, segment: 'invoice', text: '', dates: {}, linksConfirmed: false, updatedAt: 1,
      attachments: [
        { id: 'done', fileName: 'a.pdf', originalName: 'a.pdf', type: 'application/pdf', size: 4, chunks: 1, md5: 'XUFAKcIhh4TeRO1GLQvsAA==' },
        { id: 'half', fileName: 'b.pdf', originalName: 'b.pdf', type: 'application/pdf', size: 4 },
      ],
    };
    const { store, drafts } = setup(saved);
    await store.load();
    expect(store.draft.value.attachments.map((a) => a.id)).toEqual(['done']);
    expect(drafts.drafts.get(ORDER)?.attachments.map((a) => a.id)).toEqual(['done']);
    expect(store.refused.value.map((r) => r.problem)).toEqual([{ key: 'cmp_attachInterrupted', substitutions: ['b.pdf'] }]);
  });

  it('renaming keeps the original extension', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('invoice');
    await store.addFiles([new File(['%PDF'], 'INV-7.pdf', { type: 'application/pdf' })]);
    await store.renameAttachment('att-1', 'Invoice March');
    expect(store.draft.value.attachments[0]?.fileName).toBe('Invoice March.pdf');
  });

  it('clears the draft after Amazon accepted the message, and keeps it when it was not sent', async () => {
    const failed = setup(undefined, { state: 'failed', error: { key: 'x', substitutions: [] } });
    await failed.store.load();
    await failed.store.selectType('confirmOrderDetails');
    await failed.store.setText('Please confirm your address.');
    await failed.store.send();
    expect(failed.store.draft.value.text).toBe('Please confirm your address.');

    const sent = setup();
    await sent.store.load();
    await sent.store.selectType('confirmOrderDetails');
    await sent.store.setText('Please confirm your address.');
    await sent.store.send();
    expect(sent.store.draft.value.text).toBe('');
  });

  it('a click that does not count (the framed composer was hidden) sends nothing, says why and keeps the draft', async () => {
    let hidden = true;
    let settle!: () => void;
    const { store, calls } = setup(undefined, undefined, () =>
      new Promise((resolve) => (settle = () => resolve(hidden ? { key: 'cmp_hiddenRefused', substitutions: [] } : undefined))),
    );
    await store.load();
    await store.selectType('confirmOrderDetails');
    await store.setText('Please confirm your address.');
    const sending = store.send();
    // The job is started, held, while the gate settles; nothing is confirmed before its verdict.
    await vi.waitFor(() => expect(calls.filter((c) => c.op === 'message.send')).toHaveLength(1));
    expect(calls.find((c) => c.op === 'message.send')?.req).toMatchObject({ hold: true });
    expect(calls.filter((c) => c.op === 'message.confirm')).toHaveLength(0);
    settle();
    await sending;
    expect(calls.filter((c) => c.op === 'message.confirm').map((c) => c.req)).toEqual([{ orderId: ORDER, jobId: 'j', send: false }]);
    expect(store.job.value).toMatchObject({ state: 'failed', error: { key: 'cmp_hiddenRefused' } });
    expect(store.busy.value).toBe(false);
    expect(store.draft.value.text).toBe('Please confirm your address.');
    hidden = false;
    const again = store.send();
    await vi.waitFor(() => expect(calls.filter((c) => c.op === 'message.send')).toHaveLength(2));
    settle();
    await again;
    expect(calls.filter((c) => c.op === 'message.confirm').map((c) => (c.req as Req<'message.confirm'>).send)).toEqual([false, true]);
    expect(store.job.value?.state).toBe('sent');
    expect(store.sendError.value).toBeUndefined();
  });

  it('follows a send started elsewhere as the background announces it, without asking again', async () => {
    const saved: Draft = { orderId: ORDER, marketplaceId: US, segment: 'confirmOrderDetails', text: 'Is blue fine?', dates: {}, attachments: [], linksConfirmed: false, updatedAt: 1 };
    const { store, calls } = setup(saved);
    let announce: (orderId: string, status: OrderStatus) => void = () => undefined;
    const stop = vi.fn();
    store.follow((listener) => {
      announce = listener;
      return stop;
    });
    await store.load();
    const asked = calls.length;
    const job = (state: JobView['state']): JobView => ({ id: 'j1', orderId: ORDER, segment: 'confirmOrderDetails', state, uploaded: 0, attachments: 0, updatedAt: 2 });
    announce(ORDER, { job: job('sending'), history: [] });
    expect(store.busy.value).toBe(true);
    // Another order's news is not this composer's.
    announce('111-1111111-1111111', { job: { ...job('failed'), orderId: '111-1111111-1111111' }, history: [] });
    expect(store.job.value?.state).toBe('sending');
    announce(ORDER, { job: job('sent'), history: [{ id: 'h', orderId: ORDER, segment: 'confirmOrderDetails', title: 'Confirm order details', at: 3, outcome: 'sent' }] });
    expect(store.busy.value).toBe(false);
    expect(store.job.value?.state).toBe('sent');
    expect(store.history.value).toHaveLength(1);
    expect(store.draft.value.text).toBe('');
    expect(calls.length).toBe(asked);
  });

  it('a refused file blocks Send, says why next to it, and stops once removed', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('invoice');
    await store.addFiles([new File(['%PDF'], 'ok.pdf', { type: 'application/pdf' }), new File([''], 'empty.pdf', { type: 'application/pdf' })]);
    await vi.waitFor(() => expect(store.stillHashing.value).toBe(false));
    expect(store.draft.value.attachments.map((a) => a.fileName)).toEqual(['ok.pdf']);
    expect(store.canSend.value).toBe(false);
    expect(store.blockedReason.value).toEqual({ key: 'cmp_blocked_refused', substitutions: ['“empty.pdf”'] });
    await store.removeAttachment(store.refused.value[0]!.id);
    expect(store.refused.value).toEqual([]);
    expect(store.blockedReason.value).toBeUndefined();
    expect(store.canSend.value).toBe(true);
  });

  it('a file picked again under the refused name replaces the refused one', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('invoice');
    await store.addFiles([new File([''], 'invoice.pdf', { type: 'application/pdf' })]);
    expect(store.refused.value).toHaveLength(1);
    await store.addFiles([new File(['%PDF'], 'invoice.pdf', { type: 'application/pdf' })]);
    expect(store.refused.value).toEqual([]);
    await vi.waitFor(() => expect(store.canSend.value).toBe(true));
  });

  it('a file that can no longer be read is named, with what to do, and blocks Send', async () => {
    const drafts = memoryDrafts();
    drafts.store.storeFile = async () => {
      throw new DOMException('A requested file or directory could not be found at the time an operation was processed.', 'NotFoundError');
    };
    const { ask } = fakeAsk();
    const store = createComposerStore({ orderId: ORDER, marketplaceId: US, ask, drafts: drafts.store, newId: () => 'att-1' });
    await store.load();
    await store.selectType('invoice');
    await store.addFiles([new File(['%PDF'], 'moved.pdf', { type: 'application/pdf' })]);
    await vi.waitFor(() => expect(store.refused.value.map((r) => r.problem)).toEqual([{ key: 'cmp_attachUnreadable', substitutions: ['moved.pdf'] }]));
    expect(store.draft.value.attachments).toEqual([]);
    expect(store.canSend.value).toBe(false);
  });

  it('names each picked file as it will be sent: cleaned, and unique within the message', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('invoice');
    await store.addFiles([new File(['%PDF'], 'invoice.pdf', { type: 'application/pdf' }), new File(['%PDF'], '../in\u0007voice.pdf', { type: 'application/pdf' })]);
    expect(store.draft.value.attachments.map((a) => a.fileName)).toEqual(['invoice.pdf', 'invoice (2).pdf']);
    await store.renameAttachment('att-2', 'invoice');
    expect(store.draft.value.attachments.map((a) => a.fileName)).toEqual(['invoice.pdf', 'invoice (2).pdf']);
  });

  it('points to the text and to unconfirmed links instead of repeating their messages next to Send', async () => {
    const { store } = setup();
    await store.load();
    await store.selectType('confirmOrderDetails');
    await store.setText('Write to a@example.com');
    expect(store.blockedReason.value?.key).toBe('cmp_blocked_text');
    await store.setText('See www.example.com/track');
    expect(store.blockedReason.value?.key).toBe('cmp_blocked_links');
    await store.confirmLinks(true);
    expect(store.blockedReason.value).toBeUndefined();
  });

  it('reads the order\'s types again after Amazon refused one it no longer offers, so it is not offered with Send enabled', async () => {
    let offered = TYPES;
    const calls: Operation[] = [];
    const ask = vi.fn(async (op: Operation) => {
      calls.push(op);
      if (op === 'order.messageTypes') return { types: offered };
      if (op === 'order.status') return { history: [] };
      if (op === 'message.send') {
        offered = TYPES.filter((t) => t.segment !== 'confirmOrderDetails');
        return { id: 'j', orderId: ORDER, segment: 'confirmOrderDetails', uploaded: 0, attachments: 0, updatedAt: 0, state: 'failed', error: { key: 'spapi_template_not_available', substitutions: [] } };
      }
      throw new Error(op);
    }) as unknown as typeof askFn;
    const store = createComposerStore({ orderId: ORDER, marketplaceId: US, ask, drafts: memoryDrafts().store, newId: () => 'x' });
    await store.load();
    await store.selectType('confirmOrderDetails');
    await store.setText('Which colour would you like?');
    expect(store.canSend.value).toBe(true);
    await store.send();
    await vi.waitFor(() => expect(store.types.value?.map((t) => t.segment)).toEqual(['invoice']));
    expect(calls.filter((op) => op === 'order.messageTypes')).toHaveLength(2);
    expect(store.selected.value).toBeUndefined();
    expect(store.canSend.value).toBe(false);
  });
});
