import { describe, expect, it } from 'vitest';
import { commandCountsRows, commandInserts, statementCommand } from './statement-command';

describe('statementCommand', () => {
  it('names statements by their leading keywords, like PostgreSQL command tags', () => {
    const cases: [string, string | null][] = [
      ['insert into t values (1)', 'INSERT'],
      ['  -- note\n/* block */ UPDATE t SET a = 1', 'UPDATE'],
      ['delete from t', 'DELETE'],
      ['CREATE TABLE t (a int)', 'CREATE TABLE'],
      ['create unique index if not exists i on t (a)', 'CREATE INDEX'],
      ['CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1', 'CREATE VIEW'],
      ['create materialized view m as select 1', 'CREATE MATERIALIZED VIEW'],
      ['CREATE DEFINER = `root`@`localhost` PROCEDURE p() BEGIN END', 'CREATE PROCEDURE'],
      ['alter table t add column b int', 'ALTER TABLE'],
      ['DROP TABLE IF EXISTS t', 'DROP TABLE'],
      ['truncate t', 'TRUNCATE'],
      ['begin', 'BEGIN'],
      ['PRAGMA user_version = 3', 'PRAGMA'],
      ['WITH a AS (SELECT 1), b (x) AS (SELECT ")" FROM a) INSERT INTO t SELECT * FROM b', 'INSERT'],
      ["with recursive c(n) as (select 1 union all select n + 1 from c where n < 'update') delete from t", 'DELETE'],
      ['(SELECT 1)', 'SELECT'],
      ['# mysql comment\nREPLACE INTO t VALUES (1)', 'REPLACE'],
      ['', null],
      ['-- only a comment', null],
    ];
    for (const [sql, command] of cases) expect({ sql, command: statementCommand(sql) }).toEqual({ sql, command });
  });

  it('knows which commands count rows and which can generate an id', () => {
    expect(['INSERT', 'UPDATE', 'DELETE', 'REPLACE'].every(commandCountsRows)).toBe(true);
    expect(['CREATE TABLE', 'DROP INDEX', 'SET', 'BEGIN', 'PRAGMA', null].some(commandCountsRows)).toBe(false);
    expect(commandInserts('INSERT')).toBe(true);
    expect(['UPDATE', 'DELETE', 'CREATE TABLE'].some(commandInserts)).toBe(false);
  });
});
