import Database from 'better-sqlite3';
import type { ConnectionParams, Row } from '../../shared/domain';
import type { ExecuteOptions, ExecuteOutcome } from '../core/connections/driver-adapter';
import { mapDriverError, queryCancelled, type ErrorContext } from '../core/connections/map-driver-error';
import { sqliteOptions } from '../core/connections/sqlite/native-binding';
import { blobLimit, encodeRow, encodeValue } from '../core/query/value-encoding';
import type { QuerySession } from './open-query-session';

type SqliteParams = Extract<ConnectionParams, { engine: 'sqlite' }>;

/**
 * SQLite in the CLI's own process. The app runs SQLite in a worker process so that a long query never blocks
 * its host and can be cancelled by killing the worker; a `backbench query` process has nothing else to do, and
 * Ctrl-C ends it whole — so it skips the fork (a second Node start, ~50 ms and more) and reads in place.
 * Opening, statement kinds and cell values follow the worker (sqlite-worker.ts): the same open checks, the same
 * driver errors through map-driver-error.ts, the same encodeRow for every cell.
 */
export class InlineSqliteSession implements QuerySession {
  readonly engine = 'sqlite' as const;
  /** The reader still open: better-sqlite3 runs nothing else on the connection until it is closed. */
  private open: IterableIterator<unknown[]> | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly ctx: ErrorContext,
  ) {}

  static open(params: SqliteParams): InlineSqliteSession {
    const ctx: ErrorContext = { engine: 'sqlite', file: params.file };
    const readonly = params.readOnly === true;
    let db: Database.Database | null = null;
    try {
      db = new Database(params.file, sqliteOptions({ readonly, fileMustExist: readonly || params.create !== true }));
      // a file that is not a database opens fine and fails on first read: find out now
      db.prepare('PRAGMA schema_version').get();
      db.pragma('foreign_keys = ON');
      return new InlineSqliteSession(db, ctx);
    } catch (error) {
      db?.close();
      throw mapDriverError(error, ctx);
    }
  }

  execute(sql: string, signal: AbortSignal, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    if (signal.aborted) return Promise.reject(queryCancelled());
    const ctx = { ...this.ctx, sql };
    try {
      this.closeReader();
      const stmt = this.db.prepare(sql);
      if (!stmt.reader) {
        const info = stmt.run();
        const lastInsertId = info.changes > 0 ? (encodeValue(info.lastInsertRowid) as number | string) : null;
        return Promise.resolve({ kind: 'affected', affectedRows: info.changes, lastInsertId });
      }
      stmt.raw(true);
      const columns = stmt.columns().map((c) => ({ name: c.name, dataType: c.type }));
      const iterator = stmt.iterate() as IterableIterator<unknown[]>;
      this.open = iterator;
      const blobBytes = blobLimit(options);
      const read = async (max: number): Promise<Row[]> => {
        if (this.open !== iterator) return [];
        const rows: Row[] = [];
        try {
          while (rows.length < max) {
            const next = iterator.next();
            if (next.done) {
              this.open = null;
              break;
            }
            rows.push(encodeRow(next.value, blobBytes));
          }
        } catch (error) {
          this.closeReader();
          throw mapDriverError(error, ctx);
        }
        return rows;
      };
      const close = async (): Promise<void> => {
        if (this.open === iterator) this.closeReader();
      };
      return Promise.resolve({ kind: 'rows', columns, cursor: { read, close } });
    } catch (error) {
      return Promise.reject(mapDriverError(error, ctx));
    }
  }

  async close(): Promise<void> {
    this.closeReader();
    if (this.db.open) this.db.close();
  }

  private closeReader(): void {
    const open = this.open;
    this.open = null;
    open?.return?.();
  }
}
