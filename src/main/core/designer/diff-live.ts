import type { RenameCandidate, SchemaDiff } from '../../../shared/contract/designer.contract';
import { tableKey, type Design } from '../../../shared/design';
import { dialectFor } from '../connections/dialect-for';
import type { DriverSession } from '../connections/driver-adapter';
import { diffDesigns, type DiffOptions } from './diff';
import type { SqliteObject } from './migrate-plan';

export type LiveSession = Pick<DriverSession, 'engine' | 'execute'>;

/**
 * The diff against a live target, with what only the database knows: which tables hold rows (NOT NULL without a
 * default is destructive only there; looked up only for the tables it concerns) and, on SQLite, the texts of the
 * indexes, triggers and views a rebuild recreates.
 */
export async function diffAgainstLive(
  session: LiveSession,
  source: Design,
  target: Design,
  renames: readonly RenameCandidate[],
  signal: AbortSignal,
): Promise<SchemaDiff> {
  const options: DiffOptions =
    session.engine === 'sqlite' ? { live: { sqlite: await sqliteObjects(session, signal) } } : {};
  const first = diffDesigns(source, target, renames, options);
  const doubtful = new Set(
    first.changes
      .filter((c) => c.reason?.includes('on a table with rows') || c.reason?.includes('to a table with rows'))
      .map((c) => c.table),
  );
  if (doubtful.size === 0) return first;
  const rowCounts: Record<string, number> = {};
  for (const table of target.tables) {
    const key = tableKey(table);
    if (doubtful.has(key)) rowCounts[key] = (await hasRows(session, table, signal)) ? 1 : 0;
  }
  return diffDesigns(source, target, renames, { ...options, rowCounts });
}

async function hasRows(
  session: LiveSession,
  table: { schema: string | null; name: string },
  signal: AbortSignal,
): Promise<boolean> {
  const from = dialectFor(session.engine).qualify({ schema: table.schema, table: table.name });
  const outcome = await session.execute(`SELECT 1 FROM ${from} LIMIT 1`, [], signal);
  if (outcome.kind !== 'rows') return true;
  const rows = await outcome.cursor.read(1);
  await outcome.cursor.close();
  return rows.length > 0;
}

async function sqliteObjects(session: LiveSession, signal: AbortSignal): Promise<SqliteObject[]> {
  const outcome = await session.execute(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    [],
    signal,
    { wholeValues: true },
  );
  if (outcome.kind !== 'rows') return [];
  const out: SqliteObject[] = [];
  try {
    for (;;) {
      const rows = await outcome.cursor.read(500);
      if (rows.length === 0) break;
      for (const [type, name, table, sql] of rows) {
        out.push({
          type: String(type) as SqliteObject['type'],
          name: String(name),
          table: String(table),
          sql: String(sql),
        });
      }
    }
  } finally {
    await outcome.cursor.close();
  }
  return out;
}
