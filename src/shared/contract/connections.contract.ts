import { z } from 'zod';
import { proc } from '../proc';
import { ConnectionInput, ConnectionStatus, Id, SavedConnection } from '../domain';

const Name = z.string().trim().min(1).max(200);

/** Either a saved connection by id, or unsaved parameters (the connection dialog's Test button). */
const TestTarget = z.union([z.object({ id: Id }), ConnectionInput]);

export const connectionsContract = {
  /** All saved connections, sample first, then by name. Passwords are never returned. */
  list: proc(z.object({}), z.array(SavedConnection)),
  /**
   * Saves a new connection; the password (if any) is encrypted at rest. SSL_REQUIRED for a password to another
   * machine with SSL mode "disable" unless `params.allowCleartextPassword` (see `update`).
   */
  create: proc(z.object({ name: Name }).extend(ConnectionInput.shape), SavedConnection),
  /**
   * Changes a saved connection. An omitted password keeps the stored one, except when `params` change the engine,
   * host, port or user: then it is dropped (the result has `hasPassword: false`) so it never goes to a server it
   * was not entered for; give it again to keep one. null clears it. SSL_REQUIRED when a password would go to
   * another machine with SSL mode "disable" and `params.allowCleartextPassword` is not set (also for `create`).
   */
  update: proc(
    z.object({ id: Id, name: Name.optional(), params: ConnectionInput.shape.params.optional() }).extend({
      password: ConnectionInput.shape.password,
    }),
    SavedConnection,
  ),
  /** Copies a saved connection (including its stored password) under a new name. */
  duplicate: proc(z.object({ id: Id }), SavedConnection),
  /** Deletes a saved connection and closes it if open. */
  delete: proc(z.object({ id: Id }), z.object({ deleted: z.boolean() })),
  /**
   * Opens a connection and closes it again; fails with a specific ErrorCode (AUTH_FAILED, TIMEOUT…). A password
   * to another machine needs TLS: SSL mode "prefer" does not fall back to plain text for it (SSL_REQUIRED saying
   * so) unless `params.allowCleartextPassword`; the same holds for `connect` and every later use.
   */
  test: proc(TestTarget, z.object({ serverVersion: z.string(), latencyMs: z.number() })),
  /** Opens (or reuses) the live connection for a saved connection. */
  connect: proc(z.object({ id: Id }), ConnectionStatus),
  /** Closes the live connection, cancelling anything running on it. */
  disconnect: proc(z.object({ id: Id }), ConnectionStatus),
  /**
   * The live state of every saved connection, in the order of `list`: `connected` (with `serverVersion`) when
   * a session is open, else `disconnected` (a connection still opening counts as disconnected until its
   * `connection.statusChanged` event). The renderer asks after a reload and after its event stream
   * reconnects, since status events sent meanwhile were missed.
   */
  statuses: proc(z.object({}), z.array(ConnectionStatus)),
  /** Parses a postgres:// or mysql:// URL into parameters and password (nothing is saved). */
  parseUrl: proc(z.object({ url: z.string().min(1).max(4096) }), ConnectionInput),
};
