import { t } from '../../lib/i18n';
import type { ComplianceResult } from '../../lib/messaging/compliance';
import { countedCharacters } from '../../lib/messaging/form';

interface Props {
  value: string;
  title: string;
  description?: string;
  maxLength: number;
  problem?: string;
  compliance: ComplianceResult;
  linksConfirmed: boolean;
  /** The buyer reads a right-to-left language: an empty field starts right to left. */
  rightToLeft: boolean;
  onInput: (text: string) => void;
  onConfirmLinks: (confirmed: boolean) => void;
}

/** The message text with its live counter and Amazon's content rules checked as the seller types. */
export function MessageText(p: Props) {
  const length = countedCharacters(p.value);
  const over = length > p.maxLength;
  return (
    <div class="field">
      <label for="message-text">{p.title}</label>
      {p.description && <p class="hint" id="message-text-hint">{p.description}</p>}
      <textarea
        id="message-text"
        value={p.value}
        dir={p.value === '' && p.rightToLeft ? 'rtl' : 'auto'}
        aria-describedby="message-text-hint message-text-count message-text-problem"
        aria-invalid={over || p.compliance.errors.length > 0 ? 'true' : undefined}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
      <p id="message-text-count" class={over ? 'error' : 'hint'} aria-live="polite">
        {t('cmp_counter', [String(length), String(p.maxLength)])}
      </p>
      <div id="message-text-problem">
        {p.problem && <p class="error" role="alert">{p.problem}</p>}
        {p.compliance.errors.map((f) => (
          <p key={`${f.kind}${f.index}`} class="error" role="alert" data-finding={f.kind}>
            {t(f.key, [f.match])}
          </p>
        ))}
      </div>
      {p.compliance.warnings.length > 0 && (
        <div class="warning" data-finding="link">
          <p>{t('msg_compliance_link', [p.compliance.warnings.map((w) => w.match).join(', ')])}</p>
          <label class="row" style={{ fontWeight: 'normal' }}>
            <input type="checkbox" checked={p.linksConfirmed} onChange={(e) => p.onConfirmLinks(e.currentTarget.checked)} />
            {t('cmp_confirmLinks')}
          </label>
        </div>
      )}
    </div>
  );
}
