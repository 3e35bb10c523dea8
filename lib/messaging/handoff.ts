/**
 * How a picked file's bytes reach the background. Runtime messages are JSON in Chromium, so bytes would
 * travel as Base64, one message per chunk; the framed composer is denied IndexedDB (a third-party frame,
 * see the README). What the framed composer can use is the extension's own service worker: it controls
 * extension pages, framed ones too, and a Blob posted to it arrives as a handle to the same bytes, not a
 * copy (measured: 3.5 ms for 10 MB, against 1.2 s for the same bytes as a transferred ArrayBuffer).
 *
 * The worker only stages what it receives, keyed by a random transfer id and the document that sent it.
 * Nothing is stored until that same document claims the transfer with a runtime message, which passes
 * the router's checks of sender, payload and admission like every other operation.
 */
import { MAX_TOTAL_BYTES } from './attachments';

export const HANDOFF_TYPE = 'attachment.bytes';

/** Ids of transfers: random UUIDs from the composer, in the same form as attachment ids. */
export const TRANSFER_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface HandoffMessage {
  type: typeof HANDOFF_TYPE;
  transferId: string;
  blob: Blob;
}

export type HandoffReply = { transferId: string; ok: true } | { transferId: string; ok: false; reason: string };

/** Where a posted message came from, as the service worker's message event reports it. */
export interface HandoffSource {
  /** The event's origin. */
  origin: string;
  /** The sending client's URL; undefined when the sender is not a window. */
  url?: string;
}

/**
 * The handoff in `data` when it is one a composer page of this extension may make; otherwise why not.
 * Only pages of the extension's own origin can post to its service worker at all, so the origin check is
 * a second line; the page must be the composer, the only page that attaches files.
 */
export function checkHandoff(data: unknown, source: HandoffSource, extensionOrigin: string): HandoffMessage | string {
  if (source.origin !== extensionOrigin || !source.url) return 'sender';
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    return 'sender';
  }
  // Not url.origin: outside Chromium, a chrome-extension: URL has an opaque origin ("null").
  if (`${url.protocol}//${url.host}` !== extensionOrigin || url.pathname !== '/composer.html') return 'sender';
  if (typeof data !== 'object' || data === null) return 'payload';
  const d = data as Record<string, unknown>;
  const keys = Object.keys(d).sort().join(',');
  if (keys !== 'blob,transferId,type' || d.type !== HANDOFF_TYPE) return 'payload';
  if (typeof d.transferId !== 'string' || !TRANSFER_ID.test(d.transferId)) return 'payload';
  if (!(d.blob instanceof Blob) || d.blob.size <= 0 || d.blob.size >= MAX_TOTAL_BYTES) return 'payload';
  return { type: HANDOFF_TYPE, transferId: d.transferId, blob: d.blob };
}

/** How long staged bytes wait for their claim: the claim follows the handoff within milliseconds. */
export const STAGED_TTL_MS = 60_000;
/** What all unclaimed transfers may hold together: a full message's files, twice over. */
export const MAX_STAGED_BYTES = 2 * MAX_TOTAL_BYTES;

// The composer drops its one-time grant from the fragment once it has started; the rest names the document.
const withoutFragment = (url: string) => url.split('#', 1)[0]!;

interface Staged {
  blob: Blob;
  url: string;
  at: number;
}

/** Bytes handed to the background and not yet claimed, in memory: a restarted worker starts empty. */
export class StagedFiles {
  private readonly staged = new Map<string, Staged>();

  constructor(private readonly now: () => number = Date.now) {}

  private forgetExpired(): void {
    const t = this.now();
    for (const [id, s] of this.staged) if (t - s.at > STAGED_TTL_MS) this.staged.delete(id);
  }

  /** Holds the bytes for their claim; false when the transfer id is taken or too much is waiting already. */
  stage(transferId: string, blob: Blob, url: string): boolean {
    this.forgetExpired();
    if (this.staged.has(transferId)) return false;
    const held = [...this.staged.values()].reduce((sum, s) => sum + s.blob.size, 0);
    if (held + blob.size > MAX_STAGED_BYTES) return false;
    this.staged.set(transferId, { blob, url: withoutFragment(url), at: this.now() });
    return true;
  }

  /** The staged bytes, once, for the document that handed them over; undefined for anyone else. */
  claim(transferId: string, url: string | undefined): Blob | undefined {
    this.forgetExpired();
    const s = this.staged.get(transferId);
    if (!s || url === undefined || s.url !== withoutFragment(url)) return undefined;
    this.staged.delete(transferId);
    return s.blob;
  }
}
