/**
 * Edits of a schema design (issue 9) as pure functions: each takes the design and its layout and returns new ones,
 * keeping every untouched table by reference (the canvas re-renders only the nodes whose table changed). Renames
 * and deletes carry through to what names the thing: the primary key, indexes, foreign keys of every table, the
 * layout.
 */
import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignEnum,
  DesignForeignKey,
  DesignIndex,
  DesignLayout,
  DesignTable,
} from '../../../shared/design';
import { tableKey } from '../../../shared/design';
import { readRecordsHead, recordsBlock } from '../../../shared/dbml-names';
import { defaultTypes } from './design-types';

export interface DesignState {
  design: Design;
  layout: DesignLayout;
}

/** A name like `base`, `base_2`, … that `taken` does not hold. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const sameKey = (table: DesignTable, key: string) => tableKey(table) === key;
/** Does a foreign key of `from` point at the table `key`? (a null refSchema is the referencing table's schema) */
const pointsAt = (fk: DesignForeignKey, from: DesignTable, key: string) =>
  tableKey({ schema: fk.refSchema ?? from.schema, name: fk.refTable }) === key;

function mapTable(state: DesignState, key: string, change: (table: DesignTable) => DesignTable): DesignState {
  return {
    ...state,
    design: { ...state.design, tables: state.design.tables.map((t) => (sameKey(t, key) ? change(t) : t)) },
  };
}

export function findTable(design: Design, key: string): DesignTable | undefined {
  return design.tables.find((t) => sameKey(t, key));
}

/** Adds an empty table with an `id` primary key; returns the new state and the table's key. */
export function addTable(state: DesignState, name?: string): { state: DesignState; key: string } {
  const taken = state.design.tables.map((t) => t.name);
  const tableName = uniqueName(name?.trim() || 'table', taken);
  const types = defaultTypes(state.design.dialect);
  const table: DesignTable = {
    schema: null,
    name: tableName,
    columns: [
      { name: 'id', type: types.id, nullable: false, default: null, unique: false, autoIncrement: true, note: null },
    ],
    primaryKey: ['id'],
    indexes: [],
    foreignKeys: [],
    checks: [],
    note: null,
  };
  return {
    state: { ...state, design: { ...state.design, tables: [...state.design.tables, table] } },
    key: tableKey(table),
  };
}

/** Renames a table: its layout entry, and every foreign key pointing at it, follow. */
export function renameTable(state: DesignState, key: string, name: string): DesignState {
  const table = findTable(state.design, key);
  const trimmed = name.trim();
  if (!table || !trimmed || trimmed === table.name) return state;
  const newKey = tableKey({ schema: table.schema, name: trimmed });
  if (findTable(state.design, newKey)) return state;
  const tables = state.design.tables.map((t) => {
    const renamed = sameKey(t, key) ? { ...t, name: trimmed } : t;
    if (!t.foreignKeys.some((fk) => pointsAt(fk, t, key))) return renamed;
    return {
      ...renamed,
      foreignKeys: renamed.foreignKeys.map((fk) => (pointsAt(fk, t, key) ? { ...fk, refTable: trimmed } : fk)),
    };
  });
  const { [key]: position, ...rest } = state.layout.tables;
  const layoutTables = position ? { ...rest, [newKey]: position } : rest;
  const renameKey = <T extends { tables: string[] }>(g: T): T =>
    g.tables.includes(key) ? { ...g, tables: g.tables.map((k) => (k === key ? newKey : k)) } : g;
  return {
    design: { ...renameInExtras(state.design, table, trimmed, key, newKey), tables },
    layout: { ...state.layout, tables: layoutTables, groups: state.layout.groups.map(renameKey) },
  };
}

/** A renamed table in what a DBML file holds beyond the schema: its groups, `<>` references and `Records`. */
function renameInExtras(design: Design, table: DesignTable, name: string, key: string, newKey: string): Design {
  const next = { ...design };
  if (design.groups)
    next.groups = design.groups.map((g) =>
      g.tables.includes(key) ? { ...g, tables: g.tables.map((k) => (k === key ? newKey : k)) } : g,
    );
  if (design.records) next.records = design.records.map((r) => (r.table === key ? { ...r, table: newKey } : r));
  if (design.manyToMany) {
    const isIt = (schema: string | null, t: string) => t === table.name && (schema ?? table.schema) === table.schema;
    next.manyToMany = design.manyToMany.map((ref) => ({
      ...ref,
      table: isIt(ref.schema, ref.table) ? name : ref.table,
      refTable: isIt(ref.refSchema, ref.refTable) ? name : ref.refTable,
    }));
  }
  return next;
}

