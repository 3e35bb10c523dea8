import { t } from '../../lib/i18n';
import type { Explained } from '../../lib/protocol';

/**
 * The outcome of the last action. The live region is always in the page, empty or not: screen
 * readers announce changes only in a region that existed before the change.
 */
export function StatusLine({ status, busy }: { status: Explained | undefined; busy?: string | undefined }) {
  return (
    <p class="status-line" role="status" aria-live="polite" data-testid="status">
      {busy ? busy : status ? t(status.key, status.substitutions) : ''}
    </p>
  );
}
