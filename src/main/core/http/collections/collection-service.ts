/**
 * Requests, folders and collections as the UI works with them: read (text and model, or the error naming file
 * and field), save (a model written in key order, or text as typed — checked first, the file untouched when it
 * does not load), and the effective request (inheritance from folders and collection) for sending. Writes to
 * one collection.yaml or folder.yaml (a save from the UI, a script changing collection variables) go through one
 * queue for that file.
 */
import { dirname } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { CollectionSettings, FolderSettings, HttpRequestFile, Variable } from '../../../../shared/http-request';
import type { SecretVariables } from '../variables/secret-variables';
import { COLLECTION_FILE, FOLDER_FILE, REQUEST_SUFFIX, type CollectionFiles } from './collection-files';
import {
  parseCollectionYaml,
  parseFolderYaml,
  parseRequestYaml,
  stringifyCollection,
  stringifyFolder,
  stringifyRequest,
} from './http-yaml';
import { FileQueue } from './file-queue';
import { inherit, type Ancestors, type EffectiveRequest } from './inheritance';

export interface ReadRequest {
  path: string;
  text: string;
  request: HttpRequestFile | null;
  error: string | null;
}

export type FolderOrCollectionSettings =
  | { kind: 'collection'; path: string; settings: CollectionSettings }
  | { kind: 'folder'; path: string; settings: FolderSettings };

export class CollectionService {
  private readonly queue = new FileQueue();

  constructor(
    readonly files: CollectionFiles,
    private readonly secrets: SecretVariables,
  ) {}

  async readRequest(path: string): Promise<ReadRequest> {
    checkRequestPath(path);
    const text = await this.files.readText(path);
    try {
      return { path, text, request: parseRequestYaml(text, path), error: null };
    } catch (error) {
      return { path, text, request: null, error: (error as Error).message };
    }
  }

  /** Saves a request from its model or its text (exactly one); INVALID_INPUT naming the field for a bad text. */
  async saveRequest(path: string, input: { request?: HttpRequestFile; text?: string }): Promise<HttpRequestFile> {
    checkRequestPath(path);
    if ((input.request === undefined) === (input.text === undefined)) {
      throw new AppError('INVALID_INPUT', 'Give the request or its text, one of them.');
    }
    const request = input.request ?? parseRequestYaml(input.text!, path);
    await this.files.writeText(path, input.text ?? stringifyRequest(request));
    return request;
  }

  /** A collection's (its folder path) or a folder's settings, secret collection variables filled in. */
  async readSettings(path: string): Promise<FolderOrCollectionSettings> {
    if (!path.includes('/')) {
      const settings = await this.collectionSettings(path);
      return { kind: 'collection', path, settings: settings ?? { name: path } };
    }
    const text = await this.files.readText(`${path}/${FOLDER_FILE}`).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'FILE_NOT_FOUND') return null;
      throw error;
    });
    return { kind: 'folder', path, settings: text === null ? {} : parseFolderYaml(text, `${path}/${FOLDER_FILE}`) };
  }

  /** Writes collection.yaml or folder.yaml; secret collection variables go to the secret store. */
  saveSettings(input: FolderOrCollectionSettings): Promise<void> {
    return this.queue.run(input.path, () => this.saveSettingsNow(input));
  }

  /**
   * Reads a collection's variables, changes them and writes collection.yaml back, with no other write to it in
   * between (script changes).
   */
  updateCollectionVariables(collection: string, change: (variables: Variable[]) => Variable[]): Promise<void> {
    return this.queue.run(collection, async () => {
      const current = await this.readSettings(collection);
      if (current.kind !== 'collection') return;
      const variables = change(current.settings.variables ?? []);
      await this.saveSettingsNow({ ...current, settings: { ...current.settings, variables } });
    });
  }

  private async saveSettingsNow(input: FolderOrCollectionSettings): Promise<void> {
    if (input.kind === 'folder') {
      if (!input.path.includes('/'))
        throw new AppError('INVALID_INPUT', `"${input.path}" is a collection, not a folder.`);
      await this.files.writeText(`${input.path}/${FOLDER_FILE}`, stringifyFolder(input.settings));
      return;
    }
    if (input.path.includes('/')) throw new AppError('INVALID_INPUT', `"${input.path}" is a folder, not a collection.`);
    const scope = collectionScope(input.path);
    const variables = input.settings.variables?.map((variable): Variable => {
      if (!variable.secret) return variable;
      if (variable.value !== undefined) this.secrets.set(scope, variable.name, variable.value);
      const { value: _dropped, ...rest } = variable;
      return rest;
    });
    await this.files.writeText(
      `${input.path}/${COLLECTION_FILE}`,
      stringifyCollection({ ...input.settings, ...(variables ? { variables } : {}) }),
    );
    this.secrets.prune(scope, new Set(input.settings.variables?.filter((v) => v.secret).map((v) => v.name) ?? []));
  }

  /**
   * The request at `path` (or `draft`, its unsaved edit) with what its folders and collection give it. The
   * collection's secret variables come with their values.
   */
  async effective(path: string, draft?: HttpRequestFile): Promise<EffectiveRequest> {
    checkRequestPath(path);
    const request = draft ?? (await this.readRequest(path)).request;
    if (!request)
      throw new AppError('INVALID_INPUT', (await this.readRequest(path)).error ?? 'The request does not load.');
    const segments = path.split('/');
    const collection = segments[0]!;
    const ancestors: Ancestors = { collection: await this.collectionSettings(collection), folders: [] };
    for (let depth = 2; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const settings = (await this.readSettings(folder)).settings as FolderSettings;
      ancestors.folders.push({ path: folder, settings });
    }
    return inherit(request, ancestors);
  }

  /** Absolute folder of the request's file: where relative body file paths are read from. */
  async baseDirOf(path: string): Promise<string> {
    return dirname(await this.files.resolve(path));
  }

  private async collectionSettings(collection: string): Promise<CollectionSettings | null> {
    const file = `${collection}/${COLLECTION_FILE}`;
    const text = await this.files.readText(file).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'FILE_NOT_FOUND') return null;
      throw error;
    });
    if (text === null) return null;
    const settings = parseCollectionYaml(text, file);
    const scope = collectionScope(collection);
    return {
      ...settings,
      ...(settings.variables
        ? {
            variables: settings.variables.map((variable) => {
              const value = variable.secret ? this.secrets.get(scope, variable.name) : null;
              return value === null ? variable : { ...variable, value };
            }),
          }
        : {}),
    };
  }
}

export function collectionScope(collection: string): string {
  return `collection:${collection}`;
}

/** A request file lives inside a collection and ends in .request.yaml. */
function checkRequestPath(path: string): void {
  if (!path.endsWith(REQUEST_SUFFIX) || !path.includes('/')) {
    throw new AppError(
      'INVALID_INPUT',
      `"${path}" is not a request file path (<collection>/…/<name>${REQUEST_SUFFIX}).`,
      { path },
    );
  }
}
