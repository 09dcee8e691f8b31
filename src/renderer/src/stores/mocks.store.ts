import { create } from 'zustand';
import type { MockRequestDetail, MockRequestSummary, MockSummary } from '../../../shared/contract/mock.contract';
import type { EventPayload } from '../../../shared/events';
import type { AppErrorShape } from '../../../shared/errors';
import type { MockDefinition } from '../../../shared/mock-definition';
import { toErrorShape } from '../rpc/error-shape';
import { addResources, addRoute, routeFromRequest } from './mock-edits';
import type { ImportFile } from '../../../shared/contract/transfer.contract';
import type { AppClient, Notifier } from './store-deps';

/** The renderer keeps at most this many requests per mock (the core's log holds as many). */
export const MOCK_LOG_LIMIT = 1000;

/** One mock file as its tab edits it: the form's draft, or the raw YAML while that view is on. */
export interface MockDoc {
  /** The file's text as last read or saved. */
  text: string;
  /** The definition as last read or saved; null when the file does not parse. */
  saved: MockDefinition | null;
  /** What the form shows and edits (null while the file does not parse: only the YAML view can fix it). */
  draft: MockDefinition | null;
  /** The raw text being edited while the YAML view is on; null in the form view. */
  yaml: string | null;
  /** Why the file does not parse (naming the field), from mock.read. */
  loadError: string | null;
  /** Why the last save was refused (naming the field). */
  saveError: string | null;
  dirty: boolean;
  saving: boolean;
}

export interface MockLog {
  requests: MockRequestSummary[];
  /** Requests the core left out of full event batches (still readable through a reload while logged). */
  skipped: number;
}

export interface MocksState {
  mocks: MockSummary[];
  loaded: boolean;
  loading: boolean;
  error: AppErrorShape | null;
  /** A start, stop or delete under way, by path. */
  busyByPath: Record<string, boolean>;
  docs: Record<string, MockDoc>;
  /** Why a mock's file could not be read at all (deleted, or outside the folder), by path. */
  readErrors: Record<string, AppErrorShape>;
  logs: Record<string, MockLog>;

  loadMocks(): Promise<void>;
  /** Makes a new mock file; returns its summary (null when refused, with a toast). */
  createMock(name: string): Promise<MockSummary | null>;
  /** Mock files are uploaded from the page (browser host); else the native open dialog picks them. */
  canUpload: boolean;
  /**
   * Makes a new mock from an OpenAPI, Swagger, Mockoon or mock YAML file: `file` uploaded (browser host), or
   * chosen in the native dialog when none is given. Warnings show in a toast. Null when refused or cancelled.
   */
  importMock(file?: File): Promise<(MockSummary & { warnings: string[] }) | null>;
  /** The mock as OpenAPI 3.0 JSON text (null when refused, with a toast); warnings show in a toast. */
  exportOpenApi(path: string): Promise<string | null>;
  /**
   * Appends the routes the mock's recording proxy made (those whose method and path the mock has not already)
   * and saves; the recorder forgets them. Returns how many were added (0 with an info toast when none).
   */
  addRecordedRoutes(path: string): Promise<number>;
  deleteMock(path: string): Promise<boolean>;
  startMock(path: string): Promise<void>;
  stopMock(path: string): Promise<void>;

  /** Reads a mock's file into its doc (keeps unsaved edits unless `force`). */
  openDoc(path: string, options?: { force?: boolean }): Promise<void>;
  editDraft(path: string, change: (definition: MockDefinition) => MockDefinition): void;
  /** Switches between the form and the raw YAML (the YAML shows the saved text; unsaved form edits save first). */
  setYamlView(path: string, on: boolean): Promise<void>;
  editYaml(path: string, text: string): void;
  /** Writes the doc (the form's draft, or the YAML as typed); a running mock reloads. True when saved. */
  saveDoc(path: string): Promise<boolean>;

  loadRequests(path: string): Promise<void>;
  clearRequests(path: string): Promise<void>;
  readRequest(path: string, id: number): Promise<MockRequestDetail | null>;
  /** Adds a route answering like the logged request did (200, empty, when nothing matched) and saves. */
  createRouteFromRequest(path: string, id: number): Promise<boolean>;
  /**
   * Serves tables of a connection as REST resources: adds them to the mock named after the connection (made
   * when there is none). Returns that mock's path, or null when it failed.
   */
  serveTables(request: {
    connectionName: string;
    tables: readonly { schema: string | null; table: string }[];
  }): Promise<string | null>;

  applyStatus(summary: MockSummary): void;
  applyRequests(event: EventPayload<'mock.requestsLogged'>): void;
  /** After missed events: the list, the logs shown and the docs without unsaved edits are read again. */
  resync(): Promise<void>;
}

