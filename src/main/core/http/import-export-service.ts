/**
 * Import and export for the HTTP client (issue 8, item 10), as the contract serves them: a chosen or uploaded file
 * (by its id, never a path) or pasted text → a new collection written as request files, or a new environment
 * file; a cURL command → a request model; a request → cURL or fetch code; a collection read from disk → Postman
 * v2.1 JSON. The importers and exporters themselves live in import/ and export/; this file only reads the source
 * and writes the workspace.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { EnvironmentFile, FolderSettings, HttpRequestFile } from '../../../shared/http-request';
import { slugify } from '../mock/mock-files';
import type { DialogPort } from '../services-deps';
import { findUpload } from '../transfer/upload-store';
import type { CollectionFiles } from './collections/collection-files';
import type { CollectionService } from './collections/collection-service';
import type { EnvironmentFiles } from './collections/environment-files';
import type { ExportedCode } from './export/curl-export';
import { resolveForExport, type ExportVariable } from './export/resolved-request';
import type { ImportedFile, ImportFormat } from './import/import-file';
import type { ImportedCollection, ImportedItem } from './import/imported-collection';

// the parsers (postman-collection, @readme/openapi-parser, curlconverter, yaml) load on the first import or
// export: a start that does neither pays for none of them
const importers = () => import('./import/import-file');
const curlImporter = () => import('./import/curl-import');
const exporters = async () => ({
  ...(await import('./export/curl-export')),
  ...(await import('./export/fetch-export')),
  ...(await import('./export/postman-export')),
});

/** The largest file or text an import reads (an OpenAPI document of a big API is a few MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Where an import reads from: a chosen or uploaded file by its id, or text the user pasted (exactly one). */
export interface ImportSource {
  fileId?: string;
  text?: string;
  /** For messages (a pasted text is "pasted text"). */
  fileName?: string;
  /** The format the caller expects; INVALID_INPUT when the content is something else. */
  format?: ImportFormat;
}

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  kind: ImportedFile['kind'];
  /** The collection's, environment's or request's name. */
  name: string;
  requests: number;
  folders: number;
  environments: number;
  variables: number;
  warnings: string[];
}

export type ImportOutcome =
  | {
      kind: 'collection';
      format: ImportFormat;
      /** The new collection's folder under `collections/`. */
      path: string;
      name: string;
      requests: number;
      folders: number;
      /** Environment files written with it (Insomnia exports carry them). */
      environments: string[];
      warnings: string[];
    }
  | { kind: 'environment'; format: ImportFormat; path: string; name: string; variables: number; warnings: string[] }
  /** A cURL command is one request: it is returned for a tab, not written. */
  | { kind: 'request'; format: ImportFormat; request: HttpRequestFile; warnings: string[] };

/** A file chosen in the desktop's open dialog, by the id this service gave it. */
type ChosenFile = { path: string; name: string };

const FORMAT_NAMES: Record<ImportFormat, string> = {
  postman: 'a Postman collection',
  'postman-environment': 'a Postman environment',
  openapi: 'an OpenAPI/Swagger document',
  har: 'a HAR file',
  insomnia: 'an Insomnia v5 export',
  curl: 'a cURL command',
};

export class HttpImportExport {
  private readonly chosen = new Map<string, ChosenFile>();

  constructor(
    private readonly deps: {
      files: CollectionFiles;
      collections: CollectionService;
      environments: EnvironmentFiles;
      dataDir: string;
      dialogs?: DialogPort;
      /** The variables a request sees (for an export with `resolve`), narrowest scope winning. */
      variables?: (input: { path?: string; environment?: string | null }) => Promise<ExportVariable[]>;
      now?: () => Date;
    },
  ) {}

  /** Desktop: the native open dialog; the file is known by the returned id from then on. */
  async chooseFile(): Promise<{ fileId: string; name: string } | null> {
    if (!this.deps.dialogs) {
      throw new AppError('NOT_SUPPORTED', 'Choosing a file needs the desktop app; in the browser, upload the file.');
    }
    const path = await this.deps.dialogs.pickPath({
      mode: 'open',
      title: 'Import requests (Postman, OpenAPI, Swagger, HAR, Insomnia)',
      filters: [{ name: 'JSON, YAML, HAR', extensions: ['json', 'yaml', 'yml', 'har'] }],
    });
    if (path === null) return null;
    const fileId = randomUUID();
    this.chosen.set(fileId, { path, name: basename(path) });
    return { fileId, name: basename(path) };
  }

