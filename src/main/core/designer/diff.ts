import type {
  MigrationStep,
  RenameCandidate,
  SchemaChange,
  SchemaChangeKind,
  SchemaDiff,
} from '../../../shared/contract/designer.contract';
import {
  tableKey,
  type Design,
  type DesignCheck,
  type DesignColumn,
  type DesignForeignKey,
  type DesignIndex,
  type DesignTable,
} from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import type { LiveObjects, MigrationOp, MigrationPlan, TablePair } from './migrate-plan';
import { migrationSteps } from './migrate-steps';
import { withoutRepeatedUniques } from './ddl';
import { diffEnums } from './diff-enums';
import { sameNote } from './migrate-common';
import { knexMigration, sqlScript } from './migrate-text';
import { narrowingReason, normalizeDefault, normalizeType } from './migrate-types';

export interface DiffOptions {
  /** Rows per live table (by table key): NOT NULL without a default is destructive only on a table with rows. */
  rowCounts?: Record<string, number>;
  /** What the migration must keep that the designs do not hold (SQLite triggers, views, index texts). */
  live?: LiveObjects;
}

/**
 * What changes `target` into `source`, and the ordered migration in `target.dialect`. Pure; changes nothing.
 * Names compare case-sensitively; an index or foreign key without a name matches one with the same columns.
 */
export function diffDesigns(
  source: Design,
  target: Design,
  renames: readonly RenameCandidate[],
  options: DiffOptions = {},
): SchemaDiff {
  return diffOneWay(source, target, renames, options, true);
}

