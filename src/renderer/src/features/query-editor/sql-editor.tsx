import { LanguageSupport } from '@codemirror/language';
import { MySQL, PostgreSQL, SQLite, type SQLDialect } from '@codemirror/lang-sql';
import { Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap, type KeyBinding } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { memo, useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { SqlDialect } from '../../../../shared/sql/split-statements';
import { appRegistry } from '../../app/app-registry';
import { comboText, toCodeMirrorKey } from '../../app/key-combos';
import type { Registry } from '../../app/registry';
import { stores, useConnections, useResults, useSchema, useTabs, useUi } from '../../stores/app-stores';
import { selectEngine } from '../../stores/connections.store';
import { editorViews } from './editor-registry';
import { editorTheme } from './editor-theme';
import { errorMarkExtension, setErrorMark, tokenLengthAt } from './error-mark';
import { sqlCompletion } from './sql-completion-keys';
import { schemaCompletionSource, type CompletionEnv } from './sql-completion-source';

const PLACEHOLDER = `Write SQL here. ${comboText('Mod+Enter')} runs the statement at the cursor, ${comboText('Shift+Mod+Enter')} runs all.`;

const DIALECTS: Record<SqlDialect, SQLDialect> = { sqlite: SQLite, postgres: PostgreSQL, mysql: MySQL };

export interface SqlEditorProps {
  tabId: string;
  active: boolean;
}

const basicSetup = {
  highlightActiveLine: true,
  foldGutter: false,
  // configured below: nothing preselected, Tab accepts (see sql-completion-keys.ts)
  autocompletion: false,
  closeBrackets: true,
  tabSize: 2,
};

/**
 * The registered commands' keys inside CodeMirror, which sees a key before the window does: `inEditor`
 * commands and the editor's own keys (`runInEditor`). Escape keeps the default precedence so the completion
 * popup closes first; the others come before CodeMirror's defaults (Mod-Enter would insert a line).
 */
function commandKeymap(registry: Registry): Extension {
  const first: KeyBinding[] = [];
  const normal: KeyBinding[] = [];
  for (const command of registry.listCommands()) {
    if (!command.inEditor && !command.runInEditor) continue;
    for (const combo of command.combos ?? []) {
      const binding: KeyBinding = {
        key: toCodeMirrorKey(combo),
        preventDefault: true,
        run: (view) => {
          if (command.runInEditor) return command.runInEditor(view);
          if (command.enabled && !command.enabled()) return false;
          command.run?.();
          return true;
        },
      };
      (combo === 'Escape' ? normal : first).push(binding);
    }
  }
  return [Prec.highest(keymap.of(first)), keymap.of(normal)];
}

const subscribeRegistry = (listener: () => void) => appRegistry.subscribe(listener);
const commandsSnapshot = () => appRegistry.listCommands();

/** One tab's CodeMirror editor: the connection's dialect, schema-aware completion, the registered keys. */
export const SqlEditor = memo(function SqlEditor({ tabId, active }: SqlEditorProps) {
  const sqlText = useTabs((s) => {
    const tab = s.tabs.find((t) => t.id === tabId);
    return tab?.kind === 'sql' ? tab.sql : '';
  });
  const connectionId = useTabs((s) => s.tabs.find((t) => t.id === tabId)?.connectionId ?? null);
  const dialect = useConnections((s): SqlDialect => selectEngine(s, connectionId));
  const schema = useSchema((s) => (connectionId ? s.schemaByConnection[connectionId] : undefined));
  const theme = useUi((s) => s.theme);
  const commands = useSyncExternalStore(subscribeRegistry, commandsSnapshot);
  const errorMark = useResults((s) => {
    const e = s.resultsByEditorTab[tabId];
    const r = e?.activeId ? s.resultsById[e.activeId] : undefined;
    if (r?.status !== 'error' || r.error?.position == null) return null;
    return `${r.id}|${r.statementFrom + r.error.position}|${r.statementText.length}`;
  });
  const cmRef = useRef<ReactCodeMirrorRef>(null);
  const envRef = useRef<CompletionEnv>({ schema, dialect });
  useEffect(() => {
    envRef.current = { schema, dialect };
  });

  const extensions = useMemo(
    () => [
      // highlighting from lang-sql's parser; its keyword completion is replaced by the engine's own words
      new LanguageSupport(DIALECTS[dialect].language),
      sqlCompletion(schemaCompletionSource(() => envRef.current)),
      errorMarkExtension,
      commandKeymap(appRegistry),
      editorTheme(theme),
    ],
    // `commands` changes when a command is (un)registered: rebuild the keymap then
    // eslint-disable-next-line react-hooks/exhaustive-deps -- commandKeymap reads the registry's current list
    [dialect, theme, commands],
  );

  // mark where the database located the error (the offset is within the statement as sent)
  useEffect(() => {
    const view = cmRef.current?.view;
    if (!view) return;
    if (!errorMark) {
      view.dispatch({ effects: setErrorMark.of(null) });
      return;
    }
    const resultId = errorMark.split('|')[0]!;
    const r = stores.results.getState().resultsById[resultId];
    if (!r?.error || r.error.position == null) return;
    const from = r.statementFrom + Math.min(r.error.position, r.statementText.length);
    const to = from + tokenLengthAt(r.statementText, r.error.position);
    if (view.state.doc.sliceString(r.statementFrom, r.statementFrom + r.statementText.length) !== r.statementText)
      return;
    view.dispatch({
      effects: [
        setErrorMark.of({ from, to, message: r.error.message }),
        EditorView.scrollIntoView(from, { y: 'nearest' }),
      ],
    });
  }, [errorMark]);

  useEffect(() => {
    if (active) cmRef.current?.view?.focus();
  }, [active]);

  const activeRef = useRef(active);
  activeRef.current = active;
  const onCreate = useCallback(
    (view: EditorView) => {
      editorViews.set(tabId, view);
      // a new tab's view appears a render after mount: focus it then, so typing goes straight in
      if (activeRef.current) view.focus();
    },
    [tabId],
  );
  useEffect(() => () => void editorViews.delete(tabId), [tabId]);
  const onChange = useCallback((value: string) => stores.tabs.getState().updateSql(tabId, value), [tabId]);

  return (
    <div className="sql-editor" data-testid={active ? 'sql-editor' : undefined} hidden={!active}>
      <CodeMirror
        ref={cmRef}
        value={sqlText}
        height="100%"
        theme="none"
        basicSetup={basicSetup}
        extensions={extensions}
        onChange={onChange}
        onCreateEditor={onCreate}
        aria-label="SQL editor"
        placeholder={PLACEHOLDER}
      />
    </div>
  );
});
