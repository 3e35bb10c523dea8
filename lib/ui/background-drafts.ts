/**
 * The composer's drafts, kept by the background. A picked file's bytes go to the background's service
 * worker as one Blob (a handle, not a copy: lib/messaging/handoff.ts); the background stores and hashes
 * them off this page's thread, so the page never reads, encodes or hashes the file itself.
 */
import { browser } from 'wxt/browser';
import { AskError, type ask as askFn } from '../ask';
import { isOrderStatusEvent, type OrderStatus } from '../protocol';
import { HANDOFF_TYPE, type HandoffMessage, type HandoffReply } from '../messaging/handoff';
import type { DraftStore } from './composer-store';

/** How long the extension's service worker may take to answer a handoff, started from stopped included. */
const HANDOFF_TIMEOUT_MS = 10_000;

/** The browser's error for a file it could no longer read, as the composer tells the seller. */
function unreadable(): DOMException {
  return new DOMException('The file could not be read.', 'NotReadableError');
}

/**
 * Hands the bytes to the background, which holds them for the claim that follows: posted to the extension's
 * service worker in Chromium; in Firefox, whose background is an event page and whose runtime messages are
 * structured clones, as a runtime message.
 */
async function handOver(transferId: string, blob: Blob): Promise<void> {
  const message: HandoffMessage = { type: HANDOFF_TYPE, transferId, blob };
  if (!navigator.serviceWorker?.controller) {
    const answer = (await browser.runtime.sendMessage(message)) as HandoffReply | undefined;
    if (!answer?.ok) throw new Error(`The background refused the file (${answer?.reason ?? 'no answer'}).`);
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) throw new Error('The background is not running.');
  const channel = new MessageChannel();
  const reply = new Promise<HandoffReply>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The background did not take the file.')), HANDOFF_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<HandoffReply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
  });
  worker.postMessage(message, [channel.port2]);
  const answer = await reply.finally(() => channel.port1.close());
  if (!answer.ok) throw new Error(`The background refused the file (${answer.reason}).`);
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
      onProgress(0, file.size);
      // A worker restarted between the handoff and its claim has forgotten the bytes: hand them over once more.
      for (let attempt = 0; ; attempt++) {
        const transferId = crypto.randomUUID();
        await handOver(transferId, file);
        try {
          const stored = await ask('draft.attachFile', { orderId, attachmentId, transferId });
          if ('unreadable' in stored) throw unreadable();
          onProgress(file.size, file.size);
          return stored;
        } catch (error) {
          if (attempt === 0 && error instanceof AskError && error.explained.key === 'app_handoffMissing') continue;
          throw error;
        }
      }
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
