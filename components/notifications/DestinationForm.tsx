import { t } from '../../lib/i18n';
import type { NotificationsStore, Problem } from '../../lib/ui/notifications-store';
import { ResultFor } from './results';

/** A labelled text input with its problem (key plus substitutions) tied to it for screen readers. */
function TextField(props: { id: string; label: string; hint?: string; problem: Problem | undefined; value: string; onInput: (v: string) => void }) {
  const { id, problem, hint } = props;
  const describedBy = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" data-field={id}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        spellcheck={false}
        autocomplete="off"
        value={props.value}
        aria-describedby={describedBy}
        aria-invalid={problem ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {problem && (
        <p class="error" id={`${id}-problem`}>
          {t(problem.key, problem.substitutions)}
        </p>
      )}
    </div>
  );
}

/** Creating a destination: every field is checked as the seller types, and again in the background. */
export function DestinationForm({ store: s }: { store: NotificationsStore }) {
  const p = s.destProblems.value;
  return (
    <form
      class="destination-form"
      aria-labelledby="destination-form-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        void s.createDestination().then((ok) => {
          // Sends the keyboard to the first field that needs attention.
          if (!ok) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        });
      }}
    >
      <h3 id="destination-form-title">{t('nui_new_destination')}</h3>
      <TextField id="dest-name" label={t('nui_destination_name')} problem={p.name} value={s.destName.value} onInput={(v) => s.editDestination('name', v)} />
      <fieldset>
        <legend>{t('nui_destination_kind')}</legend>
        <label class="choice">
          <input type="radio" name="dest-kind" checked={s.destKind.value === 'sqs'} onChange={() => s.chooseKind('sqs')} />
          {t('nui_kind_sqs')}
        </label>
        <label class="choice">
          <input type="radio" name="dest-kind" checked={s.destKind.value === 'eventBridge'} onChange={() => s.chooseKind('eventBridge')} />
          {t('nui_kind_eventbridge')}
        </label>
      </fieldset>
      {s.destKind.value === 'sqs' ? (
        <TextField id="dest-arn" label={t('nui_queue_arn')} hint={t('nui_queue_arn_hint')} problem={p.arn} value={s.arn.value} onInput={(v) => s.editDestination('arn', v)} />
      ) : (
        <>
          <TextField id="dest-account" label={t('nui_aws_account_id')} problem={p.accountId} value={s.accountId.value} onInput={(v) => s.editDestination('accountId', v)} />
          <TextField id="dest-region" label={t('nui_aws_region')} hint={t('nui_aws_region_hint')} problem={p.region} value={s.region.value} onInput={(v) => s.editDestination('region', v)} />
        </>
      )}
      <button type="submit" class="primary" disabled={s.busy.value !== undefined}>
        {t('nui_create_destination')}
      </button>
      <ResultFor store={s} actions={['create-destination']} testId="create-destination-result" />
    </form>
  );
}
