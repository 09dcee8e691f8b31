import type { Knex } from 'knex';
import type { CellInput, DataChange } from '../../../shared/contract/data.contract';
import { AppError } from '../../../shared/errors';
import type { CompiledStatement, IdentifierToken, SqlDialect } from '../connections/sql-dialect';
import { isDefault, toSqlValue } from './cell-input';
import type { TableMeta } from './table-meta';

/** One statement of an apply, with what its outcome must be. */
export interface PlannedStatement extends CompiledStatement {
  /** Index of the change it comes from. */
  change: number;
  /**
   * `write`: an INSERT, or an UPDATE/DELETE that must touch exactly one row. `count`: a SELECT COUNT(*) that
   * must answer 1 — MySQL reports changed rows, not matched ones, so an UPDATE writing the values a row already
   * has touches "0 rows"; the row is counted (and locked) first instead.
   */
  role: 'insert' | 'write' | 'count';
}

const NO_EQUALITY = /^(json|xml|point|line|lseg|box|path|polygon|circle)(\[\])?$/i;

type Where = (q: Knex.QueryBuilder, k: Knex, id: IdentifierToken) => Knex.QueryBuilder;

/**
 * The statements that carry out `changes` on the table, in order, built with knex through the dialect: values
 * bound, names quoted. `{ $default: true }` leaves an inserted column out (the table's default) and writes
 * DEFAULT in an UPDATE — SQLite has no DEFAULT there, so the column's default expression from the schema is
 * written instead (NULL when it has none), which is what the column would get on insert.
 */
export function planChanges(dialect: SqlDialect, meta: TableMeta, changes: readonly DataChange[]): PlannedStatement[] {
  if (meta.identity.kind === 'readOnly' && changes.some((c) => c.kind !== 'insert')) {
    throw new AppError('READ_ONLY', `Rows of "${meta.ref.table}" cannot be changed: ${meta.identity.reason}`);
  }
  if (meta.info.kind === 'view') {
    throw new AppError('READ_ONLY', `"${meta.ref.table}" is a view: its rows are computed from other tables.`);
  }
  const planned: PlannedStatement[] = [];
  changes.forEach((change, index) => {
    const what = `Change ${index + 1} (${change.kind})`;
    const from = (k: Knex, id: IdentifierToken) => {
      const q = k(id(meta.ref.table));
      return meta.ref.schema === null ? q : q.withSchema(id(meta.ref.schema));
    };
    if (change.kind === 'insert') {
      const values = writable(meta, change.values, what, false);
      const stmt = dialect.build((k, id) =>
        from(k, id).insert(Object.fromEntries(values.map(([name, v]) => [id(name), valueOf(k, meta, name, v)]))),
      );
      planned.push({ ...stmt, change: index, role: 'insert' });
      return;
    }
    const where = keyWhere(meta, change.key, what);
    if (change.kind === 'delete') {
      const stmt = dialect.build((k, id) => where(from(k, id), k, id).delete());
      planned.push({ ...stmt, change: index, role: 'write' });
      return;
    }
    const values = writable(meta, change.values, what, true);
    if (values.length === 0) throw new AppError('INVALID_INPUT', `${what}: there is no column to write.`);
    if (dialect.engine === 'mysql') {
      const count = dialect.build((k, id) =>
        where(from(k, id), k, id)
          .count({ [id('n')]: '*' })
          .forUpdate(),
      );
      planned.push({ ...count, change: index, role: 'count' });
    }
    const stmt = dialect.build((k, id) =>
      where(from(k, id), k, id).update(
        Object.fromEntries(values.map(([name, v]) => [id(name), valueOf(k, meta, name, v, dialect.engine)])),
      ),
    );
    planned.push({ ...stmt, change: index, role: 'write' });
  });
  return planned;
}

/** The written columns of a change, checked: known, not generated; DEFAULT left out of an insert. */
function writable(
  meta: TableMeta,
  values: Record<string, CellInput>,
  what: string,
  update: boolean,
): [string, CellInput][] {
  const out: [string, CellInput][] = [];
  for (const [name, value] of Object.entries(values)) {
    const column = meta.columns.find((c) => c.name === name);
    if (!column)
      throw new AppError('INVALID_INPUT', `${what}: "${meta.ref.table}" has no column "${name}".`, { column: name });
    if (column.generated) {
      throw new AppError(
        'INVALID_INPUT',
        `${what}: "${name}" is a generated column — its value is computed, not written.`,
        {
          column: name,
        },
      );
    }
    if (!update && isDefault(value)) continue;
    out.push([name, value]);
  }
  return out;
}

