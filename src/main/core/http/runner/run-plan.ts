/**
 * What a run sends, in order: every request of a collection (or of one folder of it), depth first, siblings by
 * `order` then name as the collection tree shows them, each with what it inherits (inheritance.ts) worked out
 * once for the whole run. A plan comes from a collection folder on disk (the workspace's `collections/<name>`
 * or any directory of the same layout) or from an imported collection (a Postman v2.1 JSON, via the importer).
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { CollectionSettings, FolderSettings, HttpRequestFile, Variable } from '../../../../shared/http-request';
import { slugify } from '../../mock/mock-files';
import { COLLECTION_FILE, FOLDER_FILE, REQUEST_SUFFIX } from '../collections/collection-files';
import { parseCollectionYaml, parseFolderYaml, parseRequestYaml } from '../collections/http-yaml';
import { inherit, type EffectiveRequest } from '../collections/inheritance';
import type { ImportedCollection, ImportedItem } from '../import/imported-collection';

export interface PlannedRequest {
  index: number;
  name: string;
  /** Folders and name, `Users / Get user`. */
  path: string;
  effective: EffectiveRequest;
  /** Where its relative body files are read from. */
  baseDir: string;
}

export interface RunPlan {
  collection: string;
  requests: PlannedRequest[];
  collectionVariables: Variable[];
  /** Relative body files must stay inside this folder (see OutgoingRequest.filesRoot). */
  filesRoot: string;
  /** Notes from an import (what a Postman collection held that Backbench does not run). */
  warnings: string[];
}

/** A tree node with the folder a request file lives in (imported requests use one folder for all). */
type PlanItem =
  | { kind: 'folder'; name: string; dirName: string; settings: FolderSettings; items: PlanItem[] }
  | { kind: 'request'; request: HttpRequestFile; dir: string };

/** A run over `items` under `settings`, narrowed to `folder` (`Users/Admins`, by name or folder name) if given. */
function planOf(input: {
  settings: CollectionSettings;
  items: PlanItem[];
  folder?: string;
  filesRoot: string;
  warnings?: string[];
}): RunPlan {
  const collection = input.settings.name;
  const requests: PlannedRequest[] = [];
  const ancestors: { path: string; settings: FolderSettings }[] = [];
  const walk = (items: PlanItem[], names: string[]) => {
    for (const item of items) {
      if (item.kind === 'folder') {
        const folderNames = [...names, item.name];
        ancestors.push({ path: folderNames.join('/'), settings: item.settings });
        walk(item.items, folderNames);
        ancestors.pop();
        continue;
      }
      requests.push({
        index: requests.length,
        name: item.request.name,
        path: [...names, item.request.name].join(' / '),
        effective: inherit(item.request, { collection: input.settings, folders: [...ancestors] }),
        baseDir: item.dir,
      });
    }
  };
  const start = input.folder ? findFolder(input.items, input.folder, collection) : { items: input.items, path: [] };
  // the folders above the chosen one still give their settings
  for (const [depth, folder] of start.chain?.entries() ?? []) {
    ancestors.push({ path: start.path.slice(0, depth + 1).join('/'), settings: folder.settings });
  }
  walk(start.items, start.path);
  if (requests.length === 0) {
    const where = input.folder ? `The folder "${input.folder}" of "${collection}"` : `The collection "${collection}"`;
    throw new AppError('INVALID_INPUT', `${where} has no requests to run.`);
  }
  return {
    collection,
    requests,
    collectionVariables: input.settings.variables ?? [],
    filesRoot: input.filesRoot,
    warnings: input.warnings ?? [],
  };
}

type PlanFolder = Extract<PlanItem, { kind: 'folder' }>;

function findFolder(
  items: PlanItem[],
  folder: string,
  collection: string,
): { items: PlanItem[]; path: string[]; chain?: PlanFolder[] } {
  const chain: PlanFolder[] = [];
  let current = items;
  for (const segment of folder.split('/').filter((part) => part !== '')) {
    const found = current.find(
      (item): item is PlanFolder =>
        item.kind === 'folder' && (item.name === segment || item.dirName === segment || slugify(item.name) === segment),
    );
    if (!found) {
      throw new AppError('NOT_FOUND', `The collection "${collection}" has no folder "${folder}".`, { folder });
    }
    chain.push(found);
    current = found.items;
  }
  return { items: current, path: chain.map((item) => item.name), chain };
}