  async preview(source: ImportSource): Promise<ImportPreview> {
    const { imported, fileName } = await this.read(source);
    const base = { fileName, format: imported.format, kind: imported.kind, warnings: imported.warnings };
    switch (imported.kind) {
      case 'collection': {
        const counts = countItems(imported.collection.items);
        return {
          ...base,
          name: imported.collection.settings.name,
          ...counts,
          environments: imported.collection.environments.length,
          variables: imported.collection.settings.variables?.length ?? 0,
        };
      }
      case 'environment':
        return {
          ...base,
          name: imported.environment.name,
          requests: 0,
          folders: 0,
          environments: 1,
          variables: imported.environment.variables.length,
        };
      case 'request':
        return { ...base, name: imported.request.name, requests: 1, folders: 0, environments: 0, variables: 0 };
    }
  }

  /** Writes what the source holds into the workspace under a free name; nothing is left behind when it fails. */
  async import(source: ImportSource & { name?: string }): Promise<ImportOutcome> {
    const { imported } = await this.read(source);
    switch (imported.kind) {
      case 'request':
        return { kind: 'request', format: imported.format, request: imported.request, warnings: imported.warnings };
      case 'environment': {
        const environment = { ...imported.environment, name: source.name ?? imported.environment.name };
        const path = await this.writeEnvironment(environment);
        return {
          kind: 'environment',
          format: imported.format,
          path,
          name: environment.name,
          variables: environment.variables.length,
          warnings: imported.warnings,
        };
      }
      case 'collection': {
        const collection = imported.collection;
        const written = await this.writeCollection({
          ...collection,
          settings: { ...collection.settings, name: source.name ?? collection.settings.name },
        });
        const environments: string[] = [];
        for (const environment of collection.environments) {
          environments.push(await this.writeEnvironment(environment));
        }
        return { kind: 'collection', format: imported.format, ...written, environments, warnings: imported.warnings };
      }
    }
  }

  /** A cURL command → a request model (for the tab it was pasted in). */
  async parseCurl(command: string): Promise<{ request: HttpRequestFile; warnings: string[] }> {
    const { importCurl } = await curlImporter();
    return { request: importCurl(command), warnings: [] };
  }

  /**
   * A request → cURL or fetch code, `{{variables}}` left as written. With `path` (its file), the auth and headers
   * its folders and collection give it are in the code too. With `resolve`, variables are replaced by their values
   * in `environment` (and the globals, the collection, the session) — secret ones only with `resolveSecrets`.
   */
  async exportRequest(input: {
    request: HttpRequestFile;
    format: 'curl' | 'fetch';
    path?: string;
    resolve?: boolean;
    environment?: string | null;
    resolveSecrets?: boolean;
  }): Promise<ExportedCode> {
    let request = input.request;
    if (input.path) {
      const effective = await this.deps.collections.effective(input.path, input.request);
      request = { ...request, headers: effective.headers, auth: effective.auth ?? { type: 'none' } };
    }
    const notes: string[] = [];
    if (input.resolve) {
      if (!this.deps.variables) throw new AppError('NOT_SUPPORTED', 'Resolving variables is not available here.');
      const variables = await this.deps.variables({ path: input.path, environment: input.environment ?? null });
      const resolved = resolveForExport(request, variables, {
        secrets: input.resolveSecrets === true,
        now: this.deps.now ?? (() => new Date()),
      });
      request = resolved.request;
      notes.push(...resolved.warnings);
    }
    const { exportCurl, exportFetch } = await exporters();
    const code = input.format === 'curl' ? exportCurl(request) : exportFetch(request);
    return notes.length > 0 ? { ...code, warnings: [...notes, ...code.warnings] } : code;
  }

