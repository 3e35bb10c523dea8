import { t } from '../../lib/i18n';

interface Props {
  fields: { field: string; title: string; required: boolean; problem?: string }[];
  values: Record<string, string>;
  onChange: (field: string, value: string) => void;
}

/** Warranty coverage dates. Stored as the seller typed them; the send converts them to ISO date-times. */
export function DateFields(p: Props) {
  return (
    <fieldset>
      <legend>{t('cmp_datesTitle')}</legend>
      {p.fields.map((f) => (
        <div class="field" key={f.field}>
          <label for={`date-${f.field}`}>
            {f.title}
            {f.required ? ' *' : ''}
          </label>
          <input
            id={`date-${f.field}`}
            type="date"
            required={f.required}
            value={p.values[f.field] ?? ''}
            aria-invalid={f.problem ? 'true' : undefined}
            aria-describedby={f.problem ? `date-${f.field}-problem` : undefined}
            onInput={(e) => p.onChange(f.field, e.currentTarget.value)}
          />
          {f.problem && (
            <p class="error" id={`date-${f.field}-problem`} role="alert">
              {f.problem}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}