function diffOneWay(
  source: Design,
  target: Design,
  renames: readonly RenameCandidate[],
  options: DiffOptions,
  withDown: boolean,
): SchemaDiff {
  // a unique index repeating a column's UNIQUE is the same constraint (ddl.ts writes it once)
  source = { ...source, tables: source.tables.map(withoutRepeatedUniques) };
  target = { ...target, tables: target.tables.map(withoutRepeatedUniques) };
  const engine = target.dialect;
  const changes: SchemaChange[] = [];
  const candidates: RenameCandidate[] = [];
  const plan: MigrationPlan = { source, target, ops: [], pairs: new Map(), live: options.live ?? {} };
  const push = (
    op: MigrationOp,
    change: { kind: SchemaChangeKind; table: string; item: string | null; description: string },
    reason: string | null = null,
  ) => {
    plan.ops.push({ op, destructive: reason !== null });
    changes.push({ ...change, destructive: reason !== null, reason });
  };
  const hasRows = (key: string) => (options.rowCounts?.[key] ?? 1) > 0;
  const confirmed = (kind: 'table' | 'column', table: string | null, from: string, to: string) =>
    renames.some((r) => r.kind === kind && r.from === from && r.to === to && (kind === 'table' || r.table === table));

  // enums (PostgreSQL)
  for (const { ops, change, reason } of diffEnums(source, target).changes) {
    const [first, ...more] = ops;
    // a recreated enum is one change the user reads, checked before anything changes and recreated later
    for (const op of more) plan.ops.push({ op, destructive: reason !== null });
    if (first) push(first, change, reason);
  }

  // tables: by key, then confirmed renames among the unmatched
  const liveTables = new Map(target.tables.map((t) => [tableKey(t), t]));
  const unmatchedLive = new Map(liveTables);
  const added: DesignTable[] = [];
  for (const table of source.tables) {
    const key = tableKey(table);
    const live = unmatchedLive.get(key);
    if (live) {
      unmatchedLive.delete(key);
      plan.pairs.set(key, { table, live, sources: new Map() });
    } else added.push(table);
  }
  const newTables: DesignTable[] = [];
  for (const table of added) {
    const key = tableKey(table);
    const same = [...unmatchedLive.values()].filter(
      (live) => live.schema === table.schema && sameColumns(live.columns, table.columns, engine),
    );
    for (const live of same) candidates.push({ kind: 'table', table: null, from: tableKey(live), to: key });
    // a confirmed rename holds even where the shapes differ (the other changes follow it)
    const renamed = [...unmatchedLive.values()].find(
      (live) => live.schema === table.schema && confirmed('table', null, tableKey(live), key),
    );
    if (renamed) {
      unmatchedLive.delete(tableKey(renamed));
      plan.pairs.set(key, { table, live: renamed, sources: new Map() });
      push(
        { kind: 'renameTable', live: renamed, to: table.name },
        { kind: 'renameTable', table: tableKey(renamed), item: null, description: `renamed to ${table.name}` },
      );
    } else newTables.push(table);
  }
  for (const table of newTables) {
    push(
      { kind: 'addTable', table },
      {
        kind: 'addTable',
        table: tableKey(table),
        item: null,
        description: `new table (${table.columns.length} columns)`,
      },
    );
  }
  for (const [key, live] of unmatchedLive) {
    push(
      { kind: 'dropTable', live },
      { kind: 'dropTable', table: key, item: null, description: 'table dropped' },
      `drops table ${key} and its rows`,
    );
  }

  // table renames, as the foreign keys of other tables see them
  const renamedTables = new Map<string, string>();
  for (const [key, pair] of plan.pairs) if (tableKey(pair.live) !== key) renamedTables.set(tableKey(pair.live), key);

  for (const [key, pair] of plan.pairs) {
    const liveKey = tableKey(pair.live);
    const { table, live } = pair;
    const columnChange = (kind: SchemaChangeKind, item: string, description: string) => ({
      kind,
      table: liveKey,
      item,
      description,
    });
    const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
    const unmatched = new Map(liveColumns);
    const newColumns: DesignColumn[] = [];
    for (const column of table.columns) {
      if (unmatched.has(column.name)) {
        pair.sources.set(column.name, column.name);
        unmatched.delete(column.name);
      } else newColumns.push(column);
    }
    for (const column of newColumns) {
      const same = [...unmatched.values()].filter(
        (c) => normalizeType(c.type, engine) === normalizeType(column.type, engine),
      );
      for (const c of same) candidates.push({ kind: 'column', table: liveKey, from: c.name, to: column.name });
      const renamed = [...unmatched.values()].find(
        (c) => confirmed('column', liveKey, c.name, column.name) || confirmed('column', key, c.name, column.name),
      );
      if (renamed) {
        unmatched.delete(renamed.name);
        pair.sources.set(column.name, renamed.name);
        push(
          { kind: 'renameColumn', table, from: renamed.name, to: column.name },
          columnChange('renameColumn', renamed.name, `renamed to ${column.name}`),
        );
        continue;
      }
      const blocked = !column.nullable && column.default === null && !column.autoIncrement && hasRows(liveKey);
      push(
        { kind: 'addColumn', table, column },
        columnChange('addColumn', column.name, `new column ${column.type}${column.nullable ? '' : ' NOT NULL'}`),
        blocked ? `adds NOT NULL column ${liveKey}.${column.name} without a default to a table with rows` : null,
      );
    }
    for (const column of unmatched.values()) {
      push(
        { kind: 'dropColumn', table, live, column },
        columnChange('dropColumn', column.name, 'column dropped'),
        `drops column ${liveKey}.${column.name} and its values`,
      );
    }

    // columns kept: type, nullability, default, unique, auto-increment
    for (const column of table.columns) {
      const was = liveColumns.get(pair.sources.get(column.name) ?? '');
      if (!was || !pair.sources.has(column.name)) continue;
      const fromType = normalizeType(was.type, engine);
      const toType = normalizeType(column.type, engine);
      const words: string[] = [];
      let reason: string | null = null;
      if (fromType !== toType) {
        words.push(`type ${was.type} → ${column.type}`);
        reason = narrowingReason(fromType, toType, engine);
      }
      if (was.nullable !== column.nullable) {
        words.push(
          column.nullable
            ? 'NULL allowed'
            : `NOT NULL added${column.default !== null ? ` (default ${column.default})` : ''}`,
        );
        if (!column.nullable && column.default === null && hasRows(liveKey)) {
          reason ??= `makes ${liveKey}.${column.name} NOT NULL without a default on a table with rows`;
        }
      }
      if (normalizeDefault(was.default) !== normalizeDefault(column.default)) {
        words.push(column.default === null ? 'default dropped' : `default ${column.default}`);
      }
      // MySQL's ON UPDATE CURRENT_TIMESTAMP (the other engines have none)
      if (engine === 'mysql' && normalizeDefault(was.onUpdate ?? null) !== normalizeDefault(column.onUpdate ?? null)) {
        words.push(column.onUpdate === undefined ? 'ON UPDATE dropped' : `ON UPDATE ${column.onUpdate}`);
      }
      if (was.unique !== column.unique) words.push(column.unique ? 'UNIQUE added' : 'UNIQUE dropped');
      if (engine !== 'sqlite' && !sameNote(was.note, column.note)) words.push(noteWords(was.note, column.note));
      const autoIncrement = rowidAliasOrFlag(engine, table, column);
      if (rowidAliasOrFlag(engine, live, was) !== autoIncrement) {
        words.push(autoIncrement ? 'auto-increment added' : 'auto-increment dropped');
      }
      if (words.length === 0) continue;
      push(
        { kind: 'alterColumn', table, from: was, to: column, typeChanged: fromType !== toType },
        columnChange('alterColumn', column.name, words.join(', ')),
        reason,
      );
    }

    // the table's note (SQLite keeps no comments: never a difference there)
    if (engine !== 'sqlite' && !sameNote(live.note, table.note)) {
      push(
        { kind: 'setTableNote', table, note: table.note || null },
        { kind: 'alterTable', table: liveKey, item: null, description: noteWords(live.note, table.note) },
      );
    }

    // primary key, in wanted column names
    const livePk = live.primaryKey.map((c) => renamedColumn(pair, c));
    if (livePk.join('\0') !== table.primaryKey.join('\0')) {
      if (live.primaryKey.length > 0) {
        push(
          { kind: 'dropPrimaryKey', table, live },
          columnChange('dropPrimaryKey', live.primaryKey.join(', '), 'primary key dropped'),
        );
      }
      if (table.primaryKey.length > 0) {
        push(
          { kind: 'addPrimaryKey', table },
          columnChange('addPrimaryKey', table.primaryKey.join(', '), `primary key (${table.primaryKey.join(', ')})`),
        );
      }
    }

    const liveIndexes = live.indexes.map((i) => ({ ...i, columns: i.columns.map((c) => renamedColumn(pair, c)) }));
    matchItems(liveIndexes, table.indexes, sameIndex).forEach(([was, now]) => {
      if (was && !now) {
        push({ kind: 'dropIndex', table, index: was }, columnChange('dropIndex', indexName(was), 'index dropped'));
      } else if (now && !was) {
        push(
          { kind: 'addIndex', table, index: now },
          columnChange('addIndex', indexName(now), `${now.unique ? 'unique ' : ''}index (${now.columns.join(', ')})`),
        );
      }
    });
    const liveFks = live.foreignKeys.map((f) => ({
      ...f,
      columns: f.columns.map((c) => renamedColumn(pair, c)),
      refTable: renamedTables.get(tableKey({ schema: f.refSchema ?? live.schema, name: f.refTable }))
        ? tableNameOf(renamedTables.get(tableKey({ schema: f.refSchema ?? live.schema, name: f.refTable }))!)
        : f.refTable,
      refColumns: f.refColumns.map((c) => refColumnName(plan, f, live, c)),
    }));
    matchItems(liveFks, table.foreignKeys, (a, b) => sameForeignKey(a, b, table)).forEach(([was, now]) => {
      if (was && !now) {
        push(
          { kind: 'dropForeignKey', table, foreignKey: was },
          columnChange('dropForeignKey', fkName(was), 'foreign key dropped'),
        );
      } else if (now && !was) {
        push(
          { kind: 'addForeignKey', table, foreignKey: now },
          columnChange('addForeignKey', fkName(now), `(${now.columns.join(', ')}) → ${now.refTable}`),
        );
      }
    });
    const liveChecks = live.checks;
    matchItems(liveChecks, table.checks, sameCheck).forEach(([was, now]) => {
      if (was && !now) {
        push({ kind: 'dropCheck', table, check: was }, columnChange('dropCheck', checkName(was), 'check dropped'));
      } else if (now && !was) {
        push(
          { kind: 'addCheck', table, check: now },
          columnChange('addCheck', checkName(now), `CHECK (${now.expression})`),
        );
      }
    });
  }

  const steps = migrationSteps(plan);
  const destructive = [
    ...new Set(
      changes
        .filter((c) => c.destructive)
        .map((c) => (c.item !== null && c.kind !== 'dropTable' ? `${c.table}.${c.item}` : c.table)),
    ),
  ];
  return {
    changes,
    renameCandidates: dedupe(candidates),
    steps,
    sql: sqlScript(steps, engine),
    knex: knexMigration(steps, engine, withDown ? reverseSteps(source, target, renames, options) : null),
    destructive,
  };
}