  /**
   * A collection as Postman v2.1 JSON: written where the user chooses in the native save dialog (`saveAs`), else
   * returned as text to download. Requests whose file does not load are left out with a warning.
   */
  async exportCollection(input: { path: string; saveAs?: boolean }): Promise<{
    fileName: string;
    document: string | null;
    savedTo: string | null;
    warnings: string[];
  }> {
    if (input.path.includes('/')) {
      throw new AppError('INVALID_INPUT', `"${input.path}" is a folder; export its collection.`, { path: input.path });
    }
    const warnings: string[] = [];
    const tree = await this.readCollection(input.path, warnings);
    const { exportPostmanCollection } = await exporters();
    const exported = exportPostmanCollection(tree);
    const document = `${JSON.stringify(exported.collection, null, 2)}\n`;
    const fileName = `${input.path}.postman_collection.json`;
    const all = [...warnings, ...exported.warnings];
    if (!input.saveAs) return { fileName, document, savedTo: null, warnings: all };
    if (!this.deps.dialogs) {
      throw new AppError('NOT_SUPPORTED', 'Choosing where to save needs the desktop app; download the file instead.');
    }
    const target = await this.deps.dialogs.pickPath({
      mode: 'save',
      title: 'Export as Postman v2.1',
      defaultPath: fileName,
      filters: [{ name: 'Postman collection', extensions: ['json'] }],
    });
    if (target === null) return { fileName, document: null, savedTo: null, warnings: all };
    if (!isAbsolute(target)) throw new AppError('INVALID_INPUT', 'The save dialog gave no absolute path.');
    await writeFile(target, document);
    return { fileName, document: null, savedTo: target, warnings: all };
  }

  private async read(source: ImportSource): Promise<{ imported: ImportedFile; fileName: string }> {
    const { text, fileName } = await this.sourceText(source);
    if (text.trim() === '') {
      throw new AppError('INVALID_INPUT', `${fileName}: is empty; give a Postman, OpenAPI, HAR or Insomnia file.`, {
        file: fileName,
      });
    }
    const { detectFormat, importFile } = await importers();
    if (source.format) {
      const detected = detectFormat(text);
      if (detected !== source.format) {
        throw new AppError(
          'INVALID_INPUT',
          `${fileName}: is not ${FORMAT_NAMES[source.format]}${detected ? ` (it looks like ${FORMAT_NAMES[detected]})` : ''}.`,
          { file: fileName, format: source.format, detected },
        );
      }
    }
    try {
      return { imported: await importFile({ text, fileName }), fileName };
    } catch (error) {
      // the importers name the format ("Postman environment: no name"); the user needs the file too
      if (error instanceof AppError && error.code === 'INVALID_INPUT' && !error.message.startsWith(fileName)) {
        throw new AppError('INVALID_INPUT', `${fileName}: ${error.message}`, { ...error.details, file: fileName });
      }
      throw error;
    }
  }

