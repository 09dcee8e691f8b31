import { mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/dispatcher';
import type { EmitFn } from '../../shared/events';
import { createAppModule } from './app/app.module';
import { openAppDatabase } from './app-db/app-database';
import { createConnectionsModule } from './connections/connections.module';
import { createDataModule } from './data/data.module';
import { ensurePrivateDir } from './data-dir';
import { createDesignerModule } from './designer/designer.module';
import { createHistoryModule } from './history/history.module';
import { createHttpModule } from './http/http.module';
import { createFileLogger, errorFields } from './logging/logger';
import { createResourceBinder } from './mock/mock-resources';
import { createMockModule } from './mock/mock.module';
import { ensureShopMock } from './mock/shop-mock';
import type { ModuleContext } from './module';
import { createQueryModule } from './query/query.module';
import { ensureSample } from './sample/ensure-sample';
import { createSchemaModule } from './schema/schema.module';
import { FileKeySecretStore } from './secrets/file-key-secret-store';
import { createTransferModule } from './transfer/transfer.module';
import type { ServiceDeps } from './services-deps';
import { createWorkspaceModule } from './workspace/workspace.module';

export { resolveDataDir } from './data-dir';
export { SAMPLE_CONNECTION_NAME } from './sample/ensure-sample';

export interface Services {
  handlers: Handlers;
  dispatch: Dispatch;
  /** Closes live sessions, result handles, running exports, the log and the app database. */
  dispose(): Promise<void>;
}

/**
 * Builds the core from what the host injects: resolves the context every module shares, creates the domain
 * modules in dependency order and assembles their handlers. On first start it creates the sample database and
 * its saved connection.
 */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const dataDir = resolve(deps.dataDir);
  const workspaceDir = resolve(deps.workspaceDir ?? join(dataDir, 'workspace'));
  ensurePrivateDir(dataDir);
  mkdirSync(workspaceDir, { recursive: true, mode: 0o700 });
  const logger = deps.logger ?? (await createFileLogger({ dataDir }));
  const now = deps.now ?? (() => new Date());
  const emit: EmitFn = deps.emit ?? (() => undefined);
  const app = await openAppDatabase({ dataDir, now });
  const ctx: ModuleContext = {
    host: deps.host,
    dataDir,
    workspaceDir,
    appDb: app.db,
    secrets: deps.secretStore ?? FileKeySecretStore.inDataDir(dataDir),
    emit,
    now,
    logger,
    dialogs: deps.dialogs,
    openUrl: deps.openUrl,
  };

  const connections = createConnectionsModule(ctx);
  let sampleCreated: string | null = null;
  try {
    if (deps.createSample !== false) {
      const hadSample = connections.store.findSample() !== null;
      ensureSample(app.db, connections.store, dataDir);
      if (!hadSample) sampleCreated = connections.store.findSample()?.name ?? null;
    }
  } catch (error) {
    app.close();
    throw error;
  }
  const history = createHistoryModule(ctx);
  const query = createQueryModule(ctx, { manager: connections.manager, history: history.history });
  const transfer = createTransferModule(ctx, { manager: connections.manager });
  const modules = {
    app: createAppModule(ctx, { store: connections.store }),
    connections,
    schema: createSchemaModule({ manager: connections.manager, query: query.query }),
    query,
    data: createDataModule(ctx, { manager: connections.manager, query: query.query, exports: query.exports }),
    history,
    workspace: createWorkspaceModule(ctx),
    transfer,
    mock: createMockModule(ctx, {
      bindResources: createResourceBinder(connections),
      chosenFile: (fileId) => transfer.imports.chosenFile(fileId),
    }),
    http: createHttpModule(ctx),
    designer: createDesignerModule(ctx, { manager: connections.manager }),
  };
  const handlers: Handlers = {
    app: modules.app.handlers.app,
    connections: modules.connections.handlers.connections,
    schema: modules.schema.handlers.schema,
    query: modules.query.handlers.query,
    data: modules.data.handlers.data,
    history: modules.history.handlers.history,
    workspace: modules.workspace.handlers.workspace,
    transfer: modules.transfer.handlers.transfer,
    mock: modules.mock.handlers.mock,
    http: modules.http.handlers.http,
    designer: modules.designer.handlers.designer,
  };
  const all: { dispose?(): Promise<void> }[] = Object.values(modules);
  // the sample's "Shop API" mock comes with the sample, once (not started)
  if (sampleCreated !== null) {
    await ensureShopMock(modules.mock.service.files, sampleCreated).catch((error: unknown) =>
      logger.warn(errorFields(error), 'The Shop API mock could not be written'),
    );
  }

  let disposed: Promise<void> | null = null;
  return {
    handlers,
    dispatch: createDispatcher(handlers, {
      // a bug, not a user mistake: the stack goes to the log, the user gets INTERNAL with the message
      onInternalError: (error, method) =>
        logger.error({ ...errorFields(error), method }, 'Unexpected error in a procedure'),
    }),
    dispose: () => {
      disposed ??= (async () => {
        const results = await Promise.allSettled(all.map(async (m) => m.dispose?.()));
        for (const result of results) {
          if (result.status === 'rejected') logger.warn(errorFields(result.reason), 'A module failed to dispose');
        }
        app.close();
        await logger.flush();
      })();
      return disposed;
    },
  };
}
