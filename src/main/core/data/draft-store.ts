import type Database from 'better-sqlite3';
import { DataChange, type TableTarget } from '../../../shared/contract/data.contract';
import { AppError } from '../../../shared/errors';

interface DraftRow {
  connection_id: string;
  schema_name: string;
  table_name: string;
  changes_json: string;
  change_count: number;
  saved_at: string;
}

/** A null schema (the connection's default) is stored as '' — never a real name (names have 1+ characters). */
const schemaKey = (schema: string | null) => schema ?? '';

/**
 * The staged changes of data tabs, journaled in the app database (table data_drafts, migration 5): one draft per
 * connection + schema + table, replaced on each save, gone with its connection.
 */
export class DraftStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {}

  save(input: TableTarget & { changes: DataChange[] }): { savedAt: string } {
    const savedAt = this.now().toISOString();
    const exists = this.db.prepare('SELECT 1 FROM connections WHERE id = ?').get(input.connectionId);
    if (!exists) {
      throw new AppError('NOT_FOUND', 'That connection no longer exists, so its staged changes cannot be saved.', {
        connectionId: input.connectionId,
      });
    }
    this.db
      .prepare(
        `INSERT INTO data_drafts (connection_id, schema_name, table_name, changes_json, change_count, saved_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, schema_name, table_name)
         DO UPDATE SET changes_json = excluded.changes_json, change_count = excluded.change_count,
                       saved_at = excluded.saved_at`,
      )
      .run(
        input.connectionId,
        schemaKey(input.schema),
        input.table,
        JSON.stringify(input.changes),
        input.changes.length,
        savedAt,
      );
    return { savedAt };
  }

  load(target: TableTarget): { changes: DataChange[]; savedAt: string } | null {
    const row = this.db
      .prepare('SELECT * FROM data_drafts WHERE connection_id = ? AND schema_name = ? AND table_name = ?')
      .get(target.connectionId, schemaKey(target.schema), target.table) as DraftRow | undefined;
    if (!row) return null;
    const parsed = DataChange.array().safeParse(safeJson(row.changes_json));
    // a draft that no longer reads as changes (damaged, or from an incompatible version) is dropped, not served
    if (!parsed.success) {
      this.discard(target);
      return null;
    }
    return { changes: parsed.data, savedAt: row.saved_at };
  }

  discard(target: TableTarget): { discarded: boolean } {
    const result = this.db
      .prepare('DELETE FROM data_drafts WHERE connection_id = ? AND schema_name = ? AND table_name = ?')
      .run(target.connectionId, schemaKey(target.schema), target.table);
    return { discarded: result.changes > 0 };
  }

  list(): (TableTarget & { changes: number; savedAt: string })[] {
    const rows = this.db
      .prepare(
        'SELECT connection_id, schema_name, table_name, change_count, saved_at FROM data_drafts ORDER BY saved_at DESC',
      )
      .all() as Omit<DraftRow, 'changes_json'>[];
    return rows.map((r) => ({
      connectionId: r.connection_id,
      schema: r.schema_name === '' ? null : r.schema_name,
      table: r.table_name,
      changes: r.change_count,
      savedAt: r.saved_at,
    }));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
