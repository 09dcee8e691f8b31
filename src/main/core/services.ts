import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/dispatcher';
import { AppError } from '../../shared/errors';
import type { EmitFn } from '../../shared/events';
import { openAppDatabase } from './app-db/app-database';
import { ConnectionManager } from './connections/connection-manager';
import { ConnectionStore } from './connections/connection-store';
import { openSession } from './connections/open-session';
import { parseConnectionUrl } from './connections/parse-url';
import { HistoryStore } from './history/history-store';
import { ExportService } from './query/export-service';
import { QueryService } from './query/query-service';
import { buildSampleDatabase, samplePath } from './sample/sample-database';
import { FileKeySecretStore } from './secrets/file-key-secret-store';
import type { ServiceDeps } from './services-deps';
import { SavedQueries } from './workspace/saved-queries';
import { TabsStore } from './workspace/tabs-store';

export const SAMPLE_CONNECTION_NAME = 'Sample shop (SQLite)';
/** Set once the sample connection was created, so a user who deletes it does not get it back. */
const SAMPLE_CREATED_KEY = 'sample.connectionCreated';

export interface Services {
  handlers: Handlers;
  dispatch: Dispatch;
  /** Closes live sessions, result handles, running exports and the app database. */
  dispose(): Promise<void>;
}

/**
 * Where app data lives: the explicit dir, else $BACKBENCH_DATA_DIR, else the platform's per-user data folder
 * (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function resolveDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (explicit) return resolve(explicit);
  if (env.BACKBENCH_DATA_DIR) return resolve(env.BACKBENCH_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Backbench');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Backbench');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'backbench');
}

/** The app's version from the nearest package.json named backbench (works from src and from the bundle). */
function appVersion(): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'backbench' && pkg.version) return pkg.version;
      }
      dir = dirname(dir);
    }
  } catch {
    // fall through: the version is informational
  }
  return '0.0.0';
}

function getSetting(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function setSetting(db: Database.Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/**
 * Builds every core service from what the host injects and wires them to the contract's handlers. On first
 * start it creates the sample database and its saved connection.
 */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const dataDir = resolve(deps.dataDir);
  const workspaceDir = resolve(deps.workspaceDir ?? join(dataDir, 'workspace'));
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(workspaceDir, { recursive: true });
  const now = deps.now ?? (() => new Date());
  const emit: EmitFn = deps.emit ?? (() => undefined);

  const app = await openAppDatabase({ dataDir, now });
  const secrets = deps.secretStore ?? FileKeySecretStore.inDataDir(dataDir);
  const store = new ConnectionStore(app.db, secrets, now);
  const history = new HistoryStore(app.db);
  const tabs = new TabsStore(app.db, now);
  const queries = new SavedQueries(workspaceDir);
  try {
    if (deps.createSample !== false) ensureSample(app.db, store, dataDir);
  } catch (error) {
    app.close();
    throw error;
  }
  const manager = new ConnectionManager({ store, openSession, emit });
  const query = new QueryService({ manager, history, emit, now });
  const exports = new ExportService({ manager, dataDir, emit, now });
  const version = appVersion();

  const handlers: Handlers = {
    app: {
      info: async () => ({
        version,
        host: deps.host,
        dataDir,
        workspaceDir,
        sampleConnectionId: store.findSample()?.id ?? null,
        nativeDialogs: deps.dialogs !== undefined,
      }),
      pickPath: async (input) => {
        if (!deps.dialogs) {
          throw new AppError('NOT_SUPPORTED', 'This host has no native file dialog. Type the path instead.');
        }
        return { path: await deps.dialogs.pickPath(input) };
      },
    },
    connections: {
      list: async () => store.list(),
      create: async ({ name, params, password }) => store.create({ name, params, password }),
      update: async (input) => {
        const updated = store.update(input);
        // new params or password only take effect on a new session
        if ((input.params !== undefined || input.password !== undefined) && manager.isOpen(input.id)) {
          await manager.disconnect(input.id);
        }
        return updated;
      },
      duplicate: async ({ id }) => store.duplicate(id),
      delete: async ({ id }) => {
        // forget it first: a request arriving while the session closes must not reopen a deleted connection
        const deleted = store.delete(id);
        await manager.disconnect(id);
        return { deleted };
      },
      test: async (target) => manager.test(target),
      connect: async ({ id }) => manager.connect(id),
      disconnect: async ({ id }) => {
        store.get(id); // NOT_FOUND for an unknown id
        return manager.disconnect(id);
      },
      statuses: async () => store.list().map((c) => manager.status(c.id)),
      parseUrl: async ({ url }) => parseConnectionUrl(url),
    },
    schema: {
      getTree: async ({ connectionId }) => {
        const session = await manager.get(connectionId);
        return { connectionId, ...(await session.introspect()) };
      },
      countRows: ({ connectionId, schema, table, runId }) =>
        query.track({ connectionId, runId }, async (signal) => {
          const session = await manager.get(connectionId);
          return { count: await session.countRows(schema, table, signal) };
        }),
    },
    query: {
      run: (input) => query.run(input),
      page: (input) => query.page(input),
      close: (input) => query.close(input),
      cancel: async (input) => query.cancel(input),
      export: (input) => exports.start(input),
      cancelExport: async (input) => exports.cancel(input),
    },
    history: {
      list: async (input) => history.list(input),
      clear: async ({ connectionId }) => ({ removed: history.clear(connectionId) }),
    },
    workspace: {
      loadTabs: async () => tabs.load(),
      saveTabs: async (input) => {
        tabs.save(input);
        return { saved: true };
      },
      listQueries: () => queries.list(),
      readQuery: ({ path }) => queries.read(path),
      saveQuery: ({ path, sql }) => queries.save(path, sql),
      deleteQuery: async ({ path }) => ({ deleted: await queries.delete(path) }),
    },
  };

  let disposed: Promise<void> | null = null;
  return {
    handlers,
    dispatch: createDispatcher(handlers),
    dispose: () => {
      disposed ??= (async () => {
        // exports and statements are aborted first, but the sessions are closed without waiting for them to wind
        // down: their cleanup runs on the sessions, and closing a wedged session is what unblocks it
        const exportsStopped = exports.dispose();
        const queriesStopped = query.dispose();
        await manager.dispose();
        await Promise.all([exportsStopped, queriesStopped]);
        app.close();
      })();
      return disposed;
    },
  };
}

/**
 * First start: build the sample shop and save its connection, once. Later starts rebuild a missing sample
 * file for an existing sample connection; a sample connection the user deleted stays deleted.
 */
function ensureSample(db: Database.Database, store: ConnectionStore, dataDir: string): void {
  const file = samplePath(dataDir);
  const existing = store.findSample();
  if (existing) {
    if (existing.params.engine === 'sqlite' && !existsSync(existing.params.file))
      buildSampleDatabase(existing.params.file);
    return;
  }
  if (getSetting(db, SAMPLE_CREATED_KEY) !== null) return;
  if (!existsSync(file)) buildSampleDatabase(file);
  const taken = new Set(store.list().map((c) => c.name.toLowerCase()));
  let name = SAMPLE_CONNECTION_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${SAMPLE_CONNECTION_NAME} ${n}`;
  const created = store.create({ name, params: { engine: 'sqlite', file }, isSample: true });
  setSetting(db, SAMPLE_CREATED_KEY, created.id);
}
