import type { z } from 'zod';
import { create } from 'zustand';
import type { EventPayload } from '../../../shared/events';
import type { AppErrorShape } from '../../../shared/errors';
import type { Variable } from '../../../shared/http-request';
import type { ResolvedVariable as ResolvedVariableSchema } from '../../../shared/contract/http.contract';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

export const GLOBALS = 'globals';

type ResolvedVariable = z.infer<typeof ResolvedVariableSchema>;

export interface EnvironmentSummary {
  path: string;
  name: string;
  error: string | null;
}

export interface HttpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: string | null;
  secure: boolean;
  httpOnly: boolean;
  hostOnly: boolean;
  sameSite: string | null;
}

/** A cookie as the cookie dialog adds or edits it (`domain` with a leading dot for a domain cookie). */
export interface CookieInput {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: string | null;
  secure: boolean;
  httpOnly: boolean;
}

/** Whose variables the editor edits: an environment file, the globals, or a collection's collection.yaml. */
export type VariablesTarget =
  { kind: 'environment'; path: string } | { kind: 'globals' } | { kind: 'collection'; path: string };

export interface VariablesEditor {
  target: VariablesTarget;
  /** The environment's (or collection's) name as edited; the globals' is fixed. */
  name: string;
  variables: Variable[];
  /** As last read or saved, to tell unsaved edits. */
  saved: { name: string; variables: Variable[] } | null;
  loading: boolean;
  error: AppErrorShape | null;
  /** The file changed on disk while the editor held unsaved edits (they are kept). */
  changedOnDisk: boolean;
}

/** Where the chosen environment is kept between sessions, per workspace (localStorage in the app). */
export interface PrefsStorage {
  read(key: string): string | null;
  write(key: string, value: string | null): void;
}

export interface HttpEnvironmentsState {
  environments: EnvironmentSummary[] | null;
  environmentsError: AppErrorShape | null;
  /** The environment every send and `http.variables` use (its file name); null for none. */
  selected: string | null;
  editor: VariablesEditor | null;
  cookies: HttpCookie[] | null;
  cookiesError: AppErrorShape | null;
  /** Reads the environments and the choice kept for this workspace. */
  loadEnvironments(): Promise<void>;
  select(path: string | null): void;
  /** Creates an environment, selects it and opens it in the editor. */
  createEnvironment(name: string): Promise<boolean>;
  deleteEnvironment(path: string): Promise<boolean>;
  openEditor(target: VariablesTarget): Promise<void>;
  editVariables(edit: (variables: Variable[]) => Variable[]): void;
  renameInEditor(name: string): void;
  saveEditor(): Promise<boolean>;
  /** Reads the editor's file again, dropping unsaved edits. */
  reloadEditor(): Promise<void>;
  closeEditor(): void;
  /** The variables a request would see with the selected environment. */
  visibleVariables(path?: string): Promise<ResolvedVariable[]>;
  /** Live pickup: environments re-read; the editor follows its file unless it holds unsaved edits. */
  applyFilesChanged(change: EventPayload<'http.filesChanged'>): void;
  loadCookies(): Promise<void>;
  /** Removes cookies: one (domain, path, name), a domain's, or all. */
  removeCookies(filter: { domain?: string; path?: string; name?: string }): Promise<void>;
  /** Adds a cookie, or edits `replacing` (which is removed first when the edit moved or renamed it). */
  saveCookie(cookie: CookieInput, replacing?: HttpCookie): Promise<boolean>;
}

export interface HttpEnvironmentsDeps {
  client: AppClient;
  notifier: Notifier;
  prefs: PrefsStorage;
}

const PREF_KEY = 'backbench.http.environment:';

/** True when the editor holds edits its file does not. */
export function selectEditorDirty(editor: VariablesEditor | null): boolean {
  if (!editor?.saved) return false;
  return (
    editor.name !== editor.saved.name ||
    JSON.stringify(rowsToSave(editor.variables)) !== JSON.stringify(rowsToSave(editor.saved.variables))
  );
}

/** The rows as written: unnamed rows dropped, names trimmed, `enabled`/`secret` only when they say something. */
export function rowsToSave(variables: Variable[]): Variable[] {
  return variables
    .filter((v) => v.name.trim() !== '')
    .map((v) => ({
      name: v.name.trim(),
      value: v.value ?? '',
      ...(v.secret ? { secret: true } : {}),
      ...(v.enabled === false ? { enabled: false } : {}),
    }));
}

