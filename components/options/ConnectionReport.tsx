import { t } from '../../lib/i18n';
import type { ConnectionReport as Report } from '../../lib/protocol';
import { ErrorNote } from '../common/ErrorNote';

export function ConnectionReport({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-title" data-testid="connection-report">
      <h2 id="report-title">{t(report.ok ? 'opt_reportOk' : 'opt_reportProblems')}</h2>
      <ul class="plain report">
        {report.checks.map((check) => (
          <li key={check.capability} data-capability={check.capability} data-ok={String(check.ok)}>
            <strong>{t(`opt_cap_${check.capability}`)}: </strong>
            {check.ok ? <span class="ok">{t(check.message.key, check.message.substitutions)}</span> : <ErrorNote error={check.message} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
