/**
 * Live pickup of the HTTP client's files: watches the workspace's `collections/` (every subfolder), `environments/`
 * and `globals.yaml`, and reports what changed outside the app (a `git pull`, an editor) in one batch a quiet
 * `debounceMs` after the last event — a pull touches many files, an editor's save is several events. Temp files
 * (dot files: the atomic writes' `.…tmp`) are ignored. One plain watch per folder, as the mocks folder watch does:
 * Node 20's `recursive` watch on Linux polls files and misses a file renamed over another. The app's own saves are
 * reported too; the renderer's reload is idempotent (a tab whose file holds what it saved stays as it is).
 */
import { watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isFolder, listFolder } from '../../workspace/folder-probe';
import { GLOBALS_PATH } from './environment-files';

/** One batch: paths under `collections/` (files and folders) and environment files (`staging.yaml`, `globals`). */
export interface HttpFilesChange {
  collections: string[];
  environments: string[];
}

export interface HttpFilesWatch {
  close(): void;
}

export function watchHttpFiles(options: {
  workspaceDir: string;
  onChange: (change: HttpFilesChange) => void;
  onError?: (error: unknown) => void;
  debounceMs?: number;
}): HttpFilesWatch {
  const debounceMs = options.debounceMs ?? 150;
  const collectionsRoot = join(options.workspaceDir, 'collections');
  const environmentsRoot = join(options.workspaceDir, 'environments');
  const watchers = new Map<string, FSWatcher>();
  const pending = { collections: new Set<string>(), environments: new Set<string>() };
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    if (closed) return;
    const change = { collections: [...pending.collections].sort(), environments: [...pending.environments].sort() };
    pending.collections.clear();
    pending.environments.clear();
    if (change.collections.length + change.environments.length > 0) options.onChange(change);
  };
  const changed = (kind: keyof typeof pending, path: string) => {
    pending[kind].add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const watchFolder = (dir: string, onName: (dir: string, name: string) => void, recursive: boolean) => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (closed || name === null || name.startsWith('.')) return;
        if (recursive && isFolder(join(dir, name))) watchFolder(join(dir, name), onName, true);
        onName(dir, name);
      });
    } catch (error) {
      // no live pickup here: the panel's refresh still reads the files again
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(error);
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
    if (!recursive) return;
    for (const entry of listFolder(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchFolder(join(dir, entry.name), onName, true);
    }
  };

  const onCollection = (dir: string, name: string) =>
    changed('collections', relative(collectionsRoot, join(dir, name)).split(sep).join('/'));
  watchFolder(collectionsRoot, onCollection, true);
  watchFolder(
    environmentsRoot,
    (_dir, name) => {
      if (/\.ya?ml$/i.test(name)) changed('environments', name);
    },
    false,
  );
  // globals.yaml sits in the workspace root, next to everything else: only its name counts
  watchFolder(
    options.workspaceDir,
    (_dir, name) => {
      if (name === 'globals.yaml') changed('environments', GLOBALS_PATH);
      // a collections/ folder made after the start (the first collection) is watched from then on
      if (name === 'collections' && isFolder(collectionsRoot)) watchFolder(collectionsRoot, onCollection, true);
    },
    false,
  );

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
