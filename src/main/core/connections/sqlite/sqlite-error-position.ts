import type Database from 'better-sqlite3';

/**
 * Where in a statement an SQLite error points, for the editor's marker. SQLite names the token
 * (`near "FROM": syntax error`, `unrecognized token: "'abc"`, `no such column: t.x`) but not its offset, and
 * better-sqlite3 does not expose sqlite3_error_offset(). The token may occur more than once, so each
 * occurrence is checked by preparing the statement cut just after it: the first cut that fails with the same
 * message is where SQLite stopped (earlier cuts parse fine so far, or fail differently).
 */
export function sqliteErrorOffset(db: Database.Database, sql: string, message: string): number | undefined {
  if (/^incomplete input$/i.test(message)) return sql.trimEnd().length;
  const quoted = /^(?:near|unrecognized token:) "([\s\S]+)"(?:: syntax error)?$/.exec(message);
  if (quoted) return probe(db, sql, quoted[1]!, message);
  const named = /^no such (?:column|table|function): (\S+)$/.exec(message);
  if (named) {
    const name = named[1]!;
    // `no such function: f` names it without arguments; `no such table: main.t` with its schema
    return firstWord(sql, name) ?? firstWord(sql, name.split('.').pop()!);
  }
  return undefined;
}

function probe(db: Database.Database, sql: string, token: string, message: string): number | undefined {
  for (let at = firstWord(sql, token, 0, true); at !== undefined; at = firstWord(sql, token, at + 1, true)) {
    try {
      db.prepare(sql.slice(0, at + token.length));
    } catch (error) {
      if ((error as { message?: unknown }).message === message) return at;
    }
  }
  return undefined;
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The first occurrence of `token` at or after `from` that is not part of a longer word. */
function firstWord(sql: string, token: string, from = 0, caseSensitive = false): number | undefined {
  const hay = caseSensitive ? sql : sql.toLowerCase();
  const needle = caseSensitive ? token : token.toLowerCase();
  for (let at = hay.indexOf(needle, from); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const before = at > 0 && WORD.test(sql[at - 1]!) && WORD.test(token[0]!);
    const end = at + token.length;
    const after = end < sql.length && WORD.test(sql[end]!) && WORD.test(token[token.length - 1]!);
    if (!before && !after) return at;
  }
  return undefined;
}
