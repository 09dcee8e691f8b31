import type { DesignSummary } from '../../../shared/contract/designer.contract';
import type { Design, DesignLayout } from '../../../shared/design';
import type { EmitFn } from '../../../shared/events';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../logging/logger';

/**
 * The design files of the workspace (`designs/*.dbml` and their `.layout.json` sidecars), watched so a change made
 * outside the app is reported (`designer.filesChanged`). Helper "design-files" builds this.
 */
export class DesignFiles {
  constructor(private readonly options: { workspaceDir: string; emit: EmitFn; logger: Logger }) {}

  list(): Promise<DesignSummary[]> {
    return Promise.reject(
      new AppError('NOT_SUPPORTED', `Design files are not built yet (${this.options.workspaceDir}).`),
    );
  }

  read(_path: string): Promise<{ path: string; dbml: string; design: Design; layout: DesignLayout }> {
    return this.list().then(() => {
      throw new AppError('NOT_SUPPORTED', 'Design files are not built yet.');
    });
  }

  write(_path: string, _design: Design, _layout: DesignLayout): Promise<{ path: string; dbml: string }> {
    return Promise.reject(new AppError('NOT_SUPPORTED', 'Design files are not built yet.'));
  }

  /** Creates a new file; CONFLICT when one exists at `path`. */
  create(
    _path: string,
    _design: Design,
    _layout: DesignLayout,
  ): Promise<{ path: string; design: Design; layout: DesignLayout }> {
    return Promise.reject(new AppError('NOT_SUPPORTED', 'Design files are not built yet.'));
  }

  delete(_path: string): Promise<boolean> {
    return Promise.reject(new AppError('NOT_SUPPORTED', 'Design files are not built yet.'));
  }

  async dispose(): Promise<void> {}
}