/** Deletes tables, the foreign keys pointing at them, and their layout entries. */
export function deleteTables(state: DesignState, keys: readonly string[]): DesignState {
  const gone = new Set(keys);
  const tables = state.design.tables
    .filter((t) => !gone.has(tableKey(t)))
    .map((t) => {
      const kept = t.foreignKeys.filter((fk) => ![...gone].some((k) => pointsAt(fk, t, k)));
      return kept.length === t.foreignKeys.length ? t : { ...t, foreignKeys: kept };
    });
  const layoutTables = Object.fromEntries(Object.entries(state.layout.tables).filter(([k]) => !gone.has(k)));
  const groups = state.layout.groups.map((g) =>
    g.tables.some((k) => gone.has(k)) ? { ...g, tables: g.tables.filter((k) => !gone.has(k)) } : g,
  );
  return {
    design: { ...state.design, tables },
    layout: { ...state.layout, tables: layoutTables, groups },
  };
}

export function setTableNote(state: DesignState, key: string, note: string): DesignState {
  return mapTable(state, key, (t) => ({ ...t, note: note.trim() ? note : null }));
}

/** Adds a column (named `column`, `column_2`…, of the dialect's text type); returns its name. */
export function addColumn(state: DesignState, key: string, name?: string): { state: DesignState; name: string } {
  const table = findTable(state.design, key);
  if (!table) return { state, name: '' };
  const columnName = uniqueName(
    name?.trim() || 'column',
    table.columns.map((c) => c.name),
  );
  const column: DesignColumn = {
    name: columnName,
    type: defaultTypes(state.design.dialect).column,
    nullable: true,
    default: null,
    unique: false,
    autoIncrement: false,
    note: null,
  };
  return { state: mapTable(state, key, (t) => ({ ...t, columns: [...t.columns, column] })), name: columnName };
}

const rename = (names: string[], from: string, to: string) => names.map((n) => (n === from ? to : n));

/** Renames a column: the primary key, indexes, own foreign keys and other tables' references to it follow. */
export function renameColumn(state: DesignState, key: string, from: string, to: string): DesignState {
  const table = findTable(state.design, key);
  const name = to.trim();
  if (!table || !name || name === from || table.columns.some((c) => c.name === name)) return state;
  const tables = state.design.tables.map((t) => {
    let next = t;
    if (sameKey(t, key)) {
      next = {
        ...t,
        columns: t.columns.map((c) => (c.name === from ? { ...c, name } : c)),
        primaryKey: rename(t.primaryKey, from, name),
        indexes: t.indexes.map((i) => ({ ...i, columns: rename(i.columns, from, name) })),
        foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: rename(fk.columns, from, name) })),
      };
    }
    if (!next.foreignKeys.some((fk) => pointsAt(fk, t, key) && fk.refColumns.includes(from))) return next;
    return {
      ...next,
      foreignKeys: next.foreignKeys.map((fk) =>
        pointsAt(fk, t, key) ? { ...fk, refColumns: rename(fk.refColumns, from, name) } : fk,
      ),
    };
  });
  const design = { ...state.design, tables };
  if (state.design.records) {
    // a `Records` block names the columns it fills in its head
    design.records = state.design.records.map((r) => {
      const head = r.table === key ? readRecordsHead(r.text) : null;
      if (head === null || !head.columns.includes(from)) return r;
      return { ...r, text: recordsBlock(table, rename(head.columns, from, name), head.rows) };
    });
  }
  if (state.design.manyToMany) {
    // `<>` references name the column too
    const isIt = (schema: string | null, t: string) => t === table.name && (schema ?? table.schema) === table.schema;
    design.manyToMany = state.design.manyToMany.map((ref) => ({
      ...ref,
      columns: isIt(ref.schema, ref.table) ? rename(ref.columns, from, name) : ref.columns,
      refColumns: isIt(ref.refSchema, ref.refTable) ? rename(ref.refColumns, from, name) : ref.refColumns,
    }));
  }
  return { ...state, design };
}

