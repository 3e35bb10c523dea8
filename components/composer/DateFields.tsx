import { t, uiLanguage } from '../../lib/i18n';

interface Coverage {
  start?: number;
  end?: number;
  timeZone: string;
}

interface Props {
  fields: { field: string; title: string; required: boolean; problem?: string }[];
  values: Record<string, string>;
  coverage?: Coverage;
  onChange: (field: string, value: string) => void;
}

/** What will be sent, in words: "Covered from 1 March 2026 00:00:00 to 31 March 2027 23:59:59 (America/Los_Angeles)". */
function summary(c: Coverage): string | undefined {
  const format = new Intl.DateTimeFormat(uiLanguage(), {
    timeZone: c.timeZone,
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const at = (ms: number) => format.format(ms);
  if (c.start !== undefined && c.end !== undefined && c.end > c.start) return t('cmp_coverageFromTo', [at(c.start), at(c.end), c.timeZone]);
  if (c.start !== undefined && c.end === undefined) return t('cmp_coverageFrom', [at(c.start), c.timeZone]);
  if (c.end !== undefined && c.start === undefined) return t('cmp_coverageUntil', [at(c.end), c.timeZone]);
  return undefined;
}

/** Warranty coverage dates. Stored as the seller typed them; the send converts them to ISO date-times. */
export function DateFields(p: Props) {
  const said = p.coverage && summary(p.coverage);
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
      {said && (
        <p class="hint coverage" data-coverage aria-live="polite">
          {said}
        </p>
      )}
    </fieldset>
  );
}
