import type { ConnectionParams, ConnectionSafety } from './domain';
import type { StatementKind } from './sql/statement-kind';

/**
 * A connection's safety (see ConnectionSafety in domain.ts) and what it allows, without zod: the CLI and the
 * sessions read it on their start path.
 */

/** The safety a connection's parameters give it (SQLite's `readOnly` flag counts as read-only). */
export function safetyOf(params: ConnectionParams): ConnectionSafety {
  if (params.engine === 'sqlite' && params.readOnly === true) return 'readOnly';
  return params.safety ?? 'normal';
}

/** Statements a read-only connection refuses before sending them (the session refuses the rest itself). */
const CHANGES: ReadonlySet<StatementKind> = new Set(['insert', 'update', 'delete', 'merge', 'ddl']);

/** True when a read-only connection refuses a statement of this kind without sending it. */
export function refusedWhenReadOnly(kind: StatementKind): boolean {
  return CHANGES.has(kind);
}

/**
 * True when a statement of this kind runs on a connection of this safety only once the user confirmed it:
 * on production, anything that may change something — every statement but queries and transaction control
 * (SET, CALL, PRAGMA… included, as they can).
 */
export function needsConfirmation(safety: ConnectionSafety, kind: StatementKind): boolean {
  return safety === 'production' && kind !== 'query' && kind !== 'transaction';
}
