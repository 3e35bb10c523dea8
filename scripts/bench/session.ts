/**
 * One benchmark session: a fresh local sandbox and a fresh Chromium with the built extension, connected
 * through the options page as a seller would — the end-to-end harness's own pieces (tests/e2e/browser.ts),
 * run outside the test runner.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Frame, Page, Worker } from '@playwright/test';
import { connect, control, EXTENSION_DIR, launch, serviceWorker, type LaunchOptions } from '../../tests/e2e/browser';
import { OrderPage } from '../../tests/e2e/order-page';
import { startSandbox, type LogEntry, type Sandbox } from '../../tests/sandbox/server';

export type { LogEntry };

export interface Session {
  sandbox: Sandbox;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  pageErrors: string[];
  /** The sandbox's request log since the last reset (what GET /__control/log serves, read in process). */
  log(): Promise<LogEntry[]>;
  control(path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Starting Chromium with the extension now and then fails here (the harness's own notes: a missed service
 * worker); that is not a measurement, so a failed start is tried once more.
 */
export async function openSession(options: LaunchOptions = {}): Promise<Session> {
  try {
    return await startSession(options);
  } catch (error) {
    console.warn(`\n(starting a browser session failed, trying once more: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return startSession(options);
  }
}

async function startSession(launchOptions: LaunchOptions): Promise<Session> {
  const sandbox = await startSandbox({ port: 0, quiet: true });
  const pageErrors: string[] = [];
  let context: BrowserContext | undefined;
  try {
    context = await launch(sandbox, pageErrors, launchOptions);
    const worker = await serviceWorker(context);
    const extensionId = new URL(worker.url()).host;
    const options = await connect(context, extensionId, sandbox);
    await options.close();
    const ctx = context;
    return {
      sandbox,
      context: ctx,
      worker,
      extensionId,
      pageErrors,
      log: async () => sandbox.log(),
      control: (path, body) => control(sandbox, path, body),
      async close() {
        await ctx.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await sandbox.close();
    throw error;
  }
}

/** Every page error makes the numbers of that session suspect: the caller turns them into a failure. */
export function assertNoPageErrors(session: Session, what: string): void {
  if (session.pageErrors.length > 0) throw new Error(`${what}: errors on pages: ${session.pageErrors.join(' | ')}`);
}

/** The composer frame inside an order page (an extension page, framed out of process). */
export async function composerFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/composer.html'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('The composer frame did not appear');
}

/** Opens the order page, the composer, and picks a message type. */
export async function openComposer(session: Session, segment: string): Promise<{ order: OrderPage; frame: Frame }> {
  const order = await OrderPage.open(await session.context.newPage());
  // OrderPage.openComposer, with the end-to-end tests' patience rather than the 5 s default outside the runner.
  await order.openPanel();
  await order.composer.getByRole('heading', { name: 'Message types Amazon allows for this order' }).waitFor({ timeout: 20_000 });
  await order.chooseType(segment);
  return { order, frame: await composerFrame(order.page) };
}

/** Deterministic bytes (xorshift32), the same in Node and in the page: hashes can be compared across both. */
export function pseudoRandomBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A message of the built extension's English catalogue, so that a reworded label does not break a probe. */
let catalogue: Record<string, { message: string }> | undefined;

export function uiText(key: string): string {
  // Read once: the build folder can be replaced under a running benchmark by another `wxt build`.
  catalogue ??= JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  const entry = catalogue[key];
  if (!entry) throw new Error(`No "${key}" in the built English messages`);
  return entry.message;
}

let filesDir: string | undefined;

/**
 * A PDF-named file of pseudo-random bytes on disk. Attaching from disk is what the file picker gives the
 * composer (a disk-backed File, read as it is hashed); a Buffer handed to setInputFiles would instead be
 * decoded inside the page by Playwright, a second-long main-thread task that is not the extension's.
 */
export function benchFile(name: string, size: number, seed = 7): string {
  filesDir ??= mkdtempSync(join(tmpdir(), 'order-courier-bench-'));
  const path = join(filesDir, name);
  if (!existsSync(path) || statSync(path).size !== size) writeFileSync(path, pseudoRandomBytes(size, seed));
  return path;
}

export function removeBenchFiles(): void {
  if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  filesDir = undefined;
}

/**
 * A DevTools session on the extension's service worker. Playwright opens CDP sessions only on pages and
 * frames, so this goes through a page's session: Target.attachToTarget (not flattened) and
 * Target.sendMessageToTarget carry the worker's protocol messages.
 */
export interface WorkerDevtools {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** The worker's protocol events of one method (e.g. HeapProfiler.addHeapSnapshotChunk); returns the way to stop. */
  on(method: string, listener: (params: unknown) => void): () => void;
  close(): Promise<void>;
}

export async function workerDevtools(context: BrowserContext, extensionId: string): Promise<WorkerDevtools> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error('No service worker target for the extension');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<{ method: string; listener(params: unknown): void }>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
    if (message.id === undefined) {
      for (const l of listeners) if (l.method === message.method) l.listener(message.params);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}) {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    },
    on(method, listener) {
      const entry = { method, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}
