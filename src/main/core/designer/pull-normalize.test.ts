import { describe, expect, it } from 'vitest';
import {
  mysqlAction,
  normalizeMysqlDefault,
  normalizeMysqlType,
  normalizePgDefault,
  normalizePgType,
  stripOuterParens,
} from './pull-normalize';

describe('pull normalization', () => {
  it('PostgreSQL types: the short names for the long ones format_type prints', () => {
    expect(
      [
        'character varying(255)',
        'character varying',
        'character(3)',
        'character varying(20)[]',
        'timestamp without time zone',
        'timestamp(3) without time zone',
        'time without time zone',
        'timestamp with time zone',
        'bit varying(8)',
        'double precision',
      ].map(normalizePgType),
    ).toEqual([
      'varchar(255)',
      'varchar',
      'char(3)',
      'varchar(20)[]',
      'timestamp',
      'timestamp(3)',
      'time',
      'timestamp with time zone',
      'varbit(8)',
      'double precision',
    ]);
  });

  it('PostgreSQL defaults: casts on literals stripped, numbers bare on numeric columns, NULL as no default', () => {
    const cases: [string | null, string, string | null][] = [
      ["'x'::character varying", 'varchar(10)', "'x'"],
      ["'it''s'::text", 'text', "'it''s'"],
      ["'-1'::integer", 'integer', '-1'],
      ["'-1.5'::numeric", 'numeric(10,2)', '-1.5'],
      ["'12'::text", 'text', "'12'"],
      ["'{1,2}'::integer[]", 'integer[]', "'{1,2}'"],
      ["'2020-01-01 00:00:00+00'::timestamp with time zone", 'timestamp with time zone', "'2020-01-01 00:00:00+00'"],
      ["'1 day'::interval", 'interval', "'1 day'"],
      ["E'a\\\\b'::text", 'text', "E'a\\\\b'"],
      ['NULL::character varying', 'varchar', null],
      ['now()', 'timestamp', 'now()'],
      ["(now() + '1 day'::interval)", 'timestamp', "(now() + '1 day'::interval)"],
      ['true', 'boolean', 'true'],
      [null, 'text', null],
    ];
    for (const [dflt, type, expected] of cases) expect(normalizePgDefault(dflt, type), String(dflt)).toBe(expected);
  });

  it('MySQL types: integer display widths dropped except tinyint(1)', () => {
    expect(
      ['INT(11)', 'bigint(20) unsigned', 'tinyint(1)', 'tinyint(4)', 'decimal(10,2)', "enum('a','b')"].map(
        normalizeMysqlType,
      ),
    ).toEqual(['int', 'bigint unsigned', 'tinyint(1)', 'tinyint', 'decimal(10,2)', "enum('a','b')"]);
  });

  it("MySQL types: MariaDB's year(4) is year, as MySQL 8 prints it and a script writes it (Sakila film.release_year)", () => {
    expect(['year(4)', 'YEAR'].map(normalizeMysqlType)).toEqual(['year', 'year']);
  });

  it('MySQL types: the labels of an ENUM or SET keep their case (Sakila film.rating: G, PG, NC-17)', () => {
    expect(
      ["ENUM('G','PG-13','it''s A')", "set('Trailers','Deleted Scenes')", "enum('a\\'B')"].map(normalizeMysqlType),
    ).toEqual(["enum('G','PG-13','it''s A')", "set('Trailers','Deleted Scenes')", "enum('a\\'B')"]);
  });

  it('MySQL 8 and MariaDB defaults come out the same', () => {
    const maria = { mariadb: true, generated: false };
    const mysql8 = { mariadb: false, generated: false };
    const mysql8Expr = { mariadb: false, generated: true };
    expect(normalizeMysqlDefault("'abc'", 'varchar(5)', maria)).toBe("'abc'");
    expect(normalizeMysqlDefault('abc', 'varchar(5)', mysql8)).toBe("'abc'");
    expect(normalizeMysqlDefault("it's", 'varchar(5)', mysql8)).toBe("'it''s'");
    expect(normalizeMysqlDefault('0', 'int', maria)).toBe('0');
    expect(normalizeMysqlDefault('0', 'int', mysql8)).toBe('0');
    expect(normalizeMysqlDefault('0', 'varchar(3)', mysql8)).toBe("'0'");
    expect(normalizeMysqlDefault('NULL', 'int', maria)).toBeNull();
    expect(normalizeMysqlDefault('current_timestamp()', 'timestamp', maria)).toBe('CURRENT_TIMESTAMP');
    expect(normalizeMysqlDefault('current_timestamp(3)', 'timestamp(3)', maria)).toBe('CURRENT_TIMESTAMP(3)');
    expect(normalizeMysqlDefault('CURRENT_TIMESTAMP', 'timestamp', mysql8Expr)).toBe('CURRENT_TIMESTAMP');
    expect(normalizeMysqlDefault("b'1'", 'bit(1)', mysql8)).toBe("b'1'");
  });

  it('foreign key actions: the default (no action) and its InnoDB twin restrict are null on MySQL', () => {
    expect(['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL'].map(mysqlAction)).toEqual([
      null,
      null,
      'cascade',
      'set null',
    ]);
  });

  it('outer parentheses go only when they wrap the whole expression', () => {
    expect(stripOuterParens('((a > 0))')).toBe('a > 0');
    expect(stripOuterParens('(a) > (b)')).toBe('(a) > (b)');
    expect(stripOuterParens("(a <> ')')")).toBe("a <> ')'");
  });
});
