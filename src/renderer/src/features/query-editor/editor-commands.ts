import { format as formatSql } from 'sql-formatter';
import type { AppStores } from '../../stores/create-app-stores';
import { selectEngine } from '../../stores/connections.store';
import { selectSqlTab } from '../../stores/tabs.store';
import { editorSelection, editorViews } from './editor-registry';

const FORMATTER_LANGUAGE = { sqlite: 'sqlite', postgres: 'postgresql', mysql: 'mysql' } as const;

/** What a SQL tab's keys and toolbar do; one path for both, on a tab by id. */
export interface EditorCommands {
  /** The selection's statements, else the statement at the cursor. */
  run(tabId: string): void;
  runAll(tabId: string): void;
  /** Returns true when something was running (so Escape is consumed). */
  cancel(tabId: string): boolean;
  format(tabId: string): void;
  /** Saves to the tab's file, or asks for a file name the first time. */
  save(tabId: string): void;
}

/** A file name proposed for a tab's first save: its title, made safe ("Query 3" → "query-3"). */
export function proposedFileName(title: string): string {
  return (
    title
      .replace(/[^\w\- ]+/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'query'
  );
}

export function createEditorCommands(stores: AppStores): EditorCommands {
  return {
    run(tabId) {
      const results = stores.results.getState();
      const sel = editorSelection(tabId);
      if (!sel) void results.runAll(tabId);
      else if (sel.from !== sel.to) void results.runSelection(tabId, sel.from, sel.to);
      else void results.runStatementAtCursor(tabId, sel.cursor);
    },
    runAll(tabId) {
      void stores.results.getState().runAll(tabId);
    },
    cancel(tabId) {
      const results = stores.results.getState();
      if (!results.resultsByEditorTab[tabId]?.running) return false;
      void results.cancelRun(tabId);
      return true;
    },
    format(tabId) {
      const view = editorViews.get(tabId);
      const tab = selectSqlTab(stores.tabs.getState(), tabId);
      if (!view || !tab) return;
      const engine = selectEngine(stores.connections.getState(), tab.connectionId);
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
        stores.notifications.getState().notify({
          kind: 'error',
          title: 'Could not format the SQL',
          message: `${error instanceof Error ? error.message.split('\n')[0] : String(error)} Fix the syntax, then format again.`,
        });
      }
    },
    save(tabId) {
      const tab = selectSqlTab(stores.tabs.getState(), tabId);
      if (!tab) return;
      if (tab.savedPath) {
        void stores.tabs.getState().saveTabQuery(tabId);
        return;
      }
      void stores.history.getState().loadSavedQueries();
      stores.ui.getState().askQueryName({ tabId, name: proposedFileName(tab.title) });
    },
  };
}
