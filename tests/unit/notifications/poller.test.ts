import { describe, expect, it } from 'vitest';
import type { AsideItem } from '../../../lib/notifications/inbox';
import { pollOnce, type PollStore } from '../../../lib/notifications/poller';
import { createSqsClient, type DeleteBatchResult, type SqsMessage } from '../../../lib/notifications/sqs';
import type { OrderChange } from '../../../lib/notifications/types';
import { body } from './fixtures';

/** An in-memory queue: received messages stay until deleted, like SQS after the visibility timeout. */
function fakeQueue(messages: SqsMessage[], log: string[]) {
  const queue = [...messages];
  return {
    queue,
    receive: async () => [...queue],
    deleteBatch: async (handles: readonly string[]): Promise<DeleteBatchResult> => {
      log.push(`delete ${handles.join(',')}`);
      for (const h of handles) queue.splice(queue.findIndex((m) => m.receiptHandle === h), 1);
      return { deleted: [...handles], failed: [] };
    },
  };
}

function fakeStore(log: string[], fails: (changes: OrderChange[], aside: AsideItem[]) => boolean = () => false) {
  const changes = new Map<string, OrderChange>();
  const aside: AsideItem[] = [];
  const store: PollStore = {
    hasSeen: async (id) => changes.has(id),
    hasSetAside: async (messageId) => aside.some((a) => a.id === messageId),
    saveChanges: async (c, a) => {
      log.push(`save ${[...c.map((x) => x.notificationId), ...a.map((x) => x.id)].join(',')}`);
      if (fails(c, a)) throw new Error('storage quota exceeded');
      for (const x of c) changes.set(x.notificationId, x);
      aside.push(...a);
    },
  };
  return { store, changes, aside };
}

const msg = (n: number, notificationId = `n${n}`): SqsMessage => ({ messageId: `m${n}`, receiptHandle: `h${n}`, body: body({ notificationId }) });

