import type { SqlValue } from '../../connections/sql-dialect';
import { RestError } from './rest-errors';
import type { KeyValues, WrittenValue } from './rest-statements';
import type { RestTable } from './rest-table';
import type { RestColumn } from './rest-values';
import { bodyValue } from './rest-values';

/** How a body is read: `create` (POST), `replace` (PUT: every column, the ones left out take their default), `merge` (PATCH). */
export type BodyMode = 'create' | 'replace' | 'merge';

/** Whether a column may be left out of a new row: it has a default, numbers itself, is computed or may be NULL. */
function optional(column: RestColumn): boolean {
  return column.nullable || column.defaultSql !== null || column.autoIncrement || column.generated;
}

/**
 * The fields of a body checked against the table's columns: each must be a column that is written (not
 * generated), with a value of its type; a column that may not be NULL must not be given null, and — creating
 * or replacing — must be given unless it has a default. On PUT/PATCH a key column may be repeated in the body
 * with the value the path names, not another. Every refusal is a 400 naming the field.
 */
export function bodyColumns(
  table: RestTable,
  body: Record<string, unknown>,
  mode: BodyMode,
  key: KeyValues | null,
): [string, WrittenValue][] {
  const engine = table.meta.engine;
  const rowidField = table.key.kind === 'rowid' ? table.key.field : null;
  const keyColumns = new Set(key?.map((k) => k.column) ?? []);
  const given = new Map<string, SqlValue>();
  for (const [name, raw] of Object.entries(body)) {
    if (name === rowidField) {
      checkSameKey(raw, key?.[0]?.value, name);
      continue;
    }
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      throw new RestError(400, `Field "${name}": "${table.meta.ref.table}" has no such column.`, name);
    }
    if (column.generated) {
      throw new RestError(400, `Field "${name}" is a generated column — its value is computed, not written.`, name);
    }
    const value = bodyValue(engine, column, raw);
    if (keyColumns.has(name)) {
      checkSameKey(value, key!.find((k) => k.column === name)!.value, name);
      continue;
    }
    if (value === null && !column.nullable) {
      // a self-numbering key given as null means "number it", as SQLite reads it
      if (mode === 'create' && column.autoIncrement) continue;
      throw new RestError(400, `Field "${name}" may not be null.`, name);
    }
    given.set(name, value);
  }
  const out: [string, WrittenValue][] = [];
  for (const column of table.columns) {
    if (column.generated || keyColumns.has(column.name)) continue;
    if (given.has(column.name)) {
      out.push([column.name, { value: given.get(column.name)! }]);
      continue;
    }
    if (mode === 'merge') continue;
    if (!optional(column)) {
      throw new RestError(
        400,
        `Field "${column.name}" is required: the column may not be NULL and has no default.`,
        column.name,
      );
    }
    if (mode === 'replace') out.push([column.name, { default: true }]);
  }
  return out;
}

/** A key field in a body must name the row the path names. */
function checkSameKey(value: unknown, pathValue: SqlValue | undefined, name: string): void {
  if (pathValue === undefined) return;
  if (value !== null && String(value) === String(pathValue)) return;
  throw new RestError(
    400,
    `Field "${name}" is the row's key: the body may repeat the key the path names (${String(pathValue)}), not change it.`,
    name,
  );
}
