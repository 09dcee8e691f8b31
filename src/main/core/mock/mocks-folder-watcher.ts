/**
 * Watches the workspace's `mocks/` folder and its subfolders and reports each mock file that changed, a quiet
 * `debounceMs` after its last event: one save is often several events (an editor writing a temp file and
 * renaming it over the old one). Temp files and other extensions are ignored. One plain watch per folder:
 * Node 20's `recursive` watch on Linux polls files and misses a file renamed over another.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isFolder, listFolder } from '../workspace/folder-probe';
import { MockFiles } from './mock-files';

export interface FolderWatch {
  close(): void;
}

export function watchMocksFolder(options: {
  root: string;
  onChange: (path: string) => void;
  onError?: (error: unknown) => void;
  debounceMs?: number;
}): FolderWatch {
  const debounceMs = options.debounceMs ?? 100;
  const timers = new Map<string, NodeJS.Timeout>();
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const changed = (path: string) => {
    const pending = timers.get(path);
    if (pending) clearTimeout(pending);
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        if (!closed) options.onChange(path);
      }, debounceMs),
    );
  };
  const watchFolder = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (closed || name === null) return;
        const full = join(dir, name);
        if (!name.startsWith('.') && isFolder(full)) return watchFolder(full);
        const path = relative(options.root, full).split(sep).join('/');
        if (MockFiles.isMockPath(path) && !name.startsWith('.bb-')) changed(path);
      });
    } catch (error) {
      // no watching here: mocks still reload on save from the app
      options.onError?.(error);
      return;
    }
    // the hosts decide when the process ends; a watch must not keep it alive
    watcher.unref();
    watcher.on('error', (error) => {
      // a folder that was removed ends its watch
      watcher.close();
      watchers.delete(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(error);
    });
    watchers.set(dir, watcher);
    for (const entry of listFolder(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchFolder(join(dir, entry.name));
    }
  };
  watchFolder(options.root);
  return {
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
