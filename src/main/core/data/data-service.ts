import type { z } from 'zod';
import type { dataContract, DataChange, TableTarget, TableView } from '../../../shared/contract/data.contract';
import type { ResultColumn, Row } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ConnectionManager } from '../connections/connection-manager';
import { dialectFor } from '../connections/dialect-for';
import type { ExportService } from '../query/export-service';
import type { QueryService } from '../query/query-service';
import { reviewedParam, toSqlValue } from './cell-input';
import { planChanges, type PlannedStatement } from './change-statements';
import { buildSelect, escapeLike, likeSql } from './select-statement';
import { readAll } from './read-all';
import { loadTableMeta, type TableMeta } from './table-meta';

type Out<P extends keyof typeof dataContract> = z.infer<(typeof dataContract)[P]['output']>;

export interface DataServiceDeps {
  manager: ConnectionManager;
  query: QueryService;
  /** Runs `export` (optional for callers that never export). */
  exports?: ExportService;
}

/** Table data: the SELECT of a data tab, staged changes as statements and their atomic apply, FK lookups. */
export class DataService {
  constructor(private readonly deps: DataServiceDeps) {}

  /**
   * Runs the tab's SELECT through the query service: a normal result handle, paged by query.page; no COUNT. It is
   * not recorded in the history (it re-runs on every sort and filter; see RunInput.history).
   */
  async open(input: TableView & { runId: string; pageSize: number }): Promise<Out<'open'>> {
    const { meta, dialect } = await this.meta(input);
    const select = buildSelect(dialect, meta, input);
    const result = await this.deps.query.run({
      connectionId: input.connectionId,
      sql: select.sql,
      params: select.params,
      runId: input.runId,
      pageSize: input.pageSize,
      history: false,
    });
    if (result.kind !== 'rows') throw new AppError('INTERNAL', 'The table SELECT returned no rows result.');
    return {
      result,
      sql: select.sql,
      params: select.params.map(reviewedParam),
      columns: meta.columns,
      identity: meta.identity,
      kind: meta.info.kind,
      estimatedRows: meta.info.rowCount,
    };
  }

  /** Streams the tab's rows to a file through the export service: the same SELECT as `open`, without the rowid. */
  async export(input: z.infer<(typeof dataContract)['export']['input']>): Promise<Out<'export'>> {
    if (!this.deps.exports) throw new AppError('NOT_SUPPORTED', 'Exports are not available here.');
    const { meta, dialect } = await this.meta(input);
    // SQLite's rowid is how the grid finds a row again, not data of the table
    const select = buildSelect(dialect, { ...meta, rowidAlias: null }, input);
    return this.deps.exports.start({
      exportId: input.exportId,
      connectionId: input.connectionId,
      sql: select.sql,
      params: select.params,
      format: input.format,
      ...(input.saveAs ? { saveAs: true } : {}),
    });
  }

  async preview(input: TableTarget & { changes: DataChange[] }): Promise<Out<'preview'>> {
    const { meta, dialect } = await this.meta(input);
    const statements = planChanges(dialect, meta, input.changes).map((s) => ({
      change: s.change,
      sql: s.sql,
      params: s.params.map(reviewedParam),
    }));
    return { statements };
  }

