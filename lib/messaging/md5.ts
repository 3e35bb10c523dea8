/**
 * Content-MD5 for the Uploads API and the S3 PUT: Base64 of the raw 16-byte digest (RFC 1864), always
 * 24 characters ending in "==". Base64 of the 32-character hex string (44 characters) is the most
 * reported SP-API upload bug; S3 answers it with InvalidDigest. Amazon's own Uploads example shows
 * hex: it is wrong.
 *
 * Plain JavaScript (spark-md5): Web Crypto has no MD5, and WebAssembly would need 'wasm-unsafe-eval'.
 * Large files are hashed chunk by chunk with a pause between chunks, so the background's service worker,
 * which hashes attachments, keeps answering other requests meanwhile.
 */
import SparkMD5 from 'spark-md5';

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

export interface Md5Options {
  chunkSize?: number;
  onProgress?(done: number, total: number): void;
  /** Called between chunks; the default gives the event loop a turn with a zero-delay timer. */
  yieldEvery?: () => Promise<void>;
  signal?: AbortSignal;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** spark-md5's raw digest is a "binary string": one character per byte. */
function base64OfBinaryString(raw: string): string {
  return btoa(raw);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : new DOMException('The hash was cancelled.', 'AbortError');
}

export async function contentMd5(blob: Blob, opts: Md5Options = {}): Promise<string> {
  const chunkSize = opts.chunkSize !== undefined && opts.chunkSize > 0 ? Math.floor(opts.chunkSize) : DEFAULT_CHUNK_SIZE;
  const pause = opts.yieldEvery ?? nextTask;
  const total = blob.size;
  const md5 = new SparkMD5.ArrayBuffer();
  try {
    throwIfAborted(opts.signal);
    opts.onProgress?.(0, total);
    for (let offset = 0; offset < total; offset += chunkSize) {
      const end = Math.min(offset + chunkSize, total);
      const bytes = await blob.slice(offset, end).arrayBuffer();
      md5.append(bytes);
      opts.onProgress?.(end, total);
      if (end < total) {
        await pause();
        throwIfAborted(opts.signal);
      }
    }
    return base64OfBinaryString(md5.end(true));
  } finally {
    md5.destroy();
  }
}

/** For small inputs already in memory (tests, text attachments). */
export function md5Base64OfBytes(bytes: Uint8Array): string {
  // Copy out the viewed range: a Uint8Array may be a window onto a larger buffer.
  const buffer = bytes.slice().buffer;
  return base64OfBinaryString(SparkMD5.ArrayBuffer.hash(buffer, true));
}
