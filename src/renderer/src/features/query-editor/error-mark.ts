import { RangeSet, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter, type DecorationSet } from '@codemirror/view';

/** Marks the spot the database blamed for an error: `{ from, to }` in document offsets, or null to clear. */
export const setErrorMark = StateEffect.define<{ from: number; to: number; message: string } | null>();

class ErrorGutterMarker extends GutterMarker {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof ErrorGutterMarker && other.message === this.message;
  }
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'cm-sql-error-dot';
    dot.title = this.message; // text only: never innerHTML with database text
    dot.textContent = '●';
    return dot;
  }
}

interface ErrorMarkState {
  decorations: DecorationSet;
  gutter: RangeSet<GutterMarker>;
}

const empty: ErrorMarkState = { decorations: Decoration.none, gutter: RangeSet.empty };

/** The error mark lives until the next edit: once the text changes the position no longer means anything. */
export const errorMarkField = StateField.define<ErrorMarkState>({
  create: () => empty,
  update(value, tr) {
    let next = tr.docChanged ? empty : value;
    for (const effect of tr.effects) {
      if (!effect.is(setErrorMark)) continue;
      if (effect.value === null) {
        next = empty;
        continue;
      }
      const length = tr.state.doc.length;
      const from = Math.max(0, Math.min(effect.value.from, length));
      // an error at the very end (missing token) still needs something visible to underline
      const to = Math.max(Math.min(effect.value.to, length), Math.min(from + 1, length));
      const line = tr.state.doc.lineAt(from);
      const ranges: Range<Decoration>[] =
        to > from
          ? [Decoration.mark({ class: 'cm-sql-error', attributes: { title: effect.value.message } }).range(from, to)]
          : [];
      next = {
        decorations: Decoration.set(ranges),
        gutter: RangeSet.of([new ErrorGutterMarker(effect.value.message).range(line.from)]),
      };
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.decorations),
});

/** Everything needed for error marks: the field and a thin gutter showing a red dot on the error's line. */
export const errorMarkExtension = [
  errorMarkField,
  gutter({ class: 'cm-sql-error-gutter', markers: (view) => view.state.field(errorMarkField).gutter }),
];

/** Length of the token at `from` (so the underline covers the word the engine pointed at). */
export function tokenLengthAt(text: string, from: number): number {
  const match = /^(?:[\w$]+|"[^"]*"|`[^`]*`|'[^']*'|\S)/.exec(text.slice(from, from + 200));
  return match ? match[0].length : 1;
}
