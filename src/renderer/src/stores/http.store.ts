import { create } from 'zustand';
import type { FolderNode, HttpSendResult } from '../../../shared/contract/http.contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { HttpRequestFile } from '../../../shared/http-request';
import { toErrorShape } from '../rpc/error-shape';
import { findFolder, parseSaveTarget, requestToSend, sameRequest } from './http-draft';
import type { ResolvedVariable } from './http-variables';
import type { AppClient, Notifier } from './store-deps';
import type { HttpTabState } from './tab-types';

/** What the request editor edits: a request file's model with the parts the first UI slice shows. */
export type HttpDraft = HttpRequestFile;

/** One HTTP tab: its request as edited, the send under way and the last outcome. */
export interface HttpSession {
  draft: HttpDraft;
  /** The variables the request sees (`http.variables`, for the URL's highlighting); absent before the first read. */
  variables?: ResolvedVariable[];
  /** The request file as last read or written; null without a file (or before it was read). */
  saved: HttpDraft | null;
  /** The send under way (its id for http.cancel); null when idle. */
  sendId: string | null;
  response: HttpSendResult | null;
  error: AppErrorShape | null;
  /** The file changed on disk while the tab held unsaved edits (they are kept; a save overwrites the file). */
  changedOnDisk?: boolean;
}

/** What the http store keeps in the tab (stored between sessions by the tabs store). */
export type HttpTabPatch = Partial<Pick<HttpTabState, 'draft' | 'dirty' | 'path' | 'title'>>;

export interface HttpState {
  byTab: Record<string, HttpSession>;
  /** The workspace's collections as a tree; null before the first load. */
  collections: FolderNode[] | null;
  collectionsError: AppErrorShape | null;
  /** The tab whose first save asks where to save it (the save dialog is open). */
  savePromptTabId: string | null;
  /** Makes the tab's session (a blank GET, or `seed`) when it has none. */
  ensureSession(tabId: string, seed?: Partial<HttpDraft>): void;
  /**
   * Makes a restored or opened tab's session: its stored draft (else a blank request) and, with a file, the file
   * read and compared so the dirty marker is right (a tab without a draft shows the file).
   */
  restoreSession(tabId: string, tab: { path: string | null; draft?: HttpDraft; title: string }): void;
  /** Reads the tab's file again; the draft follows it unless it holds unsaved edits. */
  loadFile(tabId: string, path: string): Promise<void>;
  /** Saves the tab to its file; a tab without one opens the save dialog. */
  save(tabId: string): Promise<void>;
  /** First save: `target` is `collection/folder…/name` (missing collection and folders are created). */
  saveAs(tabId: string, target: string): Promise<boolean>;
  closeSavePrompt(): void;
  loadCollections(): Promise<void>;
  createCollection(name: string): Promise<boolean>;
  /** Renames a request, folder or collection; open tabs of it (or inside it) follow the new path. */
  renameNode(path: string, name: string): Promise<boolean>;
  /** Deletes a request, folder or collection; open tabs of it keep their draft as a new, unsaved request. */
  deleteNode(path: string): Promise<boolean>;
  editDraft(tabId: string, edit: (draft: HttpDraft) => HttpDraft): void;
  /** Reads the variables the tab's request sees (its file's collection, globals, runtime) into the session. */
  loadVariables(tabId: string): Promise<void>;
  /** Sends the draft; the outcome lands in the session (a response, or an error with its code). */
  send(tabId: string): Promise<void>;
  /** Cancels the tab's send under way (its send then ends with REQUEST_CANCELLED). */
  cancel(tabId: string): Promise<void>;
  disposeTab(tabId: string): void;
  /**
   * Live pickup (`http.filesChanged`, paths under collections/): the tree is read again, and each open tab of a
   * changed file (or of one in a changed folder) follows its file unless it holds unsaved edits.
   */
  applyFilesChanged(paths: string[]): Promise<void>;
  /**
   * A tab whose file changed on disk while it held unsaved edits: `reload` reads the file and drops the edits,
   * `keep` dismisses the notice (the next save overwrites the file).
   */
  resolveChangedOnDisk(tabId: string, choice: 'reload' | 'keep'): Promise<void>;
}

export interface HttpDeps {
  client: AppClient;
  notifier: Notifier;
  /** Keeps the tab's draft, dirty flag, file and title in the tabs store (so they are stored with the tab). */
  updateTab(tabId: string, patch: HttpTabPatch): void;
  /** The tab as the tabs store holds it (its file, its stored draft). */
  tabOf(tabId: string): HttpTabState | undefined;
  /** The environment chosen in the HTTP panel (its file name), for every send; null for none. */
  environment?(): string | null;
}

export const blankDraft = (seed?: Partial<HttpDraft>): HttpDraft => ({
  name: 'New request',
  method: 'GET',
  url: '',
  headers: [],
  body: { type: 'none' },
  ...seed,
});

// the request as sent and saved (kept here too: the send path's callers import it from the store)
export { requestToSend };

