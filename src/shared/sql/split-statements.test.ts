import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt, type SqlDialect } from './split-statements';

const texts = (sql: string, dialect: SqlDialect) => splitStatements(sql, dialect).map((s) => s.text);

describe('splitStatements', () => {
  it('splits on semicolons, trims, and drops empty statements', () => {
    expect(texts('select 1;  select 2 ;;\n\n select 3', 'sqlite')).toEqual(['select 1', 'select 2', 'select 3']);
    expect(texts('', 'postgres')).toEqual([]);
    expect(texts(' ;  ; \n', 'mysql')).toEqual([]);
  });

  it('reports offsets of the trimmed text within the script', () => {
    const sql = '  select 1 ;\n\tselect  2;  ';
    const statements = splitStatements(sql, 'postgres');
    expect(statements).toEqual([
      { text: 'select 1', from: 2, to: 10 },
      { text: 'select  2', from: 14, to: 23 },
    ]);
    for (const s of statements) expect(sql.slice(s.from, s.to)).toBe(s.text);
  });

  it('drops statements that hold only comments', () => {
    expect(texts('select 1; -- trailing note\n/* block */ ;', 'sqlite')).toEqual(['select 1']);
    expect(texts('-- only a comment', 'postgres')).toEqual([]);
  });

  it('keeps comments that belong to a statement', () => {
    expect(texts('-- the first\nselect 1; select /* ; */ 2', 'sqlite')).toEqual([
      '-- the first\nselect 1',
      'select /* ; */ 2',
    ]);
  });

  describe.each<SqlDialect>(['sqlite', 'postgres', 'mysql'])('%s: strings and comments', (dialect) => {
    it("ignores semicolons in '…' strings, with '' escapes", () => {
      expect(texts("select 'a;b', 'it''s; fine'; select 2", dialect)).toEqual([
        "select 'a;b', 'it''s; fine'",
        'select 2',
      ]);
    });
    it('ignores semicolons in "…" identifiers, with "" escapes', () => {
      expect(texts('select "a;""b"; select 2', dialect)).toEqual(['select "a;""b"', 'select 2']);
    });
    it('ignores semicolons in -- line comments and /* */ block comments', () => {
      expect(texts('select 1 -- a; b\n, 2; select /* x; y */ 3', dialect)).toEqual([
        'select 1 -- a; b\n, 2',
        'select /* x; y */ 3',
      ]);
    });
    it('treats an unterminated string as running to the end', () => {
      expect(texts("select 1; select 'open; still open", dialect)).toEqual(['select 1', "select 'open; still open"]);
    });
    it('treats an unterminated block comment as running to the end', () => {
      expect(texts('select 1; /* open; still', dialect)).toEqual(['select 1']);
    });
    it('handles CRLF line endings', () => {
      expect(texts('select 1;\r\n-- c;\r\nselect 2;\r\n', dialect)).toEqual(['select 1', '-- c;\r\nselect 2']);
    });
  });

  describe('mysql', () => {
    it('keeps executable comments (/*! … */, /*M! … */) as statements, as a dump needs them', () => {
      const dump =
        "/*!40101 SET @OLD = ';' */;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n/*M!100100 SET a=1*/;\n/* plain; */ SELECT /*+ hint */ 1;";
      expect(texts(dump, 'mysql')).toEqual([
        "/*!40101 SET @OLD = ';' */",
        '/*!40014 SET FOREIGN_KEY_CHECKS=0 */',
        '/*M!100100 SET a=1*/',
        '/* plain; */ SELECT /*+ hint */ 1',
      ]);
      // only MySQL runs them; elsewhere they are comments
      expect(texts('/*!40101 SET NAMES utf8 */', 'postgres')).toEqual([]);
      expect(texts('/*!40101 SET NAMES utf8 */', 'sqlite')).toEqual([]);
    });
    it('knows # and --<space> comments, and -- without a space as two minus signs', () => {
      expect(texts('select 1 # c; x\n; select 2', 'mysql')).toEqual(['select 1 # c; x', 'select 2']);
      expect(texts('select 5--1; select 2', 'mysql')).toEqual(['select 5--1', 'select 2']);
      expect(texts('select 1 --\tc; x\n; select 2', 'mysql')).toEqual(['select 1 --\tc; x', 'select 2']);
      expect(texts('select 1 # c; x\n; select 2', 'postgres')).toEqual(['select 1 # c', 'x', 'select 2']);
    });
    it('honours backslash escapes in strings', () => {
      expect(texts("select 'a\\';b'; select 2", 'mysql')).toEqual(["select 'a\\';b'", 'select 2']);
      expect(texts('select "a\\";b"; select 2', 'mysql')).toEqual(['select "a\\";b"', 'select 2']);
    });
    it('knows backtick identifiers and # comments', () => {
      expect(texts('select `a;``b` # c;\n; select 2', 'mysql')).toEqual(['select `a;``b` # c;', 'select 2']);
    });
    it('treats -- as a comment only when followed by whitespace', () => {
      expect(texts('select 5--1; select 2', 'mysql')).toEqual(['select 5--1', 'select 2']);
      expect(texts('select 5 -- x; y\n; select 2', 'mysql')).toEqual(['select 5 -- x; y', 'select 2']);
    });
    it('keeps a stored procedure body with BEGIN … END, END IF and END LOOP together', () => {
      const proc = `CREATE DEFINER=\`root\`@\`localhost\` PROCEDURE p(IN n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  IF n > 0 THEN
    SET i = 1;
  END IF;
  l1: LOOP
    SET i = i + 1;
    IF i > n THEN LEAVE l1; END IF;
  END LOOP l1;
  CASE i WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;
  SELECT CASE WHEN i > 1 THEN 'x' ELSE 'y' END;
END`;
      expect(texts(`${proc};\nCALL p(3);`, 'mysql')).toEqual([proc, 'CALL p(3)']);
    });
    it('does not treat a transaction BEGIN as a body', () => {
      expect(texts('BEGIN; insert into t values (1); COMMIT;', 'mysql')).toEqual([
        'BEGIN',
        'insert into t values (1)',
        'COMMIT',
      ]);
    });
  });

  describe('postgres', () => {
    it('handles E-strings, nested comments, $n parameters next to dollar quotes, and U& strings', () => {
      expect(texts("select E'it\\'s; here'; select 2", 'postgres')).toEqual(["select E'it\\'s; here'", 'select 2']);
      expect(texts("select 'it\\'; select 2", 'postgres')).toEqual(["select 'it\\'", 'select 2']);
      expect(texts('select 1 /* a /* b; */ c; */; select 2', 'postgres')).toEqual([
        'select 1 /* a /* b; */ c; */',
        'select 2',
      ]);
      expect(texts('prepare p as select $1::int, $2; execute p(1, $tag$;$tag$)', 'postgres')).toEqual([
        'prepare p as select $1::int, $2',
        'execute p(1, $tag$;$tag$)',
      ]);
      expect(texts("select a$b, U&'d\\0061t;'; select 2", 'postgres')).toEqual([
        "select a$b, U&'d\\0061t;'",
        'select 2',
      ]);
    });
    it('keeps dollar-quoted bodies together ($$ and $tag$)', () => {
      const fn = `create function f() returns int language plpgsql as $$
begin
  perform 1; return 2;
end $$`;
      const tagged = `do $body$ begin raise notice '$$;'; end $body$`;
      expect(texts(`${fn};\n${tagged}; select 3`, 'postgres')).toEqual([fn, tagged, 'select 3']);
    });
    it('does not take $1 parameters or identifiers with $ for dollar quotes', () => {
      expect(texts('select $1; select a$b$ from t; select 2', 'postgres')).toEqual([
        'select $1',
        'select a$b$ from t',
        'select 2',
      ]);
    });
    it("honours backslash escapes only in E'…' strings", () => {
      expect(texts("select E'a\\';b'; select 2", 'postgres')).toEqual(["select E'a\\';b'", 'select 2']);
      expect(texts("select 'a\\'; select 2", 'postgres')).toEqual(["select 'a\\'", 'select 2']);
    });
    it('nests block comments', () => {
      expect(texts('select /* a /* b; */ c; */ 1; select 2', 'postgres')).toEqual([
        'select /* a /* b; */ c; */ 1',
        'select 2',
      ]);
    });
    it('keeps a BEGIN ATOMIC body together', () => {
      const fn = `create function add(a int, b int) returns int language sql
begin atomic
  select case when a is null then 0 else a end + b;
end`;
      expect(texts(`${fn}; select add(1, 2)`, 'postgres')).toEqual([fn, 'select add(1, 2)']);
    });
    it('splits a transaction BEGIN normally', () => {
      expect(texts('begin; select 1; commit', 'postgres')).toEqual(['begin', 'select 1', 'commit']);
    });
    it('does not treat backticks or brackets as quotes', () => {
      expect(texts('select `a; select array[1;2]', 'postgres')).toEqual(['select `a', 'select array[1', '2]']);
    });
  });

  describe('sqlite', () => {
    it('knows [bracket] and `backtick` identifiers', () => {
      expect(texts('select [a;b], `c;d` from t; select 2', 'sqlite')).toEqual([
        'select [a;b], `c;d` from t',
        'select 2',
      ]);
    });
    it('keeps CREATE TRIGGER … BEGIN … END bodies together', () => {
      const trigger = `CREATE TEMP TRIGGER IF NOT EXISTS log_insert AFTER INSERT ON orders
BEGIN
  INSERT INTO log(msg) VALUES ('inserted; ok');
  UPDATE stats SET n = CASE WHEN n IS NULL THEN 1 ELSE n + 1 END;
END`;
      expect(texts(`${trigger};\ninsert into orders default values;`, 'sqlite')).toEqual([
        trigger,
        'insert into orders default values',
      ]);
    });
    it('does not treat other BEGINs as bodies', () => {
      expect(texts('BEGIN TRANSACTION; create table t(begin int, "end" int); END;', 'sqlite')).toEqual([
        'BEGIN TRANSACTION',
        'create table t(begin int, "end" int)',
        'END',
      ]);
    });
  });
});

