import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorTheme } from '../query-editor/editor-theme';

export interface TextEditorProps {
  value: string;
  onChange(text: string): void;
  theme: 'dark' | 'light';
  label: string;
  minHeight?: number;
  'data-testid'?: string;
}

const look = EditorView.theme({
  '&': { fontSize: '12px', border: '1px solid var(--border)', borderRadius: '5px' },
  '&.cm-focused': { outline: '1px solid var(--accent)' },
  '.cm-scroller': { lineHeight: '1.5', overflow: 'auto' },
});

/** A plain multi-line CodeMirror editor (bodies, raw YAML): the SQL editor's theme, undo and keys, no language. */
export function TextEditor({ value, onChange, theme, label, minHeight = 120, ...rest }: TextEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const live = useRef({ value, onChange });
  useEffect(() => {
    live.current = { value, onChange };
  });
  const themeSlot = useRef(new Compartment());

  useEffect(() => {
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: live.current.value,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.lineWrapping,
          themeSlot.current.of([look, editorTheme(theme)]),
          EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            if (text !== live.current.value) live.current.onChange(text);
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // created once; value and theme follow through the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: themeSlot.current.reconfigure([look, editorTheme(theme)]) });
  }, [theme]);

  return <div ref={hostRef} className="mock-text-editor" style={{ minHeight }} data-testid={rest['data-testid']} />;
}
