/**
 * What a collection or folder gives the requests inside it (issue 8, items 2 and 3), as the folder settings view
 * edits it: auth, headers, variables (a collection's) and scripts, read with `http.readSettings` and written with
 * `http.saveSettings`. Also what an inheriting request gets: the nearest folder's auth, else the collection's,
 * with where it comes from, for the request editor's Auth section.
 */
import type { z } from 'zod';
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { Auth, KeyValue, Scripts, Variable } from '../../../shared/http-request';
import type { SettingsOf } from '../../../shared/contract/http.contract';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

export type FolderOrCollectionSettings = z.infer<typeof SettingsOf>;

/** The fields the view edits; a folder has no variables (only a collection does). */
export interface SettingsDraft {
  auth?: Auth;
  headers?: KeyValue[];
  variables?: Variable[];
  scripts?: Scripts;
}

export interface FolderSettingsEditor {
  kind: 'collection' | 'folder';
  path: string;
  /** The collection's or folder's name, for the title. */
  name: string;
  /** As read (the fields the view does not edit are written back as they were). */
  file: FolderOrCollectionSettings | null;
  draft: SettingsDraft;
  /** As last read or saved, to tell unsaved edits. */
  saved: SettingsDraft | null;
  /** What this folder would inherit when its auth is `inherit` (null: nothing above gives auth). */
  parentAuth: InheritedAuth | null;
  loading: boolean;
  saving: boolean;
  error: AppErrorShape | null;
}

/** An auth a request or folder gets from above, and from where. */
export interface InheritedAuth {
  auth: Auth;
  /** The collection's or folder's path. */
  from: string;
  kind: 'collection' | 'folder';
  /** Its name as the tree shows it. */
  name: string;
}

export interface HttpFolderSettingsState {
  editor: FolderSettingsEditor | null;
  /** By request (or folder) path: what it inherits; null when nothing above gives auth. */
  inherited: Record<string, InheritedAuth | null | undefined>;
  open(path: string): Promise<void>;
  edit(change: (draft: SettingsDraft) => SettingsDraft): void;
  save(): Promise<boolean>;
  close(): void;
  /** Works out (again) what `path` inherits. */
  loadInherited(path: string): Promise<InheritedAuth | null>;
}

/** `shop/users/get.request.yaml` → `['shop', 'shop/users']`: the collection, then each folder, outermost first. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * What an item with these ancestors' settings inherits (outermost first): the nearest one whose auth is set and
 * not `inherit`; `none` there means none (null), as the core's inheritance does (core/http/collections/inheritance.ts).
 */
export function nearestAuth(chain: readonly FolderOrCollectionSettings[]): InheritedAuth | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!;
    const auth = level.settings.auth;
    if (auth && auth.type !== 'inherit') {
      if (auth.type === 'none') return null;
      const name = level.settings.name ?? level.path.split('/').at(-1) ?? level.path;
      return { auth, from: level.path, kind: level.kind, name };
    }
  }
  return null;
}

/** The fields the view edits, from a file; empty lists and scripts left out so an untouched file stays as it was. */
export function draftOf(file: FolderOrCollectionSettings): SettingsDraft {
  const { auth, headers, scripts } = file.settings;
  return {
    ...(auth ? { auth } : {}),
    ...(headers ? { headers } : {}),
    ...(file.kind === 'collection' && file.settings.variables ? { variables: file.settings.variables } : {}),
    ...(scripts ? { scripts } : {}),
  };
}

/** The file to save: what was read with the draft's fields over it (absent or empty ones removed). */
export function fileWith(file: FolderOrCollectionSettings, draft: SettingsDraft): FolderOrCollectionSettings {
  const settings: Record<string, unknown> = { ...file.settings };
  const put = (key: string, value: unknown, empty: boolean) => {
    if (value === undefined || empty) delete settings[key];
    else settings[key] = value;
  };
  put('auth', draft.auth, draft.auth?.type === 'inherit');
  put(
    'headers',
    draft.headers?.filter((row) => row.name.trim() !== ''),
    !draft.headers?.some((r) => r.name.trim()),
  );
  put('scripts', draft.scripts, !draft.scripts?.preRequest?.trim() && !draft.scripts?.postResponse?.trim());
  if (file.kind === 'collection') {
    const rows = draft.variables
      ?.filter((row) => row.name.trim() !== '')
      .map((row) => ({ ...row, name: row.name.trim() }));
    put('variables', rows, !rows?.length);
  }
  return { ...file, settings } as FolderOrCollectionSettings;
}

