import type { AffectedOutcome } from '../driver-adapter';
import { commandCountsRows, commandInserts, statementCommand } from '../statement-command';
import type { ExecuteReply } from './sqlite-protocol';

/**
 * What a statement without rows reports, from the engine's reply: sqlite3_changes() and the last rowid repeat
 * the previous DML's until another one runs, so they count only for the commands they belong to.
 */
export function affectedOutcome(sql: string, reply: Extract<ExecuteReply, { kind: 'affected' }>): AffectedOutcome {
  const command = statementCommand(sql);
  return {
    kind: 'affected',
    command,
    affectedRows: commandCountsRows(command) ? reply.changes : null,
    // the connection's last rowid is stale unless this statement inserted a row
    lastInsertId: commandInserts(command) && reply.changes > 0 ? reply.lastInsertRowid : null,
  };
}
