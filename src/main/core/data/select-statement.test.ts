import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/domain';
import { dialectFor } from '../connections/dialect-for';
import { buildSelect, escapeLike } from './select-statement';
import { identityOf, parseMysqlEnum, type TableMeta } from './table-meta';

const info: TableInfo = {
  schema: 'public',
  name: 'my "t"',
  kind: 'table',
  columns: [
    { name: 'id', dataType: 'int', nullable: false, defaultValue: null, primaryKey: true, primaryKeyOrdinal: 1 },
    { name: 'a?b', dataType: 'text', nullable: true, defaultValue: null, primaryKey: false, primaryKeyOrdinal: null },
  ],
  indexes: [],
  foreignKeys: [],
  rowCount: null,
  rowCountExact: false,
};

function meta(engine: 'sqlite' | 'postgres' | 'mysql', table: TableInfo = info): TableMeta {
  const { identity, rowidAlias } = identityOf(engine, table);
  return {
    engine,
    ref: { schema: null, table: table.name },
    info: table,
    columns: [],
    identity,
    rowidAlias,
    referencing: [],
  };
}

describe('buildSelect', () => {
  it('keeps ? and $1 in the raw WHERE as typed (knex never reads it) and numbers the filter placeholders', () => {
    const select = buildSelect(dialectFor('postgres'), meta('postgres'), {
      sort: [{ column: 'a?b', direction: 'asc' }],
      filters: [{ column: 'a?b', op: 'eq', value: 'x' }],
      where: `"a?b" ? 'k' AND '$1' <> 'it''s ?'`,
    });
    expect(select.sql).toBe(
      `select * from "my ""t""" where "a?b" = $1 and ("a?b" ? 'k' AND '$1' <> 'it''s ?'\n) order by "a?b" asc`,
    );
    expect(select.params).toEqual(['x']);
  });

  it('selects the rowid under a name no column has for an SQLite table without a key', () => {
    const table: TableInfo = {
      ...info,
      columns: [
        { ...info.columns[1]!, name: '__rowid' },
        { ...info.columns[1]!, name: 'rowid' },
      ],
    };
    const m = meta('sqlite', table);
    expect(m.identity).toEqual({ kind: 'rowid', rowidColumn: '___rowid' });
    expect(buildSelect(dialectFor('sqlite'), m, { sort: [], filters: [] }).sql).toBe(
      'select *, _rowid_ AS `___rowid` from `my "t"`',
    );
  });

  it('treats null in eq / in as IS NULL and refuses DEFAULT as a filter value', () => {
    const m = meta('mysql');
    const d = dialectFor('mysql');
    expect(buildSelect(d, m, { sort: [], filters: [{ column: 'id', op: 'eq', value: null }] }).sql).toBe(
      'select * from `my "t"` where `id` is null',
    );
    expect(buildSelect(d, m, { sort: [], filters: [{ column: 'id', op: 'in', values: [1, null] }] }).sql).toBe(
      'select * from `my "t"` where (`id` in (?) or `id` is null)',
    );
    expect(() =>
      buildSelect(d, m, { sort: [], filters: [{ column: 'id', op: 'eq', value: { $default: true } }] }),
    ).toThrow(/DEFAULT/);
  });
});

describe('helpers', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off!')).toBe('50!%!_off!!');
  });

  it('reads MySQL enum and set values, quotes undone', () => {
    expect(parseMysqlEnum("enum('a','it''s','b,c','x\\\\y')")).toEqual(['a', "it's", 'b,c', 'x\\y']);
    expect(parseMysqlEnum("set('r','w')")).toEqual(['r', 'w']);
    expect(parseMysqlEnum('varchar(10)')).toBeNull();
  });
});
