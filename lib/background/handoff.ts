/**
 * BACKGROUND ONLY. Receives attachment bytes the composer posts to the service worker (see
 * lib/messaging/handoff.ts), and stores and hashes them when the composer claims them through the router.
 */
import './guard';
import { browser } from 'wxt/browser';
import { checkHandoff, HANDOFF_TYPE, StagedFiles, type HandoffReply } from '../messaging/handoff';
import { contentMd5 } from '../messaging/md5';
import { getDraft, putAttachmentChunk } from '../store/drafts';
import { Refusal } from './refusal';
import type { Sender } from './router';

/** The part of a service worker's ExtendableMessageEvent used here. */
interface WorkerMessageEvent {
  data: unknown;
  origin: string;
  source: { url?: string } | null;
  ports: readonly MessagePort[];
  waitUntil?(promise: Promise<unknown>): void;
}

const staged = new StagedFiles();

/** Reads are done in pieces this large, with a turn for other events between them. */
const HASH_CHUNK_BYTES = 2 * 1024 * 1024;

const extensionOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');

/** Stages the bytes for their claim, and says whether it did. */
function stage(data: unknown, origin: string, url: string | undefined): HandoffReply {
  const message = checkHandoff(data, { origin, url }, extensionOrigin());
  const transferId = typeof (data as { transferId?: unknown } | null)?.transferId === 'string' ? (data as { transferId: string }).transferId : '';
  if (typeof message === 'string') return { transferId, ok: false, reason: message };
  if (!staged.stage(message.transferId, message.blob, url!)) return { transferId, ok: false, reason: 'refused' };
  return { transferId, ok: true };
}

/** A runtime message that is a handoff (Firefox); the router handles every other message. */
export function isHandoff(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === HANDOFF_TYPE;
}

/** Firefox: the handoff as a runtime message (structured clone there), checked against the sender the browser reports. */
export async function onRuntimeHandoff(message: unknown, sender: Sender): Promise<HandoffReply> {
  if (sender.id !== browser.runtime.id) return { transferId: '', ok: false, reason: 'sender' };
  return stage(message, extensionOrigin(), sender.url);
}

/** Chromium: the handoff posted to the service worker, answered on the port it came with. */
export function onHandoff(event: WorkerMessageEvent): void {
  const port = event.ports[0];
  if (!port) return;
  const reply = stage(event.data, event.origin, event.source?.url ?? undefined);
  port.postMessage(reply);
  port.close();
}

// What the browser throws when a picked file can no longer be read (moved, deleted or changed on disk).
const READ_ERRORS = new Set(['NotReadableError', 'NotFoundError']);

export type AttachResult = { md5: string; chunks: number } | { unreadable: true };

/**
 * Stores the bytes a composer handed over as the draft attachment's one chunk and hashes them for
 * Content-MD5, both at once. Refused unless the same document handed them over, the attachment is in the
 * order's draft, and the bytes are as many as the draft says.
 */
export async function attachFile(
  connectionId: string,
  req: { orderId: string; attachmentId: string; transferId: string },
  sender: Sender | undefined,
): Promise<AttachResult> {
  const blob = staged.claim(req.transferId, sender?.url);
  if (!blob) throw new Refusal({ key: 'app_handoffMissing', substitutions: [] });
  const attachment = (await getDraft(connectionId, req.orderId))?.attachments.find((a) => a.id === req.attachmentId);
  if (!attachment || attachment.size !== blob.size) throw new Refusal({ key: 'app_invalidRequest', substitutions: ['attachment'] });
  try {
    const [md5] = await Promise.all([contentMd5(blob, { chunkSize: HASH_CHUNK_BYTES }), putAttachmentChunk(req.attachmentId, 0, blob)]);
    return { md5, chunks: 1 };
  } catch (error) {
    if (READ_ERRORS.has((error as { name?: string } | null)?.name ?? '')) return { unreadable: true };
    throw error;
  }
}
