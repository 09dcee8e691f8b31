import type { MigrationStep } from '../../../shared/contract/designer.contract';
import { tableKey, type DesignTable } from '../../../shared/design';
import type { MigrationOp, MigrationPlan } from './migrate-plan';
import { mysqlStatements } from './migrate-mysql';
import { postgresStatements } from './migrate-postgres';
import { rebuildNeeded, sqliteRebuild, sqliteStatements } from './migrate-sqlite';

/**
 * The order a migration runs in: foreign keys and indexes that go are dropped first, renames next (so every
 * later statement names the new names), then drops, new tables in dependency order, new and changed columns,
 * keys, checks, indexes, and foreign keys last, when every table they point to exists. PostgreSQL enums come
 * before the tables that use them and are dropped after.
 */
const PHASE: Record<MigrationOp['kind'], number> = {
  addEnum: 0,
  alterEnum: 0,
  checkEnum: 0,
  dropForeignKey: 1,
  dropIndex: 2,
  dropCheck: 2,
  dropPrimaryKey: 2,
  renameTable: 3,
  renameColumn: 4,
  dropColumn: 5,
  dropTable: 5,
  // after the drops (a dropped column need not convert), before new tables and columns use the type
  recreateEnum: 5.5,
  addTable: 6,
  addColumn: 7,
  alterColumn: 8,
  setTableNote: 8,
  addPrimaryKey: 9,
  addCheck: 10,
  addIndex: 11,
  addForeignKey: 12,
  dropEnum: 13,
};
const REBUILD_PHASE = 8;

interface Planned {
  phase: number;
  step: MigrationStep;
}

export function migrationSteps(plan: MigrationPlan): MigrationStep[] {
  const engine = plan.target.dialect;
  const planned: Planned[] = [];
  const rebuilt = new Set<string>();
  if (engine === 'sqlite') {
    for (const [key, pair] of plan.pairs) {
      const ops = plan.ops.filter(({ op }) => 'table' in op && op.table === pair.table).map(({ op }) => op);
      if (!rebuildNeeded(ops, pair, plan)) continue;
      rebuilt.add(key);
      const destructive = plan.ops.some(({ op, destructive: d }) => d && 'table' in op && op.table === pair.table);
      planned.push({ phase: REBUILD_PHASE, step: sqliteRebuild(pair, ops, plan, destructive) });
    }
  }
  const order = dependencyOrder(plan.source.tables);
  const dropOrder = dependencyOrder(plan.target.tables);
  for (const { op, destructive } of plan.ops) {
    if (engine === 'sqlite' && 'table' in op && op.kind !== 'renameColumn' && rebuilt.has(tableKey(op.table))) {
      continue;
    }
    const statements =
      engine === 'sqlite'
        ? sqliteStatements(op, plan)
        : engine === 'postgres'
          ? postgresStatements(op, plan)
          : mysqlStatements(op, plan);
    if (statements.length === 0) continue;
    // tables are made parents first and dropped children first
    const rank =
      op.kind === 'addTable'
        ? order.indexOf(op.table) / 1e6
        : op.kind === 'dropTable'
          ? (dropOrder.length - dropOrder.indexOf(op.live)) / 1e6
          : 0;
    planned.push({
      phase: PHASE[op.kind] + rank,
      step: { description: describe(op), statements, destructive },
    });
    // PostgreSQL and MySQL create a new table without its foreign keys and add them last
    if (op.kind === 'addTable' && engine !== 'sqlite') {
      for (const foreignKey of op.table.foreignKeys) {
        const fkOp: MigrationOp = { kind: 'addForeignKey', table: op.table, foreignKey };
        planned.push({
          phase: PHASE.addForeignKey,
          step: {
            description: describe(fkOp),
            statements: engine === 'postgres' ? postgresStatements(fkOp, plan) : mysqlStatements(fkOp, plan),
            destructive: false,
          },
        });
      }
    }
  }
  // a stable sort: within a phase, the diff's order
  return planned
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => a.phase - b.phase || a.i - b.i)
    .map((p) => p.step);
}

/** Tables ordered so each comes after the tables it references (cycles keep their given order). */
export function dependencyOrder(tables: readonly DesignTable[]): DesignTable[] {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const done = new Set<DesignTable>();
  const visiting = new Set<DesignTable>();
  const out: DesignTable[] = [];
  const visit = (table: DesignTable) => {
    if (done.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of table.foreignKeys) {
      const parent = byKey.get(tableKey({ schema: fk.refSchema ?? table.schema, name: fk.refTable }));
      if (parent && parent !== table) visit(parent);
    }
    visiting.delete(table);
    done.add(table);
    out.push(table);
  };
  tables.forEach(visit);
  return out;
}

function describe(op: MigrationOp): string {
  switch (op.kind) {
    case 'addEnum':
      return `Create enum ${tableKey(op.enum)}`;
    case 'alterEnum':
      return `Add values to enum ${tableKey(op.enum)}`;
    case 'checkEnum':
      return `Check that no row holds a value enum ${tableKey(op.enum)} drops`;
    case 'recreateEnum':
      return `Recreate enum ${tableKey(op.enum)} with values ${op.enum.values.map((v) => `'${v}'`).join(', ')}`;
    case 'dropEnum':
      return `Drop enum ${tableKey(op.enum)}`;
    case 'renameTable':
      return `Rename table ${tableKey(op.live)} to ${op.to}`;
    case 'addTable':
      return `Create table ${tableKey(op.table)}`;
    case 'dropTable':
      return `Drop table ${tableKey(op.live)}`;
    case 'renameColumn':
      return `Rename column ${tableKey(op.table)}.${op.from} to ${op.to}`;
    case 'addColumn':
      return `Add column ${tableKey(op.table)}.${op.column.name}`;
    case 'dropColumn':
      return `Drop column ${tableKey(op.table)}.${op.column.name}`;
    case 'alterColumn':
      return `Alter column ${tableKey(op.table)}.${op.to.name}`;
    case 'setTableNote':
      return `${op.note === null ? 'Drop the note of' : 'Set the note of'} table ${tableKey(op.table)}`;
    case 'dropPrimaryKey':
      return `Drop the primary key of ${tableKey(op.table)}`;
    case 'addPrimaryKey':
      return `Add primary key (${op.table.primaryKey.join(', ')}) to ${tableKey(op.table)}`;
    case 'dropIndex':
      return `Drop index ${op.index.name ?? op.index.columns.join(', ')} on ${tableKey(op.table)}`;
    case 'addIndex':
      return `Create index ${op.index.name ?? op.index.columns.join(', ')} on ${tableKey(op.table)}`;
    case 'dropForeignKey':
      return `Drop foreign key ${op.foreignKey.name ?? op.foreignKey.columns.join(', ')} of ${tableKey(op.table)}`;
    case 'addForeignKey':
      return `Add foreign key (${op.foreignKey.columns.join(', ')}) → ${op.foreignKey.refTable} to ${tableKey(op.table)}`;
    case 'dropCheck':
      return `Drop check ${op.check.name ?? op.check.expression} of ${tableKey(op.table)}`;
    case 'addCheck':
      return `Add check ${op.check.name ?? op.check.expression} to ${tableKey(op.table)}`;
  }
}
