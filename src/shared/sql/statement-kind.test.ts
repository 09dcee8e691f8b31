import { describe, expect, it } from 'vitest';
import {
  changesData,
  changesSchema,
  isRerunnable,
  reportsAffectedRows,
  riskyStatement,
  statementKind,
} from './statement-kind';

describe('statementKind', () => {
  it('reads the leading keyword behind comments and parentheses', () => {
    expect(statementKind('  -- note\n/* x */ select 1', 'sqlite')).toBe('query');
    expect(statementKind('(SELECT 1) UNION (SELECT 2)', 'postgres')).toBe('query');
    expect(statementKind('insert into t values (1)', 'mysql')).toBe('insert');
    expect(statementKind('REPLACE INTO t VALUES (1)', 'sqlite')).toBe('insert');
    expect(statementKind('UPDATE t SET a = 1', 'postgres')).toBe('update');
    expect(statementKind('delete from t', 'sqlite')).toBe('delete');
    expect(statementKind('CREATE TABLE t (id int)', 'sqlite')).toBe('ddl');
    expect(statementKind('truncate t', 'postgres')).toBe('ddl');
    expect(statementKind('BEGIN', 'postgres')).toBe('transaction');
    expect(statementKind('PRAGMA foreign_keys = ON', 'sqlite')).toBe('other');
    expect(statementKind('', 'sqlite')).toBe('other');
    expect(statementKind('-- only a comment', 'sqlite')).toBe('other');
  });

  it('judges WITH by the statement its CTEs feed', () => {
    expect(statementKind('WITH a AS (SELECT 1) SELECT * FROM a', 'postgres')).toBe('query');
    expect(
      statementKind('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c', 'sqlite'),
    ).toBe('query');
    expect(
      statementKind('WITH a AS (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) INSERT INTO t SELECT * FROM a', 'postgres'),
    ).toBe('insert');
    expect(statementKind('WITH d AS (DELETE FROM t RETURNING *) DELETE FROM u', 'postgres')).toBe('delete');
  });

  it('is not fooled by keywords in strings, quoted names or comments', () => {
    expect(statementKind("SELECT 'INSERT INTO t' AS s", 'sqlite')).toBe('query');
    expect(statementKind('-- DELETE FROM t\nSELECT 1', 'postgres')).toBe('query');
    expect(statementKind('# DROP TABLE t\nSELECT 1', 'mysql')).toBe('query');
    expect(statementKind('"update" ', 'postgres')).toBe('other');
  });

  it('says which kinds report affected rows', () => {
    expect(reportsAffectedRows('insert')).toBe(true);
    expect(reportsAffectedRows('delete')).toBe(true);
    expect(reportsAffectedRows('ddl')).toBe(false);
    expect(reportsAffectedRows('other')).toBe(false);
  });
});

describe('changesSchema / changesData', () => {
  it('sees DDL behind whitespace and comments', () => {
    expect(changesSchema('CREATE TABLE t (id int)', 'sqlite')).toBe(true);
    expect(changesSchema('  -- add a column\n  alter table t add c int', 'postgres')).toBe(true);
    expect(changesSchema('/* gone */ DROP VIEW v', 'mysql')).toBe(true);
    expect(changesSchema('rename table a to b', 'mysql')).toBe(true);
    expect(changesSchema("ATTACH 'x.db' AS x", 'sqlite')).toBe(true);
  });

  it('ignores queries, DML and words that only start like DDL', () => {
    expect(changesSchema('SELECT 1', 'sqlite')).toBe(false);
    expect(changesSchema("INSERT INTO t VALUES ('CREATE TABLE')", 'sqlite')).toBe(false);
    expect(changesSchema('created_at', 'sqlite')).toBe(false);
    expect(changesSchema('-- CREATE TABLE t', 'sqlite')).toBe(false);
    expect(changesSchema('/* unterminated CREATE', 'sqlite')).toBe(false);
  });

  it('counts DML and DDL as changing data, reads and transactions not', () => {
    expect(changesData('INSERT INTO t VALUES (1)', 'sqlite')).toBe(true);
    expect(changesData('TRUNCATE t', 'postgres')).toBe(true);
    expect(changesData('SELECT 1', 'sqlite')).toBe(false);
    expect(changesData('COMMIT', 'sqlite')).toBe(false);
  });
});

