/** The data store's shape: what it keeps per data tab, its actions, and what it is given. */
import type { Client } from '../../../shared/client';
import type {
  CellInput,
  ColumnFilter,
  DataColumn,
  dataContract,
  ReviewedStatement,
  RowIdentity,
  SortSpec,
  TableTarget,
} from '../../../shared/contract/data.contract';
import type { ConnectionSafety, ResultColumn, Row, StatementResult } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';
import { NO_EDITS, type ChangeRef, type StagedEdits } from './data-edits';
import type { AppClient, Notifier } from './store-deps';
import type { ConfirmationRequest } from './ui.store';

/** What a data tab asks for: the table and the view the user set (stored with the tab). */
export interface DataTabView extends TableTarget {
  sort: SortSpec[];
  filters: ColumnFilter[];
  where: string;
}

export interface DataError {
  code: ErrorCode;
  message: string;
}

/** One referenced row offered by a foreign-key picker. */
export interface LookupOption {
  key: CellInput;
  label: string;
}

/** A table's row count as the schema tree knows it. */
export interface TableCount {
  rows: number | null;
  exact: boolean;
}

/** What the data store knows of one data tab. */
export interface DataTabData {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the last data.open failed (a bad WHERE, a missing table…). */
  error: DataError | null;
  /** The results store's id of the rows on screen. */
  resultId: string | null;
  sql: string;
  params: ReviewedStatement['params'];
  columns: DataColumn[];
  resultColumns: ResultColumn[];
  identity: RowIdentity | null;
  /**
   * Why Import… is off (a view, a read-only connection), else null. Not the identity's reason: an INSERT needs
   * no way to find a row again, so a table whose rows cannot be told apart still takes imports.
   */
  importBlocked: string | null;
  estimatedRows: number | null;
  exactCount: number | null;
  counting: boolean;
  edits: StagedEdits;
  /** data.preview's statements while the review is shown, else null. */
  review: ReviewedStatement[] | null;
  reviewLoading: boolean;
  applying: boolean;
  /** Why the last Apply failed, and the staged change it names (to mark it). */
  applyError: (DataError & { target: ChangeRef | null }) | null;
  /** A draft saved in an earlier session, offered for restoring while nothing is staged. */
  offeredDraft: { changes: number; savedAt: string } | null;
  draftSavedAt: string | null;
  /** Fields of new rows holding text that is not a value of their column: field → message. */
  invalid: Record<string, string>;
}

export interface DataState {
  byTab: Record<string, DataTabData | undefined>;
  /** Runs data.open for the tab's view (first open, a changed sort/filter/WHERE, reload after Apply). */
  open(tabId: string): Promise<void>;
  /** Header click: sort by the column; `additive` (Shift) adds it after the others. Again: flips, then removes. */
  toggleSort(tabId: string, column: string, additive: boolean): Promise<void>;
  setFilters(tabId: string, filters: ColumnFilter[]): Promise<void>;
  setWhere(tabId: string, where: string): Promise<void>;
  countRows(tabId: string): Promise<void>;
  /**
   * Reads the tab again after rows were written outside it (an import), and its count with it: the table's
   * count `counted` resolves to when exact (the schema tree's, read again), else a fresh COUNT when the tab
   * showed one, else that count as the estimate. The planner's estimate alone lags until the next ANALYZE.
   */
  reloadAfterWrite(tabId: string, counted: Promise<TableCount | null>): Promise<void>;
  stageCell(tabId: string, row: Row, column: string, value: CellInput): void;
  toggleDeleteRows(tabId: string, rows: Row[]): void;
  revertRow(tabId: string, rowKey: string): void;
  /** A new row; `values` (a duplicated row) or every column at its default. Returns its id. */
  insertRow(tabId: string, values?: Record<string, CellInput>): string;
  /** A new row with the values of `row`, except autoincrement and generated columns. */
  duplicateRow(tabId: string, row: Row): string;
  setInsertValue(tabId: string, insertId: string, column: string, value: CellInput | undefined): void;
  removeInsert(tabId: string, insertId: string): void;
  /** A field of a new row holds invalid text (message) or not (null); Review and Apply wait for it. */
  markInvalid(tabId: string, field: string, message: string | null): void;
  /** Shows the statements Apply would run. */
  review(tabId: string): Promise<void>;
  closeReview(tabId: string): void;
  /** Runs every staged change in one transaction; true when it worked. */
  apply(tabId: string): Promise<boolean>;
  /** Drops every staged change (and the saved draft). */
  discard(tabId: string): Promise<void>;
  restoreDraft(tabId: string): Promise<void>;
  dismissDraft(tabId: string): Promise<void>;
  referencedBy(
    tabId: string,
    row: Row,
  ): Promise<{ schema: string | null; table: string; columns: string[]; count: number }[]>;
  /**
   * Rows of the table a foreign-key column references, for a picker: the referenced key and a label made of
   * `labelColumns` (chosen by the caller from the referenced table's columns), searched by text across both.
   */
  lookup(tabId: string, column: string, search: string, labelColumns: string[]): Promise<LookupOption[]>;
  /**
   * After a start: says which tables hold staged changes saved in an earlier session that no open tab shows
   * (an open tab offers its own when it opens).
   */
  mentionDrafts(): Promise<void>;
  /** Forgets a closed tab (its result is released by the results store). */
  disposeTab(tabId: string): void;
}

/** The procedures the data store calls. */
export type DataClient = Pick<Client<{ data: typeof dataContract }>, 'data'> & Pick<AppClient, 'schema'>;

export interface DataDeps {
  client: DataClient;
  notifier: Notifier;
  /** The data tab's connection and view, or undefined when the tab is gone or has no connection. */
  readView(tabId: string): DataTabView | undefined;
  updateView(tabId: string, view: Partial<Pick<DataTabView, 'sort' | 'filters' | 'where'>>): void;
  ensureConnected(connectionId: string): Promise<boolean>;
  /** Shows data.open's result in the tab's grid (the results store); returns its id. */
  showResult(tabId: string, run: { runId: string; connectionId: string; sql: string; result: StatementResult }): string;
  /** True when a data tab shows this table (on any view of it). */
  hasOpenTab(target: TableTarget): boolean;
  /** The name of a saved connection, for messages. */
  connectionName(connectionId: string): string | undefined;
  /** Rows of the table changed (Apply): schema counts and other views may refresh. */
  onChanged(connectionId: string): void;
  pageSize: number;
  draftDebounceMs?: number;
  /** How careful to be with a connection: read-only stages nothing, production asks before every Apply. */
  safetyOf?(connectionId: string): ConnectionSafety;
  /** Asks the user; true to go on. Without it a production connection applies nothing. */
  confirm?(request: ConfirmationRequest): Promise<boolean>;
}

/** A tab the store has not read yet. */
export const EMPTY: DataTabData = {
  status: 'idle',
  error: null,
  resultId: null,
  sql: '',
  params: [],
  columns: [],
  resultColumns: [],
  identity: null,
  importBlocked: null,
  estimatedRows: null,
  exactCount: null,
  counting: false,
  edits: NO_EDITS,
  review: null,
  reviewLoading: false,
  applying: false,
  applyError: null,
  offeredDraft: null,
  draftSavedAt: null,
  invalid: {},
};
