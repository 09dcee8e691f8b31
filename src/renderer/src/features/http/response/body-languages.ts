/**
 * Small stream tokenizers that colour pretty JSON and XML with the editor theme's tags (no lezer grammar package
 * needed), and folding by indentation: both views are indented by us, so indentation is the structure.
 */
import { foldService, StreamLanguage, type StringStream } from '@codemirror/language';
import type { Extension } from '@codemirror/state';

export const jsonLanguage = StreamLanguage.define<null>({
  name: 'json',
  startState: () => null,
  token(stream: StringStream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return stream.match(/^\s*:/, false) ? 'propertyName' : 'string';
    if (stream.match(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/)) return 'number';
    if (stream.match(/^(?:true|false)\b/)) return 'bool';
    if (stream.match(/^null\b/)) return 'null';
    stream.next();
    return 'punctuation';
  },
});

interface XmlState {
  inTag: boolean;
  inComment: boolean;
}

export const xmlLanguage = StreamLanguage.define<XmlState>({
  name: 'xml',
  startState: () => ({ inTag: false, inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('-->')) {
        stream.match('-->');
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (state.inTag) {
      if (stream.eatSpace()) return null;
      if (stream.match(/^\/?>/) || stream.match('?>')) {
        state.inTag = false;
        return 'punctuation';
      }
      if (stream.match(/^"[^"]*"?/) || stream.match(/^'[^']*'?/)) return 'string';
      if (stream.match(/^[^\s=/>"']+/)) return 'attributeName';
      stream.next();
      return 'punctuation';
    }
    if (stream.match('<!--')) {
      state.inComment = true;
      return 'comment';
    }
    if (stream.match(/^<[/?!]?[^\s/>]*/)) {
      state.inTag = true;
      return 'tagName';
    }
    if (!stream.skipTo('<')) stream.skipToEnd();
    return null;
  },
});

const indentOf = (text: string) => text.length - text.trimStart().length;

/** A line folds up to the last line after it that is indented deeper (`{` … its members, not the `}`). */
export const indentFolding: Extension = foldService.of((state, lineStart, lineEnd) => {
  const line = state.doc.lineAt(lineStart);
  if (!line.text.trim()) return null;
  const indent = indentOf(line.text);
  let last = line.number;
  for (let n = line.number + 1; n <= state.doc.lines; n++) {
    const next = state.doc.line(n);
    if (!next.text.trim()) continue;
    if (indentOf(next.text) <= indent) break;
    last = n;
  }
  return last > line.number ? { from: lineEnd, to: state.doc.line(last).to } : null;
});
