import type { ExportFormat } from '../../../../shared/contract';
import type { StatementResult } from '../../../../shared/domain';
import type { ErrorCode } from '../../../../shared/errors';

/** The state shapes of the results slice (kept apart so the slice file stays about behaviour). */

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
  goingToEnd: boolean;
  exportState: ExportState | null;
}

export interface EditorResults {
  ids: string[];
  activeId: string | null;
  running: boolean;
  /** A note about the batch ("2 statements after this one were not run"). */
  notice: string | null;
}
