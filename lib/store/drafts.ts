/**
 * Drafts: one per order, written by the composer as the seller types and read by the background when it
 * sends. Attachment bytes are kept as Blobs beside the draft, so a closed panel, a reload or a restarted
 * service worker loses nothing.
 */
import { del, get, put } from './db';

export interface DraftAttachment {
  id: string;
  /** The name the buyer will see (the seller may rename; the extension is kept). */
  fileName: string;
  originalName: string;
  type: string;
  size: number;
  /** Base64 Content-MD5, computed once when the file is attached. */
  md5?: string;
}

export interface Draft {
  orderId: string;
  marketplaceId: string;
  segment?: string;
  text: string;
  dates: Record<string, string>;
  attachments: DraftAttachment[];
  /** Links the seller confirmed are needed to complete the order. */
  linksConfirmed: boolean;
  updatedAt: number;
}

export function emptyDraft(orderId: string, marketplaceId: string): Draft {
  return { orderId, marketplaceId, text: '', dates: {}, attachments: [], linksConfirmed: false, updatedAt: Date.now() };
}

export function getDraft(orderId: string): Promise<Draft | undefined> {
  return get<Draft>('drafts', orderId);
}

export async function saveDraft(draft: Draft): Promise<void> {
  await put('drafts', { ...draft, updatedAt: Date.now() });
}

export async function putAttachmentBlob(id: string, blob: Blob): Promise<void> {
  await put('blobs', blob, id);
}

export function getAttachmentBlob(id: string): Promise<Blob | undefined> {
  return get<Blob>('blobs', id);
}

export async function deleteAttachmentBlob(id: string): Promise<void> {
  await del('blobs', id);
}

/** Removes the draft and its attachment bytes (after a message was sent). */
export async function deleteDraft(orderId: string): Promise<void> {
  const draft = await getDraft(orderId);
  for (const attachment of draft?.attachments ?? []) await deleteAttachmentBlob(attachment.id);
  await del('drafts', orderId);
}
