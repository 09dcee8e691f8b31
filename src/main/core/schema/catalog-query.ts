import type { DriverSession } from '../connections/driver-adapter';
import type { SqlValue } from '../connections/sql-dialect';
import type { CatalogQuery } from './introspect-postgres';

/** A catalog query's rows as objects keyed by column name, as the introspection reads them. */
async function readObjects(
  session: DriverSession,
  sql: string,
  params: readonly SqlValue[],
): Promise<Record<string, unknown>[]> {
  const outcome = await session.execute(sql, params, new AbortController().signal, { wholeValues: true });
  if (outcome.kind !== 'rows') return [];
  const names = outcome.columns.map((c) => c.name);
  const rows: Record<string, unknown>[] = [];
  try {
    for (;;) {
      const batch = await outcome.cursor.read(1000);
      if (batch.length === 0) break;
      for (const row of batch) rows.push(Object.fromEntries(names.map((name, i) => [name, row[i]])));
    }
  } finally {
    await outcome.cursor.close();
  }
  return rows;
}

/** Catalog queries through a session's ordinary statements (for reads its `introspect` does not cover). */
export function sessionCatalogQuery(session: DriverSession): CatalogQuery {
  return async <T>(sql: string, values: unknown[]) => (await readObjects(session, sql, values as SqlValue[])) as T[];
}
