/** A tolerant SQL tokenizer for autocomplete: never throws, works on half-typed SQL, skips comments. */

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** Identifier value (unquoted) or the punctuation/keyword text. */
  value: string;
  /** Upper-cased value for keyword checks (empty for quoted identifiers, which are never keywords). */
  upper: string;
  from: number;
  to: number;
}

/** Splits SQL into tokens, skipping whitespace and comments. Unterminated strings/quotes run to the end. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '#') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === "'") {
      const start = i++;
      while (i < n && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i = Math.min(n, i + 1);
      tokens.push({ kind: 'string', value: sql.slice(start, i), upper: '', from: start, to: i });
    } else if (ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      const start = i++;
      let value = '';
      while (i < n) {
        if (sql[i] === close) {
          if (sql[i + 1] === close && close !== ']') {
            value += close;
            i += 2;
            continue;
          }
          break;
        }
        value += sql[i++];
      }
      i = Math.min(n, i + 1);
      tokens.push({ kind: 'quoted', value, upper: '', from: start, to: i });
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i]!)) i++;
      const value = sql.slice(start, i);
      tokens.push({ kind: 'word', value, upper: value.toUpperCase(), from: start, to: i });
    } else if (/[0-9]/.test(ch)) {
      const start = i;
      while (i < n && /[0-9.eE]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'number', value: sql.slice(start, i), upper: '', from: start, to: i });
    } else {
      tokens.push({ kind: 'punct', value: ch, upper: ch, from: i, to: i + 1 });
      i++;
    }
  }
  return tokens;
}

export const isIdent = (t: Token | undefined): t is Token => !!t && (t.kind === 'quoted' || t.kind === 'word');
export const isPunct = (t: Token | undefined, p: string): boolean => !!t && t.kind === 'punct' && t.value === p;
export const isLiteral = (t: Token | undefined): boolean => !!t && (t.kind === 'number' || t.kind === 'string');
export const isWord = (t: Token | undefined, upper: string): boolean => !!t && t.kind === 'word' && t.upper === upper;

/** Index of the `)` matching the `(` at `open`, or tokens.length when unbalanced. */
export function matchParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}
