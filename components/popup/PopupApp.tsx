import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { PopupStore } from '../../lib/ui/popup-store';
import { QuickMessage } from './QuickMessage';

export interface PopupView {
  id: string;
  label: string;
  render: () => ComponentChildren;
}

/** The popup: tabs that work with arrow keys as well as the mouse. */
export function PopupApp(props: { store: PopupStore; extraViews: PopupView[]; onOpenSettings: () => void }) {
  const views: PopupView[] = [{ id: 'message', label: t('pop_tabMessage'), render: () => <QuickMessage store={props.store} /> }, ...props.extraViews];
  const [active, setActive] = useState(views[0]!.id);
  const current = views.find((v) => v.id === active) ?? views[0]!;
  if (props.store.connected.value === false) {
    return (
      <main class="popup">
        <p>{t('app_notConnected')}</p>
        <button type="button" class="primary" onClick={props.onOpenSettings}>
          {t('app_openSettings')}
        </button>
      </main>
    );
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = views.findIndex((v) => v.id === active);
    const next = views[(i + (e.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length]!;
    setActive(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  const connections = props.store.connections.value;
  const actingId = props.store.acting.value ?? connections?.current;
  const currentConnection = connections?.connections.find((c) => c.id === actingId);
  return (
    <main class="popup">
      {connections && connections.connections.length > 1 ? (
        <div class="field connection-switch">
          <label for="popup-connection">{t('popup_connection')}</label>
          <select id="popup-connection" value={actingId} onChange={(e) => void props.store.switchConnection(e.currentTarget.value)}>
            {connections.connections.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
      ) : (
        currentConnection?.name && <p class="hint connection-switch">{t('panel_connection', [currentConnection.name])}</p>
      )}
      <div class="tabs">
        {/* Only tabs belong in a tab list; the settings button sits beside it. Only the shown panel exists,
            so only the selected tab points at one. */}
        <div role="tablist" aria-label={t('extName')} class="tablist" onKeyDown={onKeyDown}>
          {views.map((v) => (
            <button
              key={v.id}
              id={`tab-${v.id}`}
              role="tab"
              type="button"
              aria-selected={v.id === active}
              aria-controls={v.id === active ? `panel-${v.id}` : undefined}
              tabIndex={v.id === active ? 0 : -1}
              onClick={() => setActive(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <button type="button" class="settings" onClick={props.onOpenSettings}>
          {t('app_openSettings')}
        </button>
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </main>
  );
}
