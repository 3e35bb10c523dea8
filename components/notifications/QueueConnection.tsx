import { t } from '../../lib/i18n';
import type { InboxAction, InboxStore } from '../../lib/ui/inbox-store';
import { ActionResult } from './ActionResult';
import { ErrorNote } from '../common/ErrorNote';
import { Field } from '../common/Field';
import { formatTime } from './labels';

const BUSY_KEYS: Readonly<Record<InboxAction, string>> = {
  connect: 'nui_busy_connecting',
  disconnect: 'nui_busy_disconnecting',
  check: 'nui_busy_checking',
};

/** The result of the queue's buttons, under them. */
function QueueResult({ store: s, actions }: { store: InboxStore; actions: readonly InboxAction[] }) {
  const busy = s.busy.value;
  const r = s.result.value && actions.includes(s.result.value.action) ? s.result.value : undefined;
  return (
    <ActionResult
      testId="queue-result"
      busy={busy && actions.includes(busy) ? t(BUSY_KEYS[busy]) : undefined}
      ok={r?.ok ? r.outcome : undefined}
      failed={r && !r.ok && r.error ? { outcome: r.outcome, error: r.error } : undefined}
    />
  );
}

/** The seller's own SQS queue: connected (with Check now) or the form to connect it. */
export function QueueConnection({ store: s }: { store: InboxStore }) {
  const view = s.view.value;
  if (!view) return null;
  const busy = s.busy.value !== undefined;
  const queue = view.queue;
  const named = view.connections.length > 1 ? view.connections.find((c) => c.id === view.connectionId)?.name : undefined;
  const whose = named && <p class="hint" data-testid="queue-connection">{t('nui_queue_connection', [named])}</p>;
  if (queue) {
    const last = view.lastPoll;
    return (
      <section aria-labelledby="queue-title" data-testid="queue">
        <h2 id="queue-title">{t('nui_queue_title')}</h2>
        {whose}
        <p>{t('nui_queue_reading', [queue.queueUrl, queue.region, queue.accessKeyId])}</p>
        {last && !last.error && <p class="hint">{t('nui_last_check', [formatTime(new Date(last.at).toISOString())])}</p>}
        {last?.error && <ErrorNote error={last.error} />}
        <div class="row">
          <button type="button" class="primary" disabled={busy} onClick={() => void s.checkNow()}>
            {t('nui_check_now')}
          </button>
          <button type="button" disabled={busy} onClick={() => void s.disconnect()}>
            {t('nui_disconnect')}
          </button>
        </div>
        <QueueResult store={s} actions={['check', 'disconnect', 'connect']} />
      </section>
    );
  }
  const p = s.problems.value;
  return (
    <form
      aria-labelledby="queue-title"
      data-testid="queue"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        void s.connect().then((ok) => {
          if (!ok) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        });
      }}
    >
      <h2 id="queue-title">{t('nui_queue_title')}</h2>
      {whose}
      <p class="hint">{t('nui_queue_intro')}</p>
      <Field id="queue-url" label={t('nui_queue_url')} hint={t('nui_queue_url_hint')} problem={p.queueUrl}>
        <input id="queue-url" type="url" spellcheck={false} autocomplete="off" value={s.queueUrl.value} onInput={(e) => s.edit('queueUrl', e.currentTarget.value)} />
      </Field>
      <Field id="queue-region" label={t('nui_aws_region')} hint={s.regionFromUrl.value ? t('nui_region_from_url', [s.regionFromUrl.value]) : t('nui_aws_region_hint')} problem={p.region}>
        <input id="queue-region" type="text" spellcheck={false} autocomplete="off" value={s.region.value} placeholder={s.regionFromUrl.value} onInput={(e) => s.edit('region', e.currentTarget.value)} />
      </Field>
      <Field id="queue-key-id" label={t('nui_access_key_id')} problem={p.accessKeyId}>
        <input id="queue-key-id" type="text" spellcheck={false} autocomplete="off" value={s.accessKeyId.value} onInput={(e) => s.edit('accessKeyId', e.currentTarget.value)} />
      </Field>
      <Field id="queue-secret" label={t('nui_secret_access_key')} hint={t('nui_secret_hint')} problem={p.secretAccessKey}>
        <input id="queue-secret" type="password" autocomplete="off" value={s.secretAccessKey.value} onInput={(e) => s.edit('secretAccessKey', e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {t('nui_connect_queue')}
      </button>
      <QueueResult store={s} actions={['connect', 'disconnect']} />
    </form>
  );
}
