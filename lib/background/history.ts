/**
 * BACKGROUND ONLY. What was sent from this browser, per order, with its outcome.
 */
import './guard';
import { byIndex, put } from '../store/db';
import type { HistoryEntry } from '../protocol';

/** What was sent under one connection stays with it. */
type StoredEntry = HistoryEntry & { connectionId: string };

export async function record(connectionId: string, entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry> {
  const full: HistoryEntry = { ...entry, id: crypto.randomUUID() };
  await put('history', { ...full, connectionId } satisfies StoredEntry);
  return full;
}

export async function historyFor(connectionId: string, orderId: string): Promise<HistoryEntry[]> {
  const entries = await byIndex<StoredEntry>('history', 'connectionOrder', [connectionId, orderId]);
  return entries.sort((a, b) => b.at - a.at).map(({ connectionId: _, ...entry }) => entry);
}
