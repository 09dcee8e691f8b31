/**
 * The workspace's `collections/` folder as a tree of collections, folders and request files, and the file
 * operations the UI needs on it. Every path from the UI is relative to `collections/` (`shop/users/get.request.yaml`)
 * and is resolved inside it, symlinks included; writes are atomic.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { HttpRequestFile } from '../../../../shared/http-request';
import { slugify } from '../../mock/mock-files';
import { resolveInsideReal } from '../../workspace/safe-path';
import { writeFileAtomic } from '../../workspace/yaml-file';
import {
  parseCollectionYaml,
  parseFolderYaml,
  parseRequestYaml,
  stringifyCollection,
  stringifyFolder,
  stringifyRequest,
} from './http-yaml';

export const REQUEST_SUFFIX = '.request.yaml';
export const COLLECTION_FILE = 'collection.yaml';
export const FOLDER_FILE = 'folder.yaml';

export interface RequestNode {
  kind: 'request';
  /** Relative to `collections/`, forward slashes. */
  path: string;
  name: string;
  /** null when the file does not load (`error` says why). */
  method: string | null;
  order: number | null;
  error: string | null;
}

export interface FolderNode {
  kind: 'folder';
  path: string;
  name: string;
  order: number | null;
  error: string | null;
  children: TreeNode[];
}

export type TreeNode = RequestNode | FolderNode;

export class CollectionFiles {
  readonly root: string;

  constructor(workspaceDir: string) {
    this.root = join(workspaceDir, 'collections');
    mkdirSync(this.root, { recursive: true });
  }

  /** Every collection (a folder directly under `collections/`) with its tree, sorted by order then name. */
  async tree(): Promise<FolderNode[]> {
    await mkdir(this.root, { recursive: true });
    const entries = await readdir(this.root, { withFileTypes: true });
    const collections = await Promise.all(
      entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((e) => this.folder(e.name, true)),
    );
    return sortNodes(collections) as FolderNode[];
  }

  /** The absolute file of a path; PATH_OUTSIDE_ROOT when it leaves `collections/`. */
  resolve(path: string): Promise<string> {
    return resolveInsideReal(this.root, path);
  }

  relativePath(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  async readText(path: string): Promise<string> {
    const file = await this.resolve(path);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw fileError(error, path);
    }
  }