/**
 * A collection folder on disk (collection.yaml, folder.yaml and *.request.yaml files). A file that does not load
 * stops the run before it starts, naming the file. `settings` replaces collection.yaml's (the workspace's
 * collection with its secret variables filled in).
 */
export async function planFromDirectory(input: {
  dir: string;
  folder?: string;
  filesRoot?: string;
  settings?: CollectionSettings;
}): Promise<RunPlan> {
  const { dir } = input;
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `There is no collection folder ${dir}.`, { dir });
    if (code === 'ENOTDIR') throw new AppError('INVALID_INPUT', `${dir} is a file, not a collection folder.`, { dir });
    throw new AppError('IO_ERROR', `${dir} could not be read: ${(error as Error).message}`, { dir });
  });
  let settings = input.settings;
  if (!settings) {
    const hasFile = entries.some((entry) => entry.isFile() && entry.name === COLLECTION_FILE);
    settings = hasFile
      ? parseCollectionYaml(await readFile(join(dir, COLLECTION_FILE), 'utf8'), join(dir, COLLECTION_FILE))
      : { name: basename(dir) };
  }
  const items = await readItems(dir);
  return planOf({
    settings,
    items,
    folder: input.folder,
    filesRoot: input.filesRoot ?? dir,
  });
}

async function readItems(dir: string): Promise<PlanItem[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const sorted: { order: number | null; name: string; item: PlanItem }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const file = join(dir, entry.name);
    if (entry.isDirectory()) {
      const hasSettings = (await readdir(file)).includes(FOLDER_FILE);
      const settings = hasSettings
        ? parseFolderYaml(await readFile(join(file, FOLDER_FILE), 'utf8'), join(file, FOLDER_FILE))
        : {};
      const name = settings.name ?? entry.name;
      const item: PlanItem = { kind: 'folder', name, dirName: entry.name, settings, items: await readItems(file) };
      sorted.push({ order: settings.order ?? null, name, item });
    } else if (entry.isFile() && entry.name.endsWith(REQUEST_SUFFIX)) {
      const request = parseRequestYaml(await readFile(file, 'utf8'), file);
      sorted.push({ order: request.order ?? null, name: request.name, item: { kind: 'request', request, dir } });
    }
  }
  // the collection tree's order (collection-files.ts): order, then name
  sorted.sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name),
  );
  return sorted.map((entry) => entry.item);
}

/** An imported collection; relative body files are read from `baseDir`. */
export function planFromImported(input: {
  collection: ImportedCollection;
  baseDir: string;
  folder?: string;
  warnings?: string[];
}): RunPlan {
  const toItems = (items: ImportedItem[]): PlanItem[] =>
    items.map((item) =>
      item.kind === 'request'
        ? { kind: 'request', request: item.request, dir: input.baseDir }
        : {
            kind: 'folder',
            name: item.name,
            dirName: slugify(item.name),
            settings: item.settings ?? {},
            items: toItems(item.items),
          },
    );
  return planOf({
    settings: input.collection.settings,
    items: toItems(input.collection.items),
    folder: input.folder,
    filesRoot: input.baseDir,
    warnings: input.warnings,
  });
}

/** A Postman v2.0/v2.1 collection JSON file, through the importer. */
export async function planFromPostmanFile(file: string, folder?: string): Promise<RunPlan> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('FILE_NOT_FOUND', `There is no file ${file}.`, { file });
    }
    throw new AppError('IO_ERROR', `${file} could not be read: ${(error as Error).message}`, { file });
  });
  // loaded here: postman-collection is big, and a run of a collection folder needs none of it
  const { importPostmanCollection } = await import('../import/postman-import');
  const { value, warnings } = importPostmanCollection(text);
  return planFromImported({ collection: value, baseDir: dirname(file), folder, warnings });
}