/** The migration back from `source` to `target` (renames turned round), for the knex file's `down`. */
function reverseSteps(
  source: Design,
  target: Design,
  renames: readonly RenameCandidate[],
  options: DiffOptions,
): MigrationStep[] | null {
  const back = renames.map((r) => ({ ...r, from: r.to, to: r.from }));
  try {
    return diffOneWay(target, source, back, { live: options.live }, false).steps;
  } catch {
    // a reverse the step writers cannot express leaves down refusing, as without one
    return null;
  }
}

function noteWords(was: string | null, now: string | null): string {
  return !now ? 'note dropped' : !was ? 'note added' : 'note changed';
}

function sameColumns(a: readonly DesignColumn[], b: readonly DesignColumn[], engine: Engine): boolean {
  const shape = (cols: readonly DesignColumn[]) =>
    cols
      .map((c) => `${c.name}\0${normalizeType(c.type, engine)}`)
      .sort()
      .join('\n');
  return a.length === b.length && shape(a) === shape(b);
}

function renamedColumn(pair: TablePair, liveName: string): string {
  for (const [wanted, live] of pair.sources) if (live === liveName) return wanted;
  return liveName;
}

/** A referenced column's wanted name, when the referenced table is one whose columns were renamed. */
function refColumnName(plan: MigrationPlan, fk: DesignForeignKey, live: DesignTable, column: string): string {
  const liveKey = tableKey({ schema: fk.refSchema ?? live.schema, name: fk.refTable });
  for (const pair of plan.pairs.values()) if (tableKey(pair.live) === liveKey) return renamedColumn(pair, column);
  return column;
}

