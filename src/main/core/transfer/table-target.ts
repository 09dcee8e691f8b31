import type { Engine, ResultColumn } from '../../../shared/domain';
import type { StatementRunner } from '../connections/driver-adapter';
import { dialectFor } from '../connections/dialect-for';
import type { CompiledStatement, TableRef } from '../connections/sql-dialect';

/** Whether a table (or view) exists, from the engine's catalog. */
export async function tableExists(
  runner: StatementRunner,
  engine: Engine,
  ref: TableRef,
  signal: AbortSignal,
): Promise<boolean> {
  const dialect = dialectFor(engine);
  const statement =
    engine === 'sqlite'
      ? dialect.raw(
          ref.schema === null
            ? "select 1 from sqlite_master where type in ('table', 'view') and name = ?"
            : `select 1 from ${dialect.quoteIdentifier(ref.schema)}.sqlite_master where type in ('table', 'view') and name = ?`,
          [ref.table],
        )
      : dialect.raw(
          `select 1 from information_schema.tables where table_schema = coalesce(?, ${
            engine === 'postgres' ? 'current_schema()' : 'database()'
          }) and table_name = ?`,
          [ref.schema, ref.table],
        );
  const rows = await readAll(runner, statement, signal);
  return rows.length > 0;
}

/** The columns of a table with their types, as the session reports them (no rows read). */
export async function tableColumns(
  runner: StatementRunner,
  engine: Engine,
  ref: TableRef,
  signal: AbortSignal,
): Promise<ResultColumn[]> {
  const statement = dialectFor(engine).build((k, id) => {
    const builder = k(id(ref.table)).select('*').whereRaw('1 = 0');
    return ref.schema === null ? builder : builder.withSchema(id(ref.schema));
  });
  const outcome = await runner.execute(statement.sql, statement.params, signal);
  if (outcome.kind !== 'rows') return [];
  await outcome.cursor.close();
  return outcome.columns;
}

async function readAll(runner: StatementRunner, statement: CompiledStatement, signal: AbortSignal) {
  const outcome = await runner.execute(statement.sql, statement.params, signal);
  if (outcome.kind !== 'rows') return [];
  try {
    const rows = [];
    for (;;) {
      const batch = await outcome.cursor.read(1000);
      if (batch.length === 0) return rows;
      rows.push(...batch);
    }
  } finally {
    await outcome.cursor.close();
  }
}
