import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef, type RefObject } from 'react';
import { editorTheme } from './editor-theme';

export interface CodeMirrorSetup {
  /** The text to show: typed edits report it back, and a different value from outside replaces the document. */
  value: string;
  theme: 'dark' | 'light';
  /** This editor's own look (size, border…), applied with the app's colours for `theme`. */
  look: Extension;
  /**
   * The editor's other extensions, read once when the view is made: callbacks in them read props through a ref
   * rather than closing over the first render's values.
   */
  extensions(): Extension[];
}

/**
 * One CodeMirror view for a React component (the mock text editor, the data tab's WHERE box): made once in the
 * element `hostRef` points at, destroyed on unmount, its document following `value` and its colours `theme`.
 */
export function useCodeMirror({ value, theme, look, extensions }: CodeMirrorSetup): {
  hostRef: RefObject<HTMLDivElement | null>;
  viewRef: RefObject<EditorView | null>;
} {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const themeSlot = useRef(new Compartment());
  const first = useRef({ value, theme, look, extensions });

  useEffect(() => {
    const initial = first.current;
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: initial.value,
        extensions: [...initial.extensions(), themeSlot.current.of([initial.look, editorTheme(initial.theme)])],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: themeSlot.current.reconfigure([look, editorTheme(theme)]) });
  }, [look, theme]);

  return { hostRef, viewRef };
}
