import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentMd5, md5Base64OfBytes } from '../../../lib/messaging/md5';

const nodeMd5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');
const text = (s: string) => new TextEncoder().encode(s);

describe('Content-MD5', () => {
  it('matches the known vectors', async () => {
    expect(await contentMd5(new Blob([]))).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(await contentMd5(new Blob(['The quick brown fox jumps over the lazy dog']))).toBe('nhB9nTcrtoJr2B01QqQZ1g==');
    expect(md5Base64OfBytes(new Uint8Array())).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(md5Base64OfBytes(text('The quick brown fox jumps over the lazy dog'))).toBe('nhB9nTcrtoJr2B01QqQZ1g==');
  });

  it('is Base64 of the raw 16-byte digest (24 chars), never Base64 of the hex string (44 chars)', async () => {
    const digest = await contentMd5(new Blob(['hello']));
    expect(digest).toHaveLength(24);
    expect(digest).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const hex = createHash('md5').update('hello').digest('hex');
    expect(digest).not.toBe(Buffer.from(hex).toString('base64'));
    expect(Buffer.from(digest, 'base64')).toHaveLength(16);
    expect(Buffer.from(digest, 'base64').toString('hex')).toBe(hex);
  });

  it('matches Node for a 10 MB file, whatever the chunk size', async () => {
    const bytes = randomBytes(10 * 1024 * 1024);
    const expected = nodeMd5(bytes);
    const blob = new Blob([bytes]);
    expect(await contentMd5(blob)).toBe(expected);
    expect(await contentMd5(blob, { chunkSize: 333_333 })).toBe(expected);
  });

  it('gives the same digest for every chunk size, including sizes that do not divide the file', async () => {
    const bytes = randomBytes(100_003);
    const expected = nodeMd5(bytes);
    for (const chunkSize of [1_000, 4_096, 63, 64, 65, 100_003, 1 << 20]) {
      expect(await contentMd5(new Blob([bytes]), { chunkSize, yieldEvery: async () => {} }), `chunk ${chunkSize}`).toBe(expected);
    }
  });

  it('reports progress from 0 to the total, and yields between chunks', async () => {
    const bytes = randomBytes(10_000);
    const progress: [number, number][] = [];
    let yields = 0;
    await contentMd5(new Blob([bytes]), {
      chunkSize: 3_000,
      onProgress: (done, total) => progress.push([done, total]),
      yieldEvery: async () => {
        yields++;
      },
    });
    expect(progress).toEqual([
      [0, 10_000],
      [3_000, 10_000],
      [6_000, 10_000],
      [9_000, 10_000],
      [10_000, 10_000],
    ]);
    expect(yields).toBe(3);
  });

  it('lets other work run while a large file is hashed (the page does not freeze)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await contentMd5(new Blob([randomBytes(4 * 1024 * 1024)]), { chunkSize: 256 * 1024 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when the seller cancels', async () => {
    const controller = new AbortController();
    const run = contentMd5(new Blob([randomBytes(1_000_000)]), {
      chunkSize: 100_000,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 200_000) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hashes only the bytes a Uint8Array view covers', () => {
    const buffer = text('xxxxThe quick brown fox jumps over the lazy dogyyyy');
    const view = buffer.subarray(4, buffer.length - 4);
    expect(md5Base64OfBytes(view)).toBe('nhB9nTcrtoJr2B01QqQZ1g==');
  });
});
