import { foldGutter, foldKeymap, codeFolding } from '@codemirror/language';
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useImperativeHandle, type Ref } from 'react';
import { useUi } from '../../../stores/app-stores';
import { useCodeMirror } from '../../query-editor/use-code-mirror';
import { indentFolding, jsonLanguage, xmlLanguage } from './body-languages';

export interface CodeViewHandle {
  /** Opens CodeMirror's search panel (the same as Ctrl+F in the view). */
  openSearch(): void;
}

export interface CodeViewProps {
  text: string;
  language: 'json' | 'xml' | 'text';
  label: string;
  handle?: Ref<CodeViewHandle>;
  /** On the view's element: `data-testid`, `data-pretty`, `data-view`. */
  attributes?: Record<string, string | undefined>;
}

const look = EditorView.theme({
  '&': { fontSize: '12px' },
  '.cm-scroller': { lineHeight: '1.5', overflow: 'auto' },
  '.cm-foldGutter .cm-gutterElement': { cursor: 'pointer', padding: '0 4px' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--hover)',
    border: '1px solid var(--border)',
    color: 'var(--fg-muted)',
  },
  '.cm-searchMatch': { backgroundColor: 'var(--selection)', outline: '1px solid var(--border)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--selection-strong)' },
  '.cm-panel.cm-search': { fontSize: '12px', padding: '4px 8px', borderBottom: '1px solid var(--border)' },
  '.cm-panel.cm-search label': { color: 'var(--fg-muted)', fontSize: '12px' },
  '.cm-textfield': {
    backgroundColor: 'var(--bg)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: '4px',
    fontSize: '12px',
  },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--bg-elevated)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: '4px',
    fontSize: '12px',
  },
  '.cm-panel.cm-search [name=close]': { color: 'var(--fg-muted)' },
});

/** A read-only CodeMirror of a response body: line numbers, folding by indentation, search (Ctrl+F). */
export function CodeView({ text, language, label, handle, attributes }: CodeViewProps) {
  const theme = useUi((s) => s.theme);
  const { hostRef, viewRef } = useCodeMirror({
    value: text,
    theme,
    look,
    extensions: () => [
      EditorState.readOnly.of(true),
      lineNumbers(),
      codeFolding(),
      foldGutter(),
      indentFolding,
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...searchKeymap, ...foldKeymap]),
      ...(language === 'json' ? [jsonLanguage] : language === 'xml' ? [xmlLanguage] : []),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
    ],
  });
  useImperativeHandle(handle, () => ({
    openSearch() {
      if (viewRef.current) openSearchPanel(viewRef.current);
    },
  }));
  return <div ref={hostRef} className="http-code-view" {...attributes} />;
}
