import { useState } from 'react';
import { appRegistry } from '../../app/app-registry';
import { comboText } from '../../app/key-combos';
import { ContextMenu } from '../../components/context-menu';
import { IconClose, IconFile, IconMore, IconPlay } from '../../components/icons';
import { stores, useConnections, useResults, useTabs } from '../../stores/app-stores';

/**
 * Run / Run all / Cancel / Format / Save and the tab's connection. In a narrow workspace Format and Save move
 * into a "more" menu (a container query in query-editor.css) so the toolbar never wraps.
 */
export function EditorToolbar({ tabId }: { tabId: string }) {
  // a tab bound to a connection that no longer exists counts as unbound
  const boundId = useTabs((s) => s.tabs.find((t) => t.id === tabId)?.connectionId ?? null);
  const connections = useConnections((s) => s.connections);
  const connectionId = boundId && connections.some((c) => c.id === boundId) ? boundId : null;
  const running = useResults((s) => !!s.resultsByEditorTab[tabId]?.running);
  const state = useConnections((s) => (connectionId ? s.statusById[connectionId]?.state : undefined));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const run = (id: string) => appRegistry.runCommand(id);

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Query">
      <div className="editor-toolbar-inner">
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => run('editor.run')}
          disabled={running || !connectionId}
          title={`Run the statement at the cursor, or the selection (${comboText('Mod+Enter')})`}
          data-testid="run-statement"
        >
          <IconPlay /> Run
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => run('editor.runAll')}
          disabled={running || !connectionId}
          title={`Run all statements (${comboText('Shift+Mod+Enter')})`}
          data-testid="run-all"
        >
          <IconPlay /> <span className="toolbar-label">Run all</span>
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => run('editor.cancel')}
          disabled={!running}
          title="Cancel the running query (Esc)"
          data-testid="cancel-query"
        >
          <IconClose /> <span className="toolbar-label">Cancel</span>
        </button>
        <span className="toolbar-sep toolbar-wide" />
        <button
          type="button"
          className="button button-small toolbar-wide"
          onClick={() => run('editor.format')}
          title={`Format SQL (${comboText('Shift+Alt+F')})`}
          data-testid="format-sql"
        >
          Format
        </button>
        <button
          type="button"
          className="button button-small toolbar-wide"
          onClick={() => run('editor.save')}
          title={`Save as a .sql file (${comboText('Mod+S')})`}
          data-testid="save-query"
        >
          <IconFile /> Save
        </button>
        <button
          type="button"
          className="icon-button toolbar-narrow"
          aria-label="More actions"
          aria-haspopup="menu"
          title="More actions"
          onClick={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            setMenu({ x: rect.left, y: rect.bottom + 2 });
          }}
          data-testid="editor-more"
        >
          <IconMore />
        </button>
        <span className="toolbar-spacer" />
        <label className="editor-connection">
          <span className={`connection-dot is-${state ?? 'disconnected'}`} aria-hidden="true" />
          <select
            className="select"
            value={connectionId ?? ''}
            onChange={(e) => stores.tabs.getState().setTabConnection(tabId, e.target.value || null)}
            aria-label="Connection for this tab"
            data-testid="editor-connection"
          >
            {!connectionId && <option value="">Choose a connection…</option>}
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={[
            { label: `Format SQL (${comboText('Shift+Alt+F')})`, onSelect: () => run('editor.format') },
            { label: `Save (${comboText('Mod+S')})`, onSelect: () => run('editor.save') },
          ]}
        />
      )}
    </div>
  );
}
