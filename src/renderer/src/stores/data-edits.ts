import type { CellInput, DataChange, RowIdentity } from '../../../shared/contract/data.contract';
import type { Row } from '../../../shared/domain';

/**
 * Staged edits of one data tab, kept apart from the rows on screen: updates and deletes are keyed by the row's
 * identity (what data.open said identifies a row), so they survive sorting, filtering, paging and reloading;
 * inserts are a list of new rows. Pure functions; the data store holds one value per tab.
 */

/** An edited or deleted row of the table, found again by `key`. */
export interface RowEdit {
  /** The identity values as read (primary key, rowid or every column). */
  key: Record<string, CellInput>;
  /** Column → new value; empty for a row that is only deleted. */
  values: Record<string, CellInput>;
  deleted: boolean;
}

export interface InsertEdit {
  id: string;
  /** Column → value; a column left out takes its default. */
  values: Record<string, CellInput>;
}

export interface StagedEdits {
  /** By row key (see rowKeyOf), in the order the rows were first touched. */
  rows: Record<string, RowEdit>;
  inserts: InsertEdit[];
}

/** Which staged thing a change sent to preview/apply came from (to mark the one that failed). */
export type ChangeRef = { kind: 'row'; rowKey: string } | { kind: 'insert'; id: string };

export const NO_EDITS: StagedEdits = { rows: {}, inserts: [] };

/** A value read from the table, as the value to bind when finding the row again. */
export function toCellInput(value: unknown): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const cell = value as { $blob?: unknown; $text?: unknown };
    if (typeof cell.$blob === 'string') return { $base64: cell.$blob };
    if (typeof cell.$text === 'string') return cell.$text;
  }
  return JSON.stringify(value);
}

function isPartial(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { truncated?: unknown }).truncated === true;
}

/** The columns whose values identify a row, or null when rows cannot be edited. */
export function identityColumns(identity: RowIdentity, columnNames: readonly string[]): string[] | null {
  switch (identity.kind) {
    case 'primaryKey':
      return identity.columns;
    case 'rowid':
      return [identity.rowidColumn];
    case 'allColumns':
      return [...columnNames];
    case 'readOnly':
      return null;
  }
}

/**
 * The identity of a row read from the result (`columnNames` are the result's columns, in order), or null when
 * the table is read-only or a key column is missing from the result.
 */
export function keyOfRow(
  identity: RowIdentity,
  columnNames: readonly string[],
  row: Row,
): Record<string, CellInput> | null {
  const keyColumns = identityColumns(identity, columnNames);
  if (!keyColumns) return null;
  const key: Record<string, CellInput> = {};
  for (const column of keyColumns) {
    const index = columnNames.indexOf(column);
    if (index < 0) return null;
    // a value read only in part (long text, BLOB) cannot find the row: all-columns keys leave it out
    if (identity.kind === 'allColumns' && isPartial(row[index])) continue;
    key[column] = toCellInput(row[index]);
  }
  return key;
}

/** A stable string for a row identity (the same for a key read now and one restored from a draft). */
export function rowKeyOf(
  identity: RowIdentity,
  columnNames: readonly string[],
  key: Record<string, CellInput>,
): string {
  const keyColumns = identityColumns(identity, columnNames) ?? Object.keys(key);
  return JSON.stringify(keyColumns.map((c) => key[c] ?? null));
}

/** The row key of a row on screen, or null when rows of this table cannot be told apart. */
export function rowKeyOfRow(identity: RowIdentity, columnNames: readonly string[], row: Row): string | null {
  const key = keyOfRow(identity, columnNames, row);
  return key ? rowKeyOf(identity, columnNames, key) : null;
}

/** Stages a new value for one cell of a row; a value equal to the one read un-stages that cell. */
export function stageCell(
  edits: StagedEdits,
  identity: RowIdentity,
  columnNames: readonly string[],
  row: Row,
  column: string,
  value: CellInput,
): StagedEdits {
  const key = keyOfRow(identity, columnNames, row);
  if (!key) return edits;
  const rowKey = rowKeyOf(identity, columnNames, key);
  const current = edits.rows[rowKey] ?? { key, values: {}, deleted: false };
  const values = { ...current.values };
  const original = toCellInput(row[columnNames.indexOf(column)]);
  if (sameInput(original, value)) delete values[column];
  else values[column] = value;
  return withRow(edits, rowKey, { ...current, values });
}

