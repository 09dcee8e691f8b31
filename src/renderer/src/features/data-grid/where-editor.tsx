import { closeCompletion, currentCompletions, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { LanguageSupport } from '@codemirror/language';
import { MySQL, PostgreSQL, SQLite, type SQLDialect } from '@codemirror/lang-sql';
import { Compartment, EditorState, Prec, Transaction, type TransactionSpec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { SqlDialect } from '../../../../shared/sql/sql-lexer';
import { acceptWithTab, sqlCompletion } from '../query-editor/sql-completion-keys';
import { useCodeMirror } from '../query-editor/use-code-mirror';
import { validWhile, whereCompletions, type WhereColumn } from './where-completion';
import './where-editor.css';

const DIALECTS: Record<SqlDialect, SQLDialect> = { sqlite: SQLite, postgres: PostgreSQL, mysql: MySQL };

export interface WhereEditorProps {
  /** The condition the tab runs with; the box shows it again when it changes elsewhere and on Escape. */
  value: string;
  columns: readonly WhereColumn[];
  dialect: SqlDialect;
  theme: 'dark' | 'light';
  /** Enter: run the typed condition. */
  onRun(where: string): void;
}

/** The box has one line: line breaks typed or pasted become spaces (a `--` comment would hide the rest). */
const singleLine = EditorState.transactionFilter.of((tr): TransactionSpec | readonly TransactionSpec[] => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) =>
    changes.push({ from, to, insert: inserted.sliceString(0, inserted.length, ' ') }),
  );
  // same length as before (one space per line break), so the selection maps unchanged
  return {
    changes,
    selection: tr.selection,
    scrollIntoView: tr.scrollIntoView,
    annotations: Transaction.userEvent.of(tr.annotation(Transaction.userEvent) ?? 'input'),
  };
});

/** The input look: one line, no gutters, the app's input border and focus ring. */
const inputLook = EditorView.theme({
  '&': { height: 'auto', fontSize: '12px', backgroundColor: 'var(--bg-elevated)' },
  '.cm-scroller': { overflow: 'hidden', lineHeight: '1.5' },
  '.cm-content': { padding: '2px 0' },
  '.cm-line': { padding: '0 6px' },
});

/**
 * The data tab's raw WHERE box: a one-line CodeMirror with the SQL editor's highlighting and completion of the
 * table's columns, condition words and functions. Enter runs, Escape goes back to the condition that ran;
 * Tab (or ↓ and Enter) takes an option, as in the SQL editor.
 */
export function WhereEditor({ value, columns, dialect, theme, onRun }: WhereEditorProps) {
  const live = useRef({ value, columns, dialect, onRun });
  useEffect(() => {
    live.current = { value, columns, dialect, onRun };
  });
  const language = useRef(new Compartment());

  // made once; the value and theme follow in useCodeMirror, the dialect below
  const extensions = () => {
    const source: CompletionSource = (context) => {
      const { columns: cols, dialect: d } = live.current;
      const found = whereCompletions(context.state.doc.sliceString(0, context.pos), cols, d, context.explicit);
      return found && { from: found.from, options: found.options, validFor: validWhile(found.options) };
    };
    const run = (view: EditorView) => {
      closeCompletion(view);
      live.current.onRun(view.state.doc.toString());
      return true;
    };
    const revert = (view: EditorView) => {
      // an open popup closes first (the completion's own Escape); one that matched nothing shows no popup
      if (currentCompletions(view.state).length > 0) return false;
      closeCompletion(view);
      const current = live.current.value;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: current },
        selection: { anchor: current.length },
      });
      return true;
    };
    return [
      singleLine,
      history(),
      // before the completion's Escape, which would also swallow a key while no popup shows
      Prec.highest(keymap.of([{ key: 'Escape', run: revert }])),
      // before the default keys: Enter runs rather than breaking the line (the popup's own Enter comes first
      // and takes an option only when the user moved into the list)
      Prec.high(
        keymap.of([
          { key: 'Enter', run },
          { key: 'Tab', run: acceptWithTab },
        ]),
      ),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      sqlCompletion(source),
      language.current.of(new LanguageSupport(DIALECTS[live.current.dialect].language)),
      placeholder('raw SQL condition, ANDed with the filters (Enter to run)'),
      EditorView.contentAttributes.of({
        'aria-label': 'Raw WHERE condition',
        'aria-multiline': 'false',
        spellcheck: 'false',
      }),
    ];
  };
  const { hostRef, viewRef } = useCodeMirror({ value, theme, look: inputLook, extensions });

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: language.current.reconfigure(new LanguageSupport(DIALECTS[dialect].language)),
    });
  }, [dialect, viewRef]);

  return <div ref={hostRef} className="where-input where-editor" data-testid="where-input" />;
}
