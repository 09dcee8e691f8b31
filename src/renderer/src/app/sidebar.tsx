import { useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Splitter } from '../components/splitter';
import { ConnectionList } from '../features/connections/connection-list';
import { useUi } from '../stores/app-stores';
import { appRegistry } from './app-registry';

const subscribe = (listener: () => void) => appRegistry.subscribe(listener);
const snapshot = () => appRegistry.listPanels();

/** Left side: connections on top, then the registered panels (Schema, History, Saved…) as tabs. */
export function Sidebar() {
  const panels = useSyncExternalStore(subscribe, snapshot);
  const wanted = useUi((s) => s.sidebarPanel);
  const showSidebarPanel = useUi((s) => s.showSidebarPanel);
  const paneHeight = useUi((s) => s.connectionsPaneHeight);
  const setConnectionsPaneHeight = useUi((s) => s.setConnectionsPaneHeight);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = panels.find((p) => p.id === wanted) ?? panels[0];

  // WAI-ARIA tabs: arrows move between tabs
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + panels.length) % panels.length;
    showSidebarPanel(panels[next]!.id);
    tabRefs.current[next]?.focus();
  };

  const Panel = current?.component;
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="sidebar-connections" style={{ height: paneHeight }}>
        <ConnectionList />
      </div>
      <Splitter
        orientation="horizontal"
        size={paneHeight}
        min={80}
        max={600}
        defaultSize={150}
        onResize={setConnectionsPaneHeight}
        label="Resize the connections list"
      />
      <div className="sidebar-tabs" role="tablist" aria-label="Sidebar panels">
        {panels.map((p, i) => (
          <button
            key={p.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`sidebar-tab-${p.id}`}
            aria-selected={current?.id === p.id}
            aria-controls={`sidebar-panel-${p.id}`}
            tabIndex={current?.id === p.id ? 0 : -1}
            className={`sidebar-tab${current?.id === p.id ? ' is-active' : ''}`}
            onClick={() => showSidebarPanel(p.id)}
            onKeyDown={(e) => onTabKeyDown(e, i)}
            data-testid={`sidebar-tab-${p.id}`}
          >
            {p.title}
          </button>
        ))}
      </div>
      {current && Panel && (
        <div
          className="sidebar-panel"
          role="tabpanel"
          id={`sidebar-panel-${current.id}`}
          aria-labelledby={`sidebar-tab-${current.id}`}
        >
          <Panel />
        </div>
      )}
    </aside>
  );
}
