/**
 * What a request gets from its collection and folders: auth (`inherit` or none given → the nearest folder's,
 * then the collection's), headers (the collection's, each folder's, then the request's; a later one replaces an
 * earlier one of the same name), send settings (field by field, nearest wins, then the app's defaults), scripts
 * (in order, outermost first, for the sandbox to run) and the collection's variables.
 */
import type {
  Auth,
  CollectionSettings,
  FolderSettings,
  HttpRequestFile,
  KeyValue,
  Scripts,
  Variable,
} from '../../../../shared/http-request';
import type { SendableAuth } from '../send/auth-schemes';
import { DEFAULT_SETTINGS, type ResolvedSettings } from '../send/send-types';

export interface EffectiveRequest {
  request: HttpRequestFile;
  /** undefined: no auth. */
  auth?: SendableAuth;
  /** Where the auth came from: `request`, a folder path, `collection` or null. */
  authFrom: string | null;
  headers: KeyValue[];
  settings: ResolvedSettings;
  /** Outermost first: collection, folders, request. */
  scripts: Scripts[];
  /** Where each of `scripts` comes from: `collection`, a folder path or `request`. */
  scriptsFrom: string[];
  collectionVariables: Variable[];
}

export interface Ancestors {
  collection: CollectionSettings | null;
  /** Outermost first, with their paths. */
  folders: { path: string; settings: FolderSettings }[];
}

export function inherit(request: HttpRequestFile, ancestors: Ancestors): EffectiveRequest {
  const levels: { from: string; auth?: Auth; headers?: KeyValue[]; settings?: object; scripts?: Scripts }[] = [
    ...(ancestors.collection ? [{ from: 'collection', ...ancestors.collection }] : []),
    ...ancestors.folders.map((folder) => ({ from: folder.path, ...folder.settings })),
    { from: 'request', ...request },
  ];

  let auth: SendableAuth | undefined;
  let authFrom: string | null = null;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    if (level.auth && level.auth.type !== 'inherit') {
      auth = level.auth.type === 'none' ? undefined : level.auth;
      authFrom = level.from;
      break;
    }
  }

  let headers: KeyValue[] = [];
  for (const level of levels) {
    if (!level.headers) continue;
    const names = new Set(level.headers.map((header) => header.name.toLowerCase()));
    headers = [...headers.filter((header) => !names.has(header.name.toLowerCase())), ...level.headers];
  }

  const settings: ResolvedSettings = { ...DEFAULT_SETTINGS };
  for (const level of levels) {
    for (const [key, value] of Object.entries(level.settings ?? {})) {
      if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
    }
  }

  return {
    request,
    auth,
    authFrom,
    headers,
    settings,
    scripts: levels.flatMap((level) => (level.scripts ? [level.scripts] : [])),
    scriptsFrom: levels.flatMap((level) => (level.scripts ? [level.from] : [])),
    collectionVariables: ancestors.collection?.variables ?? [],
  };
}