function tableNameOf(key: string): string {
  return key.includes('.') ? key.slice(key.indexOf('.') + 1) : key;
}

/**
 * Pairs live and wanted items: by name where both have one, otherwise (a name left to the engine) by content.
 * Returns [live, wanted] pairs; a changed item comes back as a drop and an add.
 */
function matchItems<T extends { name: string | null }>(
  live: readonly T[],
  wanted: readonly T[],
  same: (a: T, b: T) => boolean,
): [T | null, T | null][] {
  const out: [T | null, T | null][] = [];
  const rest = [...live];
  for (const item of wanted) {
    const index = rest.findIndex((l) =>
      item.name !== null && l.name !== null ? l.name === item.name && same(l, item) : same(l, item),
    );
    if (index >= 0) rest.splice(index, 1);
    else out.push([null, item]);
  }
  // drops first: a changed index keeps its name, so the old one must go before the new one is made
  return [...rest.map((l): [T | null, T | null] => [l, null]), ...out];
}

const indexName = (i: DesignIndex) => i.name ?? `(${i.columns.join(', ')})`;
const fkName = (f: DesignForeignKey) => f.name ?? `(${f.columns.join(', ')})`;
const checkName = (c: DesignCheck) => c.name ?? c.expression;

function sameIndex(a: DesignIndex, b: DesignIndex): boolean {
  const method = (t: string | null) => (t === null || t === 'btree' ? null : t);
  return (
    a.unique === b.unique &&
    a.columns.join('\0') === b.columns.join('\0') &&
    method(a.type?.toLowerCase() ?? null) === method(b.type?.toLowerCase() ?? null)
  );
}

function sameForeignKey(a: DesignForeignKey, b: DesignForeignKey, table: DesignTable): boolean {
  const action = (x: string | null) => (x === null || x === 'restrict' ? 'no action' : x);
  const schema = (x: DesignForeignKey) => x.refSchema ?? table.schema;
  return (
    a.columns.join('\0') === b.columns.join('\0') &&
    a.refTable === b.refTable &&
    schema(a) === schema(b) &&
    a.refColumns.join('\0') === b.refColumns.join('\0') &&
    action(a.onDelete) === action(b.onDelete) &&
    action(a.onUpdate) === action(b.onUpdate)
  );
}

/**
 * A PostgreSQL cast: `::` and one type name — the multi-word ones spelled out (`timestamp without time zone`,
 * `character varying`), else one word, quoted or schema-qualified — with its `(n, m)` and `[]`. A cast must not
 * reach past its type (`… ::timestamp without time zone AND payment_date < …`).
 */
const CAST =
  /::(?:(?:"[^"]*"|\w+)\.)?(?:(?:timestamp|time)(?:\s*\(\d+\))?\s+with(?:out)?\s+time\s+zone|character\s+varying|double\s+precision|bit\s+varying|"[^"]*"|\w+)(?:\s*\([\d,\s]*\))?(?:\[\])*/gi;

/** Engines rewrite check expressions (PostgreSQL adds casts and parentheses): compared without those. */
function sameCheck(a: DesignCheck, b: DesignCheck): boolean {
  const loose = (e: string) =>
    e
      .replace(CAST, '')
      .replace(/[\s()`"]/g, '')
      .toLowerCase();
  return loose(a.expression) === loose(b.expression);
}

function dedupe(candidates: RenameCandidate[]): RenameCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.kind}\0${c.table}\0${c.from}\0${c.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Whether a column auto-increments. On SQLite a table's only primary key column of type INTEGER is the rowid
 * alias, which numbers new rows whether or not the design says so: the pull marks it auto-increment, a design
 * written by hand may not, and both mean the same table.
 */
function rowidAliasOrFlag(engine: Engine, table: DesignTable, column: DesignColumn): boolean {
  if (column.autoIncrement) return true;
  return (
    engine === 'sqlite' &&
    table.primaryKey.length === 1 &&
    table.primaryKey[0] === column.name &&
    /^integer$/i.test(column.type.trim())
  );
}