describe('statementAt', () => {
  const sql = 'select 1;  select 2;\n\nselect 3';
  const statements = splitStatements(sql, 'sqlite');

  it('returns the statement containing the cursor', () => {
    expect(statementAt(statements, 0)?.text).toBe('select 1');
    expect(statementAt(statements, 4)?.text).toBe('select 1');
    expect(statementAt(statements, sql.indexOf('select 2') + 3)?.text).toBe('select 2');
    expect(statementAt(statements, sql.length)?.text).toBe('select 3');
  });

  it('returns the statement ending at the cursor (cursor just before or after the ;)', () => {
    expect(statementAt(statements, 8)?.text).toBe('select 1');
    expect(statementAt(statements, 9)?.text).toBe('select 1');
  });

  it('returns the nearest preceding statement from whitespace between statements', () => {
    expect(statementAt(statements, sql.indexOf('select 2') - 1)?.text).toBe('select 1');
    expect(statementAt(statements, sql.indexOf('\n\n') + 1)?.text).toBe('select 2');
  });

  it('returns the last statement after the last ;', () => {
    const s = splitStatements('select 1; select 2;\n\n', 'postgres');
    expect(statementAt(s, 21)?.text).toBe('select 2');
  });

  it('returns the first statement before it, and undefined when there are none', () => {
    const s = splitStatements('\n\n  select 1;', 'mysql');
    expect(statementAt(s, 0)?.text).toBe('select 1');
    expect(statementAt([], 0)).toBeUndefined();
  });
});

describe('splitStatements on arbitrary input', () => {
  it('never throws and always returns trimmed, ordered, in-bounds slices', () => {
    // a small seeded generator over the characters that matter to the scanner
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = [
      "'",
      '"',
      '`',
      '[',
      ']',
      '$',
      'a',
      'E',
      ';',
      '-',
      '#',
      '/',
      '*',
      '\\',
      ' ',
      '\n',
      'BEGIN ',
      'END ',
      'CASE ',
      'CREATE TRIGGER ',
      '$t$',
    ];
    for (let round = 0; round < 500; round++) {
      let sql = '';
      const len = Math.floor(rand() * 60);
      for (let k = 0; k < len; k++) sql += alphabet[Math.floor(rand() * alphabet.length)];
      for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
        const statements = splitStatements(sql, dialect);
        let last = 0;
        for (const s of statements) {
          expect(s.from).toBeGreaterThanOrEqual(last);
          expect(s.to).toBeGreaterThan(s.from);
          expect(sql.slice(s.from, s.to)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          last = s.to;
        }
      }
    }
  });
});
