/**
 * BACKGROUND ONLY. What was sent from this browser, per order, with its outcome.
 */
import './guard';
import { byIndex, put } from '../store/db';
import type { HistoryEntry } from '../protocol';

export async function record(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry> {
  const full: HistoryEntry = { ...entry, id: crypto.randomUUID() };
  await put('history', full);
  return full;
}

export async function historyFor(orderId: string): Promise<HistoryEntry[]> {
  const entries = await byIndex<HistoryEntry>('history', 'orderId', orderId);
  return entries.sort((a, b) => b.at - a.at);
}
