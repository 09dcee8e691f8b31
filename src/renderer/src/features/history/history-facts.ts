import type { SqlDialect } from '../../../../shared/sql/sql-lexer';
import { reportsAffectedRows, statementKind } from '../../../../shared/sql/statement-kind';

/**
 * The row count of a history entry in the words the result panel used: "3 rows affected" for INSERT, UPDATE,
 * DELETE and MERGE, "3 rows" for what returned rows, nothing for DDL and transaction control (their count means
 * nothing) or when none was recorded.
 */
export function historyRowsText(sql: string, rowCount: number | null, dialect: SqlDialect): string {
  if (rowCount === null) return '';
  const kind = statementKind(sql, dialect);
  if (kind === 'ddl' || kind === 'transaction') return '';
  const rows = `${rowCount.toLocaleString('en-US')} row${rowCount === 1 ? '' : 's'}`;
  return reportsAffectedRows(kind) ? `${rows} affected` : rows;
}