/** Deletes a column: it leaves the primary key; indexes and foreign keys using it (here or elsewhere) go. */
export function deleteColumn(state: DesignState, key: string, column: string): DesignState {
  const tables = state.design.tables.map((t) => {
    let next = t;
    if (sameKey(t, key)) {
      next = {
        ...t,
        columns: t.columns.filter((c) => c.name !== column),
        primaryKey: t.primaryKey.filter((c) => c !== column),
        indexes: t.indexes.filter((i) => !i.columns.includes(column)),
        foreignKeys: t.foreignKeys.filter((fk) => !fk.columns.includes(column)),
      };
    }
    if (!next.foreignKeys.some((fk) => pointsAt(fk, t, key) && fk.refColumns.includes(column))) return next;
    return {
      ...next,
      foreignKeys: next.foreignKeys.filter((fk) => !(pointsAt(fk, t, key) && fk.refColumns.includes(column))),
    };
  });
  return { ...state, design: { ...state.design, tables } };
}

/** Changes a column's type, nullability, default, uniqueness, autoincrement or note. */
export function updateColumn(
  state: DesignState,
  key: string,
  column: string,
  patch: Partial<Omit<DesignColumn, 'name'>>,
): DesignState {
  return mapTable(state, key, (t) => ({
    ...t,
    columns: t.columns.map((c) => (c.name === column ? { ...c, ...patch } : c)),
  }));
}

/** Moves a column up (-1) or down (+1). */
export function moveColumn(state: DesignState, key: string, column: string, delta: -1 | 1): DesignState {
  return mapTable(state, key, (t) => {
    const at = t.columns.findIndex((c) => c.name === column);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= t.columns.length) return t;
    const columns = [...t.columns];
    const [moved] = columns.splice(at, 1);
    if (moved) columns.splice(to, 0, moved);
    return { ...t, columns };
  });
}

/** Puts a column in or out of the primary key (a primary key column is NOT NULL). */
export function togglePrimaryKey(state: DesignState, key: string, column: string): DesignState {
  return mapTable(state, key, (t) => {
    const inKey = t.primaryKey.includes(column);
    return {
      ...t,
      primaryKey: inKey ? t.primaryKey.filter((c) => c !== column) : [...t.primaryKey, column],
      columns: inKey ? t.columns : t.columns.map((c) => (c.name === column ? { ...c, nullable: false } : c)),
    };
  });
}

export function addIndex(state: DesignState, key: string, index: DesignIndex): DesignState {
  return mapTable(state, key, (t) => ({ ...t, indexes: [...t.indexes, index] }));
}
export function updateIndex(state: DesignState, key: string, at: number, patch: Partial<DesignIndex>): DesignState {
  return mapTable(state, key, (t) => ({
    ...t,
    indexes: t.indexes.map((i, n) => (n === at ? { ...i, ...patch } : i)),
  }));
}
export function deleteIndex(state: DesignState, key: string, at: number): DesignState {
  return mapTable(state, key, (t) => ({ ...t, indexes: t.indexes.filter((_, n) => n !== at) }));
}

export function addCheck(state: DesignState, key: string, check: DesignCheck): DesignState {
  return mapTable(state, key, (t) => ({ ...t, checks: [...t.checks, check] }));
}
export function updateCheck(state: DesignState, key: string, at: number, patch: Partial<DesignCheck>): DesignState {
  return mapTable(state, key, (t) => ({ ...t, checks: t.checks.map((c, n) => (n === at ? { ...c, ...patch } : c)) }));
}
export function deleteCheck(state: DesignState, key: string, at: number): DesignState {
  return mapTable(state, key, (t) => ({ ...t, checks: t.checks.filter((_, n) => n !== at) }));
}

/**
 * A foreign key from `key`'s columns to another table's columns. Refused (state unchanged) when a column is
 * missing on either side or the same key already exists.
 */