function valueOf(
  k: Knex,
  meta: TableMeta,
  name: string,
  value: CellInput,
  engine?: SqlDialect['engine'],
): Knex.Value | Knex.Raw {
  if (!isDefault(value)) {
    const v = toSqlValue(value, `Column "${name}"`);
    return (v instanceof Uint8Array ? Buffer.from(v) : v) as Knex.Value;
  }
  if (engine !== 'sqlite') return k.raw('DEFAULT');
  // the schema's own default expression, as SQLite would evaluate it on insert
  const dflt = meta.columns.find((c) => c.name === name)?.defaultSql ?? null;
  return k.raw(dflt === null ? 'NULL' : `(${dflt})`);
}

/** WHERE for a row's key as read, per the table's identity; checks the key names the right columns. */
function keyWhere(meta: TableMeta, key: Record<string, CellInput>, what: string): Where {
  const identity = meta.identity;
  const given = Object.keys(key);
  const expectColumns = (columns: string[], why: string) => {
    const missing = columns.filter((c) => !(c in key));
    const extra = given.filter((c) => !columns.includes(c));
    if (missing.length > 0 || extra.length > 0) {
      throw new AppError(
        'INVALID_INPUT',
        `${what}: the row's key must name ${why} (${columns.join(', ')})${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not part of it: ${extra.join(', ')}` : ''}.`,
      );
    }
  };
  const values = (columns: string[]) =>
    columns.map((c) => {
      const v = toSqlValue(key[c]!, `${what}, key column "${c}"`);
      return [c, v instanceof Uint8Array ? Buffer.from(v) : v] as const;
    });
  switch (identity.kind) {
    case 'primaryKey': {
      expectColumns(identity.columns, 'the primary key columns');
      const pairs = values(identity.columns);
      return (q, _k, id) => matchAll(q, id, pairs);
    }
    case 'rowid': {
      expectColumns([identity.rowidColumn], 'the rowid column');
      const [[, v]] = values([identity.rowidColumn]) as [[string, Knex.Value]];
      const alias = meta.rowidAlias!;
      return (q, k) => q.where(k.raw(alias), '=', v);
    }
    case 'allColumns': {
      // every original value the caller holds whole; a text or BLOB it only has the start of (TextCell, a
      // truncated BlobCell) may be left out — the change must still touch exactly one row, or nothing is applied
      const writableNames = new Set(meta.columns.filter((c) => !c.generated).map((c) => c.name));
      const unknown = given.filter((c) => !writableNames.has(c));
      if (given.length === 0 || unknown.length > 0) {
        throw new AppError(
          'INVALID_INPUT',
          `${what}: the row's key must hold the original values of its columns${unknown.length ? `; not columns of it (or generated): ${unknown.join(', ')}` : ''}.`,
        );
      }
      const columns = meta.columns.filter((c) => given.includes(c.name));
      const pairs = values(columns.map((c) => c.name));
      // PostgreSQL types without "=" (json, xml, geometric) are compared by their text, as they were read
      const byText = new Set(
        meta.engine === 'postgres' ? columns.filter((c) => NO_EQUALITY.test(c.dataType ?? '')).map((c) => c.name) : [],
      );
      return (q, _k, id) => {
        for (const [name, v] of pairs) {
          if (v === null) q = q.whereNull(id(name));
          else if (byText.has(name)) q = q.whereRaw('CAST(?? AS text) = ?', [id(name), v as Knex.Value]);
          else q = q.where(id(name), '=', v as Knex.Value);
        }
        return q;
      };
    }
    case 'readOnly':
      throw new AppError('READ_ONLY', `${what}: ${identity.reason}`);
  }
}

function matchAll(q: Knex.QueryBuilder, id: IdentifierToken, pairs: readonly (readonly [string, unknown])[]) {
  for (const [name, v] of pairs) q = v === null ? q.whereNull(id(name)) : q.where(id(name), '=', v as Knex.Value);
  return q;
}
