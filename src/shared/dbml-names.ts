/**
 * How DBML spells a name (designs, issue 9), shared by the writer in the main process and the renderer's edits:
 * bare when it is a plain identifier and no DBML keyword, else double-quoted with backslash escapes. And the head
 * of a `Records` block as the reader writes it (`Records <table>(<columns>) `), which renames rewrite.
 */

// words DBML reads as keywords in some position; a name spelled like one is always quoted
const KEYWORDS = new Set([
  'table',
  'tablegroup',
  'tablepartial',
  'enum',
  'ref',
  'note',
  'project',
  'indexes',
  'checks',
  'records',
  'as',
  'pk',
  'null',
  'not',
  'unique',
  'increment',
  'default',
  'true',
  'false',
  'diagramview',
]);

/** Text for inside `quote`s: backslash, the quote, line breaks, tabs and control characters escaped. */
export function escapeText(text: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** A table, column, schema or enum name: bare when it is a plain identifier, else in double quotes. */
export function dbmlName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase())) return name;
  return `"${escapeText(name, '"')}"`;
}

/** `schema.table`, or `table` in the default schema. */
export function dbmlTableName(table: { schema: string | null; name: string }): string {
  return table.schema === null ? dbmlName(table.name) : `${dbmlName(table.schema)}.${dbmlName(table.name)}`;
}

// a name as dbmlName writes it (the escapes escapeText makes are JSON's)
const NAME = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*")`;
const RECORDS_HEAD = new RegExp(String.raw`^Records ${NAME}(?:\.${NAME})?\(\s*(${NAME}(?:\s*,\s*${NAME})*)\s*\)\s*`);
const NAMES = new RegExp(NAME, 'g');

/** The columns a `Records` block's head names and the text after the head (its rows); null when it is no such head. */
export function readRecordsHead(text: string): { columns: string[]; rows: string } | null {
  const head = RECORDS_HEAD.exec(text);
  if (head === null) return null;
  const columns = [...head[1]!.matchAll(NAMES)].map(([name]) =>
    name.startsWith('"') ? (JSON.parse(name) as string) : name,
  );
  return { columns, rows: text.slice(head[0].length) };
}

/** A `Records` block of `table` filling `columns` with `rows` (the text after the head, from `{`). */
export function recordsBlock(table: { schema: string | null; name: string }, columns: string[], rows: string): string {
  return `Records ${dbmlTableName(table)}(${columns.map(dbmlName).join(', ')}) ${rows}`;
}