export interface MocksDeps {
  client: AppClient;
  notifier: Notifier;
  /** A mock's file was deleted (its tabs close). */
  onDeleted?(path: string): void;
  /** Browser host: uploads a file picked in the page (the import dialog's upload, `POST /upload`). */
  upload?: (file: File) => Promise<ImportFile>;
}

/** At most this many warnings are listed in a toast (the rest are counted). */
const WARNINGS_SHOWN = 5;

function warningsText(warnings: string[]): string {
  const shown = warnings.slice(0, WARNINGS_SHOWN).join('\n');
  const more = warnings.length - WARNINGS_SHOWN;
  return more > 0 ? `${shown}\n…and ${more} more` : shown;
}

const byName = (a: MockSummary, b: MockSummary) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path);

function docFrom(read: { text: string; definition: MockDefinition | null; error: string | null }): MockDoc {
  return {
    text: read.text,
    saved: read.definition,
    draft: read.definition,
    yaml: read.definition ? null : read.text,
    loadError: read.error,
    saveError: null,
    dirty: false,
    saving: false,
  };
}

/** The Mocks panel and mock tabs: the mock files, whether each runs, their request logs and unsaved edits. */
export function createMocksStore({ client, notifier, onDeleted, upload }: MocksDeps) {
  return create<MocksState>()((set, get) => {
    const patchDoc = (path: string, patch: Partial<MockDoc>) =>
      set((s) => {
        const doc = s.docs[path];
        return doc ? { docs: { ...s.docs, [path]: { ...doc, ...patch } } } : {};
      });
    const setBusy = (path: string, busy: boolean) => set((s) => ({ busyByPath: { ...s.busyByPath, [path]: busy } }));
    const upsert = (summary: MockSummary) =>
      set((s) => {
        const rest = s.mocks.filter((m) => m.path !== summary.path);
        return { mocks: [...rest, summary].sort(byName) };
      });
    const resetLog = (path: string) => set((s) => ({ logs: { ...s.logs, [path]: { requests: [], skipped: 0 } } }));

    /** Saves a definition straight away (used by actions that change the file, not by typing). */
    const saveDefinition = async (path: string, definition: MockDefinition): Promise<boolean> => {
      patchDoc(path, { draft: definition, dirty: true });
      return get().saveDoc(path);
    };

    return {
      mocks: [],
      loaded: false,
      loading: false,
      error: null,
      busyByPath: {},
      docs: {},
      readErrors: {},
      logs: {},

      async loadMocks() {
        set({ loading: true });
        try {
          const mocks = await client.mock.list({});
          set({ mocks: [...mocks].sort(byName), loaded: true, loading: false, error: null });
        } catch (error) {
          set({ loading: false, loaded: true, error: toErrorShape(error) });
        }
      },

      async createMock(name) {
        try {
          const summary = await client.mock.create({ name: name.trim() });
          upsert(summary);
          return summary;
        } catch (error) {
          notifier.notifyError('Could not create the mock', error);
          return null;
        }
      },

      canUpload: upload !== undefined,

      async importMock(file) {
        try {
          const chosen = file && upload ? await upload(file) : await client.transfer.chooseFile({});
          if (!chosen) return null;
          const imported = await client.mock.importFile({ fileId: chosen.fileId });
          const { warnings: _warnings, ...summary } = imported;
          upsert(summary);
          if (imported.warnings.length > 0) {
            notifier.notify({
              kind: 'info',
              title: `Imported ${imported.name} with ${imported.warnings.length} warning${imported.warnings.length === 1 ? '' : 's'}`,
              message: warningsText(imported.warnings),
            });
          } else {
            notifier.notify({ kind: 'success', title: `Imported ${imported.name}`, message: `mocks/${imported.path}` });
          }
          return imported;
        } catch (error) {
          notifier.notifyError('Could not import the mock', error);
          return null;
        }
      },

      async exportOpenApi(path) {
        try {
          const { document, warnings } = await client.mock.exportOpenApi({ path });
          if (warnings.length > 0) {
            notifier.notify({
              kind: 'info',
              title: 'Exported as OpenAPI, with warnings',
              message: warningsText(warnings),
            });
          }
          return document;
        } catch (error) {
          notifier.notifyError('Could not export the mock as OpenAPI', error);
          return null;
        }
      },

      async addRecordedRoutes(path) {
        const doc = get().docs[path];
        if (!doc?.draft) return 0;
        try {
          const recorded = await client.mock.recorded({ path, clear: true });
          const current = get().docs[path]?.draft ?? doc.draft;
          const known = new Set(current.routes.map((route) => `${route.method} ${route.path}`));
          const added = recorded.filter((route) => !known.has(`${route.method} ${route.path}`));
          if (added.length === 0) {
            notifier.notify({
              kind: 'info',
              title: 'No new recorded routes',
              message: 'Call the mock while its proxy records; each new answer becomes a route to add.',
            });
            return 0;
          }
          // unsaved: the draft keeps them, and the save error says why
          await saveDefinition(path, { ...current, routes: [...current.routes, ...added] });
          return added.length;
        } catch (error) {
          notifier.notifyError('Could not add the recorded routes', error);
          return 0;
        }
      },

      async deleteMock(path) {
        setBusy(path, true);
        try {
          await client.mock.delete({ path });
          set((s) => {
            const { [path]: _doc, ...docs } = s.docs;
            const { [path]: _log, ...logs } = s.logs;
            return { mocks: s.mocks.filter((m) => m.path !== path), docs, logs };
          });
          onDeleted?.(path);
          return true;
        } catch (error) {
          notifier.notifyError('Could not delete the mock', error);
          return false;
        } finally {
          setBusy(path, false);
        }
      },

      async startMock(path) {
        setBusy(path, true);
        try {
          // unsaved edits would not be served: save them first
          if (get().docs[path]?.dirty && !(await get().saveDoc(path))) return;
          resetLog(path);
          upsert(await client.mock.start({ path }));
        } catch (error) {
          notifier.notifyError('Could not start the mock', error);
          void get().loadMocks();
        } finally {
          setBusy(path, false);
        }
      },

      async stopMock(path) {
        setBusy(path, true);
        try {
          upsert(await client.mock.stop({ path }));
        } catch (error) {
          notifier.notifyError('Could not stop the mock', error);
        } finally {
          setBusy(path, false);
        }
      },

      async openDoc(path, options) {
        const current = get().docs[path];
        if (current?.dirty && !options?.force) return;
        try {
          const read = await client.mock.read({ path });
          // edits made while reading win
          if (get().docs[path]?.dirty && !options?.force) return;
          const doc = docFrom(read);
          if (current && current.yaml !== null && doc.yaml === null) doc.yaml = read.text;
          set((s) => {
            const { [path]: _gone, ...readErrors } = s.readErrors;
            return { docs: { ...s.docs, [path]: doc }, readErrors };
          });
        } catch (error) {
          // the tab says so (a restored tab of a deleted file has nothing else to show)
          set((s) => ({ readErrors: { ...s.readErrors, [path]: toErrorShape(error) } }));
        }
      },

      editDraft(path, change) {
        const doc = get().docs[path];
        if (!doc?.draft) return;
        patchDoc(path, { draft: change(doc.draft), dirty: true, saveError: null });
      },

      async setYamlView(path, on) {
        const doc = get().docs[path];
        if (!doc) return;
        if (on) {
          if (doc.yaml !== null) return;
          if (doc.dirty && !(await get().saveDoc(path))) return;
          patchDoc(path, { yaml: get().docs[path]?.text ?? doc.text });
          return;
        }
        if (doc.yaml === null) return;
        // leaving the YAML view saves what was typed; the form then shows the file as it is now
        if (doc.dirty && !(await get().saveDoc(path))) return;
        if (!get().docs[path]?.saved) {
          patchDoc(path, { saveError: 'The file does not parse yet; fix it here before using the form.' });
          return;
        }
        patchDoc(path, { yaml: null });
      },

      editYaml(path, text) {
        const doc = get().docs[path];
        if (!doc || doc.yaml === null) return;
        patchDoc(path, { yaml: text, dirty: text !== doc.text, saveError: null });
      },

      async saveDoc(path) {
        const doc = get().docs[path];
        if (!doc || doc.saving) return false;
        const yamlView = doc.yaml !== null;
        if (!yamlView && !doc.draft) return false;
        const sent = yamlView ? doc.yaml : doc.draft;
        patchDoc(path, { saving: true, saveError: null });
        try {
          const summary = await client.mock.save(
            yamlView ? { path, text: doc.yaml ?? '' } : { path, definition: doc.draft ?? undefined },
          );
          upsert(summary);
          const read = await client.mock.read({ path });
          const now = get().docs[path];
          // typing during the save keeps the newer edits (and their dirty mark)
          const unchanged = now ? (yamlView ? now.yaml === sent : now.draft === sent) : true;
          set((s) => ({
            docs: {
              ...s.docs,
              [path]: {
                ...docFrom(read),
                yaml: yamlView ? (unchanged ? read.text : (now?.yaml ?? read.text)) : null,
                draft: !yamlView && !unchanged ? (now?.draft ?? read.definition) : read.definition,
                dirty: !unchanged,
              },
            },
          }));
          return true;
        } catch (error) {
          const shape = toErrorShape(error);
          patchDoc(path, { saving: false, saveError: shape.message });
          // a refused field shows above the editor already; other failures (the disk, the host) get a toast
          if (shape.code !== 'INVALID_INPUT') notifier.notifyError('Could not save the mock', error);
          return false;
        }
      },

      async loadRequests(path) {
        try {
          const requests = await client.mock.requests({ path, limit: MOCK_LOG_LIMIT });
          set((s) => ({ logs: { ...s.logs, [path]: { requests, skipped: 0 } } }));
        } catch (error) {
          notifier.notifyError('Could not read the request log', error);
        }
      },

      async clearRequests(path) {
        try {
          await client.mock.clearRequests({ path });
          resetLog(path);
        } catch (error) {
          notifier.notifyError('Could not clear the request log', error);
        }
      },

      async readRequest(path, id) {
        try {
          return await client.mock.request({ path, id });
        } catch (error) {
          notifier.notifyError('Could not read the request', error);
          return null;
        }
      },

      async createRouteFromRequest(path, id) {
        if (!get().docs[path]) await get().openDoc(path);
        const doc = get().docs[path];
        if (!doc?.draft || doc.yaml !== null) {
          notifier.notify({
            kind: 'error',
            title: 'Could not add the route',
            message: 'Switch the mock tab back to the form (its YAML must parse) and try again.',
          });
          return false;
        }
        const detail = await get().readRequest(path, id);
        if (!detail) return false;
        const route = routeFromRequest(detail, doc.draft.prefix);
        const saved = await saveDefinition(path, addRoute(doc.draft, route));
        if (saved) notifier.notify({ kind: 'success', title: 'Route added', message: `${route.method} ${route.path}` });
        return saved;
      },

      async serveTables({ connectionName, tables }) {
        if (!get().loaded) await get().loadMocks();
        const name = `${connectionName} API`;
        let summary: MockSummary | null | undefined = get().mocks.find((m) => m.name === name);
        if (!summary) summary = await get().createMock(name);
        if (!summary) return null;
        const { path } = summary;
        await get().openDoc(path);
        const doc = get().docs[path];
        if (!doc?.draft) {
          notifier.notify({
            kind: 'error',
            title: `Could not add to ${name}`,
            message: doc?.loadError ?? 'Its file does not parse; fix it in its tab and try again.',
          });
          return path;
        }
        if (doc.dirty && !(await get().saveDoc(path))) return path;
        const { definition, added } = addResources(doc.draft, connectionName, tables);
        if (added === 0) {
          notifier.notify({ kind: 'info', title: `${name} already serves this`, message: 'Start it to call it.' });
          return path;
        }
        if (await saveDefinition(path, definition))
          notifier.notify({
            kind: 'success',
            title: added === 1 ? `Table added to ${name}` : `${added} tables added to ${name}`,
            message: 'Start the mock to call its REST API.',
          });
        return path;
      },

      applyStatus(summary) {
        const before = get().mocks.find((m) => m.path === summary.path);
        if (summary.state === 'starting' && before?.state !== 'starting') resetLog(summary.path);
        upsert(summary);
        // the file changed (saved elsewhere, or by hand): show it unless there are unsaved edits here
        const doc = get().docs[summary.path];
        if (doc && !doc.dirty && !doc.saving) void get().openDoc(summary.path);
      },

      applyRequests({ path, requests, skipped }) {
        const log = get().logs[path] ?? { requests: [], skipped: 0 };
        const lastId = log.requests[log.requests.length - 1]?.id ?? -1;
        const fresh = requests.filter((r) => r.id > lastId);
        if (fresh.length === 0 && skipped === 0) return;
        const all = [...log.requests, ...fresh];
        set((s) => ({
          logs: {
            ...s.logs,
            [path]: { requests: all.slice(-MOCK_LOG_LIMIT), skipped: log.skipped + skipped },
          },
        }));
      },

      async resync() {
        await get().loadMocks();
        const { logs, docs } = get();
        await Promise.all([
          ...Object.keys(logs).map((path) => get().loadRequests(path)),
          ...Object.entries(docs)
            .filter(([, doc]) => !doc.dirty)
            .map(([path]) => get().openDoc(path)),
        ]);
      },
    };
  });
}

export type MocksStore = ReturnType<typeof createMocksStore>;

export const selectMock = (s: MocksState, path: string): MockSummary | undefined =>
  s.mocks.find((m) => m.path === path);
