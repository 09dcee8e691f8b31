/**
 * Hot reload from the file: watches a mock's file and, a short while after it changes, reads it and reloads
 * the server. An edit that does not validate leaves the old routes serving and is reported. The folder is
 * watched, not the file: editors often save by writing a new file and renaming it over the old one, which
 * ends a watch on the old file.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { loadMockFile } from './mock-file';
import type { MockDefinition } from '../../../shared/mock-definition';
import type { MockServer } from './mock-server';

export interface MockWatchOptions {
  file: string;
  /** What messages call the file (default: its base name). */
  fileName?: string;
  server: Pick<MockServer, 'reload'>;
  /** Quiet time after the last change before reading (default 100 ms): one save is often several events. */
  debounceMs?: number;
  onReloaded?: (definition: MockDefinition, outcome: { restartNeeded: boolean }) => void;
  /** The file could not be read, did not validate or did not compile; the old routes keep serving. */
  onError?: (error: unknown) => void;
}

export interface MockWatch {
  close(): void;
}

export function watchMockFile(options: MockWatchOptions): MockWatch {
  const name = basename(options.file);
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // a reload still reading when the next change lands runs again after it, so the last edit always wins
  let running: Promise<void> | null = null;
  let again = false;

  const reload = async () => {
    try {
      const definition = await loadMockFile(options.file, options.fileName);
      if (closed) return;
      const outcome = options.server.reload(definition);
      options.onReloaded?.(definition, outcome);
    } catch (error) {
      if (!closed) options.onError?.(error);
    }
  };
  const run = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = null;
      if (again && !closed) {
        again = false;
        run();
      }
    });
  };
  const watcher: FSWatcher = watch(dirname(options.file), (_event, changed) => {
    if (closed || (changed !== null && changed !== name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error));
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
