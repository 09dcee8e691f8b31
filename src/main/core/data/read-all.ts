import type { Row } from '../../../shared/domain';
import type { StatementRunner } from '../connections/driver-adapter';
import type { SqlValue } from '../connections/sql-dialect';

/** Reads every row of a small catalog query (the cursor is read to the end and closed). */
export async function readAll(runner: StatementRunner, sql: string, params: readonly SqlValue[]): Promise<Row[]> {
  const outcome = await runner.execute(sql, params, new AbortController().signal, { wholeValues: true });
  if (outcome.kind !== 'rows') return [];
  const rows: Row[] = [];
  try {
    for (;;) {
      const batch = await outcome.cursor.read(1000);
      if (batch.length === 0) break;
      rows.push(...batch);
    }
  } finally {
    await outcome.cursor.close();
  }
  return rows;
}
