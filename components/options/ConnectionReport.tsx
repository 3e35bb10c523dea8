import { t } from '../../lib/i18n';
import type { ConnectionReport as Report } from '../../lib/protocol';
import { ErrorNote } from '../common/ErrorNote';

function headingKey(report: Report): string {
  if (!report.ok) return 'opt_reportProblems';
  if (report.sandbox) return 'conn_reportSandbox';
  return report.checks.some((c) => c.notChecked) ? 'conn_reportPartly' : 'opt_reportOk';
}

export function ConnectionReport({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-title" data-testid="connection-report">
      <h2 id="report-title">{t(headingKey(report))}</h2>
      <ul class="plain report">
        {report.checks.map((check) => (
          <li key={check.capability} data-capability={check.capability} data-ok={String(check.ok)} data-checked={String(!check.notChecked)}>
            <strong>{t(`opt_cap_${check.capability}`)}: </strong>
            {check.ok ? (
              <span class="ok">{t(check.message.key, check.message.substitutions)}</span>
            ) : check.notChecked ? (
              <span class="not-checked">
                {t('conn_notChecked')} {t(check.message.key, check.message.substitutions)}
              </span>
            ) : (
              <ErrorNote error={check.message} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
