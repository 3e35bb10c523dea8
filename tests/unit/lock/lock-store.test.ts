import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createLockStore, DONE_KEYS, MAX_LENGTH, MIN_LENGTH } from '../../../lib/ui/lock-store';
import * as background from '../../../lib/credentials/lock';
import { loadCatalogue } from '../../../scripts/locales';
import type { LockStatus } from '../../../lib/protocol';
import { fakeAsk, refusal } from '../notifications-ui/fake-ask';

const OFF: LockStatus = { enabled: false, locked: false };
const UNLOCKED: LockStatus = { enabled: true, locked: false };
const LOCKED: LockStatus = { enabled: true, locked: true };

async function loaded(status: LockStatus, answers: Parameters<typeof fakeAsk>[0] = {}) {
  const fake = fakeAsk({ 'lock.status': () => status, ...answers });
  const store = createLockStore(fake.ask);
  await store.load();
  return { store, ...fake };
}

describe('passphrase section store', () => {
  it('shows the form that fits the status: set when off, unlock when locked, none when unlocked', async () => {
    expect((await loaded(OFF)).store.form.value).toBe('set');
    expect((await loaded(LOCKED)).store.form.value).toBe('unlock');
    expect((await loaded(UNLOCKED)).store.form.value).toBeUndefined();
  });

  it('does not send a passphrase that breaks the rule or differs from its confirmation', async () => {
    const { store, ops } = await loaded(OFF, { 'lock.set': () => UNLOCKED });
    store.passphrase.value = 'short';
    store.confirmation.value = 'short';
    expect(await store.submit()).toBe(false);
    expect(store.problems.value).toEqual({ new: 'lock_tooShort' });
    store.passphrase.value = 'x'.repeat(257);
    expect(store.problems.value.new).toBe('lock_tooLong');
    store.passphrase.value = 'long enough now';
    store.confirmation.value = 'long enough n0w';
    expect(await store.submit()).toBe(false);
    expect(store.problems.value).toEqual({ confirm: 'lock_mismatch' });
    expect(ops()).toEqual(['lock.status']);
  });

  it('sets a passphrase, then forgets what was typed and announces the outcome', async () => {
    const { store, calls } = await loaded(OFF, { 'lock.set': () => UNLOCKED });
    store.passphrase.value = 'long enough now';
    store.confirmation.value = 'long enough now';
    expect(await store.submit()).toBe(true);
    expect(calls.at(-1)).toEqual({ op: 'lock.set', req: { passphrase: 'long enough now' } });
    expect(store.status.value).toEqual(UNLOCKED);
    expect([store.passphrase.value, store.confirmation.value]).toEqual(['', '']);
    expect(store.done.value).toBe('set');
    expect(store.settled.value).toBe(1);
  });

  it('changing sends the current passphrase with the new one; removing sends the current one only', async () => {
    const { store, calls } = await loaded(UNLOCKED, { 'lock.set': () => UNLOCKED, 'lock.remove': () => OFF });
    store.startChange();
    expect(store.form.value).toBe('change');
    store.passphrase.value = 'the next passphrase';
    store.confirmation.value = 'the next passphrase';
    expect(await store.submit()).toBe(false);
    expect(store.problems.value).toEqual({ current: 'lock_required' });
    store.current.value = 'the first passphrase';
    expect(await store.submit()).toBe(true);
    expect(calls.at(-1)).toEqual({ op: 'lock.set', req: { passphrase: 'the next passphrase', current: 'the first passphrase' } });
    expect(store.form.value).toBeUndefined();

    store.startRemove();
    store.current.value = 'the next passphrase';
    expect(await store.submit()).toBe(true);
    expect(calls.at(-1)).toEqual({ op: 'lock.remove', req: { passphrase: 'the next passphrase' } });
    expect(store.form.value).toBe('set');
    expect(store.done.value).toBe('remove');
  });

  it('a wrong passphrase is shown as the background explained it, and the section stays locked', async () => {
    const { store } = await loaded(LOCKED, {
      'lock.unlock': (req) => {
        if (req.passphrase !== 'the right one') throw refusal('lock_wrongPassphrase');
        return UNLOCKED;
      },
    });
    store.passphrase.value = 'the wrong one';
    expect(await store.submit()).toBe(false);
    expect(store.error.value?.key).toBe('lock_wrongPassphrase');
    expect(store.status.value).toEqual(LOCKED);
    expect(store.form.value).toBe('unlock');
    store.passphrase.value = 'the right one';
    expect(await store.submit()).toBe(true);
    expect(store.error.value).toBeUndefined();
    expect(store.done.value).toBe('unlock');
  });

  it('locks now and cancels a started change without asking anything', async () => {
    const { store, ops } = await loaded(UNLOCKED, { 'lock.lock': () => LOCKED });
    store.startChange();
    store.current.value = 'typed';
    store.cancel();
    expect(store.current.value).toBe('');
    expect(store.form.value).toBeUndefined();
    await store.lockNow();
    expect(store.form.value).toBe('unlock');
    expect(ops()).toEqual(['lock.status', 'lock.lock']);
  });

  it('mirrors the background rule, and every outcome has a message', () => {
    expect([MIN_LENGTH, MAX_LENGTH]).toEqual([background.MIN_LENGTH, background.MAX_LENGTH]);
    const en = loadCatalogue(join(__dirname, '../../..'), 'en');
    for (const key of Object.values(DONE_KEYS)) expect(en[key], key).toBeDefined();
  });
});