/** A file the change names: an environment file, or a collection's collection.yaml (or the collection itself). */
function touches(target: VariablesTarget, change: EventPayload<'http.filesChanged'>): boolean {
  if (target.kind === 'globals') return change.environments.includes(GLOBALS);
  if (target.kind === 'environment') return change.environments.includes(target.path);
  return change.collections.some((p) => p === target.path || p === `${target.path}/collection.yaml`);
}

/** Environments, globals and collection variables, the selected environment, and the workspace's cookie jar. */
export function createHttpEnvironmentsStore({ client, notifier, prefs }: HttpEnvironmentsDeps) {
  let workspaceDir: Promise<string | null> | null = null;
  const prefKey = async () => {
    workspaceDir ??= client.app.info({}).then(
      (info) => info.workspaceDir,
      () => null,
    );
    return PREF_KEY + ((await workspaceDir) ?? '');
  };

  return create<HttpEnvironmentsState>()((set, get) => {
    const read = async (target: VariablesTarget): Promise<{ name: string; variables: Variable[] }> => {
      if (target.kind === 'collection') {
        const found = await client.http.readSettings({ path: target.path });
        if (found.kind !== 'collection') throw new Error(`"${target.path}" is not a collection`);
        return { name: found.settings.name, variables: found.settings.variables ?? [] };
      }
      const env = await client.http.readEnvironment({ path: target.kind === 'globals' ? GLOBALS : target.path });
      return { name: env.name, variables: env.variables };
    };
    const patchEditor = (change: Partial<VariablesEditor>) =>
      set((s) => (s.editor ? { editor: { ...s.editor, ...change } } : s));
    const sameTarget = (a: VariablesTarget) => JSON.stringify(get().editor?.target) === JSON.stringify(a);

    return {
      environments: null,
      environmentsError: null,
      selected: null,
      editor: null,
      cookies: null,
      cookiesError: null,

      async loadEnvironments() {
        try {
          const [environments, key] = await Promise.all([client.http.environments({}), prefKey()]);
          const kept = get().environments === null ? prefs.read(key) : get().selected;
          // a chosen environment whose file went (deleted, or not in this checkout) falls back to none
          const selected = kept && environments.some((e) => e.path === kept) ? kept : null;
          set({ environments, environmentsError: null, selected });
        } catch (error) {
          set({ environmentsError: toErrorShape(error) });
        }
      },

      select(path) {
        set({ selected: path });
        void prefKey().then((key) => {
          try {
            prefs.write(key, path);
          } catch {
            // storage may be unavailable (private mode): the choice holds for this session
          }
        });
      },

      async createEnvironment(name) {
        try {
          const { path } = await client.http.createEnvironment({ name });
          await get().loadEnvironments();
          get().select(path);
          await get().openEditor({ kind: 'environment', path });
          return true;
        } catch (error) {
          notifier.notifyError('Could not create the environment', error);
          return false;
        }
      },

      async deleteEnvironment(path) {
        try {
          await client.http.deleteEnvironment({ path });
          if (get().selected === path) get().select(null);
          const editor = get().editor;
          if (editor?.target.kind === 'environment' && editor.target.path === path) set({ editor: null });
          await get().loadEnvironments();
          return true;
        } catch (error) {
          notifier.notifyError('Could not delete the environment', error);
          return false;
        }
      },

      async openEditor(target) {
        set({
          editor: { target, name: '', variables: [], saved: null, loading: true, error: null, changedOnDisk: false },
        });
        try {
          const file = await read(target);
          if (!sameTarget(target)) return;
          patchEditor({ ...file, saved: file, loading: false });
        } catch (error) {
          if (sameTarget(target)) patchEditor({ loading: false, error: toErrorShape(error) });
        }
      },

      editVariables(edit) {
        const editor = get().editor;
        if (editor) patchEditor({ variables: edit(editor.variables) });
      },

      renameInEditor(name) {
        patchEditor({ name });
      },

      async saveEditor() {
        const editor = get().editor;
        if (!editor?.saved) return false;
        const name = editor.name.trim() || editor.saved.name;
        const variables = rowsToSave(editor.variables);
        const { target } = editor;
        try {
          if (target.kind === 'collection') {
            // read the file again: its headers, auth and scripts are edited elsewhere and must stay as they are now
            const current = await client.http.readSettings({ path: target.path });
            if (current.kind !== 'collection') throw new Error(`"${target.path}" is not a collection`);
            await client.http.saveSettings({ ...current, settings: { ...current.settings, variables } });
          } else {
            const path = target.kind === 'globals' ? GLOBALS : target.path;
            await client.http.saveEnvironment({ path, environment: { name, variables } });
          }
          if (sameTarget(target)) patchEditor({ name, variables, saved: { name, variables }, changedOnDisk: false });
          if (target.kind === 'environment') await get().loadEnvironments();
          notifier.notify({ kind: 'success', title: 'Variables saved', message: name });
          return true;
        } catch (error) {
          notifier.notifyError('Could not save the variables', error);
          return false;
        }
      },

      async reloadEditor() {
        const editor = get().editor;
        if (!editor) return;
        try {
          const file = await read(editor.target);
          if (sameTarget(editor.target)) patchEditor({ ...file, saved: file, changedOnDisk: false, error: null });
        } catch (error) {
          if (sameTarget(editor.target)) patchEditor({ error: toErrorShape(error) });
        }
      },

      closeEditor() {
        set({ editor: null });
      },

      visibleVariables(path) {
        return client.http.variables({ ...(path ? { path } : {}), environment: get().selected });
      },

      applyFilesChanged(change) {
        if (change.environments.length > 0 && get().environments !== null) void get().loadEnvironments();
        const editor = get().editor;
        if (!editor?.saved || !touches(editor.target, change)) return;
        // a row just added (still blank) is not "dirty" for saving, but a reload must not take it away either
        const untouched = editor.name === editor.saved.name && editor.variables === editor.saved.variables;
        if (untouched) {
          void read(editor.target)
            .then((file) => {
              const now = get().editor;
              // the user may have typed while the file was read: then the edits stay and the file is noted
              if (!now || !sameTarget(editor.target)) return;
              if (now.variables === editor.variables && now.name === editor.name) {
                patchEditor({ ...file, saved: file, changedOnDisk: false, error: null });
              }
            })
            .catch((error: unknown) => {
              if (sameTarget(editor.target)) patchEditor({ error: toErrorShape(error) });
            });
          return;
        }
        // keep the user's edits; say the file moved on under them (what was saved is compared on the next read)
        void read(editor.target)
          .then((file) => {
            const now = get().editor;
            if (!now || !sameTarget(editor.target) || !now.saved) return;
            const differs =
              JSON.stringify(rowsToSave(file.variables)) !== JSON.stringify(rowsToSave(now.saved.variables));
            if (differs || file.name !== now.saved.name) patchEditor({ changedOnDisk: true });
          })
          .catch(() => patchEditor({ changedOnDisk: true }));
      },

      async loadCookies() {
        try {
          set({ cookies: await client.http.cookies({}), cookiesError: null });
        } catch (error) {
          set({ cookiesError: toErrorShape(error) });
        }
      },

      async removeCookies(filter) {
        try {
          await client.http.clearCookies(filter);
        } catch (error) {
          notifier.notifyError('Could not remove the cookies', error);
        }
        await get().loadCookies();
      },

      async saveCookie(cookie, replacing) {
        const input = {
          name: cookie.name.trim(),
          value: cookie.value,
          domain: cookie.domain.trim(),
          path: cookie.path.trim() || '/',
          expires: cookie.expires,
          secure: cookie.secure,
          httpOnly: cookie.httpOnly,
        };
        try {
          const saved = await client.http.setCookie(input);
          const moved =
            replacing &&
            (replacing.domain !== saved.domain || replacing.path !== saved.path || replacing.name !== saved.name);
          if (moved) {
            await client.http.clearCookies({ domain: replacing.domain, path: replacing.path, name: replacing.name });
          }
          await get().loadCookies();
          return true;
        } catch (error) {
          notifier.notifyError('Could not save the cookie', error);
          return false;
        }
      },
    };
  });
}

export type HttpEnvironmentsStore = ReturnType<typeof createHttpEnvironmentsStore>;