/** Marks rows deleted, or — when every one of them already is — takes the deletion back. */
export function toggleDelete(
  edits: StagedEdits,
  identity: RowIdentity,
  columnNames: readonly string[],
  rows: readonly Row[],
): StagedEdits {
  const keyed = rows
    .map((row) => keyOfRow(identity, columnNames, row))
    .filter((k): k is Record<string, CellInput> => k !== null)
    .map((key) => ({ key, rowKey: rowKeyOf(identity, columnNames, key) }));
  const allDeleted = keyed.length > 0 && keyed.every(({ rowKey }) => edits.rows[rowKey]?.deleted);
  let next = edits;
  for (const { key, rowKey } of keyed) {
    const current = next.rows[rowKey] ?? { key, values: {}, deleted: false };
    next = withRow(next, rowKey, { ...current, deleted: !allDeleted });
  }
  return next;
}

/** Drops everything staged for one row. */
export function revertRow(edits: StagedEdits, rowKey: string): StagedEdits {
  if (!(rowKey in edits.rows)) return edits;
  const rows = { ...edits.rows };
  delete rows[rowKey];
  return { ...edits, rows };
}

export function addInsert(edits: StagedEdits, insert: InsertEdit): StagedEdits {
  return { ...edits, inserts: [...edits.inserts, insert] };
}

/** Sets (or, with undefined, clears back to the default) one value of a new row. */
export function setInsertValue(
  edits: StagedEdits,
  id: string,
  column: string,
  value: CellInput | undefined,
): StagedEdits {
  return {
    ...edits,
    inserts: edits.inserts.map((insert) => {
      if (insert.id !== id) return insert;
      const values = { ...insert.values };
      if (value === undefined) delete values[column];
      else values[column] = value;
      return { ...insert, values };
    }),
  };
}

export function removeInsert(edits: StagedEdits, id: string): StagedEdits {
  return { ...edits, inserts: edits.inserts.filter((insert) => insert.id !== id) };
}

/** How many changes Apply would send. */
export function countChanges(edits: StagedEdits): number {
  return toChanges(edits).changes.length;
}

/** The changes for data.preview/apply/saveDraft, in order (deletes and updates as touched, then inserts). */
export function toChanges(edits: StagedEdits): { changes: DataChange[]; refs: ChangeRef[] } {
  const changes: DataChange[] = [];
  const refs: ChangeRef[] = [];
  for (const [rowKey, edit] of Object.entries(edits.rows)) {
    if (edit.deleted) changes.push({ kind: 'delete', key: edit.key });
    else if (Object.keys(edit.values).length > 0) changes.push({ kind: 'update', key: edit.key, values: edit.values });
    else continue;
    refs.push({ kind: 'row', rowKey });
  }
  for (const insert of edits.inserts) {
    changes.push({ kind: 'insert', values: insert.values });
    refs.push({ kind: 'insert', id: insert.id });
  }
  return { changes, refs };
}

/** Staged edits from saved changes (a draft restored after a restart). */
export function fromChanges(
  changes: readonly DataChange[],
  identity: RowIdentity,
  columnNames: readonly string[],
  newId: () => string,
): StagedEdits {
  let edits: StagedEdits = NO_EDITS;
  for (const change of changes) {
    if (change.kind === 'insert') {
      edits = addInsert(edits, { id: newId(), values: change.values });
      continue;
    }
    const rowKey = rowKeyOf(identity, columnNames, change.key);
    const current = edits.rows[rowKey] ?? { key: change.key, values: {}, deleted: false };
    edits = withRow(
      edits,
      rowKey,
      change.kind === 'delete'
        ? { ...current, deleted: true }
        : { ...current, values: { ...current.values, ...change.values } },
    );
  }
  return edits;
}

function withRow(edits: StagedEdits, rowKey: string, edit: RowEdit): StagedEdits {
  if (!edit.deleted && Object.keys(edit.values).length === 0) return revertRow(edits, rowKey);
  return { ...edits, rows: { ...edits.rows, [rowKey]: edit } };
}

/** Two cell inputs are the same value (NULL, DEFAULT, binary compared by content). */
export function sameInput(a: CellInput, b: CellInput): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
