import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignEnum,
  DesignForeignKey,
  DesignIndex,
  DesignTable,
} from '../../../shared/design';

/**
 * One operation of a migration, as the diff finds it and before it is written as SQL for an engine. Tables are
 * referred to by the design table they concern: `from`/`live` is the target (live) side, `table` the source
 * (wanted) side, so a generator can see both shapes.
 */
export type MigrationOp =
  | { kind: 'addEnum'; enum: DesignEnum }
  | { kind: 'alterEnum'; enum: DesignEnum; added: string[] }
  /** PostgreSQL: no row may hold a value the recreated enum drops (runs first, changing nothing). */
  | { kind: 'checkEnum'; enum: DesignEnum; live: DesignEnum }
  /** PostgreSQL: a new type, the columns converted to it, the old one dropped, the new one renamed. */
  | { kind: 'recreateEnum'; enum: DesignEnum; live: DesignEnum }
  | { kind: 'dropEnum'; enum: DesignEnum }
  | { kind: 'renameTable'; live: DesignTable; to: string }
  | { kind: 'addTable'; table: DesignTable }
  | { kind: 'dropTable'; live: DesignTable }
  | { kind: 'setTableNote'; table: DesignTable; note: string | null }
  | { kind: 'renameColumn'; table: DesignTable; from: string; to: string }
  | { kind: 'addColumn'; table: DesignTable; column: DesignColumn }
  | { kind: 'dropColumn'; table: DesignTable; live: DesignTable; column: DesignColumn }
  | { kind: 'alterColumn'; table: DesignTable; from: DesignColumn; to: DesignColumn; typeChanged: boolean }
  | { kind: 'dropPrimaryKey'; table: DesignTable; live: DesignTable }
  | { kind: 'addPrimaryKey'; table: DesignTable }
  | { kind: 'dropIndex'; table: DesignTable; index: DesignIndex }
  | { kind: 'addIndex'; table: DesignTable; index: DesignIndex }
  | { kind: 'dropForeignKey'; table: DesignTable; foreignKey: DesignForeignKey }
  | { kind: 'addForeignKey'; table: DesignTable; foreignKey: DesignForeignKey }
  | { kind: 'dropCheck'; table: DesignTable; check: DesignCheck }
  | { kind: 'addCheck'; table: DesignTable; check: DesignCheck };

/** A table present on both sides: its wanted shape, its live shape, and where each wanted column comes from. */
export interface TablePair {
  table: DesignTable;
  live: DesignTable;
  /** Wanted column name → live column name (after a confirmed rename, the old name), for columns kept. */
  sources: Map<string, string>;
}

/** What a step generator knows of the live database beyond the designs. */
export interface LiveObjects {
  /** SQLite: the CREATE texts of sqlite_master (tables, indexes, triggers, views), by the table they belong to. */
  sqlite?: SqliteObject[];
}

export interface MigrationPlan {
  source: Design;
  target: Design;
  ops: { op: MigrationOp; destructive: boolean }[];
  /** Tables on both sides, by the wanted table key. */
  pairs: Map<string, TablePair>;
  live: LiveObjects;
}

export interface SqliteObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  /** sqlite_master.tbl_name: the table an index or trigger is on (a view's own name). */
  table: string;
  sql: string;
}
