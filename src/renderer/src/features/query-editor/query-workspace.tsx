import { useCallback, useEffect, useMemo, useState } from 'react';
import { format as formatSql } from 'sql-formatter';
import { EmptyState } from '../../components/empty-state';
import { Splitter } from '../../components/splitter';
import { useAppStore } from '../../stores/app-store';
import { ResultsPanel } from '../results/results-panel';
import { editorSelection, editorViews } from './editor-registry';
import { CloseTabConfirm } from './close-tab-confirm';
import { EditorTabStrip } from './editor-tab-strip';
import { EditorToolbar } from './editor-toolbar';
import { PromptDialog } from './prompt-dialog';
import { SqlEditor, type EditorCommands } from './sql-editor';
import { CancelShortcut, useWorkspaceShortcuts } from './workspace-shortcuts';
import './query-editor.css';

const FORMATTER_LANGUAGE = { sqlite: 'sqlite', postgres: 'postgresql', mysql: 'mysql' } as const;
const SPLIT_KEY = 'backbench.editorHeight';

/** Room the results keep below the editor (result tabs, toolbar and a few rows) plus the chrome above it. */
const RESERVED_HEIGHT = 300;
const MIN_EDITOR = 80;

/** The stored editor height, else about 40% of the window (260 px on a common laptop screen). */
function readSplit(): number {
  const stored = Number(localStorage.getItem(SPLIT_KEY));
  if (Number.isFinite(stored) && stored >= MIN_EDITOR) return stored;
  return Math.round(Math.min(260, Math.max(120, (window.innerHeight - 110) * 0.4)));
}

function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

function validateQueryName(value: string): string | null {
  const name = value.trim();
  const path = /\.sql$/i.test(name) ? name : `${name}.sql`;
  // a first save never silently overwrites another saved query
  if (useAppStore.getState().savedQueries.some((q) => q.path.toLowerCase() === path.toLowerCase())) {
    return `${path} already exists: choose another name.`;
  }
  if (!name) return 'Give the query a name.';
  if (/(^|[\\/])\.\.([\\/]|$)/.test(name) || /^[\\/]/.test(name))
    return 'Use a name inside the queries folder (no "..", no leading slash).';
  if (/[<>:"|?*]/.test(name)) return 'A file name cannot contain < > : " | ? *';
  return null;
}

/** The main area: editor tabs, toolbar, the SQL editor and its results, split by a draggable bar. */
export default function QueryWorkspace() {
  const tabIds = useAppStore((s) => s.tabs.map((t) => t.id).join('\n'));
  const activeTabId = useAppStore((s) => s.activeTabId);
  const [storedHeight, setEditorHeight] = useState(readSplit);
  // a window made smaller than when the split was set must not squeeze the results away
  const maxEditorHeight = Math.max(MIN_EDITOR, useWindowHeight() - RESERVED_HEIGHT);
  const editorHeight = Math.min(storedHeight, maxEditorHeight);
  const [savePrompt, setSavePrompt] = useState<{ tabId: string; name: string } | null>(null);

  const commands = useMemo<EditorCommands>(
    () => ({
      run(tabId) {
        const store = useAppStore.getState();
        const sel = editorSelection(tabId);
        if (!sel) void store.runAll(tabId);
        else if (sel.from !== sel.to) void store.runSelection(tabId, sel.from, sel.to);
        else void store.runStatementAtCursor(tabId, sel.cursor);
      },
      runAll(tabId) {
        void useAppStore.getState().runAll(tabId);
      },
      cancel(tabId) {
        const store = useAppStore.getState();
        if (!store.resultsByEditorTab[tabId]?.running) return false;
        void store.cancelRun(tabId);
        return true;
      },
      format(tabId) {
        const store = useAppStore.getState();
        const view = editorViews.get(tabId);
        const tab = store.tabs.find((t) => t.id === tabId);
        if (!view || !tab) return;
        const engine = store.connections.find((c) => c.id === tab.connectionId)?.params.engine ?? 'sqlite';
        const { from, to } = view.state.selection.main;
        const [start, end] = from === to ? [0, view.state.doc.length] : [from, to];
        try {
          const formatted = formatSql(view.state.doc.sliceString(start, end), {
            language: FORMATTER_LANGUAGE[engine],
            keywordCase: 'upper',
            tabWidth: 2,
          });
          view.dispatch({
            changes: { from: start, to: end, insert: formatted },
            selection: { anchor: start + formatted.length },
          });
        } catch (error) {
          store.notify({
            kind: 'error',
            title: 'Could not format the SQL',
            message: `${error instanceof Error ? error.message.split('\n')[0] : String(error)} Fix the syntax, then format again.`,
          });
        }
      },
      save(tabId) {
        const store = useAppStore.getState();
        const tab = store.tabs.find((t) => t.id === tabId);
        if (!tab) return;
        if (tab.savedPath) void store.saveTabQuery(tabId);
        else {
          void store.loadSavedQueries();
          setSavePrompt({
            tabId,
            name:
              tab.title
                .replace(/[^\w\- ]+/g, '')
                .trim()
                .replace(/\s+/g, '-')
                .toLowerCase() || 'query',
          });
        }
      },
    }),
    [],
  );

  const onSaveConfirm = useCallback(
    (value: string) => {
      const prompt = savePrompt;
      setSavePrompt(null);
      if (!prompt) return;
      const path = /\.sql$/i.test(value) ? value : `${value}.sql`;
      void useAppStore.getState().saveTabQuery(prompt.tabId, path);
    },
    [savePrompt],
  );

  useWorkspaceShortcuts(commands);

  const ids = tabIds.split('\n').filter(Boolean);
  const activeRunning = useAppStore((s) => !!(s.activeTabId && s.resultsByEditorTab[s.activeTabId]?.running));
  return (
    <div className="query-workspace">
      <EditorTabStrip />
      {activeTabId && ids.includes(activeTabId) ? (
        <>
          <EditorToolbar tabId={activeTabId} commands={commands} />
          <div className="query-editor-area" style={{ height: editorHeight }}>
            {ids.map((id) => (
              <SqlEditor key={id} tabId={id} active={id === activeTabId} commands={commands} />
            ))}
          </div>
          <Splitter
            orientation="horizontal"
            size={editorHeight}
            min={MIN_EDITOR}
            max={maxEditorHeight}
            defaultSize={Math.min(260, maxEditorHeight)}
            label="Resize editor and results"
            onResize={(size) => {
              setEditorHeight(size);
              localStorage.setItem(SPLIT_KEY, String(Math.round(size)));
            }}
          />
          <ResultsPanel editorTabId={activeTabId} />
        </>
      ) : (
        <EmptyState
          title="No query open"
          hint="Open a new tab (Alt+T) to write SQL against the selected connection."
          action={
            <button type="button" className="button button-primary" onClick={() => useAppStore.getState().openTab()}>
              New query tab
            </button>
          }
        />
      )}
      {activeRunning && <CancelShortcut commands={commands} />}
      <CloseTabConfirm />
      {savePrompt && (
        <PromptDialog
          title="Save query"
          label="File name in the workspace queries folder"
          initialValue={savePrompt.name}
          confirmLabel="Save"
          hint="Saved as <name>.sql; use a/b to put it in a subfolder."
          validate={validateQueryName}
          onConfirm={onSaveConfirm}
          onCancel={() => setSavePrompt(null)}
        />
      )}
    </div>
  );
}
