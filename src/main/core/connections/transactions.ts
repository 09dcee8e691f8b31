import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../../shared/errors';
import { CursorGate } from './cursor-gate';
import type { ExecuteOptions, ExecuteOutcome, Transaction } from './driver-adapter';
import type { SqlValue } from './sql-dialect';

/** The session whose transaction the current async call chain runs in (to refuse nesting and self-deadlock). */
const scope = new AsyncLocalStorage<object>();

/** What a session provides to run a transaction on its pinned connection. */
export interface TransactionHooks {
  /** True when the connection already has a transaction open (BEGIN run as SQL, e.g. in the editor). */
  isOpen(): boolean;
  /** BEGIN, COMMIT, ROLLBACK on the connection (no statement of the transaction is running then). */
  control(statement: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<void>;
  /** Executes one statement of the transaction, its cursors adopted by `gate`. */
  execute(
    gate: CursorGate,
    sql: string,
    params: readonly SqlValue[],
    signal: AbortSignal,
    options: ExecuteOptions | undefined,
  ): Promise<ExecuteOutcome>;
  /** Called with the transaction's gate when it starts and with null when it ends (SQLite drops it on cancel). */
  track?(gate: CursorGate | null): void;
}

/**
 * Fails when called from inside a transaction of `session` (its `work` callback): the connection belongs to
 * that transaction until it ends, so waiting for it would wait forever.
 */
export function assertOutsideTransaction(session: object, what: 'execute' | 'transaction'): void {
  if (scope.getStore() !== session) return;
  throw new AppError(
    'CONFLICT',
    what === 'transaction'
      ? 'A transaction is already running on this connection — transactions do not nest; run the statements with the `tx` you were given (or use SAVEPOINT through it).'
      : 'This statement was run on the session from inside its own transaction — use the `tx` the transaction gave you; the connection belongs to the transaction until it ends.',
  );
}

function ended(): AppError {
  return new AppError(
    'RESULT_EXPIRED',
    'This result belonged to a transaction that has ended — read the rows you need inside the transaction.',
  );
}

/**
 * BEGIN … COMMIT around `work` on a connection served by `outer`. The transaction holds `outer` for its whole
 * length (other work on the session waits); its own statements go through a gate of their own, so cursors
 * park and cancel as usual inside it. A rejection of `work` or of COMMIT rolls back and is rethrown.
 */
export function runTransaction<T>(
  session: object,
  outer: CursorGate,
  hooks: TransactionHooks,
  work: (tx: Transaction) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    assertOutsideTransaction(session, 'transaction');
  } catch (error) {
    return Promise.reject(error);
  }
  return outer.exclusive(async () => {
    if (hooks.isOpen()) {
      throw new AppError(
        'CONFLICT',
        'A transaction begun with SQL (BEGIN / START TRANSACTION) is open on this connection — COMMIT or ROLLBACK it first.',
      );
    }
    const gate = new CursorGate();
    await hooks.control('BEGIN');
    hooks.track?.(gate);
    const tx: Transaction = {
      execute: (sql, params, txSignal, options) =>
        gate.exclusive(() => hooks.execute(gate, sql, params, txSignal, options), txSignal),
    };
    try {
      let result: T;
      try {
        result = await scope.run(session, () => work(tx));
      } catch (error) {
        await gate.retire(ended());
        // after a lost connection or a killed SQLite worker there is nothing left to roll back
        await hooks.control('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await gate.retire(ended());
      try {
        await hooks.control('COMMIT');
      } catch (error) {
        await hooks.control('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return result;
    } finally {
      hooks.track?.(null);
    }
  }, signal);
}
