import { cloneElement, type VNode } from 'preact';
import { t } from '../../lib/i18n';

/** A labelled control with its hint and its problem tied to it for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; problem?: string; children: VNode }) {
  const { id, label, hint, problem, children } = props;
  const describedBy = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" data-field={id}>
      <label for={id}>{label}</label>
      {cloneElement(children, { 'aria-describedby': describedBy, 'aria-invalid': problem ? 'true' : undefined })}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {problem && (
        <p class="error" id={`${id}-problem`} role="alert">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
