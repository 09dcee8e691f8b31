import { StreamLanguage, type StringStream } from '@codemirror/language';

// https://dbml.dbdiagram.io/docs/ — the words that open a block or a setting
const KEYWORDS = new Set(['table', 'ref', 'enum', 'tablegroup', 'project', 'note', 'indexes', 'as', 'records']);
const SETTINGS = new Set([
  'pk',
  'primary',
  'key',
  'null',
  'not',
  'unique',
  'increment',
  'default',
  'delete',
  'update',
  'cascade',
  'restrict',
  'set',
  'no',
  'action',
  'name',
  'type',
  'headercolor',
  'database_type',
]);

/** DBML colours for the text pane: keywords, settings, strings, numbers, comments (no parsing: the core does that). */
export const dbmlLanguage = StreamLanguage.define<{ inBlockComment: boolean }>({
  name: 'dbml',
  startState: () => ({ inBlockComment: false }),
  token(stream: StringStream, state) {
    if (state.inBlockComment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.inBlockComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inBlockComment = true;
      return 'comment';
    }
    if (stream.match("'''")) {
      // multi-line notes: coloured as far as this line goes
      if (!stream.skipTo("'''")) stream.skipToEnd();
      else stream.match("'''");
      return 'string';
    }
    if (stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'variableName';
    if (stream.match(/^`[^`]*`?/)) return 'string.special';
    if (stream.match(/^-?\d+(?:\.\d+)?/)) return 'number';
    if (stream.match(/^[A-Za-z_][\w]*/)) {
      const word = stream.current().toLowerCase();
      if (KEYWORDS.has(word)) return 'keyword';
      if (SETTINGS.has(word)) return 'typeName';
      return 'variableName';
    }
    if (stream.match(/^[<>-]+/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
});
