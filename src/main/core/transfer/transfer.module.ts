import type { ConnectionManager } from '../connections/connection-manager';
import type { CoreModule, ModuleContext } from '../module';
import { ImportService } from './import-service';

export interface TransferModule extends CoreModule<'transfer'> {
  imports: ImportService;
}

/** `transfer.*`: files into tables (exports stay with `query.export`, which shares their writers). */
export function createTransferModule(ctx: ModuleContext, deps: { manager: ConnectionManager }): TransferModule {
  const imports = new ImportService({
    manager: deps.manager,
    dataDir: ctx.dataDir,
    emit: ctx.emit,
    now: ctx.now,
    dialogs: ctx.dialogs,
    logger: ctx.logger.child({ module: 'imports' }),
  });
  // uploads left from earlier runs go once they are a day old
  void imports.prune();
  return {
    imports,
    handlers: {
      transfer: {
        chooseFile: (input) => imports.chooseFile(input),
        preview: (input) => imports.preview(input),
        import: (input) => imports.start(input),
        cancelImport: async (input) => imports.cancel(input),
        importStatus: async (input) => imports.status(input),
      },
    },
    dispose: () => imports.dispose(),
  };
}