/** HTTP request tabs: each one's draft request, its send under way and its last response. */
export function createHttpStore({ client, notifier, updateTab, tabOf, environment }: HttpDeps) {
  return create<HttpState>()((set, get) => {
    const patch = (tabId: string, change: Partial<HttpSession>) =>
      set((s) => {
        const session = s.byTab[tabId];
        return session ? { byTab: { ...s.byTab, [tabId]: { ...session, ...change } } } : s;
      });

    // a file tab keeps its draft only while it differs from the file; a new request keeps it once edited
    const syncTab = (tabId: string, extra: HttpTabPatch = {}) => {
      const session = get().byTab[tabId];
      if (!session) return;
      const dirty = session.saved ? !sameRequest(session.draft, session.saved) : true;
      updateTab(tabId, { ...extra, dirty, draft: dirty ? session.draft : undefined });
    };
    const newSession = (draft: HttpDraft, saved: HttpDraft | null): HttpSession => ({
      draft,
      saved,
      sendId: null,
      response: null,
      error: null,
    });
    // the path of `collection/folder…` as typed, creating what is missing
    const ensureParent = async (collection: string, folders: string[]): Promise<string> => {
      const tree = get().collections ?? (await client.http.collections({}));
      let node = findFolder(tree, collection);
      let path = node ? node.path : (await client.http.createCollection({ name: collection })).path;
      for (const folder of folders) {
        node = node ? findFolder(node.children, folder) : undefined;
        path = node ? node.path : (await client.http.createFolder({ parent: path, name: folder })).path;
      }
      return path;
    };

    return {
      byTab: {},
      collections: null,
      collectionsError: null,
      savePromptTabId: null,

      ensureSession(tabId, seed) {
        if (get().byTab[tabId]) return;
        set((s) => ({
          byTab: {
            ...s.byTab,
            [tabId]: newSession(blankDraft(seed), null),
          },
        }));
        // a prefilled request (a mock's URL…) comes back after a restart even before it is edited; it is not dirty
        // until it is, so closing it untouched asks nothing
        if (seed) updateTab(tabId, { draft: get().byTab[tabId]!.draft });
      },

      restoreSession(tabId, tab) {
        if (get().byTab[tabId]) return;
        const draft = tab.draft ?? blankDraft(tab.path ? { name: tab.title } : undefined);
        set((s) => ({ byTab: { ...s.byTab, [tabId]: newSession(draft, null) } }));
        if (tab.path) void get().loadFile(tabId, tab.path);
      },

      async loadFile(tabId, path) {
        try {
          const file = await client.http.readRequest({ path });
          const session = get().byTab[tabId];
          if (!session) return;
          if (!file.request) {
            notifier.notify({ kind: 'error', title: 'Could not read the request file', message: file.error ?? path });
            return;
          }
          const unsaved = session.saved
            ? !sameRequest(session.draft, session.saved)
            : tabOf(tabId)?.draft !== undefined;
          patch(tabId, { saved: file.request, draft: unsaved ? session.draft : file.request, changedOnDisk: false });
          syncTab(tabId);
        } catch (error) {
          notifier.notifyError('Could not read the request file', error);
        }
      },

      editDraft(tabId, edit) {
        const session = get().byTab[tabId];
        if (!session) return;
        patch(tabId, { draft: edit(session.draft) });
        syncTab(tabId);
      },

      async save(tabId) {
        const session = get().byTab[tabId];
        const path = tabOf(tabId)?.path;
        if (!session) return;
        if (!path) {
          set({ savePromptTabId: tabId });
          return;
        }
        try {
          const saved = await client.http.saveRequest({ path, request: requestToSend(session.draft) });
          patch(tabId, { saved: saved.request, changedOnDisk: false });
          syncTab(tabId);
          notifier.notify({ kind: 'success', title: 'Request saved', message: saved.path });
          void get().loadCollections();
        } catch (error) {
          notifier.notifyError('Could not save the request', error);
        }
      },

      async saveAs(tabId, text) {
        const session = get().byTab[tabId];
        const target = parseSaveTarget(text);
        if (!session || !target) return false;
        try {
          const parent = await ensureParent(target.collection, target.folders);
          const request = { ...requestToSend(session.draft), name: target.name };
          const { path } = await client.http.createRequest({ parent, request });
          patch(tabId, { saved: request, draft: { ...session.draft, name: target.name } });
          syncTab(tabId, { path, title: target.name });
          set({ savePromptTabId: null });
          notifier.notify({ kind: 'success', title: 'Request saved', message: path });
          await get().loadCollections();
          return true;
        } catch (error) {
          notifier.notifyError('Could not save the request', error);
          return false;
        }
      },

      closeSavePrompt() {
        set({ savePromptTabId: null });
      },

      async loadCollections() {
        try {
          set({ collections: await client.http.collections({}), collectionsError: null });
        } catch (error) {
          set({ collectionsError: toErrorShape(error) });
        }
      },

      async renameNode(path, name) {
        try {
          const renamed = await client.http.rename({ path, name });
          for (const tabId of Object.keys(get().byTab)) {
            const tabPath = tabOf(tabId)?.path;
            const session = get().byTab[tabId];
            if (!tabPath || !session) continue;
            if (tabPath === path) {
              const named = (r: HttpDraft | null) => (r ? { ...r, name } : r);
              patch(tabId, { draft: { ...session.draft, name }, saved: named(session.saved) });
              syncTab(tabId, { path: renamed.path, title: name });
            } else if (tabPath.startsWith(`${path}/`)) {
              updateTab(tabId, { path: renamed.path + tabPath.slice(path.length) });
            }
          }
          await get().loadCollections();
          return true;
        } catch (error) {
          notifier.notifyError('Could not rename', error);
          return false;
        }
      },

      async deleteNode(path) {
        try {
          await client.http.delete({ path });
          for (const tabId of Object.keys(get().byTab)) {
            const tabPath = tabOf(tabId)?.path;
            if (tabPath !== path && !tabPath?.startsWith(`${path}/`)) continue;
            patch(tabId, { saved: null });
            syncTab(tabId, { path: null });
          }
          await get().loadCollections();
          return true;
        } catch (error) {
          notifier.notifyError('Could not delete', error);
          return false;
        }
      },

      async createCollection(name) {
        try {
          await client.http.createCollection({ name });
          await get().loadCollections();
          return true;
        } catch (error) {
          notifier.notifyError('Could not create the collection', error);
          return false;
        }
      },

      async send(tabId) {
        const session = get().byTab[tabId];
        if (!session || session.sendId) return;
        const sendId = crypto.randomUUID();
        patch(tabId, { sendId });
        try {
          // with its file, the request inherits its folders' and collection's settings and scripts
          const path = tabOf(tabId)?.path ?? undefined;
          const response = await client.http.send({
            sendId,
            request: requestToSend(session.draft),
            path,
            environment: environment?.() ?? null,
          });
          if (get().byTab[tabId]?.sendId !== sendId) return;
          patch(tabId, { sendId: null, response, error: null });
        } catch (error) {
          if (get().byTab[tabId]?.sendId !== sendId) return;
          patch(tabId, { sendId: null, response: null, error: toErrorShape(error) });
        }
      },

      async cancel(tabId) {
        const sendId = get().byTab[tabId]?.sendId;
        if (sendId) await client.http.cancel({ sendId });
      },

      async loadVariables(tabId) {
        try {
          const path = tabOf(tabId)?.path ?? undefined;
          patch(tabId, { variables: await client.http.variables({ path, environment: environment?.() ?? null }) });
        } catch {
          // highlighting still works without values; the send names any undefined variable
        }
      },

      disposeTab(tabId) {
        const session = get().byTab[tabId];
        if (session?.sendId) void client.http.cancel({ sendId: session.sendId }).catch(() => undefined);
        set((s) => {
          const { [tabId]: _gone, ...rest } = s.byTab;
          return { byTab: rest };
        });
      },

      async applyFilesChanged(paths) {
        if (get().collections !== null) void get().loadCollections();
        const hit = (tabPath: string) => paths.some((p) => tabPath === p || tabPath.startsWith(`${p}/`));
        await Promise.all(
          Object.keys(get().byTab).map(async (tabId) => {
            const path = tabOf(tabId)?.path;
            const session = get().byTab[tabId];
            if (!path || !session?.saved || !hit(path)) return;
            const file = await client.http.readRequest({ path }).catch(() => null);
            const now = get().byTab[tabId];
            // the file still says what the tab last read or saved (the app's own save): nothing to pick up
            if (!now?.saved || (file?.request && sameRequest(file.request, now.saved))) return;
            if (!sameRequest(now.draft, now.saved)) {
              if (!now.changedOnDisk) {
                notifier.notify({
                  kind: 'info',
                  title: 'Changed on disk',
                  message: `${path} changed outside the app; the tab keeps your unsaved edits (saving overwrites the file).`,
                });
              }
              patch(tabId, { changedOnDisk: true });
            } else if (file?.request) {
              patch(tabId, { saved: file.request, draft: file.request, changedOnDisk: false });
              syncTab(tabId, { title: file.request.name });
            }
          }),
        );
      },

      async resolveChangedOnDisk(tabId, choice) {
        const path = tabOf(tabId)?.path;
        if (!path) {
          patch(tabId, { changedOnDisk: false });
          return;
        }
        try {
          const file = await client.http.readRequest({ path });
          if (!file.request) throw new Error(file.error ?? `${path} could not be read.`);
          // either way the file as it is now is what the tab compares with (the same change is not reported
          // again); `keep` leaves the edits on top of it, so the tab stays unsaved and a save overwrites the file
          const draft = choice === 'reload' ? file.request : get().byTab[tabId]?.draft;
          if (!draft) return;
          patch(tabId, { saved: file.request, draft, changedOnDisk: false });
          syncTab(tabId, choice === 'reload' ? { title: file.request.name } : {});
        } catch (error) {
          if (choice === 'keep') patch(tabId, { changedOnDisk: false });
          notifier.notifyError('Could not read the request file', error);
        }
      },
    };
  });
}

export type HttpStore = ReturnType<typeof createHttpStore>;
