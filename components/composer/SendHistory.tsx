import { t, uiLanguage } from '../../lib/i18n';
import type { HistoryEntry } from '../../lib/protocol';

export function SendHistory({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return null;
  const format = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-title" class="history">
      <h2 id="history-title">{t('cmp_historyTitle')}</h2>
      <ul class="plain">
        {entries.map((entry) => (
          <li key={entry.id} data-outcome={entry.outcome}>
            <strong>{entry.title}</strong> — {format.format(entry.at)} — {t(`cmp_outcome_${entry.outcome}`)}
            {entry.error && <span class="hint"> ({t(entry.error.key, entry.error.substitutions)})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
