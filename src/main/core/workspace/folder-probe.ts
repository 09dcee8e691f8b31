/**
 * Folder probes the file watchers share (the mocks folder's and the HTTP client's): each answers "no" or "nothing"
 * for a path that vanished between the event and the look, instead of throwing.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';

/** True when `path` is a folder now. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder's entries, or none when it cannot be read (gone, or not a folder). */
export function listFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
