/**
 * One round of reading the seller's queue: receive, parse, store, then delete.
 *
 * The order is the point. SQS delivers at least once and forgets a message only when told to, so
 * a message is deleted only after its result is safely stored; if the store fails it stays in the
 * queue and comes back after its visibility timeout. A NotificationId seen before is a redelivery:
 * deleted, never stored twice. No browser API here: the background supplies the store and runs
 * this from `browser.alarms`.
 */
import type { AsideItem } from './inbox';
import { parseOrderChangeNotification } from './payload';
import type { SqsClient } from './sqs';
import type { OrderChange } from './types';

export interface PollStore {
  hasSeen(notificationId: string): boolean | Promise<boolean>;
  /** Whether a message (by SQS MessageId) is already on the aside list: SQS redelivers those too. */
  hasSetAside(messageId: string): boolean | Promise<boolean>;
  saveChanges(changes: OrderChange[], aside: AsideItem[]): void | Promise<void>;
}

export interface PollOptions {
  sqs: Pick<SqsClient, 'receive' | 'deleteBatch'>;
  store: PollStore;
  waitTimeSeconds: number;
  maxMessages?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface PollResult {
  received: number;
  /** New ORDER_CHANGE events written to the store. */
  stored: number;
  /** Redeliveries of events already stored (deleted, not stored again). */
  duplicates: number;
  /** Unreadable or unknown messages written to the aside list. */
  aside: number;
  /** Messages SQS confirmed as deleted. */
  deleted: number;
  /** Messages left in the queue because storing them failed. */
  kept: number;
}

/** One unit of work: a message and what storing it means. */
type Unit =
  | { handle: string; kind: 'change'; change: OrderChange }
  | { handle: string; kind: 'aside'; item: AsideItem };

async function trySave(store: PollStore, units: readonly Unit[]): Promise<boolean> {
  try {
    await store.saveChanges(
      units.flatMap((u) => (u.kind === 'change' ? [u.change] : [])),
      units.flatMap((u) => (u.kind === 'aside' ? [u.item] : [])),
    );
    return true;
  } catch {
    return false;
  }
}

export async function pollOnce(options: PollOptions): Promise<PollResult> {
  const { sqs, store } = options;
  const now = options.now ?? (() => new Date());
  const messages = await sqs.receive({
    waitTimeSeconds: options.waitTimeSeconds,
    ...(options.maxMessages !== undefined ? { maxMessages: options.maxMessages } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const units: Unit[] = [];
  const deleteNow: string[] = [];
  /** Same NotificationId twice in one batch: the copy's fate follows the first one's. */
  const copiesOf = new Map<string, string[]>();
  /** The same for unreadable messages, by MessageId. */
  const asideCopiesOf = new Map<string, string[]>();
  let duplicates = 0;

  for (const message of messages) {
    const parsed = parseOrderChangeNotification(message.body);
    if (!parsed.ok) {
      const copies = asideCopiesOf.get(message.messageId);
      if (copies) {
        copies.push(message.receiptHandle);
        duplicates += 1;
      } else if (await store.hasSetAside(message.messageId)) {
        deleteNow.push(message.receiptHandle);
        duplicates += 1;
      } else {
        asideCopiesOf.set(message.messageId, []);
        const { reason, details, raw } = parsed;
        const item: AsideItem = { id: message.messageId, reason, details, raw, receivedAt: now().toISOString() };
        units.push({ handle: message.receiptHandle, kind: 'aside', item });
      }
      continue;
    }
    const id = parsed.change.notificationId;
    const copies = copiesOf.get(id);
    if (copies) {
      copies.push(message.receiptHandle);
      duplicates += 1;
    } else if (await store.hasSeen(id)) {
      deleteNow.push(message.receiptHandle);
      duplicates += 1;
    } else {
      copiesOf.set(id, []);
      units.push({ handle: message.receiptHandle, kind: 'change', change: parsed.change });
    }
  }

  // One write for the whole batch; if it fails, each message gets its own chance so that one
  // message the store cannot take does not hold the others in the queue.
  let saved: Unit[] = [];
  if (units.length > 0) {
    if (await trySave(store, units)) saved = units;
    else if (units.length > 1) {
      for (const unit of units) if (await trySave(store, [unit])) saved.push(unit);
    }
  }

  const toDelete = [...deleteNow];
  const copiesOfUnit = (u: Unit) => (u.kind === 'change' ? copiesOf.get(u.change.notificationId) : asideCopiesOf.get(u.item.id)) ?? [];
  for (const unit of saved) toDelete.push(unit.handle, ...copiesOfUnit(unit));
  const deletion = toDelete.length > 0 ? await sqs.deleteBatch(toDelete) : { deleted: [] };

  const storedChanges = saved.filter((u) => u.kind === 'change').length;
  const keptUnits = units.filter((u) => !saved.includes(u));
  const keptCopies = keptUnits.reduce((n, u) => n + copiesOfUnit(u).length, 0);
  return {
    received: messages.length,
    stored: storedChanges,
    duplicates,
    aside: saved.length - storedChanges,
    deleted: deletion.deleted.length,
    kept: keptUnits.length + keptCopies,
  };
}
