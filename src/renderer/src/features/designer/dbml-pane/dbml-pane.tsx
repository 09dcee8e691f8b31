import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, Transaction } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, useState, type JSX } from 'react';
import type { Design } from '../../../../../shared/design';
import { useUi } from '../../../stores/app-stores';
import { useCodeMirror } from '../../query-editor/use-code-mirror';
import { dbmlLanguage } from './dbml-language';
import { dbmlPort } from './dbml-port';
import { problemRange } from './problem-range';
import { createDbmlSync, type DbmlSync } from './dbml-sync';
import './dbml-pane.css';

export interface DbmlPaneProps {
  design: Design;
  /** A DBML edit that parses: the design it describes (the canvas then shows it, as one undoable edit). */
  onDesign(design: Design): void;
}

/** Marks a change the pane makes itself, so it is not taken for typing. */
const fromDesign = Annotation.define<boolean>();

const look = EditorView.theme({
  '&': { fontSize: '12px' },
  '.cm-scroller': { lineHeight: '1.5', overflow: 'auto' },
});

/** The DBML text of the design, kept in sync both ways (dbml-sync.ts has the rules). */
export function DbmlPane({ design, onDesign }: DbmlPaneProps): JSX.Element {
  const theme = useUi((s) => s.theme);
  const [error, setError] = useState<string | null>(null);
  const [problemCount, setProblemCount] = useState(0);
  const syncRef = useRef<DbmlSync | null>(null);
  const onDesignRef = useRef(onDesign);
  useEffect(() => {
    onDesignRef.current = onDesign;
  });

  const { hostRef, viewRef } = useCodeMirror({
    // the sync sets the text itself (held back while the user types), so the hook never replaces it
    value: '',
    theme,
    look,
    extensions: () => [
      lineNumbers(),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      dbmlLanguage,
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': 'DBML', spellcheck: 'false' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromDesign)))
          syncRef.current?.edited();
        if (update.focusChanged && !update.view.hasFocus) syncRef.current?.blurred();
      }),
    ],
  });

  useEffect(() => {
    const sync = createDbmlSync({
      port: dbmlPort,
      onDesign: (next) => onDesignRef.current(next),
      view: {
        text: () => viewRef.current?.state.doc.toString() ?? '',
        focused: () => viewRef.current?.hasFocus ?? false,
        setText: (text) =>
          viewRef.current?.dispatch({
            changes: { from: 0, to: viewRef.current.state.doc.length, insert: text },
            // not undoable in the pane: the canvas's own undo takes back a change made there
            annotations: [fromDesign.of(true), Transaction.addToHistory.of(false)],
          }),
        showProblems: (problems) => {
          const view = viewRef.current;
          if (!view) return;
          const diagnostics: Diagnostic[] = problems.map((problem) => ({
            ...problemRange(view.state.doc, problem),
            severity: 'error',
            message: problem.message,
          }));
          view.dispatch(setDiagnostics(view.state, diagnostics));
          setProblemCount(problems.length);
        },
        showError: setError,
      },
    });
    syncRef.current = sync;
    return () => {
      sync.dispose();
      syncRef.current = null;
    };
  }, [viewRef]);

  useEffect(() => {
    syncRef.current?.designChanged(design);
  }, [design]);

  return (
    <div className="dbml-pane">
      <div ref={hostRef} className="dbml-pane-editor" />
      {(error !== null || problemCount > 0) && (
        <div className="dbml-pane-status" role="status">
          {error ??
            `${problemCount} problem${problemCount === 1 ? '' : 's'}: the diagram shows the last DBML that parsed.`}
        </div>
      )}
    </div>
  );
}