describe('pollOnce', () => {
  it('stores new changes before deleting them from the queue', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1), msg(2)], log);
    const { store, changes } = fakeStore(log);
    const result = await pollOnce({ sqs, store, waitTimeSeconds: 20 });
    expect(log).toEqual(['save n1,n2', 'delete h1,h2']);
    expect([...changes.keys()]).toEqual(['n1', 'n2']);
    expect(sqs.queue).toEqual([]);
    expect(result).toEqual({ received: 2, stored: 2, duplicates: 0, aside: 0, deleted: 2, kept: 0 });
  });

  it('leaves a message in the queue when storing fails, and takes it next time', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1)], log);
    let broken = true;
    const { store, changes } = fakeStore(log, () => broken);
    expect(await pollOnce({ sqs, store, waitTimeSeconds: 0 })).toMatchObject({ stored: 0, deleted: 0, kept: 1 });
    expect(sqs.queue.map((m) => m.messageId)).toEqual(['m1']);
    expect(log.some((l) => l.startsWith('delete'))).toBe(false);

    broken = false;
    expect(await pollOnce({ sqs, store, waitTimeSeconds: 0 })).toMatchObject({ stored: 1, deleted: 1, kept: 0 });
    expect(changes.has('n1')).toBe(true);
    expect(sqs.queue).toEqual([]);
  });

  it('one message the store refuses does not hold back the others', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1), msg(2), msg(3)], log);
    const { store } = fakeStore(log, (c) => c.some((x) => x.notificationId === 'n2'));
    const result = await pollOnce({ sqs, store, waitTimeSeconds: 0 });
    expect(result).toMatchObject({ stored: 2, deleted: 2, kept: 1 });
    expect(sqs.queue.map((m) => m.messageId)).toEqual(['m2']);
  });

  it('deletes a redelivered notification without storing it again', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1)], log);
    const { store } = fakeStore(log);
    await pollOnce({ sqs, store, waitTimeSeconds: 0 });
    sqs.queue.push(msg(9, 'n1')); // same NotificationId, new SQS message
    log.length = 0;
    const result = await pollOnce({ sqs, store, waitTimeSeconds: 0 });
    expect(log).toEqual(['delete h9']);
    expect(result).toEqual({ received: 1, stored: 0, duplicates: 1, aside: 0, deleted: 1, kept: 0 });
  });

  it('stores a notification delivered twice in one batch once, and deletes both copies', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1), msg(2, 'n1')], log);
    const { store } = fakeStore(log);
    const result = await pollOnce({ sqs, store, waitTimeSeconds: 0 });
    expect(log).toEqual(['save n1', 'delete h1,h2']);
    expect(result).toMatchObject({ stored: 1, duplicates: 1, deleted: 2 });
  });

  it('keeps both copies queued when storing the first one fails', async () => {
    const log: string[] = [];
    const sqs = fakeQueue([msg(1), msg(2, 'n1')], log);
    const { store } = fakeStore(log, () => true);
    expect(await pollOnce({ sqs, store, waitTimeSeconds: 0 })).toMatchObject({ stored: 0, deleted: 0, kept: 2 });
    expect(sqs.queue).toHaveLength(2);
  });

  it('puts unreadable messages aside with their raw text, then deletes them', async () => {
    const log: string[] = [];
    const unknownType: SqsMessage = { messageId: 'm7', receiptHandle: 'h7', body: body({ notificationId: 'n7', changeType: 'FutureChange' }) };
    const garbage: SqsMessage = { messageId: 'm8', receiptHandle: 'h8', body: 'hello' };
    const sqs = fakeQueue([unknownType, garbage, msg(1)], log);
    const { store, aside } = fakeStore(log);
    const result = await pollOnce({ sqs, store, waitTimeSeconds: 0, now: () => new Date('2026-03-02T12:00:00Z') });
    expect(aside).toEqual([
      { id: 'm7', reason: 'unknown-change-type', details: 'FutureChange', raw: unknownType.body, receivedAt: '2026-03-02T12:00:00.000Z' },
      expect.objectContaining({ id: 'm8', reason: 'not-json', raw: 'hello' }),
    ]);
    expect(result).toEqual({ received: 3, stored: 1, duplicates: 0, aside: 2, deleted: 3, kept: 0 });
  });

  it('counts a redelivered unreadable message once: the second copy is a duplicate, deleted, not set aside again', async () => {
    const log: string[] = [];
    const garbage = (handle: string): SqsMessage => ({ messageId: 'm8', receiptHandle: handle, body: 'hello' });
    const { store, aside } = fakeStore(log);
    expect(await pollOnce({ sqs: fakeQueue([garbage('h8')], log), store, waitTimeSeconds: 0 })).toMatchObject({ aside: 1, duplicates: 0 });
    // SQS hands the same message out again (its delete was lost): same MessageId, new receipt handle.
    const again = fakeQueue([garbage('h8-again'), garbage('h8-third')], log);
    expect(await pollOnce({ sqs: again, store, waitTimeSeconds: 0 })).toEqual({ received: 2, stored: 0, duplicates: 2, aside: 0, deleted: 2, kept: 0 });
    expect(aside).toHaveLength(1);
    expect(again.queue).toEqual([]);
  });

  it('counts two copies of one unreadable message in the same batch once', async () => {
    const log: string[] = [];
    const garbage = (handle: string): SqsMessage => ({ messageId: 'm9', receiptHandle: handle, body: 'hello' });
    const { store, aside } = fakeStore(log);
    const sqs = fakeQueue([garbage('a'), garbage('b')], log);
    expect(await pollOnce({ sqs, store, waitTimeSeconds: 0 })).toMatchObject({ aside: 1, duplicates: 1, deleted: 2 });
    expect(aside).toHaveLength(1);
  });

  it('does nothing for an empty queue', async () => {
    const log: string[] = [];
    const { store } = fakeStore(log);
    expect(await pollOnce({ sqs: fakeQueue([], log), store, waitTimeSeconds: 20 })).toEqual({
      received: 0, stored: 0, duplicates: 0, aside: 0, deleted: 0, kept: 0,
    });
    expect(log).toEqual([]);
  });

  it('lets a receive error through for the background to explain', async () => {
    const log: string[] = [];
    const { store } = fakeStore(log);
    const sqs = { receive: async () => Promise.reject(new Error('boom')), deleteBatch: async () => ({ deleted: [], failed: [] }) };
    await expect(pollOnce({ sqs, store, waitTimeSeconds: 0 })).rejects.toThrow('boom');
  });

  it('works end to end with the real SQS client over an injected fetch', async () => {
    const queued = [msg(1), msg(2)];
    const targets: string[] = [];
    const fetch = async (request: Request) => {
      const target = request.headers.get('x-amz-target') ?? '';
      const payload = JSON.parse(await request.text());
      targets.push(target);
      if (target === 'AmazonSQS.ReceiveMessage') {
        return Response.json({ Messages: queued.map((m) => ({ MessageId: m.messageId, ReceiptHandle: m.receiptHandle, Body: m.body })) });
      }
      return Response.json({ Successful: payload.Entries.map((e: { Id: string }) => ({ Id: e.Id })), Failed: [] });
    };
    const sqs = createSqsClient({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', accessKeyId: 'AKID', secretAccessKey: 'S', fetch });
    const log: string[] = [];
    const { store } = fakeStore(log);
    expect(await pollOnce({ sqs, store, waitTimeSeconds: 1 })).toMatchObject({ received: 2, stored: 2, deleted: 2 });
    expect(targets).toEqual(['AmazonSQS.ReceiveMessage', 'AmazonSQS.DeleteMessageBatch']);
  });
});
