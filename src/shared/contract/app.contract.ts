import { z } from 'zod';
import { proc } from '../proc';
import { Id } from '../domain';

export const HostKind = z.enum(['electron', 'browser', 'cli', 'test']);

export const FileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(20) });

export const appContract = {
  /** Facts about the running app: version, host, folders, the sample connection and what the host can do. */
  info: proc(
    z.object({}),
    z.object({
      version: z.string(),
      host: HostKind,
      dataDir: z.string(),
      workspaceDir: z.string(),
      sampleConnectionId: Id.nullable(),
      /** True where the host shows native open/save dialogs (Electron); elsewhere the UI asks for a path. */
      nativeDialogs: z.boolean(),
    }),
  ),
  /** Shows a native open/save dialog (Electron only; NOT_SUPPORTED elsewhere). Null when cancelled. */
  pickPath: proc(
    z.object({
      mode: z.enum(['open', 'save']),
      title: z.string().max(200).optional(),
      defaultPath: z.string().max(4096).optional(),
      filters: z.array(FileFilter).max(10).optional(),
    }),
    z.object({ path: z.string().nullable() }),
  ),
};
