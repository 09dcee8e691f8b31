import type { DiffSide, LiveSchema } from '../../../shared/contract/designer.contract';
import { EMPTY_LAYOUT, emptyDesign, type Design } from '../../../shared/design';
import { AppError, isAppError } from '../../../shared/errors';
import type { ConnectionManager } from '../connections/connection-manager';
import type { CoreModule, ModuleContext } from '../module';
import { applyMigration } from './apply';
import { formatDbml, parseDbml } from './dbml';
import { createScript } from './ddl';
import { DesignFiles } from './design-files';
import { diffAgainstLive } from './diff-live';
import { importText } from './import-text';
import { pullDesign } from './pull';

/** `designer.*` (issue 9): design files, reverse engineering, DDL, diff and migrate. */
export function createDesignerModule(
  ctx: ModuleContext,
  deps: { manager: ConnectionManager },
): CoreModule<'designer'> & { files: DesignFiles } {
  const files = new DesignFiles({ workspaceDir: ctx.workspaceDir, emit: ctx.emit, logger: ctx.logger });
  const pull = async (live: LiveSchema): Promise<Design> =>
    pullDesign(await deps.manager.get(live.connectionId), live.schema);
  const side = async (s: DiffSide): Promise<Design> => (s.kind === 'design' ? s.design : pull(s.live));
  const sameDialect = (source: Design, target: Design): void => {
    if (source.dialect !== target.dialect) {
      throw new AppError(
        'INVALID_INPUT',
        `The design is written for ${source.dialect} but the target connection is ${target.dialect}; a migration is made between designs of one engine.`,
      );
    }
  };
  return {
    files,
    handlers: {
      designer: {
        list: () => files.list(),
        read: ({ path }) => files.read(path),
        write: ({ path, design, layout }) => files.write(path, design, layout),
        create: async ({ path, dialect, from }) =>
          files.create(path, from ? await pull(from) : emptyDesign(dialect), EMPTY_LAYOUT),
        deleteDesign: async ({ path }) => ({ deleted: await files.delete(path) }),
        parseDbml: async ({ dbml, dialect }) => parseDbml(dbml, dialect),
        formatDbml: async ({ design }) => ({ dbml: formatDbml(design) }),
        pull,
        ddl: async ({ design }) => ({ sql: createScript(design) }),
        importText: ({ text, format, dialect }) => importText(text, format, dialect),
        diff: async ({ source, target, renames }) => {
          const [src, tgt] = await Promise.all([side(source), pull(target)]);
          sameDialect(src, tgt);
          const session = await deps.manager.get(target.connectionId);
          return diffAgainstLive(session, src, tgt, renames, new AbortController().signal);
        },
        apply: async ({ source, target, renames, allowDestructive, runId }) => {
          const [src, tgt] = await Promise.all([side(source), pull(target)]);
          sameDialect(src, tgt);
          const session = await deps.manager.get(target.connectionId);
          const diff = await diffAgainstLive(session, src, tgt, renames, new AbortController().signal);
          const total = diff.steps.length;
          const progress = (event: { applied: number; step?: { index: number; description: string } }) => {
            if (runId !== undefined) ctx.emit('designer.applyProgressed', { runId, total, done: false, ...event });
          };
          const finish = (applied: number, error?: { code: string; message: string }) => {
            if (runId !== undefined) {
              ctx.emit('designer.applyProgressed', { runId, applied, total, done: true, ...(error ? { error } : {}) });
            }
          };
          try {
            const outcome = await applyMigration(session, diff, {
              allowDestructive,
              signal: new AbortController().signal,
              onProgress: (applied, step) => {
                if (step) progress({ applied, step });
              },
            });
            // the last event says where a failed migration stopped
            finish(
              outcome.applied,
              outcome.failed && {
                code: 'SQL_ERROR',
                message: `Step ${outcome.failed.step + 1} (${outcome.failed.description}) failed: ${outcome.failed.message}`,
              },
            );
            return outcome;
          } catch (error) {
            finish(0, { code: isAppError(error) ? error.code : 'INTERNAL', message: String((error as Error).message) });
            throw error;
          }
        },
      },
    },
    dispose: () => files.dispose(),
  };
}
