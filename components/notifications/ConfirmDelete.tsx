import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n';

/**
 * Asks before deleting something at Amazon. Focus moves to the question's first button so a
 * keyboard user lands on it, and Escape keeps the thing.
 */
export function ConfirmDelete(props: { question: string; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="group"
      aria-label={props.question}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <p>{props.question}</p>
      <div class="row">
        <button type="button" class="danger" ref={confirm} onClick={props.onConfirm}>
          {t('nui_confirm_delete')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('nui_keep')}
        </button>
      </div>
    </div>
  );
}
