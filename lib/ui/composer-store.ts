/**
 * The composer's state: the order's message types, the draft (saved to the extension's IndexedDB on every
 * change, so nothing is lost), live checks, and the send job as the background reports it. Components
 * only render this and call its actions.
 */
import { batch, computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import { admitFiles, renameKeepingExtension, uniqueFileName } from '../messaging/attachments';
import { checkCompliance } from '../messaging/compliance';
import { coverage as coverageOf, formFromSchema, validateDraft } from '../messaging/form';
import { marketplaceTimeZone } from '../marketplaces';
import type { JsonSchema } from '../messaging/schema';
import { emptyDraft, type Draft, type DraftAttachment } from '../store/drafts';
import { TYPE_NOT_OFFERED_KEY, type Explained, type HistoryEntry, type JobView, type MessageTypeView, type OrderStatus } from '../protocol';

export interface DraftStore {
  get(orderId: string): Promise<Draft | undefined>;
  save(draft: Draft): Promise<void>;
  /** Stores the file's bytes beside the draft while hashing them; resolves to its Content-MD5 and chunk count. */
  storeFile(attachmentId: string, file: Blob, onProgress: (done: number, total: number) => void): Promise<{ md5: string; chunks: number }>;
}

export interface ComposerDeps {
  orderId: string;
  marketplaceId: string;
  initialSegment?: string;
  ask: typeof askFn;
  drafts: DraftStore;
  newId(): string;
  /**
   * Asked when the seller clicks Send: undefined when the click counts, otherwise why it does not
   * (the framed composer was hidden or covered, see lib/ui/visibility.ts).
   */
  mayAct?: () => Promise<Explained | undefined>;
}

const ACTIVE = new Set(['uploading', 'ready', 'sending']);

/** How long a send under way may go unannounced before the composer asks (and so wakes the worker). */
const SILENCE_MS = 3000;

/** A file the seller picked that is not attached: it blocks Send until removed or picked again. */
export interface RefusedFile {
  id: string;
  fileName: string;
  problem: Explained;
}

// What the browser throws when a picked file can no longer be read (moved, deleted or changed on disk).
const READ_ERRORS = new Set(['NotReadableError', 'NotFoundError', 'SecurityError']);

function isReadError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && READ_ERRORS.has((e as { name?: unknown }).name as string);
}

