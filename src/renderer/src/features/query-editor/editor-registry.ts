import type { EditorView } from '@codemirror/view';

/**
 * The live CodeMirror view of each editor tab, so toolbar buttons can read the cursor/selection and apply
 * edits (format) without lifting editor state into the store on every keystroke.
 */
export const editorViews = new Map<string, EditorView>();

/** The cursor offset and selection of a tab's editor (the document end when the editor is not mounted). */
export function editorSelection(tabId: string): { cursor: number; from: number; to: number } | null {
  const view = editorViews.get(tabId);
  if (!view) return null;
  const range = view.state.selection.main;
  return { cursor: range.head, from: range.from, to: range.to };
}
