import type { CellInput, DataColumn, RowIdentity } from '../../../../shared/contract/data.contract';
import type { ColumnInfo } from '../../../../shared/domain';

/**
 * The row form's model (pure): which record it shows, what each field's state is, the marks a column gets, and
 * which column labels a referenced row in the foreign-key picker.
 */

/** The record in the form: a row read from the table (by its index in the result) or a staged new row. */
export type FormTarget = { kind: 'row'; index: number } | { kind: 'insert'; id: string };

/**
 * What a field of a new row holds: its DEFAULT (nothing written: the database chooses), NULL written
 * explicitly, or a value.
 */
export type NewFieldState = { kind: 'default'; label: string } | { kind: 'null' } | { kind: 'value'; value: CellInput };

/** What an empty (left out) field of a new row means, as the field shows it. */
export function defaultLabel(column: DataColumn): string {
  if (column.generated) return 'generated';
  if (column.autoIncrement) return 'auto';
  if (column.defaultSql !== null) return `DEFAULT ${column.defaultSql}`;
  // no default in the schema: the database writes NULL (or refuses, for a NOT NULL column)
  return column.nullable ? 'DEFAULT (NULL)' : 'required';
}

export function newFieldState(column: DataColumn, value: CellInput | undefined): NewFieldState {
  if (value === undefined || (typeof value === 'object' && value !== null && '$default' in value))
    return { kind: 'default', label: defaultLabel(column) };
  if (value === null) return { kind: 'null' };
  return { kind: 'value', value };
}

/** The short marks a column shows in the form: key, reference, nullability, default. */
export function columnMarks(column: DataColumn, identity: RowIdentity | null): string[] {
  const marks: string[] = [];
  if (identity?.kind === 'primaryKey' && identity.columns.includes(column.name)) marks.push('PK');
  if (column.references) marks.push(`FK → ${column.references.table}.${column.references.columns[0] ?? ''}`);
  marks.push(column.nullable ? 'NULL' : 'NOT NULL');
  if (column.autoIncrement) marks.push('auto');
  else if (column.defaultSql !== null) marks.push(`DEFAULT ${column.defaultSql}`);
  if (column.generated) marks.push('generated');
  return marks;
}

/** The record before or after `target` (rows by index up to `rowCount`, new rows in their order), or null. */
export function neighbour(
  target: FormTarget,
  step: -1 | 1,
  { rowCount, insertIds }: { rowCount: number; insertIds: readonly string[] },
): FormTarget | null {
  if (target.kind === 'row') {
    const index = target.index + step;
    return index >= 0 && index < rowCount ? { kind: 'row', index } : null;
  }
  const at = insertIds.indexOf(target.id);
  const id = at < 0 ? undefined : insertIds[at + step];
  return id === undefined ? null : { kind: 'insert', id };
}

const LABEL_NAMES = ['name', 'title', 'label', 'display_name', 'full_name', 'email', 'username', 'code', 'sku'];
const TEXT_TYPE = /char|text|string|citext|name/i;

/**
 * The column that names a referenced row in the picker, next to its key: a column called like a name
 * (name, title, label, email…), else the first text column, else none (the key alone). With first_name and
 * last_name both, both.
 */
export function lookupLabelColumns(columns: readonly Pick<ColumnInfo, 'name' | 'dataType'>[], key: string): string[] {
  const candidates = columns.filter((c) => c.name !== key);
  for (const wanted of LABEL_NAMES) {
    const hit = candidates.find((c) => c.name.toLowerCase() === wanted);
    if (hit) return [hit.name];
  }
  const first = candidates.find((c) => c.name.toLowerCase() === 'first_name');
  const last = candidates.find((c) => c.name.toLowerCase() === 'last_name');
  if (first && last) return [first.name, last.name];
  const named = candidates.find((c) => /(^|_)(name|title|label)$/i.test(c.name));
  if (named) return [named.name];
  const text = candidates.find((c) => TEXT_TYPE.test(c.dataType));
  return text ? [text.name] : [];
}
