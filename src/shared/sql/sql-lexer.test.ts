import { describe, expect, it } from 'vitest';
import { lexSql, matchParen, type SqlDialect, type SqlToken } from './sql-lexer';

const kinds = (sql: string, dialect: SqlDialect, comments = false) =>
  lexSql(sql, dialect, { comments }).map((t) => [t.kind, t.value] as const);

describe('lexSql', () => {
  it('splits words, numbers, strings and punctuation, with spans into the text', () => {
    const sql = "SELECT a.b, 1.5e3 FROM t WHERE x = 'it''s'";
    const tokens = lexSql(sql, 'sqlite');
    expect(tokens.map((t) => t.kind)).toEqual([
      'word',
      'word',
      'punct',
      'word',
      'punct',
      'number',
      'word',
      'word',
      'word',
      'word',
      'punct',
      'string',
    ]);
    for (const t of tokens) expect(sql.slice(t.from, t.to)).toBe(t.value);
    expect(tokens[0]!.upper).toBe('SELECT');
    expect(tokens[5]!.value).toBe('1.5e3');
    expect(tokens[11]!.value).toBe("'it''s'");
  });

  it('skips comments unless asked, and can return them', () => {
    const sql = 'select 1 -- one\n/* two */ , 2';
    expect(kinds(sql, 'postgres')).toEqual([
      ['word', 'select'],
      ['number', '1'],
      ['punct', ','],
      ['number', '2'],
    ]);
    expect(kinds(sql, 'postgres', true).filter(([k]) => k === 'comment')).toEqual([
      ['comment', '-- one'],
      ['comment', '/* two */'],
    ]);
  });

  describe('quoted identifiers per dialect', () => {
    it('SQLite: "…", `…` and […]', () => {
      expect(kinds('"a ""b""" `c``d` [e f]', 'sqlite')).toEqual([
        ['quoted', 'a "b"'],
        ['quoted', 'c`d'],
        ['quoted', 'e f'],
      ]);
    });
    it('PostgreSQL: "…" only; [ is an array subscript and ` a plain character', () => {
      expect(kinds('"Mixed Case" a[1]', 'postgres')).toEqual([
        ['quoted', 'Mixed Case'],
        ['word', 'a'],
        ['punct', '['],
        ['number', '1'],
        ['punct', ']'],
      ]);
    });
    it('MySQL: `…` identifiers, "…" strings with backslash escapes', () => {
      expect(kinds('`my table` "say \\"hi\\""', 'mysql')).toEqual([
        ['quoted', 'my table'],
        ['string', '"say \\"hi\\""'],
      ]);
    });
  });

  describe('strings', () => {
    it("MySQL honours \\' in strings; SQLite and PostgreSQL do not", () => {
      expect(kinds("'a\\' b' c", 'mysql')).toEqual([
        ['string', "'a\\' b'"],
        ['word', 'c'],
      ]);
      expect(kinds("'a\\' b", 'sqlite')).toEqual([
        ['string', "'a\\'"],
        ['word', 'b'],
      ]);
    });
    it("PostgreSQL E'…' strings honour backslash escapes; a word ending in e does not", () => {
      expect(kinds("E'it\\'s' x", 'postgres')).toEqual([
        ['string', "E'it\\'s'"],
        ['word', 'x'],
      ]);
      expect(kinds("name'a\\' b", 'postgres')).toEqual([
        ['word', 'name'],
        ['string', "'a\\'"],
        ['word', 'b'],
      ]);
    });
    it('PostgreSQL dollar quotes, tagged or not, are one string; $1 is a parameter', () => {
      expect(kinds("$$ it's; $$ $fn$ a $$ b $fn$ $1 a$b", 'postgres')).toEqual([
        ['string', "$$ it's; $$"],
        ['string', '$fn$ a $$ b $fn$'],
        ['param', '$1'],
        ['word', 'a$b'],
      ]);
    });
    it('flags an unterminated string, identifier or comment and runs it to the end', () => {
      const [open] = lexSql("'open; still", 'sqlite');
      expect(open).toMatchObject({ kind: 'string', to: 12, unterminated: true });
      const [quoted] = lexSql('"half', 'postgres');
      expect(quoted).toMatchObject({ kind: 'quoted', value: 'half', unterminated: true });
      const [comment] = lexSql('/* open', 'postgres', { comments: true });
      expect(comment).toMatchObject({ kind: 'comment', unterminated: true });
    });
  });

  describe('comments per dialect', () => {
    it('MySQL: # comments, and -- only before whitespace', () => {
      expect(kinds('a # b\nc', 'mysql')).toEqual([
        ['word', 'a'],
        ['word', 'c'],
      ]);
      expect(kinds('5--1', 'mysql')).toEqual([
        ['number', '5'],
        ['punct', '-'],
        ['punct', '-'],
        ['number', '1'],
      ]);
      expect(kinds('a # b', 'postgres')).toEqual([
        ['word', 'a'],
        ['punct', '#'],
        ['word', 'b'],
      ]);
    });
    it('PostgreSQL nests block comments; the others do not', () => {
      expect(kinds('/* a /* b */ c */ d', 'postgres')).toEqual([['word', 'd']]);
      expect(kinds('/* a /* b */ c */ d', 'sqlite')).toEqual([
        ['word', 'c'],
        ['punct', '*'],
        ['punct', '/'],
        ['word', 'd'],
      ]);
    });
    it('MySQL executable comments are code: one opener token, then the inside', () => {
      expect(kinds('/*!40101 SET x=1 */', 'mysql')).toEqual([
        ['punct', '/*!'],
        ['number', '40101'],
        ['word', 'SET'],
        ['word', 'x'],
        ['punct', '='],
        ['number', '1'],
        ['punct', '*'],
        ['punct', '/'],
      ]);
      expect(kinds('/*!40101 SET x=1 */', 'postgres')).toEqual([]);
    });
  });

  it('reads numbers: decimals, exponents, hex, a leading dot', () => {
    expect(kinds('0x1F .5 12. 3e-2 7', 'sqlite').map(([, v]) => v)).toEqual(['0x1F', '.5', '12.', '3e-2', '7']);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['a', ' ', "'", '"', '`', '[', ']', '$', '-', '/', '*', '#', '\\', '\n', ';', 'E', '1', '!'];
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
        const tokens = lexSql(text, dialect, { comments: true });
        // tokens are ordered, never overlap and stay inside the text
        let end = 0;
        for (const t of tokens as SqlToken[]) {
          expect(t.from).toBeGreaterThanOrEqual(end);
          expect(t.to).toBeGreaterThan(t.from);
          end = t.to;
        }
        expect(end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});

describe('matchParen', () => {
  it('finds the closing parenthesis, or the end when unbalanced', () => {
    const tokens = lexSql('f(a, (b), c) d', 'sqlite');
    expect(tokens[matchParen(tokens, 1)]!.from).toBe(11);
    const open = lexSql('f(a, (b', 'sqlite');
    expect(matchParen(open, 1)).toBe(open.length);
  });
});
