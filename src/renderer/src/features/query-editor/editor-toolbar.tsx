import { IconClose, IconFile, IconPlay } from '../../components/icons';
import { useAppStore } from '../../stores/app-store';
import type { EditorCommands } from './sql-editor';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Run / Run all / Cancel / Format / Save and the tab's connection. */
export function EditorToolbar({ tabId, commands }: { tabId: string; commands: EditorCommands }) {
  // a tab bound to a connection that no longer exists counts as unbound
  const connectionId = useAppStore((s) => {
    const id = s.tabs.find((t) => t.id === tabId)?.connectionId ?? null;
    return id && s.connections.some((c) => c.id === id) ? id : null;
  });
  const connections = useAppStore((s) => s.connections);
  const running = useAppStore((s) => !!s.resultsByEditorTab[tabId]?.running);
  const state = useAppStore((s) => (connectionId ? s.statusById[connectionId]?.state : undefined));
  const setTabConnection = useAppStore((s) => s.setTabConnection);

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Query">
      <button
        type="button"
        className="button button-primary button-small"
        onClick={() => commands.run(tabId)}
        disabled={running || !connectionId}
        title={`Run the statement at the cursor, or the selection (${mod}+Enter)`}
        data-testid="run-statement"
      >
        <IconPlay /> Run
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => commands.runAll(tabId)}
        disabled={running || !connectionId}
        title={`Run all statements (Shift+${mod}+Enter)`}
        data-testid="run-all"
      >
        <IconPlay /> Run all
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => commands.cancel(tabId)}
        disabled={!running}
        title="Cancel the running query (Esc)"
        data-testid="cancel-query"
      >
        <IconClose /> Cancel
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        className="button button-small"
        onClick={() => commands.format(tabId)}
        title="Format SQL (Shift+Alt+F)"
        data-testid="format-sql"
      >
        Format
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => commands.save(tabId)}
        title={`Save as a .sql file (${mod}+S)`}
        data-testid="save-query"
      >
        <IconFile /> Save
      </button>
      <span className="toolbar-spacer" />
      <label className="editor-connection">
        <span className={`connection-dot is-${state ?? 'disconnected'}`} aria-hidden="true" />
        <select
          className="select"
          value={connectionId ?? ''}
          onChange={(e) => setTabConnection(tabId, e.target.value || null)}
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
  );
}
