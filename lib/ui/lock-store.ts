/**
 * State of the options page's passphrase section: signals plus actions, no DOM and no browser API except
 * through the injected `ask`, so it is tested directly. Passphrases stay in this page's memory only until
 * the background has answered; they are cleared after every successful action.
 */
import { computed, signal } from '@preact/signals';
import { explainedOf, type ask as askFn } from '../ask';
import type { Explained, LockStatus } from '../protocol';

/**
 * The rule, mirrored from lib/credentials/lock.ts (background-only, so not imported here) to show the
 * reason under the field at once; the background checks again, and a unit test keeps the two equal.
 */
export const MIN_LENGTH = 8;
export const MAX_LENGTH = 256;

export type LockAction = 'set' | 'unlock' | 'lock' | 'change' | 'remove';
/** Which form the section shows: one at a time, so a keyboard user never tabs through the others. */
export type LockForm = 'set' | 'unlock' | 'change' | 'remove';

/** The outcome announced after each action. */
export const DONE_KEYS: Record<LockAction, string> = {
  set: 'lock_doneSet',
  unlock: 'lock_doneUnlock',
  lock: 'lock_doneLock',
  change: 'lock_doneChange',
  remove: 'lock_doneRemove',
};

export function createLockStore(ask: typeof askFn) {
  const status = signal<LockStatus | undefined>(undefined);
  /** Change and remove are chosen explicitly; the other forms follow from the status. */
  const chosen = signal<'change' | 'remove' | undefined>(undefined);
  const passphrase = signal('');
  const confirmation = signal('');
  const current = signal('');
  const attempted = signal(false);
  const busy = signal<LockAction | undefined>(undefined);
  const error = signal<Explained | undefined>(undefined);
  const done = signal<LockAction | undefined>(undefined);
  /** Counts finished actions and form switches, so the view knows when to move focus. */
  const settled = signal(0);

  const form = computed<LockForm | undefined>(() => {
    const s = status.value;
    if (!s) return undefined;
    if (!s.enabled) return 'set';
    return chosen.value ?? (s.locked ? 'unlock' : undefined);
  });

  /** Field problems as message keys, shown next to the field once the seller has tried to submit. */
  const problems = computed(() => {
    const p: Record<string, string> = {};
    const f = form.value;
    if (f === 'set' || f === 'change') {
      // Code points, as the seller counts characters and as the background's schema does.
      const length = [...passphrase.value].length;
      if (length < MIN_LENGTH) p.new = 'lock_tooShort';
      else if (length > MAX_LENGTH) p.new = 'lock_tooLong';
      if (confirmation.value !== passphrase.value) p.confirm = 'lock_mismatch';
    }
    if ((f === 'change' || f === 'remove') && !current.value) p.current = 'lock_required';
    if (f === 'unlock' && !passphrase.value) p.passphrase = 'lock_required';
    return p;
  });

  function clearFields() {
    passphrase.value = '';
    confirmation.value = '';
    current.value = '';
    attempted.value = false;
  }

  async function run(action: LockAction, call: () => Promise<LockStatus>): Promise<boolean> {
    busy.value = action;
    error.value = undefined;
    done.value = undefined;
    try {
      status.value = await call();
      chosen.value = undefined;
      clearFields();
      done.value = action;
      settled.value++;
      return true;
    } catch (e) {
      error.value = explainedOf(e);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  async function load() {
    try {
      status.value = await ask('lock.status', {});
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  /** Submits whichever form is shown. */
  async function submit(): Promise<boolean> {
    const f = form.value;
    attempted.value = true;
    if (!f || busy.value || Object.keys(problems.value).length > 0) return false;
    const next = passphrase.value;
    const now = current.value;
    switch (f) {
      case 'set':
        return run('set', () => ask('lock.set', { passphrase: next }));
      case 'change':
        return run('change', () => ask('lock.set', { passphrase: next, current: now }));
      case 'unlock':
        return run('unlock', () => ask('lock.unlock', { passphrase: next }));
      case 'remove':
        return run('remove', () => ask('lock.remove', { passphrase: now }));
    }
  }

  function lockNow(): Promise<boolean> {
    return run('lock', () => ask('lock.lock', {}));
  }

  function choose(next: 'change' | 'remove' | undefined) {
    chosen.value = next;
    clearFields();
    error.value = undefined;
    done.value = undefined;
    settled.value++;
  }

  return {
    status, form, passphrase, confirmation, current, attempted, busy, error, done, settled, problems,
    load, submit, lockNow,
    startChange: () => choose('change'),
    startRemove: () => choose('remove'),
    cancel: () => choose(undefined),
  };
}

export type LockStore = ReturnType<typeof createLockStore>;
