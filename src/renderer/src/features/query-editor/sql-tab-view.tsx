import { useEffect, useState } from 'react';
import { Splitter } from '../../components/splitter';
import { stores, useHistory, useUi } from '../../stores/app-stores';
import { ResultsPanel } from '../results/results-panel';
import { EditorToolbar } from './editor-toolbar';
import { PromptDialog } from './prompt-dialog';
import { SqlEditor } from './sql-editor';
import './query-editor.css';

/** Room the results keep below the editor (result tabs, toolbar and a few rows) plus the chrome above it. */
const RESERVED_HEIGHT = 300;
const MIN_EDITOR = 80;

function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

function useQueryNameCheck(): (value: string) => string | null {
  const savedQueries = useHistory((s) => s.savedQueries);
  return (value) => {
    const name = value.trim();
    const path = /\.sql$/i.test(name) ? name : `${name}.sql`;
    // a first save never silently overwrites another saved query
    if (savedQueries.some((q) => q.path.toLowerCase() === path.toLowerCase())) {
      return `${path} already exists: choose another name.`;
    }
    if (!name) return 'Give the query a name.';
    if (/(^|[\\/])\.\.([\\/]|$)/.test(name) || /^[\\/]/.test(name))
      return 'Use a name inside the queries folder (no "..", no leading slash).';
    if (/[<>:"|?*]/.test(name)) return 'A file name cannot contain < > : " | ? *';
    return null;
  };
}

/** Asks for the file name of a SQL tab's first save. */
function QueryNamePrompt({ tabId }: { tabId: string }) {
  const prompt = useUi((s) => (s.queryNamePrompt?.tabId === tabId ? s.queryNamePrompt : null));
  const validate = useQueryNameCheck();
  if (!prompt) return null;
  const close = () => stores.ui.getState().askQueryName(null);
  return (
    <PromptDialog
      title="Save query"
      label="File name in the workspace queries folder"
      initialValue={prompt.name}
      confirmLabel="Save"
      hint="Saved as <name>.sql; use a/b to put it in a subfolder."
      validate={validate}
      onConfirm={(value) => {
        close();
        const path = /\.sql$/i.test(value) ? value : `${value}.sql`;
        void stores.tabs.getState().saveTabQuery(tabId, path);
      }}
      onCancel={close}
    />
  );
}

/**
 * A SQL tab: toolbar, the editor, and the results of what ran, split by a draggable bar. The editor stays
 * mounted while the tab is in the background (its undo history and scroll survive); the rest is drawn only for
 * the active tab.
 */
export function SqlTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const storedHeight = useUi((s) => s.editorHeight);
  const setEditorHeight = useUi((s) => s.setEditorHeight);
  const windowHeight = useWindowHeight();
  // a window made smaller than when the split was set must not squeeze the results away
  const maxEditorHeight = Math.max(MIN_EDITOR, windowHeight - RESERVED_HEIGHT);
  const defaultHeight = Math.round(Math.min(260, Math.max(120, (windowHeight - 110) * 0.4)));
  const editorHeight = Math.min(storedHeight ?? defaultHeight, maxEditorHeight);

  return (
    <div className="sql-tab" hidden={!active} data-testid={active ? 'sql-tab' : undefined}>
      {active && <EditorToolbar tabId={tabId} />}
      <div className="query-editor-area" style={{ height: editorHeight }}>
        <SqlEditor tabId={tabId} active={active} />
      </div>
      {active && (
        <>
          <Splitter
            orientation="horizontal"
            size={editorHeight}
            min={MIN_EDITOR}
            max={maxEditorHeight}
            defaultSize={Math.min(defaultHeight, maxEditorHeight)}
            label="Resize editor and results"
            onResize={setEditorHeight}
          />
          <ResultsPanel editorTabId={tabId} />
          <QueryNamePrompt tabId={tabId} />
        </>
      )}
    </div>
  );
}
