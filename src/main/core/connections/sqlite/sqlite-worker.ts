import { createSqliteEngine } from './sqlite-engine';
import type { WorkerEnvelope, WorkerResponse } from './sqlite-protocol';

/**
 * One SQLite connection in its own child process (see SqliteSession). Requests are handled one at a time in
 * order by the engine (sqlite-engine.ts). better-sqlite3 allows no other statement while an iterator is open, so
 * the host parks a cursor (CursorGate) before running anything else; as a safety net, executing closes any
 * iterator still open.
 */
const engine = createSqliteEngine();

// reading ahead starts once the reply is fully written: a big reply leaves through the pipe in pieces, and
// synchronous work before that would hold back the rest of it
function send(message: WorkerResponse, written?: () => void): void {
  process.send!(message, undefined, undefined, () => written?.());
}

function onMessage(envelope: WorkerEnvelope): void {
  let response: WorkerResponse;
  try {
    response = { id: envelope.id, ok: true, value: engine.handle(envelope.request) };
  } catch (error) {
    response = { id: envelope.id, ok: false, error: engine.failure(error, envelope.request) };
  }
  const op = envelope.request.op;
  if (op === 'read' || op === 'execute') send(response, () => engine.readAhead());
  else send(response);
}

if (process.send) {
  process.on('message', (message) => onMessage(message as WorkerEnvelope));
  // the host went away: nothing can read our results any more
  process.on('disconnect', () => process.exit(0));
}