  private async sourceText(source: ImportSource): Promise<{ text: string; fileName: string }> {
    if ((source.fileId === undefined) === (source.text === undefined)) {
      throw new AppError('INVALID_INPUT', 'Give a file (fileId) or pasted text, one of them.');
    }
    if (source.text !== undefined) return { text: source.text, fileName: source.fileName ?? 'pasted text' };
    const file = this.findFile(source.fileId!);
    if (!file) {
      throw new AppError(
        'NOT_FOUND',
        'That file is no longer available (uploads are kept for a day); choose or upload it again.',
        { fileId: source.fileId },
      );
    }
    const info = await stat(file.path).catch(() => null);
    if (info && info.size > MAX_IMPORT_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `${file.name}: is ${info.size} bytes; an import reads at most ${MAX_IMPORT_BYTES}.`,
        { file: file.name },
      );
    }
    try {
      return { text: await readFile(file.path, 'utf8'), fileName: file.name };
    } catch (error) {
      throw new AppError('IO_ERROR', `${file.name}: could not be read (${(error as Error).message})`, {
        file: file.name,
      });
    }
  }

  private findFile(fileId: string): ChosenFile | null {
    return this.chosen.get(fileId) ?? findUpload(this.deps.dataDir, fileId);
  }

  private async writeCollection(tree: ImportedCollection): Promise<{
    path: string;
    name: string;
    requests: number;
    folders: number;
  }> {
    const { files, collections } = this.deps;
    const slug = slugify(tree.settings.name);
    let n = 1;
    while (await exists(files, n === 1 ? slug : `${slug}-${n}`)) n++;
    const path = n === 1 ? slug : `${slug}-${n}`;
    const name = n === 1 ? tree.settings.name : `${tree.settings.name} ${n}`;
    const counts = { requests: 0, folders: 0 };
    try {
      await collections.saveSettings({ kind: 'collection', path, settings: { ...tree.settings, name } });
      await this.writeItems(path, tree.items, counts);
    } catch (error) {
      await rm(await files.resolve(path), { recursive: true, force: true });
      throw error;
    }
    return { path, name, ...counts };
  }

  /** Items in source order: an `order` is given to those without one, as the tree sorts by order, then name. */
  private async writeItems(
    parent: string,
    items: ImportedItem[],
    counts: { requests: number; folders: number },
  ): Promise<void> {
    for (const [index, item] of items.entries()) {
      if (item.kind === 'request') {
        await this.deps.files.createRequest(parent, { ...item.request, order: item.request.order ?? index });
        counts.requests++;
        continue;
      }
      const slug = slugify(item.name);
      let n = 1;
      while (await exists(this.deps.files, `${parent}/${n === 1 ? slug : `${slug}-${n}`}`)) n++;
      const path = `${parent}/${n === 1 ? slug : `${slug}-${n}`}`;
      const settings: FolderSettings = { ...item.settings, name: item.name, order: item.settings?.order ?? index };
      await this.deps.collections.saveSettings({ kind: 'folder', path, settings });
      counts.folders++;
      await this.writeItems(path, item.items, counts);
    }
  }

  /** A new environment file under a free name (`staging.yaml`, `staging-2.yaml`…); secrets go to the store. */
  private async writeEnvironment(environment: EnvironmentFile): Promise<string> {
    const taken = new Set((await this.deps.environments.list()).map((env) => env.path));
    const slug = slugify(environment.name);
    let n = 1;
    while (taken.has(`${n === 1 ? slug : `${slug}-${n}`}.yaml`)) n++;
    const path = `${n === 1 ? slug : `${slug}-${n}`}.yaml`;
    await this.deps.environments.save(path, environment);
    return path;
  }

  /** A collection as the exporter takes it, read from its files (secret collection variables with their values). */
  private async readCollection(path: string, warnings: string[]): Promise<ImportedCollection> {
    const node = (await this.deps.files.tree()).find((collection) => collection.path === path);
    if (!node) throw new AppError('NOT_FOUND', `There is no collection "${path}".`, { path });
    const settings = await this.deps.collections.readSettings(path);
    if (settings.kind !== 'collection') throw new AppError('INVALID_INPUT', `"${path}" is not a collection.`);
    const items = async (children: typeof node.children): Promise<ImportedItem[]> => {
      const out: ImportedItem[] = [];
      for (const child of children) {
        if (child.kind === 'folder') {
          const folder = await this.deps.collections.readSettings(child.path);
          const { name: _name, ...rest } = folder.settings as FolderSettings;
          out.push({ kind: 'folder', name: child.name, settings: rest, items: await items(child.children) });
          continue;
        }
        const read = await this.deps.collections.readRequest(child.path);
        if (read.request) out.push({ kind: 'request', request: read.request });
        else warnings.push(`${child.path} was left out: ${read.error ?? 'it does not load'}`);
      }
      return out;
    };
    return { settings: settings.settings, items: await items(node.children), environments: [] };
  }
}

async function exists(files: CollectionFiles, path: string): Promise<boolean> {
  return (await stat(await files.resolve(path)).catch(() => null)) !== null;
}

function countItems(items: ImportedItem[]): { requests: number; folders: number } {
  let requests = 0;
  let folders = 0;
  for (const item of items) {
    if (item.kind === 'request') {
      requests++;
    } else {
      folders++;
      const inner = countItems(item.items);
      requests += inner.requests;
      folders += inner.folders;
    }
  }
  return { requests, folders };
}
