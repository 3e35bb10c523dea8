/**
 * The composer's drafts, kept by the background. A file is read once, in small chunks: each chunk is
 * hashed (Content-MD5) and sent to the background in the same pass, with a pause between chunks so the
 * page never freezes.
 */
import { browser } from 'wxt/browser';
import type { ask as askFn } from '../ask';
import { isOrderStatusEvent, type OrderStatus } from '../protocol';
import { contentMd5 } from '../messaging/md5';
import { ATTACHMENT_CHUNK_BYTES } from '../store/drafts';
import type { DraftStore } from './composer-store';

/** Base64 of a chunk, encoded by the browser off the main thread (runtime messages carry JSON only). */
function toBase64(bytes: ArrayBuffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(new Blob([bytes]));
  });
}

export function backgroundDrafts(ask: typeof askFn, orderId: string): DraftStore {
  return {
    async get(id) {
      return (await ask('draft.get', { orderId: id })).draft ?? undefined;
    },
    async save(draft) {
      await ask('draft.save', { draft });
    },
    async storeFile(attachmentId, file, onProgress) {
      let chunks = 0;
      const md5 = await contentMd5(file, {
        chunkSize: ATTACHMENT_CHUNK_BYTES,
        onProgress,
        onChunk: async (bytes, index) => {
          await ask('draft.putChunk', { orderId, attachmentId, index, data: await toBase64(bytes) });
          chunks = index + 1;
        },
      });
      return { md5, chunks };
    },
  };
}

/** The background's announcements about orders' sends (see `announce` in lib/background/send.ts). */
export function backgroundStatusEvents(listener: (orderId: string, status: OrderStatus) => void): () => void {
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && isOrderStatusEvent(message)) listener(message.orderId, message.status);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
