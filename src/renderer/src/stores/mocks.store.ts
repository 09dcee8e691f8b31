import { create } from 'zustand';
import type { MockSummary } from '../../../shared/contract/mock.contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { MockDefinition } from '../../../shared/mock-definition';
import { toErrorShape } from '../rpc/error-shape';
import { addResources, addRoute, routeFromRequest } from './mock-edits';
import { createMockDocsSlice, type MockDocsSlice } from './mocks-docs';
import { createMockLogSlice, resetLog, type MockLogSlice } from './mocks-log';
import type { ImportFile } from '../../../shared/contract/transfer.contract';
import type { AppClient, Notifier } from './store-deps';

export { MOCK_LOG_LIMIT, type MockLog } from './mocks-log';
export type { MockDoc } from './mocks-docs';

export interface MocksState extends MockDocsSlice, MockLogSlice {
  mocks: MockSummary[];
  loaded: boolean;
  loading: boolean;
  error: AppErrorShape | null;
  /** A start, stop or delete under way, by path. */
  busyByPath: Record<string, boolean>;

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

/** The key of a mock's "could not start" toast, dismissed once it starts. */
const startKey = (path: string) => `mock-start:${path}`;

/** At most this many warnings are listed in a toast (the rest are counted). */
const WARNINGS_SHOWN = 5;

function warningsText(warnings: string[]): string {
  const shown = warnings.slice(0, WARNINGS_SHOWN).join('\n');
  const more = warnings.length - WARNINGS_SHOWN;
  return more > 0 ? `${shown}\n…and ${more} more` : shown;
}

const byName = (a: MockSummary, b: MockSummary) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path);

/** The Mocks panel and mock tabs: the mock files, whether each runs, their request logs and unsaved edits. */
export function createMocksStore({ client, notifier, onDeleted, upload }: MocksDeps) {
  return create<MocksState>()((set, get) => {
    const setBusy = (path: string, busy: boolean) => set((s) => ({ busyByPath: { ...s.busyByPath, [path]: busy } }));
    const upsert = (summary: MockSummary) =>
      set((s) => {
        const rest = s.mocks.filter((m) => m.path !== summary.path);
        return { mocks: [...rest, summary].sort(byName) };
      });

    /** Saves a definition straight away (used by actions that change the file, not by typing). */
    const saveDefinition = async (path: string, definition: MockDefinition): Promise<boolean> => {
      get().editDraft(path, () => definition);
      return get().saveDoc(path);
    };

    return {
      mocks: [],
      loaded: false,
      loading: false,
      error: null,
      busyByPath: {},
      ...createMockDocsSlice(set, get, { client, notifier, upsert }),
      ...createMockLogSlice(set, get, { client, notifier }),

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
          const chosen = file && upload ? await upload(file) : await client.transfer.chooseFile({ purpose: 'mock' });
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
          resetLog(set, path);
          upsert(await client.mock.start({ path }));
          // an earlier "could not start" (port in use) is stale now
          notifier.dismissKey?.(startKey(path));
        } catch (error) {
          notifier.notifyError('Could not start the mock', error, startKey(path));
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
        if (summary.state === 'starting' && before?.state !== 'starting') resetLog(set, summary.path);
        upsert(summary);
        // the file changed (saved elsewhere, or by hand): show it unless there are unsaved edits here
        const doc = get().docs[summary.path];
        if (doc && !doc.dirty && !doc.saving) void get().openDoc(summary.path);
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