describe('isRerunnable', () => {
  it('accepts plain reads and refuses anything that may write', () => {
    expect(isRerunnable('SELECT * FROM t')).toBe(true);
    expect(isRerunnable('  -- note\n with x as (select 1) select * from x')).toBe(true);
    expect(isRerunnable("SELECT 'insert into' AS label")).toBe(true);
    expect(isRerunnable("SELECT replace(name, 'a', 'b') FROM t")).toBe(true);
    expect(isRerunnable('INSERT INTO t VALUES (1) RETURNING id')).toBe(false);
    expect(isRerunnable('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toBe(false);
    expect(isRerunnable('SELECT * INTO newtable FROM t')).toBe(false);
    expect(isRerunnable("SELECT nextval('s')")).toBe(false);
    expect(isRerunnable('SELECT "nextval"(\'s\')', 'postgres')).toBe(false);
    expect(isRerunnable('EXPLAIN ANALYZE SELECT 1')).toBe(false);
    expect(isRerunnable('EXPLAIN (FORMAT JSON,\n ANALYZE) SELECT 1')).toBe(false);
    expect(isRerunnable('SELECT * FROM t FOR UPDATE')).toBe(false);
    expect(isRerunnable('SELECT * FROM t FOR NO KEY UPDATE')).toBe(false);
    expect(isRerunnable('SELECT * FROM t LOCK IN SHARE MODE')).toBe(false);
    expect(isRerunnable('SELECT pg_advisory_lock(1)')).toBe(false);
  });

  it('without a dialect, refuses what any engine would run as code', () => {
    // PostgreSQL: the backslash does not escape, so nextval runs; MySQL reads it all as one string
    const sql = "SELECT '\\', nextval('s') -- '";
    expect(isRerunnable(sql, 'mysql')).toBe(true);
    expect(isRerunnable(sql, 'postgres')).toBe(false);
    expect(isRerunnable(sql)).toBe(false);
  });
});

describe('riskyStatement', () => {
  const risky = (sql: string) => riskyStatement(sql, 'postgres');
  it('finds UPDATE and DELETE without a WHERE of their own', () => {
    expect(risky('UPDATE items SET price = 0')).toEqual({ kind: 'noWhere', verb: 'UPDATE' });
    expect(risky('delete from items')).toEqual({ kind: 'noWhere', verb: 'DELETE' });
    expect(risky('UPDATE items SET price = (SELECT max(p) FROM prices WHERE id = 1)')).toEqual({
      kind: 'noWhere',
      verb: 'UPDATE',
    });
    expect(risky('WITH old AS (SELECT id FROM items WHERE stale) DELETE FROM items')).toEqual({
      kind: 'noWhere',
      verb: 'DELETE',
    });
  });
  it('lets through what has a WHERE, and what only mentions the words', () => {
    expect(risky('UPDATE items SET price = 0 WHERE id = 1')).toBeNull();
    expect(risky('DELETE FROM items WHERE id IN (SELECT id FROM old)')).toBeNull();
    expect(risky('WITH old AS (SELECT 1) DELETE FROM items WHERE id = 2')).toBeNull();
    expect(risky("SELECT 'DELETE FROM items' AS text")).toBeNull();
    expect(risky('-- DROP TABLE items\nSELECT 1')).toBeNull();
    expect(risky('INSERT INTO items VALUES (1)')).toBeNull();
  });
  it('finds DROP and TRUNCATE', () => {
    expect(risky('DROP TABLE items')).toEqual({ kind: 'drop', object: 'table' });
    expect(risky('drop index if exists i')).toEqual({ kind: 'drop', object: 'index' });
    expect(risky('TRUNCATE items')).toEqual({ kind: 'truncate' });
  });
});
