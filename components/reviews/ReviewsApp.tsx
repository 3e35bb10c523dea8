import { t, tp, uiLanguage } from '../../lib/i18n';
import { MARKETPLACES } from '../../lib/marketplaces';
import type { ReviewRunItem } from '../../lib/protocol';
import { runCsv, type ReviewsStore } from '../../lib/ui/reviews-store';
import { ErrorNote } from '../common/ErrorNote';
import { SKIP_KEYS } from '../composer/ReviewRequest';

const REASON_KEYS: Record<string, string> = {
  'too-early': 'rvb_reason_tooEarly',
  'too-late': 'rvb_reason_tooLate',
  'not-offered': 'rvb_reason_notOffered',
  ...SKIP_KEYS,
  stopped: 'rvb_reason_stopped',
  'connection-removed': 'rvb_reason_connectionRemoved',
  'outcome-unknown': 'rvb_reason_unknown',
};

function country(id: string, code: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage()], { type: 'region' }).of(code) ?? id;
  } catch {
    return id;
  }
}

function reasonText(item: ReviewRunItem): string {
  if (!item.reason) return '';
  const key = REASON_KEYS[item.reason] ?? item.reason;
  return t(key, item.date ? [item.date] : []);
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ReviewsApp({ store: s }: { store: ReviewsStore }) {
  const preview = s.preview.value;
  const run = s.run.value;
  const progress = s.progress.value;
  const busy = s.busy.value;
  const active = run?.status === 'running' || run?.status === 'paused';
  return (
    <main class="reviews" aria-labelledby="reviews-title">
      <h1 id="reviews-title">{t('rvb_title')}</h1>
      {s.connectionName.value && <p class="connection" data-testid="review-connection">{t('panel_connection', [s.connectionName.value])}</p>}
      <p class="hint">{t('rv_window')}</p>
      {s.error.value && <ErrorNote error={s.error.value} />}

      <section aria-labelledby="range-title">
        <h2 id="range-title">{t('rvb_rangeTitle')}</h2>
        <div class="row">
          <label>
            {t('rvb_marketplace')}
            <select value={s.marketplaceId.value} onChange={(e) => { s.marketplaceId.value = e.currentTarget.value; s.preview.value = undefined; }}>
              {MARKETPLACES.map((m) => <option key={m.id} value={m.id}>{country(m.id, m.countryCode)}</option>)}
            </select>
          </label>
          <label>
            {t('rvb_from')}
            <input type="date" value={s.from.value} onInput={(e) => { s.from.value = e.currentTarget.value; s.preview.value = undefined; }} />
          </label>
          <label>
            {t('rvb_to')}
            <input type="date" value={s.to.value} onInput={(e) => { s.to.value = e.currentTarget.value; s.preview.value = undefined; }} />
          </label>
          <button type="button" disabled={busy || active} onClick={() => void s.count()}>{t('rvb_count')}</button>
        </div>
      </section>

      {preview && (
        <section aria-labelledby="counts-title" data-testid="review-counts">
          <h2 id="counts-title">{t('rvb_countsTitle')}</h2>
          <ul class="plain">
            <li data-count="eligible">{t('rvb_count_eligible', [String(preview.counts.eligible)])}</li>
            <li data-count="tooEarly">{t('rvb_count_tooEarly', [String(preview.counts.tooEarly)])}</li>
            <li data-count="tooLate">{t('rvb_count_tooLate', [String(preview.counts.tooLate)])}</li>
            <li data-count="alreadyRequested">{t('rvb_count_alreadyRequested', [String(preview.counts.alreadyRequested)])}</li>
            <li data-count="skipped">{t('rvb_count_skipped', [String(preview.counts.skipped)])}</li>
          </ul>
          <button type="button" class="primary" disabled={busy || preview.counts.eligible === 0} onClick={() => void s.start()}>
            {tp('rvb_confirm', preview.counts.eligible)}
          </button>
        </section>
      )}

      {run && progress && (
        <section aria-labelledby="run-title" data-testid="review-run" data-status={run.status}>
          <h2 id="run-title">{t(`rvb_run_${run.status}`)}</h2>
          <progress max={progress.total} value={progress.done} aria-label={t('rvb_progress', [String(progress.done), String(progress.total)])} />
          <p aria-live="polite">
            {t('rvb_progress', [String(progress.done), String(progress.total)])}
            {run.status === 'running' && progress.done < progress.total && ` — ${t('rvb_timeLeft', [duration(progress.msLeft)])}`}
          </p>
          <div class="row">
            {run.status === 'running' && <button type="button" disabled={busy} onClick={() => void s.control('pause')}>{t('rvb_pause')}</button>}
            {run.status === 'paused' && <button type="button" disabled={busy} onClick={() => void s.control('resume')}>{t('rvb_resume')}</button>}
            {active && <button type="button" disabled={busy} onClick={() => void s.control('stop')}>{t('rvb_stop')}</button>}
            {!active && (
              <button type="button" onClick={() => download(`review-requests-${run.id.slice(0, 8)}.csv`, runCsv(run))}>{t('rvb_csv')}</button>
            )}
          </div>
          <table>
            <caption class="visually-hidden">{t('rvb_run_table')}</caption>
            <thead>
              <tr><th scope="col">{t('rvb_col_order')}</th><th scope="col">{t('rvb_col_outcome')}</th><th scope="col">{t('rvb_col_reason')}</th></tr>
            </thead>
            <tbody>
              {run.items.map((item) => (
                <tr key={item.orderId} data-order={item.orderId} data-state={item.state}>
                  <td>{item.orderId}</td>
                  <td>{t(`rvb_state_${item.state.replace('-r', 'R').replace('-e', 'E')}`)}</td>
                  <td>{reasonText(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="exclusions-title">
        <h2 id="exclusions-title">{t('rvb_exclusionsTitle')}</h2>
        <label for="exclusions">{t('rvb_exclusionsHint')}</label>
        <textarea id="exclusions" rows={5} value={s.exclusions.value} onInput={(e) => { s.exclusions.value = e.currentTarget.value; s.exclusionsSaved.value = false; }} />
        <div class="row">
          <button type="button" disabled={busy} onClick={() => void s.saveExclusions()}>{t('rvb_exclusionsSave')}</button>
          {s.exclusionsSaved.value && <span role="status">{t('rvb_exclusionsSaved')}</span>}
        </div>
      </section>
    </main>
  );
}
