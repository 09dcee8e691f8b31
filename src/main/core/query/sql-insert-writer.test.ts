import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Engine, ResultColumn } from '../../../shared/domain';
import { sqlInsertWriter } from './sql-insert-writer';

/** Twelve columns: past ten, a column list sorted as text (`c10` before `c2`) would show. */
const NAMES = Array.from({ length: 12 }, (_, i) => `fx_c${i + 1}`);
const COLUMNS: ResultColumn[] = NAMES.map((name) => ({ name, dataType: 'integer' }));
const ROW = NAMES.map((_, i) => i + 1);

describe('sqlInsertWriter', () => {
  it.each(['sqlite', 'postgres', 'mysql'] as Engine[])(
    'lists the columns of a 12-column row in the result order (%s)',
    (engine) => {
      const text = sqlInsertWriter(COLUMNS, { engine, table: { schema: null, table: 'fx_wide' } }).rows([ROW]);
      const q = engine === 'postgres' ? '"' : '`';
      const list = NAMES.map((n) => `${q}${n}${q}`).join(', ');
      expect(text).toBe(`insert into ${q}fx_wide${q} (${list}) values (${ROW.join(', ')});\n`);
    },
  );

  it('writes INSERTs of a 12-column table that run back into it (SQLite)', () => {
    const db = new Database(':memory:');
    try {
      db.exec(`create table fx_wide (${NAMES.map((n) => `${n} integer`).join(', ')})`);
      db.exec(sqlInsertWriter(COLUMNS, { engine: 'sqlite', table: { schema: null, table: 'fx_wide' } }).rows([ROW]));
      expect(
        db
          .prepare(`select ${NAMES.join(', ')} from fx_wide`)
          .raw()
          .all(),
      ).toEqual([ROW]);
    } finally {
      db.close();
    }
  });
});
