import { safetyOf } from '../../../shared/connection-safety';
import type { ConnectionInput, ConnectionSafety, ConnectionStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { ConnectionStore } from './connection-store';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { DriverSession, OpenSession } from './driver-adapter';

export interface ConnectionManagerDeps {
  store: ConnectionStore;
  openSession: OpenSession;
  emit?: EmitFn;
  /** Where failures nobody waits for go (closing a session, a close listener); nothing is logged by default. */
  logger?: Logger;
}

interface LiveEntry {
  promise: Promise<DriverSession>;
  session: DriverSession | null;
  serverVersion?: string;
}

/** Either a saved connection or unsaved parameters (the connection dialog's Test button). */
export type TestTarget = { id: string } | ConnectionInput;

/**
 * The live sessions of saved connections: one per connection, opened on first use and shared. Concurrent
 * requests for the same connection wait on the same opening. Status changes are pushed as events.
 */
export class ConnectionManager {
  private readonly live = new Map<string, LiveEntry>();
  private readonly closeListeners = new Set<(connectionId: string) => void | Promise<void>>();
  private disposed = false;

  constructor(private readonly deps: ConnectionManagerDeps) {}

  /** Opens (or reuses) the session of a saved connection. */
  async connect(id: string): Promise<ConnectionStatus> {
    await this.get(id);
    const entry = this.live.get(id);
    return {
      connectionId: id,
      state: 'connected',
      ...(entry?.serverVersion ? { serverVersion: entry.serverVersion } : {}),
    };
  }

  /** How careful to be with a saved connection (see ConnectionSafety); NOT_FOUND for an unknown id. */
  safety(id: string): ConnectionSafety {
    return safetyOf(this.deps.store.get(id).params);
  }

  /** The live session of a saved connection, connecting first when needed. */
  get(id: string): Promise<DriverSession> {
    if (this.disposed) return Promise.reject(new AppError('NOT_CONNECTED', 'Backbench is shutting down.'));
    const existing = this.live.get(id);
    if (existing) return existing.promise;
    let saved;
    let password: string | null;
    try {
      saved = this.deps.store.get(id);
      password = this.deps.store.getPassword(id);
    } catch (error) {
      return Promise.reject(error);
    }
    const entry: LiveEntry = { promise: Promise.resolve(null as never), session: null };
    entry.promise = (async () => {
      const session = await this.deps.openSession({ params: saved.params, password });
      let serverVersion: string | undefined;
      try {
        serverVersion = await session.serverVersion();
      } catch {
        // the version is informational; a session that works otherwise is still usable
      }
      if (this.live.get(id) !== entry) {
        await this.closeQuietly(session, id);
        throw new AppError(
          'NOT_CONNECTED',
          `The connection "${saved.name}" was closed while it was opening. Connect again.`,
          {
            connectionId: id,
          },
        );
      }
      entry.session = session;
      entry.serverVersion = serverVersion;
      this.emitStatus({ connectionId: id, state: 'connected', ...(serverVersion ? { serverVersion } : {}) });
      return session;
    })();
    this.live.set(id, entry);
    entry.promise.catch((error: unknown) => {
      if (this.live.get(id) !== entry) return;
      this.live.delete(id);
      this.emitStatus({
        connectionId: id,
        state: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    });
    return entry.promise;
  }

  /** The live state of one connection: connected (with its server version) once its session is open, else disconnected. */
  status(id: string): ConnectionStatus {
    const entry = this.live.get(id);
    if (!entry?.session) return { connectionId: id, state: 'disconnected' };
    return {
      connectionId: id,
      state: 'connected',
      ...(entry.serverVersion ? { serverVersion: entry.serverVersion } : {}),
    };
  }

  /** True when the connection has an open (or opening) session. */
  isOpen(id: string): boolean {
    return this.live.has(id);
  }

  /**
   * Closes the live session. Listeners are told first, so they stop what depends on it (cancel statements,
   * close result handles), but the session is closed without waiting for them: their cleanup runs on the
   * session, and a wedged session must still close (it destroys its socket or worker), which then unblocks them.
   * `reason` turns the pushed status into an error (the session was found broken) instead of a plain disconnect.
   */
  async disconnect(id: string, reason?: string): Promise<ConnectionStatus> {
    const entry = this.live.get(id);
    this.live.delete(id);
    if (entry) {
      const listening = [...this.closeListeners].map((listener) => {
        try {
          return Promise.resolve(listener(id)).catch((error: unknown) => this.logFailure(error, id, 'close listener'));
        } catch (error) {
          this.logFailure(error, id, 'close listener');
          return Promise.resolve();
        }
      });
      if (entry.session) await this.closeQuietly(entry.session, id);
      await Promise.all(listening);
    }
    const status: ConnectionStatus = reason
      ? { connectionId: id, state: 'error', message: reason }
      : { connectionId: id, state: 'disconnected' };
    if (entry) this.emitStatus(status);
    return status;
  }

  /** Registers a callback run before a connection's session closes; returns the unregister function. */
  onClose(listener: (connectionId: string) => void | Promise<void>): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Opens a temporary session, asks its server version and closes it; latency covers opening and the query. */
  async test(target: TestTarget): Promise<{ serverVersion: string; latencyMs: number }> {
    let options;
    if ('id' in target) {
      const saved = this.deps.store.get(target.id);
      options = { params: saved.params, password: this.deps.store.getPassword(target.id) };
    } else {
      options = { params: target.params, password: target.password ?? null };
    }
    const started = performance.now();
    const session = await this.deps.openSession(options);
    try {
      const serverVersion = await session.serverVersion();
      return { serverVersion, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } finally {
      await this.closeQuietly(session, 'id' in target ? target.id : 'test');
    }
  }

  /** Closes a session nobody waits on; a failure is only worth a line in the log (the session is gone anyway). */
  private async closeQuietly(session: DriverSession, id: string): Promise<void> {
    await session.close().catch((error: unknown) => this.logFailure(error, id, 'closing a session'));
  }

  private logFailure(error: unknown, connectionId: string, what: string): void {
    this.deps.logger?.warn({ ...errorFields(error), connectionId }, `Ignored a failure while ${what}`);
  }

  /** Closes every session; later get() calls fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ids = [...this.live.keys()];
    await Promise.all(ids.map((id) => this.disconnect(id)));
  }

  private emitStatus(status: ConnectionStatus): void {
    this.deps.emit?.('connection.statusChanged', status);
  }
}
