import type { CoreModule, ModuleContext } from '../module';
import { exportMockOpenApi, importMockFile, uploadFinder, type FileFinder } from './mock-import';
import { MockService, type ResourceBinder } from './mock-service';

export interface MockModule extends CoreModule<'mock'> {
  service: MockService;
}

/** `mock.*`: the workspace's mock files and the servers of those that run; dispose stops them all. */
export function createMockModule(
  ctx: ModuleContext,
  deps: { bindResources?: ResourceBinder; chosenFile?: FileFinder } = {},
): MockModule {
  const service = new MockService({
    workspaceDir: ctx.workspaceDir,
    emit: ctx.emit,
    logger: ctx.logger.child({ module: 'mock' }),
    bindResources: deps.bindResources,
    tlsDir: ctx.dataDir,
  });
  const findFile = uploadFinder(ctx.dataDir, deps.chosenFile);
  return {
    service,
    handlers: {
      mock: {
        list: () => service.list(),
        read: ({ path }) => service.read(path),
        save: (input) => service.save(input),
        create: ({ name }) => service.create(name),
        delete: ({ path }) => service.delete(path),
        start: ({ path }) => service.start(path),
        stop: ({ path }) => service.stop(path),
        requests: (input) => service.requests(input),
        request: (input) => service.request(input),
        clearRequests: ({ path }) => service.clearRequests(path),
        importFile: (input) => importMockFile(service, findFile, input),
        exportOpenApi: ({ path }) => exportMockOpenApi(service, path),
        recorded: ({ path, clear }) => service.recorded(path, clear),
      },
    },
    dispose: () => service.dispose(),
  };
}
