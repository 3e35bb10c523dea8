import { t } from '../../lib/i18n';
import type { ActionKind, NotificationsStore } from '../../lib/ui/notifications-store';
import { ActionResult } from './ActionResult';

const BUSY_KEYS: Readonly<Record<ActionKind, string>> = {
  'create-destination': 'nui_busy_creating',
  'delete-destination': 'nui_busy_deleting',
  'save-subscription': 'nui_busy_saving',
  'delete-subscription': 'nui_busy_deleting',
  migrate: 'nui_busy_migrating',
};

/** The Notifications view's result for one control (or several that share a place). */
export function ResultFor({ store: s, actions, testId }: { store: NotificationsStore; actions: readonly ActionKind[]; testId: string }) {
  const busy = s.busy.value;
  const result = s.result.value;
  const mine = result && actions.includes(result.action) ? result : undefined;
  return (
    <ActionResult
      testId={testId}
      busy={busy && actions.includes(busy) ? t(BUSY_KEYS[busy]) : undefined}
      ok={mine?.ok ? mine.outcome : undefined}
      failed={mine && !mine.ok && mine.error ? { outcome: mine.outcome, error: mine.error } : undefined}
    />
  );
}