export function addForeignKey(
  state: DesignState,
  key: string,
  fk: Pick<DesignForeignKey, 'columns' | 'refTable' | 'refColumns'> & Partial<DesignForeignKey>,
): DesignState {
  const table = findTable(state.design, key);
  const refKey = tableKey({ schema: fk.refSchema ?? table?.schema ?? null, name: fk.refTable });
  const target = findTable(state.design, refKey);
  if (!table || !target) return state;
  const has = (t: DesignTable, names: string[]) => names.every((n) => t.columns.some((c) => c.name === n));
  if (!has(table, fk.columns) || !has(target, fk.refColumns) || fk.columns.length !== fk.refColumns.length)
    return state;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (
    table.foreignKeys.some(
      (f) => same(f.columns, fk.columns) && pointsAt(f, table, refKey) && same(f.refColumns, fk.refColumns),
    )
  )
    return state;
  const full: DesignForeignKey = {
    name: fk.name ?? null,
    columns: fk.columns,
    refSchema: fk.refSchema ?? (target.schema === table.schema ? null : target.schema),
    refTable: target.name,
    refColumns: fk.refColumns,
    onDelete: fk.onDelete ?? null,
    onUpdate: fk.onUpdate ?? null,
  };
  return mapTable(state, key, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, full] }));
}
export function updateForeignKey(
  state: DesignState,
  key: string,
  at: number,
  patch: Partial<DesignForeignKey>,
): DesignState {
  return mapTable(state, key, (t) => ({
    ...t,
    foreignKeys: t.foreignKeys.map((f, n) => (n === at ? { ...f, ...patch } : f)),
  }));
}
export function deleteForeignKey(state: DesignState, key: string, at: number): DesignState {
  return mapTable(state, key, (t) => ({ ...t, foreignKeys: t.foreignKeys.filter((_, n) => n !== at) }));
}

export function addEnum(state: DesignState, name?: string): DesignState {
  const enumName = uniqueName(
    name?.trim() || 'status',
    state.design.enums.map((e) => e.name),
  );
  const added: DesignEnum = { schema: null, name: enumName, values: ['active', 'archived'] };
  return { ...state, design: { ...state.design, enums: [...state.design.enums, added] } };
}
export function updateEnum(state: DesignState, at: number, patch: Partial<DesignEnum>): DesignState {
  return {
    ...state,
    design: { ...state.design, enums: state.design.enums.map((e, n) => (n === at ? { ...e, ...patch } : e)) },
  };
}
export function deleteEnum(state: DesignState, at: number): DesignState {
  return { ...state, design: { ...state.design, enums: state.design.enums.filter((_, n) => n !== at) } };
}

/** Moves tables to new top-left corners (a drag of one or several). */
export function moveTables(state: DesignState, moves: Record<string, { x: number; y: number }>): DesignState {
  const tables = { ...state.layout.tables };
  for (const [key, at] of Object.entries(moves)) tables[key] = { ...tables[key], x: at.x, y: at.y };
  return { ...state, layout: { ...state.layout, tables } };
}

/** The keys of the tables joined to `key` by a foreign key (either way), `hops` steps out, `key` included. */
export function neighbourhood(design: Design, key: string, hops: number): Set<string> {
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!links.has(a)) links.set(a, new Set());
    links.get(a)?.add(b);
  };
  for (const t of design.tables)
    for (const fk of t.foreignKeys) {
      const from = tableKey(t);
      const to = tableKey({ schema: fk.refSchema ?? t.schema, name: fk.refTable });
      link(from, to);
      link(to, from);
    }
  const seen = new Set([key]);
  let frontier = [key];
  for (let step = 0; step < hops && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const k of frontier)
      for (const n of links.get(k) ?? [])
        if (!seen.has(n)) {
          seen.add(n);
          next.push(n);
        }
    frontier = next;
  }
  return seen;
}

/** The key of the table a foreign key of `from` points at. */
export function referencedKey(fk: DesignForeignKey, from: DesignTable): string {
  return tableKey({ schema: fk.refSchema ?? from.schema, name: fk.refTable });
}

/** True when the foreign key's columns are unique in their table (one-to-one), else many-to-one. */
export function isOneToOne(fk: DesignForeignKey, table: DesignTable): boolean {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (same(fk.columns, table.primaryKey)) return true;
  if (fk.columns.length === 1 && table.columns.some((c) => c.name === fk.columns[0] && c.unique)) return true;
  return table.indexes.some((i) => i.unique && same(i.columns, fk.columns));
}
