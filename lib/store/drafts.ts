/**
 * BACKGROUND ONLY in practice: drafts live in the extension's IndexedDB, which only the service worker can
 * rely on. A composer framed in a Seller Central page is a third-party frame, and Chrome denies it
 * IndexedDB when third-party cookies are blocked, so the composer reaches drafts through the background
 * (operations `draft.*`). One draft per order; attachment bytes are kept as numbered chunks beside it, so
 * a closed panel, a reload or a restarted service worker loses nothing.
 */
import { del, get, put, range } from './db';

/**
 * Attachment bytes are stored as one chunk since they reach the background as one Blob
 * (lib/messaging/handoff.ts); drafts saved before were stored in chunks of this size, and are read and
 * deleted as such.
 */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024;
const MAX_CHUNKS = 999;

export interface DraftAttachment {
  id: string;
  /** The name the buyer will see (the seller may rename; the extension is kept). */
  fileName: string;
  originalName: string;
  type: string;
  size: number;
  /** How many chunks the bytes were stored in (1 since the handoff; older drafts have more); set once stored. */
  chunks?: number;
  /** Base64 Content-MD5, computed while the file was read. Present only once every chunk is stored. */
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

/** Drafts are kept per connection: the same order id under two connections is two drafts. */
type StoredDraft = Draft & { connectionId: string };

export async function getDraft(connectionId: string, orderId: string): Promise<Draft | undefined> {
  const stored = await get<StoredDraft>('drafts', [connectionId, orderId]);
  if (!stored) return undefined;
  const { connectionId: _, ...draft } = stored;
  return draft;
}

// Zero-padded so that key order is chunk order, and one range read returns a file's chunks in sequence.
const chunkKey = (attachmentId: string, index: number) => `${attachmentId}#${String(index).padStart(3, '0')}`;

export async function putAttachmentChunk(attachmentId: string, index: number, bytes: Blob): Promise<void> {
  await put('blobs', bytes, chunkKey(attachmentId, index));
}

/** The attachment's bytes, or undefined when any chunk is missing. */
export async function getAttachmentBlob(attachment: Pick<DraftAttachment, 'id' | 'chunks' | 'size'>): Promise<Blob | undefined> {
  if (attachment.chunks === undefined) return undefined;
  const parts = await range<Blob>('blobs', chunkKey(attachment.id, 0), chunkKey(attachment.id, MAX_CHUNKS));
  if (parts.length !== attachment.chunks) return undefined;
  const blob = new Blob(parts);
  return blob.size === attachment.size ? blob : undefined;
}

async function deleteAttachmentBytes(attachment: Pick<DraftAttachment, 'id' | 'chunks' | 'size'>): Promise<void> {
  // Chunks of an interrupted transfer are not counted yet; the size bounds how many there can be.
  const count = attachment.chunks ?? Math.ceil(attachment.size / ATTACHMENT_CHUNK_BYTES) + 1;
  for (let i = 0; i < count; i++) await del('blobs', chunkKey(attachment.id, i));
}

/** Saves the draft and drops the bytes of attachments the seller removed. */
export async function saveDraft(connectionId: string, draft: Draft): Promise<void> {
  const previous = await getDraft(connectionId, draft.orderId);
  const kept = new Set(draft.attachments.map((a) => a.id));
  for (const gone of previous?.attachments.filter((a) => !kept.has(a.id)) ?? []) await deleteAttachmentBytes(gone);
  await put('drafts', { ...draft, connectionId, updatedAt: Date.now() } satisfies StoredDraft);
}

/** Removes the draft and its attachment bytes (after a message was sent). */
export async function deleteDraft(connectionId: string, orderId: string): Promise<void> {
  const draft = await getDraft(connectionId, orderId);
  for (const attachment of draft?.attachments ?? []) await deleteAttachmentBytes(attachment);
  await del('drafts', [connectionId, orderId]);
}
