import type { DesignColumn } from '../../../shared/design';
import { commentForKnex, createTableStatements, withOnUpdate } from './ddl';
import {
  addForeign,
  alterSql,
  createIndexSql,
  fillNulls,
  generatedName,
  liveRef,
  noteLiteral,
  qualify,
  quote,
  raw,
  refOf,
  renameTableSql,
  sameNote,
  schemaSql,
} from './migrate-common';
import type { MigrationOp, MigrationPlan } from './migrate-plan';

/**
 * MySQL/MariaDB statements for one migration operation: knex's schema builder where it says it (MODIFY with the
 * whole column definition, indexes, keys), hand-written where it needs a live connection (RENAME COLUMN: knex
 * reads the column's definition first). MySQL commits each DDL statement on its own, so apply.ts runs them step
 * by step and reports where it stopped.
 */
export function mysqlStatements(op: MigrationOp, plan: MigrationPlan): string[] {
  const e = 'mysql';
  switch (op.kind) {
    case 'addEnum':
    case 'alterEnum':
    case 'checkEnum':
    case 'recreateEnum':
    case 'dropEnum':
      // MySQL enums are column types: their changes are column changes
      return [];
    case 'renameTable':
      return renameTableSql(e, op.live, op.to);
    case 'addTable':
      return createTableStatements(plan.source, op.table, { inlineForeignKeys: false });
    case 'setTableNote':
      // an empty comment is none
      return [`ALTER TABLE ${qualify(e, refOf(op.table))} COMMENT = ${noteLiteral(e, op.note ?? '')}`];
    case 'dropTable':
      return schemaSql(e, (schema, id) =>
        (op.live.schema === null ? schema : schema.withSchema(id(op.live.schema))).dropTable(id(op.live.name)),
      );
    case 'renameColumn':
      return [`ALTER TABLE ${qualify(e, refOf(op.table))} RENAME COLUMN ${quote(e, op.from)} TO ${quote(e, op.to)}`];
    case 'addColumn':
      return [
        ...alterSql(e, refOf(op.table), (t, id) => {
          const c = t.specificType(id(op.column.name), columnType(op.column));
          if (!op.column.nullable) c.notNullable();
          if (op.column.default !== null) c.defaultTo(raw(op.column.default));
          if (op.column.note) c.comment(commentForKnex(e, op.column.note));
        }),
        ...(op.column.unique ? addUnique(refOf(op.table), op.column.name) : []),
      ];
    case 'dropColumn':
      return alterSql(e, refOf(op.table), (t, id) => t.dropColumn(id(op.column.name)));
    case 'alterColumn': {
      const ref = refOf(op.table);
      const out: string[] = [];
      if (!op.to.nullable && op.from.nullable) out.push(...fillNulls(e, ref, op.to));
      const definitionChanged =
        op.typeChanged ||
        op.from.nullable !== op.to.nullable ||
        op.from.default !== op.to.default ||
        op.from.autoIncrement !== op.to.autoIncrement ||
        op.from.onUpdate !== op.to.onUpdate ||
        !sameNote(op.from.note, op.to.note);
      if (definitionChanged) {
        // MODIFY takes the whole definition: type, nullability, default and AUTO_INCREMENT together
        out.push(
          ...alterSql(e, ref, (t, id) => {
            const c = t.specificType(id(op.to.name), columnType(op.to));
            if (op.to.nullable) c.nullable();
            else c.notNullable();
            if (op.to.default !== null) c.defaultTo(raw(op.to.default));
            // MODIFY replaces the whole definition: the note wanted is restated (none drops it)
            if (op.to.note) c.comment(commentForKnex(e, op.to.note));
            c.alter();
          }),
        );
      }
      if (op.from.unique !== op.to.unique) {
        out.push(
          ...(op.to.unique
            ? addUnique(ref, op.to.name)
            : [`ALTER TABLE ${qualify(e, ref)} DROP INDEX ${quote(e, op.to.name)}`]),
        );
      }
      return out;
    }
    case 'dropPrimaryKey':
      return [`ALTER TABLE ${qualify(e, liveRef(plan, op.table))} DROP PRIMARY KEY`];
    case 'addPrimaryKey':
      return [
        `ALTER TABLE ${qualify(e, refOf(op.table))} ADD PRIMARY KEY (${op.table.primaryKey.map((c) => quote(e, c)).join(', ')})`,
      ];
    case 'dropIndex': {
      const ref = liveRef(plan, op.table);
      const name = op.index.name ?? generatedName(ref.table, op.index.columns, op.index.unique ? 'key' : 'idx');
      return [`ALTER TABLE ${qualify(e, ref)} DROP INDEX ${quote(e, name)}`];
    }
    case 'addIndex':
      return createIndexSql(plan.source, op.table, op.index);
    case 'dropForeignKey': {
      const ref = liveRef(plan, op.table);
      const name = op.foreignKey.name ?? generatedName(ref.table, op.foreignKey.columns, 'fkey');
      return [`ALTER TABLE ${qualify(e, ref)} DROP FOREIGN KEY ${quote(e, name)}`];
    }
    case 'addForeignKey':
      return alterSql(e, refOf(op.table), (t, id) => addForeign(t, id, op.foreignKey, op.table));
    case 'dropCheck':
      if (op.check.name === null) return [];
      return [`ALTER TABLE ${qualify(e, liveRef(plan, op.table))} DROP CONSTRAINT ${quote(e, op.check.name)}`];
    case 'addCheck':
      return [
        `ALTER TABLE ${qualify(e, refOf(op.table))} ADD ${op.check.name === null ? '' : `CONSTRAINT ${quote(e, op.check.name)} `}CHECK (${op.check.expression})`,
      ];
  }
}

/** The type with AUTO_INCREMENT and ON UPDATE, which MODIFY and ADD COLUMN restate with it. */
function columnType(c: DesignColumn): string {
  return withOnUpdate('mysql', c, c.autoIncrement ? `${c.type} auto_increment` : c.type);
}

function addUnique(ref: { schema: string | null; table: string }, column: string): string[] {
  return [`ALTER TABLE ${qualify('mysql', ref)} ADD UNIQUE ${quote('mysql', column)} (${quote('mysql', column)})`];
}