  /** Writes a file atomically, creating its folders. */
  async writeText(path: string, text: string): Promise<void> {
    const file = await this.resolve(path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFileAtomic(file, text);
  }

  /** A new collection folder named after `name` (its slug; CONFLICT when taken) with its collection.yaml. */
  async createCollection(name: string): Promise<string> {
    const path = slugify(name);
    await this.createDir(path);
    await this.writeText(`${path}/${COLLECTION_FILE}`, stringifyCollection({ name }));
    return path;
  }

  /** A new folder inside `parent` (a collection or folder path) with its folder.yaml. */
  async createFolder(parent: string, name: string): Promise<string> {
    await this.expectDir(parent);
    const path = `${parent}/${slugify(name)}`;
    await this.createDir(path);
    await this.writeText(`${path}/${FOLDER_FILE}`, stringifyFolder({ name }));
    return path;
  }

  /** A new request file in `parent`, named after the request (a free name: `get-user-2.request.yaml`…). */
  async createRequest(parent: string, request: HttpRequestFile): Promise<string> {
    await this.expectDir(parent);
    const path = await this.freeName(parent, slugify(request.name), REQUEST_SUFFIX);
    await this.writeText(path, stringifyRequest(request));
    return path;
  }

  /**
   * Renames a request (its `name` and its file) or a folder or collection (its settings' `name` and its
   * folder). Returns the new path.
   */
  async rename(path: string, name: string): Promise<string> {
    const file = await this.resolve(path);
    const info = await stat(file).catch((error: unknown) => {
      throw fileError(error, path);
    });
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (info.isFile()) {
      if (!path.endsWith(REQUEST_SUFFIX)) throw notRequest(path);
      const request = parseRequestYaml(await this.readText(path), path);
      const slug = slugify(name);
      const target =
        `${parent}/${slug}${REQUEST_SUFFIX}` === path ? path : await this.freeName(parent, slug, REQUEST_SUFFIX);
      await this.writeText(path, stringifyRequest({ ...request, name }));
      if (target !== path) await rename(file, await this.resolve(target));
      return target;
    }
    const settingsFile = parent === '' ? COLLECTION_FILE : FOLDER_FILE;
    const settingsPath = `${path}/${settingsFile}`;
    const existing = await this.readText(settingsPath).catch(() => null);
    const text =
      parent === ''
        ? stringifyCollection({ ...(existing ? parseCollectionYaml(existing, settingsPath) : {}), name })
        : stringifyFolder({ ...(existing ? parseFolderYaml(existing, settingsPath) : {}), name });
    const slug = slugify(name);
    const target = parent === '' ? slug : `${parent}/${slug}`;
    if (target !== path) {
      await this.createDir(target, false);
      await rename(file, await this.resolve(target));
    }
    await this.writeText(`${target}/${settingsFile}`, text);
    return target;
  }

  /** Deletes a request file or a folder with everything in it. False when there was nothing. */
  async delete(path: string): Promise<boolean> {
    const file = await this.resolve(path);
    const info = await stat(file).catch(() => null);
    if (!info) return false;
    if (info.isFile() && !path.endsWith(REQUEST_SUFFIX)) throw notRequest(path);
    await rm(file, { recursive: true });
    return true;
  }

  private async folder(path: string, isCollection: boolean): Promise<FolderNode> {
    const dir = await this.resolve(path);
    const settingsFile = isCollection ? COLLECTION_FILE : FOLDER_FILE;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const node: FolderNode = { kind: 'folder', path, name: base, order: null, error: null, children: [] };
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === settingsFile)) {
      try {
        const text = await readFile(join(dir, settingsFile), 'utf8');
        const settings = isCollection
          ? parseCollectionYaml(text, `${path}/${settingsFile}`)
          : parseFolderYaml(text, `${path}/${settingsFile}`);
        node.name = settings.name ?? base;
        node.order = 'order' in settings ? (settings.order ?? null) : null;
      } catch (error) {
        node.error = (error as Error).message;
      }
    }
    const children = await Promise.all(
      entries
        .filter((entry) => !entry.name.startsWith('.'))
        .map(async (entry): Promise<TreeNode | null> => {
          const child = `${path}/${entry.name}`;
          if (entry.isDirectory()) return this.folder(child, false);
          if (entry.isFile() && entry.name.endsWith(REQUEST_SUFFIX)) return this.requestNode(child);
          return null;
        }),
    );
    node.children = sortNodes(children.filter((child): child is TreeNode => child !== null));
    return node;
  }

  private async requestNode(path: string): Promise<RequestNode> {
    const fallback = path.slice(path.lastIndexOf('/') + 1, -REQUEST_SUFFIX.length);
    try {
      const request = parseRequestYaml(await this.readText(path), path);
      return {
        kind: 'request',
        path,
        name: request.name,
        method: request.method,
        order: request.order ?? null,
        error: null,
      };
    } catch (error) {
      return { kind: 'request', path, name: fallback, method: null, order: null, error: (error as Error).message };
    }
  }

  private async createDir(path: string, make = true): Promise<void> {
    const dir = await this.resolve(path);
    if (await stat(dir).catch(() => null)) {
      throw new AppError('CONFLICT', `"${path}" already exists; choose another name.`, { path });
    }
    if (make) await mkdir(dir, { recursive: true });
  }

  private async expectDir(path: string): Promise<void> {
    const info = await stat(await this.resolve(path)).catch(() => null);
    if (!info?.isDirectory()) {
      throw new AppError('NOT_FOUND', `There is no collection or folder "${path}".`, { path });
    }
  }

  private async freeName(parent: string, slug: string, suffix: string): Promise<string> {
    for (let n = 1; ; n++) {
      const path = `${parent}/${n === 1 ? slug : `${slug}-${n}`}${suffix}`;
      if (!(await stat(await this.resolve(path)).catch(() => null))) return path;
    }
  }
}

function sortNodes(nodes: TreeNode[]): TreeNode[] {
  return nodes.sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      a.name.localeCompare(b.name) ||
      a.path.localeCompare(b.path),
  );
}

function notRequest(path: string): AppError {
  return new AppError('INVALID_INPUT', `"${path}" is not a request file (*${REQUEST_SUFFIX}).`, { path });
}

export function fileError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new AppError('FILE_NOT_FOUND', `There is no file "${path}" in the collections.`, { path });
  if (code === 'EISDIR') return new AppError('INVALID_INPUT', `"${path}" is a folder, not a file.`, { path });
  return new AppError('IO_ERROR', `"${path}" could not be used: ${(error as Error).message}`, { path });
}