export const selectSettingsDirty = (editor: FolderSettingsEditor | null): boolean =>
  !!editor?.saved && JSON.stringify(editor.saved) !== JSON.stringify(editor.draft);

export function createHttpFolderSettingsStore(deps: { client: AppClient; notifier: Notifier }) {
  const { client, notifier } = deps;
  const chainOf = (paths: string[]) => Promise.all(paths.map((path) => client.http.readSettings({ path })));

  return create<HttpFolderSettingsState>()((set, get) => ({
    editor: null,
    inherited: {},

    async open(path) {
      const kind = path.includes('/') ? 'folder' : 'collection';
      const name = path.split('/').at(-1) ?? path;
      set({
        editor: {
          kind,
          path,
          name,
          file: null,
          draft: {},
          saved: null,
          parentAuth: null,
          loading: true,
          saving: false,
          error: null,
        },
      });
      try {
        const [file, ...parents] = await chainOf([path, ...ancestorsOf(path)]);
        if (get().editor?.path !== path) return;
        const draft = draftOf(file!);
        const title = file!.kind === 'collection' ? file!.settings.name : (file!.settings.name ?? name);
        set({
          editor: {
            ...get().editor!,
            name: title,
            file: file!,
            draft,
            saved: draft,
            parentAuth: nearestAuth(parents),
            loading: false,
          },
        });
      } catch (error) {
        if (get().editor?.path !== path) return;
        set({ editor: { ...get().editor!, loading: false, error: toErrorShape(error) } });
      }
    },

    edit(change) {
      const editor = get().editor;
      if (!editor?.saved) return;
      set({ editor: { ...editor, draft: change(editor.draft) } });
    },

    async save() {
      const editor = get().editor;
      if (!editor?.file || editor.saving) return false;
      set({ editor: { ...editor, saving: true, error: null } });
      const file = fileWith(editor.file, editor.draft);
      try {
        await client.http.saveSettings(file);
        const draft = draftOf(file);
        const now = get().editor;
        if (now?.path === editor.path) set({ editor: { ...now, file, draft, saved: draft, saving: false } });
        // what requests below inherit may have changed: worked out again when next shown
        set({ inherited: {} });
        return true;
      } catch (error) {
        const shape = toErrorShape(error);
        const now = get().editor;
        if (now?.path === editor.path) set({ editor: { ...now, saving: false, error: shape } });
        notifier.notifyError('Could not save the settings', shape);
        return false;
      }
    },

    close() {
      set({ editor: null });
    },

    async loadInherited(path) {
      try {
        const found = nearestAuth(await chainOf(ancestorsOf(path)));
        set({ inherited: { ...get().inherited, [path]: found } });
        return found;
      } catch {
        // a folder.yaml that does not load: nothing shown rather than a guess (the send reports the file)
        set({ inherited: { ...get().inherited, [path]: null } });
        return null;
      }
    },
  }));
}

export type HttpFolderSettingsStore = ReturnType<typeof createHttpFolderSettingsStore>;

/** `bearer` → `Bearer token`, for the line that says what a request inherits. */
export function authLabel(auth: Auth): string {
  const labels: Record<Auth['type'], string> = {
    inherit: 'Inherit',
    none: 'No auth',
    basic: 'Basic',
    bearer: 'Bearer token',
    apikey: 'API key',
    digest: 'Digest',
    oauth2: 'OAuth 2.0',
    awsv4: 'AWS Signature v4',
  };
  return labels[auth.type];
}
