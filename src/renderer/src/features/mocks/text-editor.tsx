import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { useCodeMirror } from '../query-editor/use-code-mirror';

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
  const live = useRef({ value, onChange });
  useEffect(() => {
    live.current = { value, onChange };
  });
  const { hostRef } = useCodeMirror({
    value,
    theme,
    look,
    extensions: () => [
      lineNumbers(),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        if (text !== live.current.value) live.current.onChange(text);
      }),
    ],
  });

  return <div ref={hostRef} className="mock-text-editor" style={{ minHeight }} data-testid={rest['data-testid']} />;
}
