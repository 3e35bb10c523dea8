/**
 * The composer's drafts, kept by the background. A file is read once, in 1 MiB chunks: each chunk is
 * hashed (Content-MD5) and sent to the background in the same pass, with a pause between chunks so the
 * page never freezes.
 */
import type { ask as askFn } from '../ask';
import { contentMd5, DEFAULT_CHUNK_SIZE } from '../messaging/md5';
import type { DraftStore } from './composer-store';

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  // In slices: String.fromCharCode with a million arguments overflows the stack.
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
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
        chunkSize: DEFAULT_CHUNK_SIZE,
        onProgress,
        onChunk: async (bytes, index) => {
          await ask('draft.putChunk', { orderId, attachmentId, index, data: toBase64(bytes) });
          chunks = index + 1;
        },
      });
      return { md5, chunks };
    },
  };
}
