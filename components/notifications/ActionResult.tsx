import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { Explained } from '../../lib/protocol';

/**
 * The result of an action, right under the control that started it, and scrolled into view: the popup
 * is long, and a result at its top goes unseen. A success is a status in green; a failure is an alert
 * that looks like one, with what became of the change first and Amazon's reason after it.
 *
 * The status region is always in the page, empty or not: screen readers announce changes only in a
 * region that existed before the change.
 */
export function ActionResult(props: { busy?: string | undefined; ok?: Explained | undefined; failed?: { outcome?: Explained | undefined; error: Explained } | undefined; testId: string }) {
  const { busy, ok, failed } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // jsdom-less tests and old engines may lack it; the result is still there, only not scrolled to.
    if (ok || failed) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [ok, failed]);
  return (
    <div class="action-result" ref={box} data-testid={props.testId}>
      <p role="status" aria-live="polite" class={ok && !busy ? 'ok' : busy ? 'hint' : 'empty-status'}>
        {busy ?? (ok ? t(ok.key, ok.substitutions) : '')}
      </p>
      {failed && !busy && (
        <div class="error" role="alert">
          {failed.outcome && <p>{t(failed.outcome.key, failed.outcome.substitutions)}</p>}
          <p>{t(failed.error.key, failed.error.substitutions)}</p>
          {failed.error.detail && (
            <p class="detail">
              {failed.error.code ? `${failed.error.code}: ` : ''}
              {failed.error.detail}
            </p>
          )}
          {failed.error.requestId && <p class="detail">{t('app_requestId', [failed.error.requestId])}</p>}
        </div>
      )}
    </div>
  );
}
