import type { MigrationStep, SchemaDiff } from '../../../shared/contract/designer.contract';
import { AppError, isAppError } from '../../../shared/errors';
import type { DriverSession, StatementRunner } from '../connections/driver-adapter';

export interface ApplyOutcome {
  applied: number;
  total: number;
  failed?: { step: number; description: string; message: string };
}

export interface ApplyOptions {
  allowDestructive: boolean;
  signal: AbortSignal;
  /** Called before each step (`step` set) and once at the end (`step` null) with the steps applied so far. */
  onProgress: (applied: number, step: { index: number; description: string } | null) => void;
}

/** What applying needs of a session: the app's sessions and the CLI's both have it. */
export type ApplySession = Pick<DriverSession, 'engine' | 'execute' | 'transaction'>;

/**
 * Runs a diff's steps on `session`: in one transaction on SQLite and PostgreSQL (DDL is transactional there, so a
 * failure leaves the database as it was), step by step on MySQL/MariaDB (each DDL statement commits on its own),
 * stopping at the first failure and saying which step it was and how many had been applied. Refuses destructive
 * steps unless `allowDestructive`, changing nothing.
 */
export async function applyMigration(
  session: ApplySession,
  diff: SchemaDiff,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const total = diff.steps.length;
  if (!options.allowDestructive && diff.steps.some((s) => s.destructive)) {
    const names =
      diff.destructive.length > 0
        ? diff.destructive
        : diff.steps.filter((s) => s.destructive).map((s) => s.description);
    throw new AppError(
      'INVALID_INPUT',
      `The migration has destructive changes: ${names.join(', ')}. Nothing was changed — confirm them (--allow-destructive) to apply.`,
      { destructive: names },
    );
  }
  if (total === 0) {
    options.onProgress(0, null);
    return { applied: 0, total };
  }
  if (session.engine === 'mysql') return stepByStep(session, diff.steps, options);

  let failed: ApplyOutcome['failed'];
  const inTransaction = async () => {
    try {
      await session.transaction(async (tx) => {
        for (const [index, step] of diff.steps.entries()) {
          options.onProgress(index, { index, description: step.description });
          try {
            await runStep(tx, step, options.signal);
          } catch (error) {
            failed = { step: index, description: step.description, message: messageOf(error) };
            throw error;
          }
        }
      }, options.signal);
    } catch (error) {
      // a failed step rolled the whole migration back: nothing is applied
      if (failed === undefined) throw error;
    }
  };
  if (session.engine === 'sqlite') {
    // SQLite ignores PRAGMA foreign_keys inside a transaction, and a rebuild must drop a referenced table
    // without cascading: off before BEGIN, back after COMMIT, on the same session
    const before = await pragmaOn(session, 'foreign_keys', options.signal);
    // a rebuild turns legacy_alter_table on around its rename; a step failing there must not leave it on
    const legacy = await pragmaOn(session, 'legacy_alter_table', options.signal);
    if (before) await session.execute('PRAGMA foreign_keys = OFF', [], options.signal);
    try {
      await inTransaction();
    } finally {
      if (before) await session.execute('PRAGMA foreign_keys = ON', [], options.signal);
      await session.execute(`PRAGMA legacy_alter_table = ${legacy ? 'ON' : 'OFF'}`, [], options.signal);
    }
  } else {
    await inTransaction();
  }
  options.onProgress(failed ? 0 : total, null);
  return failed ? { applied: 0, total, failed } : { applied: total, total };
}

async function stepByStep(
  session: ApplySession,
  steps: readonly MigrationStep[],
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  for (const [index, step] of steps.entries()) {
    options.onProgress(index, { index, description: step.description });
    try {
      await runStep(session, step, options.signal);
    } catch (error) {
      options.onProgress(index, null);
      return {
        applied: index,
        total: steps.length,
        failed: { step: index, description: step.description, message: messageOf(error) },
      };
    }
  }
  options.onProgress(steps.length, null);
  return { applied: steps.length, total: steps.length };
}

/** Runs a step's statements; a `PRAGMA foreign_key_check` that finds rows fails the step, naming the first. */
async function runStep(runner: StatementRunner, step: MigrationStep, signal: AbortSignal): Promise<void> {
  for (const sql of step.statements) {
    const outcome = await runner.execute(sql, [], signal);
    if (outcome.kind !== 'rows') continue;
    const rows = await outcome.cursor.read(10);
    await outcome.cursor.close();
    if (/^PRAGMA\s+foreign_key_check/i.test(sql) && rows.length > 0) {
      const [table, rowid, parent] = rows[0]!.map((v) =>
        typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v),
      );
      throw new AppError(
        'SQL_ERROR',
        `Foreign key check failed: a row of ${table} (rowid ${rowid}) references a missing row of ${parent}. Nothing was changed.`,
        { violations: rows.length },
      );
    }
  }
}

async function pragmaOn(
  session: ApplySession,
  pragma: 'foreign_keys' | 'legacy_alter_table',
  signal: AbortSignal,
): Promise<boolean> {
  const outcome = await session.execute(`PRAGMA ${pragma}`, [], signal);
  if (outcome.kind !== 'rows') return false;
  const rows = await outcome.cursor.read(1);
  await outcome.cursor.close();
  return String(rows[0]?.[0]) === '1';
}

function messageOf(error: unknown): string {
  if (isAppError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
