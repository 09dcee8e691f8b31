import { LanguageSupport } from '@codemirror/language';
import { MySQL, PostgreSQL, SQLite, type SQLDialect } from '@codemirror/lang-sql';
import { Prec } from '@codemirror/state';
import { EditorView, keymap, type KeyBinding } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { SqlDialect } from '../../../../shared/sql/split-statements';
import { comboText } from '../../app/shortcuts';
import { useAppStore } from '../../stores/app-store';
import { editorViews } from './editor-registry';
import { errorMarkExtension, setErrorMark, tokenLengthAt } from './error-mark';
import { sqlCompletion } from './sql-completion-keys';
import { schemaCompletionSource, type CompletionEnv } from './sql-completion-source';

const PLACEHOLDER = `Write SQL here. ${comboText('Mod+Enter')} runs the statement at the cursor, ${comboText('Shift+Mod+Enter')} runs all.`;

const DIALECTS: Record<SqlDialect, SQLDialect> = { sqlite: SQLite, postgres: PostgreSQL, mysql: MySQL };

/** What the editor's key bindings do; owned by the workspace so toolbar buttons and keys share one path. */
export interface EditorCommands {
  run(tabId: string): void;
  runAll(tabId: string): void;
  format(tabId: string): void;
  save(tabId: string): void;
  /** Returns true when something was running (so Escape is consumed). */
  cancel(tabId: string): boolean;
}

export interface SqlEditorProps {
  tabId: string;
  active: boolean;
  commands: EditorCommands;
}

const basicSetup = {
  highlightActiveLine: true,
  foldGutter: false,
  // configured below: nothing preselected, Tab accepts (see sql-completion-keys.ts)
  autocompletion: false,
  closeBrackets: true,
  tabSize: 2,
};

/** Background and gutters follow the app theme's variables; syntax colours come from the light/dark preset. */
const chrome = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--bg)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', borderRight: '1px solid var(--border)', color: 'var(--fg-muted)' },
  '.cm-activeLine': { backgroundColor: 'var(--hover)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--hover)' },
  '.cm-tooltip': { border: '1px solid var(--border)', backgroundColor: 'var(--bg-elevated)' },
  // doubled class: the light/dark presets style the selected option with the same specificity, later
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-fg)',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionDetail': { opacity: 0.7, fontStyle: 'normal', marginLeft: '1em' },
  // the default keyword icon is an emoji, which shows as a box where no emoji font is installed
  '.cm-completionIcon-keyword:after': { content: "'K'", fontSize: '0.8em' },
  '&.cm-focused': { outline: 'none' },
});

/** One tab's CodeMirror editor: the connection's dialect, schema-aware completion, run/format/save keys. */
export const SqlEditor = memo(function SqlEditor({ tabId, active, commands }: SqlEditorProps) {
  const sqlText = useAppStore((s) => s.tabs.find((t) => t.id === tabId)?.sql ?? '');
  const connectionId = useAppStore((s) => s.tabs.find((t) => t.id === tabId)?.connectionId ?? null);
  const dialect = useAppStore(
    (s): SqlDialect => s.connections.find((c) => c.id === connectionId)?.params.engine ?? 'sqlite',
  );
  const schema = useAppStore((s) => (connectionId ? s.schemaByConnection[connectionId] : undefined));
  const theme = useAppStore((s) => s.theme);
  const updateSql = useAppStore((s) => s.updateSql);
  const errorMark = useAppStore((s) => {
    const e = s.resultsByEditorTab[tabId];
    const r = e?.activeId ? s.resultsById[e.activeId] : undefined;
    if (r?.status !== 'error' || r.error?.position == null) return null;
    return `${r.id}|${r.statementFrom + r.error.position}|${r.statementText.length}`;
  });
  const cmRef = useRef<ReactCodeMirrorRef>(null);
  const envRef = useRef<CompletionEnv>({ schema, dialect });
  const commandsRef = useRef(commands);
  useEffect(() => {
    envRef.current = { schema, dialect };
    commandsRef.current = commands;
  });

  const extensions = useMemo(() => {
    const bindings: KeyBinding[] = [
      { key: 'Mod-Enter', run: () => (commandsRef.current.run(tabId), true) },
      { key: 'Shift-Mod-Enter', run: () => (commandsRef.current.runAll(tabId), true) },
      { key: 'Shift-Alt-f', run: () => (commandsRef.current.format(tabId), true) },
      { key: 'Mod-s', run: () => (commandsRef.current.save(tabId), true), preventDefault: true },
    ];
    return [
      // highlighting from lang-sql's parser; its keyword completion is replaced by the engine's own words
      new LanguageSupport(DIALECTS[dialect].language),
      sqlCompletion(schemaCompletionSource(() => envRef.current)),
      errorMarkExtension,
      Prec.highest(keymap.of(bindings)),
      // default precedence: the completion popup's Escape (higher precedence) closes it first
      keymap.of([{ key: 'Escape', run: () => commandsRef.current.cancel(tabId) }]),
      chrome,
    ];
  }, [dialect, tabId]);

  // mark where the database located the error (the offset is within the statement as sent)
  useEffect(() => {
    const view = cmRef.current?.view;
    if (!view) return;
    if (!errorMark) {
      view.dispatch({ effects: setErrorMark.of(null) });
      return;
    }
    const state = useAppStore.getState();
    const resultId = errorMark.split('|')[0]!;
    const r = state.resultsById[resultId];
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
  const onChange = useCallback((value: string) => updateSql(tabId, value), [tabId, updateSql]);

  return (
    <div className="sql-editor" data-testid={active ? 'sql-editor' : undefined} hidden={!active}>
      <CodeMirror
        ref={cmRef}
        value={sqlText}
        height="100%"
        theme={theme}
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