export function createComposerStore(deps: ComposerDeps) {
  const timeZone = marketplaceTimeZone(deps.marketplaceId);
  const types = signal<MessageTypeView[] | undefined>(undefined);
  const buyerLocale = signal<string | undefined>(undefined);
  const loadError = signal<Explained | undefined>(undefined);
  const draft = signal<Draft>(emptyDraft(deps.orderId, deps.marketplaceId));
  const hashing = signal<Record<string, number>>({});
  const refused = signal<RefusedFile[]>([]);
  const job = signal<JobView | undefined>(undefined);
  const history = signal<HistoryEntry[]>([]);
  const sendError = signal<Explained | undefined>(undefined);
  const attempted = signal(false);
  /** A send request is on its way to the background; its progress is read from the job status. */
  const inFlight = signal(false);

  const selected = computed(() => types.value?.find((t) => t.segment === draft.value.segment && t.supported));
  const form = computed(() => {
    const type = selected.value;
    return type?.schema ? formFromSchema(type.schema as JsonSchema, type.segment) : undefined;
  });
  const problems = computed(() => {
    const f = form.value;
    const type = selected.value;
    if (!f || !type?.schema) return [];
    const d = draft.value;
    const files = d.attachments.map((a) => ({ fileName: a.fileName, size: a.size, type: a.type }));
    return validateDraft(f, type.schema as JsonSchema, { text: d.text, attachments: files, dates: d.dates }, { timeZone: timeZone }).problems;
  });
  /** The warranty coverage as it will be sent: instants in the marketplace's time zone. */
  const coverage = computed(() => (form.value?.dates ? { ...coverageOf(draft.value.dates, timeZone), timeZone } : undefined));
  const compliance = computed(() => (form.value?.text ? checkCompliance(draft.value.text) : { errors: [], warnings: [] }));
  const busy = computed(() => inFlight.value || Boolean(job.value && ACTIVE.has(job.value.state)));
  const stillHashing = computed(() => Object.keys(hashing.value).length > 0);
  const linksUnconfirmed = computed(() => compliance.value.warnings.length > 0 && !draft.value.linksConfirmed);
  /**
   * Why Send is disabled, said next to it. A problem already shown at its field (the text, a date) is
   * pointed to rather than repeated, so each problem is said once.
   */
  const blockedReason = computed((): Explained | undefined => {
    if (!selected.value || busy.value) return undefined;
    const files = form.value?.attachments ? refused.value : [];
    if (files.length > 0) return { key: 'cmp_blocked_refused', substitutions: [files.map((f) => `“${f.fileName}”`).join(', ')] };
    const first = problems.value[0];
    if (first?.field === 'text') return { key: 'cmp_blocked_text', substitutions: [] };
    if (first && form.value?.dates?.some((d) => d.field === first.field)) return { key: 'cmp_blocked_dates', substitutions: [] };
    if (first) return { key: first.key, substitutions: first.substitutions };
    if (stillHashing.value) return { key: 'cmp_blocked_preparing', substitutions: [] };
    if (linksUnconfirmed.value) return { key: 'cmp_blocked_links', substitutions: [] };
    return undefined;
  });
  const canSend = computed(
    () =>
      Boolean(selected.value) &&
      !busy.value &&
      !stillHashing.value &&
      problems.value.length === 0 &&
      compliance.value.errors.length === 0 &&
      !linksUnconfirmed.value &&
      (form.value?.attachments ? refused.value.length === 0 : true),
  );

  // Saves are chained so that a slow write can never overwrite a newer one.
  let saving: Promise<void> = Promise.resolve();
  function update(change: Partial<Draft>) {
    draft.value = { ...draft.value, ...change, updatedAt: Date.now() };
    const snapshot = draft.value;
    saving = saving.then(() => deps.drafts.save(snapshot)).catch(() => undefined);
    return saving;
  }

  /** Reads the offered types again (the background dropped its cached list) after Amazon refused one. */
  async function reloadTypes() {
    const result = await deps.ask('order.messageTypes', { orderId: deps.orderId, marketplaceId: deps.marketplaceId, refresh: false });
    types.value = result.types;
  }

  let reloadedFor: string | undefined;
  function reloadIfRefused(view: JobView | undefined) {
    if (view?.state !== 'failed' || view.error?.key !== TYPE_NOT_OFFERED_KEY || reloadedFor === view.id) return;
    reloadedFor = view.id;
    void reloadTypes().catch((e: unknown) => {
      loadError.value = explainedOf(e);
    });
  }

  function applyStatus(status: OrderStatus) {
    const before = job.value;
    reloadIfRefused(status.job);
    batch(() => {
      job.value = status.job;
      history.value = status.history;
      // A send started elsewhere (another tab, or before the panel was reopened) was accepted: the
      // background deleted the draft with it, so this form starts empty again too.
      if (!inFlight.value && status.job?.state === 'sent' && before && ACTIVE.has(before.state) && before.id === status.job.id) {
        draft.value = emptyDraft(deps.orderId, deps.marketplaceId);
      }
    });
  }

  async function refreshStatus() {
    applyStatus(await deps.ask('order.status', { orderId: deps.orderId }));
  }

  /**
   * Follows the background's news about this order's sends as they happen, instead of asking again and
   * again. Returns the function that stops following.
   */
  function follow(subscribe: (listener: (orderId: string, status: OrderStatus) => void) => () => void): () => void {
    let lastHeard = Date.now();
    const stop = subscribe((orderId, status) => {
      if (orderId !== deps.orderId) return;
      lastHeard = Date.now();
      applyStatus(status);
    });
    // A service worker stopped mid-send announces nothing until something wakes it; when a send under
    // way has been silent for a while, one status request wakes it, and it resumes the send.
    const watchdog = setInterval(() => {
      if (!busy.value || Date.now() - lastHeard < SILENCE_MS) return;
      lastHeard = Date.now();
      void refreshStatus().catch(() => undefined);
    }, SILENCE_MS);
    return () => {
      clearInterval(watchdog);
      stop();
    };
  }

  async function load(refresh = false) {
    loadError.value = undefined;
    try {
      const stored = await deps.drafts.get(deps.orderId);
      if (stored && !refresh) {
        // A panel closed while a file was being stored leaves it incomplete; its bytes are gone with the panel.
        const interrupted = stored.attachments.filter((a) => !a.md5);
        draft.value = stored;
        if (interrupted.length > 0) {
          await update({ attachments: stored.attachments.filter((a) => a.md5) });
          refused.value = interrupted.map((a) => ({ id: a.id, fileName: a.fileName, problem: { key: 'cmp_attachInterrupted', substitutions: [a.fileName] } }));
        }
      }
      if (deps.initialSegment && !refresh) await update({ segment: deps.initialSegment });
      const result = await deps.ask('order.messageTypes', { orderId: deps.orderId, marketplaceId: deps.marketplaceId, refresh });
      batch(() => {
        types.value = result.types;
        buyerLocale.value = result.buyerLocale;
      });
      await refreshStatus();
    } catch (e) {
      loadError.value = explainedOf(e);
    }
  }

  const selectType = (segment: string) => update({ segment });
  const setText = (text: string) => update({ text, linksConfirmed: false });
  const setDate = (field: string, value: string) => update({ dates: { ...draft.value.dates, [field]: value } });
  const confirmLinks = (linksConfirmed: boolean) => update({ linksConfirmed });

  async function addFiles(files: File[]) {
    const maxItems = form.value?.attachments?.maxItems ?? 5;
    const picked = files.map((f) => ({ fileName: f.name, size: f.size, type: f.type }));
    const admitted = admitFiles(draft.value.attachments, picked, maxItems);
    const accepted: Array<{ attachment: DraftAttachment; file: File }> = [];
    const newlyRefused: RefusedFile[] = [];
    admitted.forEach((a, i) => {
      const file = files[i]!;
      const id = deps.newId();
      if (a.refused) {
        newlyRefused.push({ id, fileName: a.file.fileName, problem: { key: a.refused.key, substitutions: a.refused.substitutions } });
      } else {
        accepted.push({ attachment: { id, fileName: a.file.fileName, originalName: file.name, type: file.type, size: file.size }, file });
      }
    });
    // A file picked again under the name of a refused one replaces it.
    const replaced = new Set(accepted.map((a) => a.attachment.fileName.toLowerCase()));
    refused.value = [...refused.value.filter((r) => !replaced.has(r.fileName.toLowerCase())), ...newlyRefused];
    if (accepted.length === 0) return;
    hashing.value = { ...hashing.value, ...Object.fromEntries(accepted.map((a) => [a.attachment.id, 0])) };
    await update({ attachments: [...draft.value.attachments, ...accepted.map((a) => a.attachment)] });
    for (const a of accepted) void storeAttachment(a.attachment, a.file);
  }

  async function storeAttachment(attachment: DraftAttachment, file: Blob) {
    const { id, fileName } = attachment;
    let stored: { md5: string; chunks: number } | undefined;
    try {
      stored = await deps.drafts.storeFile(id, file, (done, total) => {
        hashing.value = { ...hashing.value, [id]: total === 0 ? 1 : done / total };
      });
    } catch (e) {
      const problem: Explained = isReadError(e)
        ? { key: 'cmp_attachUnreadable', substitutions: [fileName] }
        : { key: 'cmp_attachNotStored', substitutions: [fileName] };
      refused.value = [...refused.value, { id, fileName, problem }];
    }
    const { [id]: _, ...rest } = hashing.value;
    hashing.value = rest;
    const kept = stored;
    await update({
      attachments: kept
        ? draft.value.attachments.map((a) => (a.id === id ? { ...a, ...kept } : a))
        : draft.value.attachments.filter((a) => a.id !== id),
    });
  }

  function renameAttachment(id: string, base: string) {
    const others = draft.value.attachments.filter((a) => a.id !== id).map((a) => a.fileName);
    return update({
      attachments: draft.value.attachments.map((a) =>
        a.id === id ? { ...a, fileName: uniqueFileName(renameKeepingExtension(a.originalName, base), others) } : a,
      ),
    });
  }

  async function removeAttachment(id: string) {
    if (refused.value.some((r) => r.id === id)) {
      refused.value = refused.value.filter((r) => r.id !== id);
      return;
    }
    await update({ attachments: draft.value.attachments.filter((a) => a.id !== id) });
  }

  /**
   * A framed composer's click counts only once its visibility gate has settled. Meanwhile the background
   * already starts the job, held (the draft frozen, the attachments uploaded: nothing reaches the buyer),
   * and the gate's verdict then releases or refuses its message.
   */
  async function sendGated(allowed: Promise<Explained | undefined>, resendAfterUnknown: boolean): Promise<JobView | undefined> {
    const held = deps.ask('message.send', { orderId: deps.orderId, marketplaceId: deps.marketplaceId, resendAfterUnknown, hold: true });
    // Whichever answers first, both are awaited: a refused click must still release the held job.
    held.catch(() => undefined);
    const refused = await allowed;
    let view: JobView;
    try {
      view = await held;
    } catch (e) {
      // A draft refused by the background and a click refused by the gate: the click is what the seller did.
      if (refused) {
        sendError.value = refused;
        return undefined;
      }
      throw e;
    }
    if (!ACTIVE.has(view.state)) {
      if (refused) sendError.value = refused;
      return view;
    }
    // A refusal ends the job "not sent" with the gate's reason, which the job then shows.
    return deps.ask('message.confirm', { orderId: deps.orderId, jobId: view.id, send: refused === undefined });
  }

  async function send(resendAfterUnknown = false) {
    attempted.value = true;
    if (!resendAfterUnknown && !canSend.value) return;
    // Asked at the click itself: could the seller see what they clicked?
    const allowed = deps.mayAct?.();
    sendError.value = undefined;
    inFlight.value = true;
    await saving;
    try {
      const view = allowed
        ? await sendGated(allowed, resendAfterUnknown)
        : await deps.ask('message.send', { orderId: deps.orderId, marketplaceId: deps.marketplaceId, resendAfterUnknown });
      if (view) {
        job.value = view;
        reloadIfRefused(view);
        // The background deleted the stored draft with the send; the form starts empty again.
        if (view.state === 'sent') draft.value = emptyDraft(deps.orderId, deps.marketplaceId);
      }
    } catch (e) {
      sendError.value = explainedOf(e);
    } finally {
      inFlight.value = false;
    }
    await refreshStatus().catch(() => undefined);
  }

  return {
    orderId: deps.orderId, marketplaceId: deps.marketplaceId,
    types, buyerLocale, loadError, draft, hashing, refused, job, history, sendError, attempted,
    selected, form, problems, coverage, compliance, busy, stillHashing, blockedReason, canSend,
    load, refreshStatus, follow, selectType, setText, setDate, confirmLinks, addFiles, renameAttachment, removeAttachment, send,
  };
}

export type ComposerStore = ReturnType<typeof createComposerStore>;
