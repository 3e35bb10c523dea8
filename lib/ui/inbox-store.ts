/**
 * State of the popup's Inbox view: the queue connection, the desktop-notification switches and the
 * list of order changes. No browser API here: the background is reached through `ask`, and opening
 * an order page is the entry's job (`openOrder`), so the store is tested directly.
 */
import { computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import { queueUrlProblem } from '../notifications/destinations';
import { isAwsRegion, regionFromSqsHost } from '../net/rules';
import { entryUrl, type InboxEntry } from '../notifications/inbox';
import type { Explained, InboxView } from '../protocol';
import { createAttemptTracker } from './field-attempt';

export interface InboxDeps {
  ask: typeof askFn;
  /** Opens a Seller Central order page in a new tab. */
  openOrder(url: string): Promise<void> | void;
}

// AWS access key ids: an upper-case prefix (AKIA, ASIA, ...) and upper-case letters or digits.
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

export type QueueField = 'queueUrl' | 'region' | 'accessKeyId' | 'secretAccessKey';
export type InboxAction = 'connect' | 'disconnect' | 'check';

/** The last action's outcome, shown next to the button that started it. */
export interface InboxResult {
  action: InboxAction;
  ok: boolean;
  outcome?: Explained;
  error?: Explained;
}

export function createInboxStore(deps: InboxDeps) {
  const view = signal<InboxView | undefined>(undefined);
  const loadError = signal<Explained | undefined>(undefined);
  const busy = signal<InboxAction | undefined>(undefined);
  const result = signal<InboxResult | undefined>(undefined);
  /** A failure of something the seller did not press a button for (marking seen, a switch): shown at the top. */
  const error = signal<Explained | undefined>(undefined);
  /** Entries that were unseen when the popup showed them: they keep their "New" mark while it is open. */
  const fresh = signal<ReadonlySet<string>>(new Set());

  const queueUrl = signal('');
  const region = signal('');
  const accessKeyId = signal('');
  const secretAccessKey = signal('');
  const attempt = createAttemptTracker<QueueField>();
  const fields = { queueUrl, region, accessKeyId, secretAccessKey };

  /** The region written in a standard SQS host; the field is then only a check. */
  const regionFromUrl = computed(() => {
    try {
      return regionFromSqsHost(new URL(queueUrl.value.trim()).hostname);
    } catch {
      return undefined;
    }
  });

  /**
   * Problems per field. An empty field asks for its value (after an attempt, until edited); a filled
   * one says what is wrong with it as the seller types.
   */
  const problems = computed(() => {
    const p: Partial<Record<QueueField, string>> = {};
    const url = queueUrl.value.trim();
    const urlProblem = url === '' ? attempt.askFor('queueUrl', url, 'nui_enter_queue_url') : queueUrlProblem(url);
    if (urlProblem) p.queueUrl = urlProblem;
    const r = region.value.trim() || regionFromUrl.value || '';
    if (r === '') {
      const ask = attempt.askFor('region', r, 'nui_region_invalid');
      if (ask) p.region = ask;
    } else if (!isAwsRegion(r)) p.region = 'nui_region_invalid';
    else if (regionFromUrl.value && r !== regionFromUrl.value) p.region = 'nui_region_mismatch';
    const key = accessKeyId.value.trim();
    const keyProblem = key === '' ? attempt.askFor('accessKeyId', key, 'nui_enter_access_key_id') : ACCESS_KEY_ID.test(key) ? undefined : 'nui_access_key_invalid';
    if (keyProblem) p.accessKeyId = keyProblem;
    const secretProblem = attempt.askFor('secretAccessKey', secretAccessKey.value, 'nui_secret_required');
    if (secretProblem) p.secretAccessKey = secretProblem;
    return p;
  });

  function edit(field: QueueField, value: string) {
    fields[field].value = value;
    attempt.edited(field);
  }

  function markFresh(entries: readonly InboxEntry[]) {
    const unseen = entries.filter((e) => !e.seen).map((e) => e.change.notificationId);
    if (unseen.length > 0) fresh.value = new Set([...fresh.value, ...unseen]);
    return unseen;
  }

  /** Whether the Inbox tab is on screen; only a list the seller can see counts as seen. */
  let visible = false;

  /** The entries on screen count as seen and the badge clears; they keep their "New" mark while the popup is open. */
  async function acknowledge() {
    const current = view.value;
    if (!visible || !current) return;
    const unseen = markFresh(current.entries);
    if (unseen.length === 0) return;
    try {
      view.value = await deps.ask('inbox.markSeen', { ids: unseen });
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  async function load() {
    loadError.value = undefined;
    try {
      view.value = await deps.ask('inbox.get', {});
    } catch (e) {
      loadError.value = explainedOf(e);
      return;
    }
    await acknowledge();
  }

  /** Called by the view when the Inbox tab appears: opening the inbox is seeing what it lists. */
  async function shown() {
    visible = true;
    await acknowledge();
  }

  function hidden() {
    visible = false;
  }

  /**
   * Changes that arrive while the list is open are marked "New" and stay unseen (the badge counts
   * them) until the seller opens one or opens the inbox again: they may not have looked yet.
   */
  async function refresh() {
    try {
      const next = await deps.ask('inbox.get', {});
      markFresh(next.entries);
      view.value = next;
    } catch (e) {
      loadError.value = explainedOf(e);
    }
  }

  async function act<T>(action: InboxAction, run: () => Promise<T>): Promise<T | undefined> {
    busy.value = action;
    result.value = undefined;
    try {
      return await run();
    } catch (e) {
      result.value = { action, ok: false, error: explainedOf(e) };
      return undefined;
    } finally {
      busy.value = undefined;
    }
  }

  const done = (action: InboxAction, key: string, substitutions: string[] = []) => {
    result.value = { action, ok: true, outcome: { key, substitutions } };
  };

  async function connect(): Promise<boolean> {
    attempt.attempt(['queueUrl', 'region', 'accessKeyId', 'secretAccessKey']);
    if (Object.keys(problems.value).length > 0) return false;
    const next = await act('connect', () =>
      deps.ask('inbox.connectQueue', {
        queueUrl: queueUrl.value.trim(),
        region: region.value.trim() || regionFromUrl.value || '',
        accessKeyId: accessKeyId.value.trim(),
        secretAccessKey: secretAccessKey.value.trim(),
      }),
    );
    // The secret leaves the popup's memory either way; it is never shown again.
    secretAccessKey.value = '';
    if (!next) return false;
    view.value = next;
    attempt.reset();
    done('connect', 'nui_queue_connected');
    return true;
  }

  async function disconnect() {
    const next = await act('disconnect', () => deps.ask('inbox.disconnectQueue', {}));
    if (!next) return;
    view.value = next;
    done('disconnect', 'nui_queue_disconnected');
  }

  async function checkNow() {
    const answer = await act('check', () => deps.ask('inbox.checkNow', {}));
    if (!answer) return;
    markFresh(answer.view.entries);
    view.value = answer.view;
    const { stored, aside, duplicates } = answer.result;
    done('check', 'nui_check_result', [String(stored), String(aside), String(duplicates)]);
  }

  async function setPref(name: 'cancellations' | 'newOrders', on: boolean) {
    const prefs = view.value?.prefs;
    if (!prefs) return;
    error.value = undefined;
    try {
      view.value = await deps.ask('inbox.setPrefs', { ...prefs, [name]: on });
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  /**
   * Opens the order page, in the merchant account of the connection it came from, and counts the change as
   * seen. Entries without a known marketplace have no page.
   */
  async function open(entry: InboxEntry) {
    const url = entryUrl(entry, view.value?.connections ?? []);
    if (!url) return;
    await deps.openOrder(url);
    try {
      view.value = await deps.ask('inbox.markSeen', { ids: [entry.change.notificationId] });
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  return {
    view, loadError, busy, result, error, fresh,
    queueUrl, region, accessKeyId, secretAccessKey, regionFromUrl, problems,
    load, edit, shown, hidden, refresh, connect, disconnect, checkNow, setPref, open,
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;
