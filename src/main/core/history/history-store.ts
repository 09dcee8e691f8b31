import type Database from 'better-sqlite3';
import type { HistoryEntry } from '../../../shared/domain';

/** Oldest entries beyond this many per connection are trimmed on append. */
export const HISTORY_CAP_PER_CONNECTION = 10_000;

export interface AppendHistoryInput {
  connectionId: string;
  sql: string;
  executedAt: Date;
  durationMs: number | null;
  rowCount: number | null;
  status: HistoryEntry['status'];
  errorMessage: string | null;
}

export interface ListHistoryInput {
  connectionId?: string;
  search?: string;
  limit: number;
  offset?: number;
}

interface HistoryRow {
  id: number;
  connection_id: string;
  sql: string;
  executed_at: string;
  duration_ms: number | null;
  row_count: number | null;
  status: HistoryEntry['status'];
  error_message: string | null;
}

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every execution, per connection, in the app database. */
export class HistoryStore {
  constructor(
    private readonly db: Database.Database,
    private readonly cap: number = HISTORY_CAP_PER_CONNECTION,
  ) {}

  append(input: AppendHistoryInput): HistoryEntry {
    const result = this.db
      .prepare(
        `INSERT INTO query_history (connection_id, sql, executed_at, duration_ms, row_count, status, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.connectionId,
        input.sql,
        input.executedAt.toISOString(),
        input.durationMs,
        input.rowCount,
        input.status,
        input.errorMessage,
      );
    const id = Number(result.lastInsertRowid);
    this.db
      .prepare(
        `DELETE FROM query_history WHERE connection_id = ? AND id <= (
           SELECT id FROM query_history WHERE connection_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      )
      .run(input.connectionId, input.connectionId, this.cap);
    return {
      id,
      connectionId: input.connectionId,
      sql: input.sql,
      executedAt: input.executedAt.toISOString(),
      durationMs: input.durationMs,
      rowCount: input.rowCount,
      status: input.status,
      errorMessage: input.errorMessage,
    };
  }

  /** Newest first; `search` matches a substring of the SQL (case-insensitive for ASCII). */
  list(input: ListHistoryInput): { entries: HistoryEntry[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.connectionId !== undefined) {
      where.push('connection_id = ?');
      params.push(input.connectionId);
    }
    if (input.search) {
      where.push("sql LIKE ? ESCAPE '\\'");
      params.push(`%${escapeLike(input.search)}%`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM query_history ${clause}`).get(...params) as { n: number })
      .n;
    const rows = this.db
      .prepare(`SELECT * FROM query_history ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset ?? 0) as HistoryRow[];
    return { entries: rows.map(toEntry), total };
  }

  /** Removes all entries, or one connection's; returns how many. */
  clear(connectionId?: string): number {
    const result =
      connectionId === undefined
        ? this.db.prepare('DELETE FROM query_history').run()
        : this.db.prepare('DELETE FROM query_history WHERE connection_id = ?').run(connectionId);
    return result.changes;
  }
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    connectionId: row.connection_id,
    sql: row.sql,
    executedAt: row.executed_at,
    durationMs: row.duration_ms,
    rowCount: row.row_count,
    status: row.status,
    errorMessage: row.error_message,
  };
}
