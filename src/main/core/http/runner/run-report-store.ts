/**
 * The last reports of collection runs started from the app, in the app database (`http_runs`), so a run tab shows
 * its last report after a reload or a restart. Bounded: the newest RUN_REPORTS_PER_PATH per collection or folder,
 * and RUN_REPORTS_MAX_BYTES of report JSON over all of them, oldest going first.
 */
import type Database from 'better-sqlite3';
import type { HttpRunSummary } from '../../../../shared/contract/http.contract';
import type { RunReport } from './run-types';

export const RUN_REPORTS_PER_PATH = 20;
export const RUN_REPORTS_MAX_BYTES = 10 * 1024 * 1024;

/** A finished run to keep: its report, or the error that stopped it. */
export interface FinishedRun {
  id: string;
  path: string;
  startedAt: string;
  finishedAt: string;
  report: RunReport | null;
  error: { code: string; message: string } | null;
  /** Requests finished and, of them, failed (from the events when there is no report). */
  requests: number;
  failed: number;
}

interface Row {
  id: string;
  path: string;
  started_at: string;
  finished_at: string;
  passed: number;
  cancelled: number;
  requests: number;
  failed: number;
  duration_ms: number;
  error_code: string | null;
  error_message: string | null;
}

const SUMMARY_COLUMNS =
  'id, path, started_at, finished_at, passed, cancelled, requests, failed, duration_ms, error_code, error_message';

function summaryOf(row: Row): HttpRunSummary {
  return {
    id: row.id,
    path: row.path,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    running: false,
    passed: row.passed === 1,
    cancelled: row.cancelled === 1,
    requests: row.requests,
    failed: row.failed,
    durationMs: row.duration_ms,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
  };
}

export class RunReportStore {
  constructor(
    private readonly db: Database.Database,
    private readonly limits = { perPath: RUN_REPORTS_PER_PATH, bytes: RUN_REPORTS_MAX_BYTES },
  ) {}

  /** Keeps a finished run and trims the oldest past the limits. */
  append(run: FinishedRun): void {
    const reportJson = run.report ? JSON.stringify(run.report) : null;
    const durationMs = run.report?.durationMs ?? Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt));
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO http_runs (id, path, started_at, finished_at, passed, cancelled, requests, failed,
             duration_ms, error_code, error_message, report_json, stored_bytes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.path,
          run.startedAt,
          run.finishedAt,
          run.report?.passed ? 1 : 0,
          run.report?.cancelled ? 1 : 0,
          run.requests,
          run.failed,
          Number.isFinite(durationMs) ? durationMs : 0,
          run.error?.code ?? null,
          run.error?.message ?? null,
          reportJson,
          reportJson?.length ?? 0,
        );
      // newest first by finish time; the id breaks ties so the order is stable
      this.db
        .prepare(
          `DELETE FROM http_runs WHERE path = ? AND id NOT IN (
             SELECT id FROM http_runs WHERE path = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?)`,
        )
        .run(run.path, run.path, this.limits.perPath);
      const rows = this.db
        .prepare('SELECT id, stored_bytes FROM http_runs ORDER BY finished_at DESC, rowid DESC')
        .all() as { id: string; stored_bytes: number }[];
      let total = 0;
      const drop = this.db.prepare('DELETE FROM http_runs WHERE id = ?');
      for (const [i, row] of rows.entries()) {
        total += row.stored_bytes;
        // the newest report is kept whatever its size: a run tab always has its last report
        if (i > 0 && total > this.limits.bytes) drop.run(row.id);
      }
    })();
  }

  /** Finished runs of a path (all paths when absent), newest first. */
  list(path?: string): HttpRunSummary[] {
    const rows = (
      path === undefined
        ? this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM http_runs ORDER BY finished_at DESC, rowid DESC`).all()
        : this.db
            .prepare(`SELECT ${SUMMARY_COLUMNS} FROM http_runs WHERE path = ? ORDER BY finished_at DESC, rowid DESC`)
            .all(path)
    ) as Row[];
    return rows.map(summaryOf);
  }

  /** A kept run, or null when it is not (or no longer) kept. */
  get(id: string): { summary: HttpRunSummary; report: RunReport | null } | null {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS}, report_json FROM http_runs WHERE id = ?`).get(id) as
      (Row & { report_json: string | null }) | undefined;
    if (!row) return null;
    return { summary: summaryOf(row), report: row.report_json ? (JSON.parse(row.report_json) as RunReport) : null };
  }
}
