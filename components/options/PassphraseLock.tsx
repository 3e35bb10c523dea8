import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { DONE_KEYS, type LockForm, type LockStore } from '../../lib/ui/lock-store';
import { ErrorNote } from '../common/ErrorNote';
import { Field } from '../common/Field';

const SUBMIT_KEYS: Record<LockForm, string> = {
  set: 'lock_set',
  unlock: 'lock_unlock',
  change: 'lock_saveChange',
  remove: 'lock_confirmRemove',
};

/** The optional passphrase that keeps the stored credentials unreadable until the seller unlocks them. */
export function PassphraseLock({ store: s }: { store: LockStore }) {
  const section = useRef<HTMLElement>(null);
  const status = s.status.value;
  const form = s.form.value;
  const busy = s.busy.value !== undefined;
  const problem = (field: string) => (s.attempted.value ? s.problems.value[field] : undefined);
  const settled = s.settled.value;

  // After an action or a switch of form, the control the seller just used may be gone; focus moves to
  // the first thing they can do next, so a keyboard user is never left on the page's body.
  useEffect(() => {
    if (settled === 0) return;
    section.current?.querySelector<HTMLElement>('form input, [data-lock-actions] button')?.focus();
  }, [settled]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    void s.submit();
  };
  const statusKey = !status ? undefined : !status.enabled ? 'lock_statusOff' : status.locked ? 'lock_statusLocked' : 'lock_statusUnlocked';

  return (
    <section ref={section} aria-labelledby="lock-title" data-testid="passphrase-lock" data-state={status ? (status.locked ? 'locked' : status.enabled ? 'unlocked' : 'off') : undefined}>
      <h2 id="lock-title">{t('lock_title')}</h2>
      <p class="hint">{t('lock_intro')}</p>
      <div role="status" aria-live="polite">
        {statusKey && <p>{t(statusKey)}</p>}
        {busy && s.busy.value !== 'lock' && <p>{t('lock_working')}</p>}
        {s.done.value && <p class="ok">{t(DONE_KEYS[s.done.value])}</p>}
      </div>
      {s.error.value && <ErrorNote error={s.error.value} />}
      {form && (
        <form onSubmit={onSubmit} noValidate>
          {(form === 'change' || form === 'remove') && (
            <Field id="lock-current" label={t('lock_current')} problem={problem('current')}>
              <input id="lock-current" type="password" autocomplete="current-password" value={s.current.value} onInput={(e) => (s.current.value = e.currentTarget.value)} />
            </Field>
          )}
          {form === 'unlock' && (
            <Field id="lock-passphrase" label={t('lock_passphrase')} problem={problem('passphrase')}>
              <input id="lock-passphrase" type="password" autocomplete="current-password" value={s.passphrase.value} onInput={(e) => (s.passphrase.value = e.currentTarget.value)} />
            </Field>
          )}
          {(form === 'set' || form === 'change') && (
            <>
              <Field id="lock-new" label={t('lock_new')} hint={t('lock_rule')} problem={problem('new')}>
                <input id="lock-new" type="password" autocomplete="new-password" value={s.passphrase.value} onInput={(e) => (s.passphrase.value = e.currentTarget.value)} />
              </Field>
              <Field id="lock-confirm" label={t('lock_confirm')} problem={problem('confirm')}>
                <input id="lock-confirm" type="password" autocomplete="new-password" value={s.confirmation.value} onInput={(e) => (s.confirmation.value = e.currentTarget.value)} />
              </Field>
            </>
          )}
          <div class="row">
            <button type="submit" class="primary" disabled={busy}>
              {t(SUBMIT_KEYS[form])}
            </button>
            {(form === 'change' || form === 'remove') && (
              <button type="button" onClick={s.cancel}>
                {t('lock_cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      {status?.enabled && form !== 'change' && form !== 'remove' && (
        <div class="row" data-lock-actions>
          {!status.locked && (
            <button type="button" disabled={busy} onClick={() => void s.lockNow()}>
              {t('lock_lockNow')}
            </button>
          )}
          <button type="button" disabled={busy} onClick={s.startChange}>
            {t('lock_change')}
          </button>
          <button type="button" disabled={busy} onClick={s.startRemove}>
            {t('lock_remove')}
          </button>
        </div>
      )}
    </section>
  );
}
