import { useRef, type KeyboardEvent } from 'react';
import { Splitter } from '../components/splitter';
import { ConnectionList } from '../features/connections/connection-list';
import { HistoryPanel } from '../features/history/history-panel';
import { SavedQueriesPanel } from '../features/saved-queries/saved-queries-panel';
import { SchemaBrowser } from '../features/schema-browser/schema-browser';
import { useAppStore } from '../stores/app-store';
import type { SidebarPanel } from '../stores/ui.slice';

const PANELS: { id: SidebarPanel; label: string }[] = [
  { id: 'schema', label: 'Schema' },
  { id: 'history', label: 'History' },
  { id: 'saved', label: 'Saved' },
];

/** Left side: connections on top, then Schema / History / Saved queries as tabs. */
export function Sidebar() {
  const panel = useAppStore((s) => s.sidebarPanel);
  const setSidebarPanel = useAppStore((s) => s.setSidebarPanel);
  const paneHeight = useAppStore((s) => s.connectionsPaneHeight);
  const setConnectionsPaneHeight = useAppStore((s) => s.setConnectionsPaneHeight);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // WAI-ARIA tabs: arrows move between tabs
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + PANELS.length) % PANELS.length;
    setSidebarPanel(PANELS[next]!.id);
    tabRefs.current[next]?.focus();
  };

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
        {PANELS.map((p, i) => (
          <button
            key={p.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`sidebar-tab-${p.id}`}
            aria-selected={panel === p.id}
            aria-controls={`sidebar-panel-${p.id}`}
            tabIndex={panel === p.id ? 0 : -1}
            className={`sidebar-tab${panel === p.id ? ' is-active' : ''}`}
            onClick={() => setSidebarPanel(p.id)}
            onKeyDown={(e) => onTabKeyDown(e, i)}
            data-testid={`sidebar-tab-${p.id}`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div
        className="sidebar-panel"
        role="tabpanel"
        id={`sidebar-panel-${panel}`}
        aria-labelledby={`sidebar-tab-${panel}`}
      >
        {panel === 'schema' && <SchemaBrowser />}
        {panel === 'history' && <HistoryPanel />}
        {panel === 'saved' && <SavedQueriesPanel />}
      </div>
    </aside>
  );
}
