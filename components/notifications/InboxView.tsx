import { useEffect } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { InboxStore } from '../../lib/ui/inbox-store';
import { ErrorNote } from '../common/ErrorNote';
import { AsideList } from './AsideList';
import { ChangeList } from './ChangeList';
import { DesktopAlerts } from './DesktopAlerts';
import { QueueConnection } from './QueueConnection';

/** The popup's Inbox tab: the order changes first, the queue settings below them. */
export function InboxView({ store: s }: { store: InboxStore }) {
  const busy = s.busy.value;
  const view = s.view.value;
  useEffect(() => {
    void s.shown();
    return () => s.hidden();
  }, [s]);
  return (
    <div class="inbox-view" aria-busy={busy !== undefined}>
      {s.loadError.value && <ErrorNote error={s.loadError.value} />}
      {s.error.value && <ErrorNote error={s.error.value} />}
      {!view && !s.loadError.value && <p>{t('app_loading')}</p>}
      {view && !view.queue && view.entries.length === 0 ? null : <ChangeList store={s} />}
      <AsideList store={s} />
      <QueueConnection store={s} />
      <DesktopAlerts store={s} />
    </div>
  );
}
