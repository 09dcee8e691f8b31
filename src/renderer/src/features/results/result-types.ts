import type { ExportFormat } from '../../../../shared/contract';
import type { StatementResult } from '../../../../shared/domain';
import type { ErrorCode } from '../../../../shared/errors';
import type { StatementKind } from '../../../../shared/sql/statement-kind';

/** The state shapes of the results store (kept apart so the store file stays about behaviour). */

export type ResultStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface ResultError {
  code: ErrorCode;
  message: string;
  /** 0-based offset into the statement text where the engine located the error, when it did. */
  position: number | null;
}

export interface ExportState {
  exportId: string | null;
  format: ExportFormat;
  path: string | null;
  rowsWritten: number;
  done: boolean;
  cancelled: boolean;
  error: { code: string; message: string } | null;
}

/** One executed statement and what came back. */
export interface ResultTab {
  id: string;
  runId: string;
  editorTabId: string;
  connectionId: string;
  /** 1-based position of the statement in the batch. */
  index: number;
  statementText: string;
  /** What the statement does, from its text (words the result: "Statement executed" for DDL…). */
  statementKind: StatementKind;
  /** Where the statement starts in the editor document (maps error positions back to the editor). */
  statementFrom: number;
  status: ResultStatus;
  result: StatementResult | null;
  error: ResultError | null;
  startedAt: number;
  durationMs: number | null;
  /** Rows known to exist (read by the host so far); the exact total once `done`. */
  rowsLoaded: number;
  done: boolean;
  /** Bumped whenever a page lands in the cache, so the grid re-reads its window. */
  pageVersion: number;
  pageError: { code: ErrorCode; message: string } | null;
  /** Set while reading ahead to a far row (`target`, 0-based) or to the end (`target` null). */
  readingAhead: { target: number | null } | null;
  exportState: ExportState | null;
}

export interface EditorResults {
  ids: string[];
  activeId: string | null;
  running: boolean;
  /** The run id of the statement running now (what Cancel cancels), else null. */
  runId: string | null;
  /** The user cancelled the batch: statements after the running one are not started. */
  cancelRequested: boolean;
  /** A note about the batch ("2 statements after this one were not run"). */
  notice: string | null;
}