  /**
   * Runs the statements preview shows, in one transaction. Each UPDATE and DELETE must touch exactly one row
   * (MySQL: the row counted first, see PlannedStatement); otherwise, or when a statement fails, everything is
   * rolled back and the error names the change (`details.change`). The connection's safety is honoured first.
   */
  async apply(input: TableTarget & { changes: DataChange[]; confirmed?: boolean }): Promise<Out<'apply'>> {
    const safety = this.deps.manager.safety(input.connectionId);
    if (safety === 'readOnly') {
      throw new AppError(
        'READ_ONLY',
        "This connection is marked read-only, so staged changes are not applied. To change data, set its safety to Normal or Production in the connection's settings.",
      );
    }
    if (safety === 'production' && input.confirmed !== true) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'This connection is marked production: staged changes are applied only once you confirm them.',
      );
    }
    const { meta, dialect } = await this.meta(input);
    const plan = planChanges(dialect, meta, input.changes);
    const session = await this.deps.manager.get(input.connectionId);
    let affectedRows = 0;
    await session.transaction(async (tx) => {
      for (const statement of plan) {
        let outcome;
        try {
          outcome = await tx.execute(statement.sql, statement.params, new AbortController().signal);
        } catch (error) {
          throw failedChange(error, statement, input.changes);
        }
        if (statement.role === 'count') {
          const rows = outcome.kind === 'rows' ? await drain(outcome.cursor) : [];
          expectOne(Number(rows[0]?.[0] ?? 0), statement, input.changes, meta);
          continue;
        }
        if (outcome.kind === 'rows') {
          await outcome.cursor.close();
          continue;
        }
        const n = outcome.affectedRows ?? 0;
        if (statement.role === 'insert') {
          affectedRows += n;
          continue;
        }
        // a counted row (MySQL UPDATE) is known to be exactly one, whatever the UPDATE reports
        const counted = plan.some((p) => p.role === 'count' && p.change === statement.change);
        if (!counted) expectOne(n, statement, input.changes, meta);
        affectedRows += 1;
      }
    });
    return { statements: plan.length, affectedRows };
  }

  /** Per foreign key that references the table: how many rows point at the row `key` (its referenced columns). */
  async referencedBy(input: TableTarget & { key: Record<string, unknown> }): Promise<Out<'referencedBy'>> {
    const { meta, dialect } = await this.meta(input);
    const session = await this.deps.manager.get(input.connectionId);
    const out: Out<'referencedBy'> = [];
    for (const ref of meta.referencing) {
      const pairs = ref.columns.map((column, i) => {
        const referenced = ref.referencedColumns[i]!;
        if (!(referenced in input.key)) {
          throw new AppError(
            'INVALID_INPUT',
            `The row's key must hold "${referenced}": "${ref.table}" references it (${ref.columns.join(', ')}).`,
            { column: referenced },
          );
        }
        return [column, toSqlValue(input.key[referenced] as never, `Key column "${referenced}"`)] as const;
      });
      const count = dialect.build((k, id) => {
        const from = k(id(ref.table));
        let q = meta.engine === 'sqlite' || ref.schema === null ? from : from.withSchema(id(ref.schema));
        for (const [column, v] of pairs)
          q = v === null ? q.whereNull(id(column)) : q.where(id(column), '=', v as never);
        return q.count({ [id('n')]: '*' });
      });
      const rows = await readAll(session, count.sql, count.params);
      out.push({ schema: ref.schema, table: ref.table, columns: ref.columns, count: Number(rows[0]?.[0] ?? 0) });
    }
    return out;
  }

  /** Rows of a referenced table for a picker: the given columns, `search` matched in any of them, first by the first. */
  async lookup(
    input: TableTarget & { columns: string[]; search?: string; limit: number },
  ): Promise<{ columns: ResultColumn[]; rows: Row[] }> {
    const { meta, dialect } = await this.meta(input);
    for (const c of input.columns) {
      if (!meta.info.columns.some((col) => col.name === c)) {
        throw new AppError('INVALID_INPUT', `"${meta.ref.table}" has no column "${c}".`, { column: c });
      }
    }
    const search = input.search?.trim() ? `%${escapeLike(input.search.trim())}%` : null;
    const select = dialect.build((k, id) => {
      const from = k(id(meta.ref.table));
      let q = (meta.ref.schema === null ? from : from.withSchema(id(meta.ref.schema))).select(input.columns.map(id));
      if (search !== null) {
        q = q.where((w) => {
          for (const c of input.columns) void w.orWhereRaw(likeSql(meta.engine), [id(c), search]);
        });
      }
      return q.orderBy(id(input.columns[0]!)).limit(input.limit);
    });
    const session = await this.deps.manager.get(input.connectionId);
    const outcome = await session.execute(select.sql, select.params, new AbortController().signal);
    if (outcome.kind !== 'rows') return { columns: [], rows: [] };
    return { columns: outcome.columns, rows: await drain(outcome.cursor) };
  }

  private async meta(target: TableTarget): Promise<{ meta: TableMeta; dialect: ReturnType<typeof dialectFor> }> {
    const session = await this.deps.manager.get(target.connectionId);
    const meta = await loadTableMeta(session, target);
    return { meta, dialect: dialectFor(session.engine) };
  }
}

async function drain(cursor: { read(max: number): Promise<Row[]>; close(): Promise<void> }): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for (;;) {
      const batch = await cursor.read(1000);
      if (batch.length === 0) return rows;
      rows.push(...batch);
    }
  } finally {
    await cursor.close();
  }
}

function expectOne(n: number, statement: PlannedStatement, changes: readonly DataChange[], meta: TableMeta): void {
  if (n === 1) return;
  const change = changes[statement.change]!;
  const label = `Change ${statement.change + 1} (${change.kind})`;
  const message =
    n === 0
      ? `${label} found no row to ${change.kind} — it was changed or deleted since it was read. Nothing was applied; reload the table and stage the change again.`
      : `${label} would ${change.kind} ${n} rows of "${meta.ref.table}"${meta.identity.kind === 'allColumns' ? ' — without a primary key, rows with the same values cannot be told apart' : ''}. Nothing was applied.`;
  throw new AppError('CONFLICT', message, { change: statement.change, matchedRows: n });
}

/** A statement's error, named by its change: the database's message kept, `details.change` added. */
function failedChange(error: unknown, statement: PlannedStatement, changes: readonly DataChange[]): AppError {
  const label = `Change ${statement.change + 1} (${changes[statement.change]!.kind})`;
  if (error instanceof AppError) {
    return new AppError(error.code, `${label} failed, nothing was applied: ${error.message}`, {
      ...error.details,
      change: statement.change,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('SQL_ERROR', `${label} failed, nothing was applied: ${message}`, { change: statement.change });
}
