import { describe, expect, it } from 'vitest';
import { historyRowsText } from './history-facts';

describe('history row counts', () => {
  it('say "affected" for statements that change rows, as the result panel does', () => {
    expect(historyRowsText('DELETE FROM t WHERE id = 2', 1, 'mysql')).toBe('1 row affected');
    expect(historyRowsText("INSERT INTO t (name) VALUES ('a'), ('b')", 2, 'postgres')).toBe('2 rows affected');
    expect(historyRowsText('WITH x AS (SELECT 1) UPDATE t SET a = 1', 1200, 'postgres')).toBe('1,200 rows affected');
  });

  it('count the rows of a query, and nothing for DDL, transaction control or no count', () => {
    expect(historyRowsText('SELECT * FROM t', 1, 'sqlite')).toBe('1 row');
    expect(historyRowsText('PRAGMA table_info(t)', 3, 'sqlite')).toBe('3 rows');
    expect(historyRowsText('CREATE TABLE t (id int)', 0, 'sqlite')).toBe('');
    expect(historyRowsText('BEGIN', 0, 'postgres')).toBe('');
    expect(historyRowsText('SELECT 1', null, 'sqlite')).toBe('');
  });
});
