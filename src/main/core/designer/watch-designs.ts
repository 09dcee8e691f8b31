/**
 * Live pickup of the workspace's `designs/` folder (every subfolder): reports the design files that changed outside
 * the app (a `git pull`, an editor) in one batch a quiet `debounceMs` after the last event. A sidecar's change is
 * reported as its design's path; temp files of the atomic writes (`….tmp`) and dot files are left out. One plain
 * watch per folder, as the HTTP files' watch does (Node 20's `recursive` watch on Linux misses renames over a file).
 */
import { watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isFolder, listFolder } from '../workspace/folder-probe';

export const DESIGNS_FOLDER = 'designs';

export interface DesignsWatch {
  close(): void;
}

/** The design a file in `designs/` belongs to (`a/b.dbml` for `a/b.dbml` and `a/b.layout.json`), else null. */
export function designPathOf(relativePath: string): string | null {
  if (/\.dbml$/i.test(relativePath)) return relativePath;
  if (/\.layout\.json$/i.test(relativePath)) return relativePath.replace(/\.layout\.json$/i, '.dbml');
  return null;
}

export function watchDesigns(options: {
  workspaceDir: string;
  onChange: (paths: string[]) => void;
  onError?: (error: unknown) => void;
  debounceMs?: number;
}): DesignsWatch {
  const debounceMs = options.debounceMs ?? 150;
  const root = join(options.workspaceDir, DESIGNS_FOLDER);
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    if (closed || pending.size === 0) return;
    const paths = [...pending].sort();
    pending.clear();
    options.onChange(paths);
  };
  const changed = (path: string) => {
    pending.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  // a folder that appears (designs/ itself, or a subfolder moved in) may hold files written before its watch began
  const reportFiles = (dir: string) => {
    for (const entry of listFolder(dir)) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) reportFiles(full);
      const design = designPathOf(relative(root, full).split(sep).join('/'));
      if (design && entry.isFile()) changed(design);
    }
  };

  const watchFolder = (dir: string, report = false) => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (closed || name === null || name.startsWith('.')) return;
        const full = join(dir, name);
        if (isFolder(full)) watchFolder(full, true);
        const design = designPathOf(relative(root, full).split(sep).join('/'));
        if (design) changed(design);
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
    if (report) reportFiles(dir);
    for (const entry of listFolder(dir)) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchFolder(join(dir, entry.name));
    }
  };

  watchFolder(root);
  // a designs/ folder made after the start (the first design) is watched from then on
  const workspaceWatch = (() => {
    try {
      const w = watch(options.workspaceDir, (_event, name) => {
        if (!closed && name === DESIGNS_FOLDER && isFolder(root)) watchFolder(root, true);
      });
      w.unref();
      w.on('error', () => w.close());
      return w;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(error);
      return null;
    }
  })();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      workspaceWatch?.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
