/**
 * Import and export in the HTTP client (issue 8, items 10–11): the Import dialog (a chosen or uploaded file, or
 * pasted text → preview → a new collection, environment or request tab), a cURL command pasted into the URL bar,
 * "copy as cURL / fetch", a collection exported as Postman v2.1, and a response's JSON made a mock route. Only
 * this store calls the client for them; what it needs of the other stores comes in as functions.
 */
import { create } from 'zustand';
import type { HttpImportPreview, HttpResponse } from '../../../../../shared/contract/http.contract';
import type { MockSummary } from '../../../../../shared/contract/mock.contract';
import type { AppErrorShape } from '../../../../../shared/errors';
import type { HttpRequestFile } from '../../../../../shared/http-request';
import type { MockRoute } from '../../../../../shared/mock-definition';
import { toErrorShape } from '../../../rpc/error-shape';
import type { AppClient, Notifier } from '../../../stores/store-deps';
import { routeFromResponse } from './mock-route-from-response';

/** What the Import dialog reads: a file known by its id, or the text in its box. */
export type ImportSourceChoice = { kind: 'file'; fileId: string; name: string } | { kind: 'text' };

export interface ImportDialogState {
  source: ImportSourceChoice;
  text: string;
  preview: HttpImportPreview | null;
  previewing: boolean;
  /** Why the file or text cannot be imported (naming the file and what is wrong). */
  error: AppErrorShape | null;
  /** Uploading or choosing a file. */
  choosing: boolean;
  importing: boolean;
}

export interface ImportExportState {
  dialog: ImportDialogState | null;
  /** The collection the last import made (the tree marks it selected). */
  selectedCollection: string | null;
  /** Files are uploaded from the page (browser host); else the native open dialog picks them. */
  canUpload: boolean;

  openImport(): void;
  closeImport(): void;
  /** Desktop: the native open dialog, then the preview. */
  chooseFile(): Promise<void>;
  /** Browser host: uploads the picked file (`POST /upload`), then the preview. */
  uploadFile(file: File): Promise<void>;
  /** Pasted or typed text replaces a chosen file; call `previewText` once typing pauses. */
  setText(text: string): void;
  previewText(): Promise<void>;
  /** Imports what the dialog shows; closes it when done (a cURL command opens in a new tab). */
  runImport(): Promise<boolean>;

  /** A cURL command pasted into a tab's URL bar: method, URL, headers, body, auth and settings replace the tab's. */
  pasteCurl(tabId: string, command: string): Promise<boolean>;
  /**
   * Copies the tab's request as a cURL command or fetch code (inherited auth and headers with its file). `resolve`
   * puts in the values of its variables in the chosen environment; `secrets` those of secret variables too.
   */
  copyRequestAs(
    tabId: string,
    format: 'curl' | 'fetch',
    options?: { resolve?: boolean; secrets?: boolean },
  ): Promise<boolean>;
  /** A collection as Postman v2.1: saved where the user chooses (desktop) or downloaded (browser). */
  exportCollection(path: string): Promise<boolean>;
  /** The mocks a route can go to (read fresh). */
  listMocks(): Promise<MockSummary[]>;
  /**
   * Adds a route answering like `response` did to the mock at `mockPath` (or a new mock named `newMockName`);
   * returns the mock's path, null when refused (with a toast saying why).
   */
  createMockRoute(input: {
    method: string;
    response: HttpResponse;
    mockPath: string | null;
    newMockName?: string;
  }): Promise<string | null>;
}

export interface ImportExportDeps {
  client: AppClient;
  notifier: Notifier;
  upload?: (file: File) => Promise<{ fileId: string; name: string }>;
  /** Desktop: a collection export is written where the user chooses in the native save dialog. */
  nativeSave: boolean;
  download(text: string, fileName: string): void;
  copy(text: string): Promise<void>;
  /** The collections tree changed (re-read it). */
  collectionsChanged(): Promise<void>;
  /** Opens a new request tab holding `request`. */
  openRequest(request: HttpRequestFile): void;
  /** A tab's request as edited and its file. */
  tabRequest(tabId: string): { draft: HttpRequestFile; path: string | null } | undefined;
  /** The environment chosen in the HTTP panel (its file), for a copy with variables resolved; null for none. */
  environment?(): string | null;
  editDraft(tabId: string, edit: (draft: HttpRequestFile) => HttpRequestFile): void;
  mocks: {
    create(name: string): Promise<MockSummary | null>;
    /** Appends a route to the mock's file and saves it; false when refused (the mocks store says why). */
    addRoute(path: string, route: MockRoute): Promise<boolean>;
    /** Opens the mock's tab. */
    open(summary: MockSummary): void;
  };
}

const FORMAT_LABELS: Record<HttpImportPreview['format'], string> = {
  postman: 'Postman collection v2.x',
  'postman-environment': 'Postman environment',
  openapi: 'OpenAPI / Swagger',
  har: 'HAR capture',
  insomnia: 'Insomnia v5 export',
  curl: 'cURL command',
};

export const formatLabel = (format: HttpImportPreview['format']) => FORMAT_LABELS[format];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** At most this many warnings are listed in a toast (the rest are counted). */
const WARNINGS_SHOWN = 5;

function warningsText(warnings: string[]): string {
  const shown = warnings.slice(0, WARNINGS_SHOWN).join('\n');
  const more = warnings.length - WARNINGS_SHOWN;
  return more > 0 ? `${shown}\n…and ${more} more` : shown;
}

const emptyDialog = (): ImportDialogState => ({
  source: { kind: 'text' },
  text: '',
  preview: null,
  previewing: false,
  error: null,
  choosing: false,
  importing: false,
});

export function createImportExportStore(deps: ImportExportDeps) {
  const { client, notifier } = deps;
  return create<ImportExportState>()((set, get) => {
    const patchDialog = (change: Partial<ImportDialogState>) =>
      set((s) => (s.dialog ? { dialog: { ...s.dialog, ...change } } : s));
    // a later choice or keystroke wins over a preview still under way
    let previewSeq = 0;
    const sourceInput = (dialog: ImportDialogState) =>
      dialog.source.kind === 'file' ? { fileId: dialog.source.fileId } : { text: dialog.text };

    const preview = async () => {
      const dialog = get().dialog;
      if (!dialog) return;
      const seq = ++previewSeq;
      if (dialog.source.kind === 'text' && dialog.text.trim() === '') {
        patchDialog({ preview: null, error: null, previewing: false });
        return;
      }
      patchDialog({ previewing: true });
      try {
        const result = await client.http.previewImport(sourceInput(dialog));
        if (seq === previewSeq) patchDialog({ preview: result, error: null, previewing: false });
      } catch (error) {
        if (seq === previewSeq) patchDialog({ preview: null, error: toErrorShape(error), previewing: false });
      }
    };
    const fileChosen = async (file: { fileId: string; name: string } | null) => {
      if (!file) {
        patchDialog({ choosing: false });
        return;
      }
      patchDialog({ source: { kind: 'file', ...file }, text: '', choosing: false, preview: null, error: null });
      await preview();
    };

    return {
      dialog: null,
      selectedCollection: null,
      canUpload: deps.upload !== undefined,

      openImport() {
        set({ dialog: emptyDialog() });
      },

      closeImport() {
        previewSeq++;
        set({ dialog: null });
      },

      async chooseFile() {
        patchDialog({ choosing: true, error: null });
        try {
          await fileChosen(await client.http.chooseImportFile({}));
        } catch (error) {
          patchDialog({ choosing: false, error: toErrorShape(error) });
        }
      },

      async uploadFile(file) {
        if (!deps.upload) return;
        patchDialog({ choosing: true, error: null });
        try {
          await fileChosen(await deps.upload(file));
        } catch (error) {
          patchDialog({ choosing: false, error: toErrorShape(error) });
        }
      },

      setText(text) {
        patchDialog({ source: { kind: 'text' }, text });
      },

      previewText: preview,

      async runImport() {
        const dialog = get().dialog;
        if (!dialog || dialog.importing) return false;
        patchDialog({ importing: true });
        try {
          const outcome = await client.http.importFile(sourceInput(dialog));
          const warned = outcome.warnings.length > 0;
          const note = (title: string, message: string) =>
            notifier.notify({
              kind: warned ? 'info' : 'success',
              title: warned ? `${title}, with ${plural(outcome.warnings.length, 'warning')}` : title,
              message: warned ? warningsText(outcome.warnings) : message,
            });
          if (outcome.kind === 'collection') {
            set({ selectedCollection: outcome.path });
            await deps.collectionsChanged();
            note(
              `Imported ${outcome.name}`,
              `${plural(outcome.requests, 'request')} in collections/${outcome.path}` +
                (outcome.environments.length > 0 ? `; ${plural(outcome.environments.length, 'environment')}` : ''),
            );
          } else if (outcome.kind === 'environment') {
            note(`Imported the environment ${outcome.name}`, `environments/${outcome.path}`);
          } else {
            deps.openRequest(outcome.request);
            note('Opened the cURL command as a request', outcome.request.name);
          }
          set({ dialog: null });
          return true;
        } catch (error) {
          patchDialog({ importing: false, error: toErrorShape(error) });
          return false;
        }
      },

      async pasteCurl(tabId, command) {
        try {
          const { request } = await client.http.parseCurl({ command });
          // what the command says replaces the tab's request; its name and scripts stay
          deps.editDraft(tabId, ({ auth: _replaced, ...draft }) => ({
            ...draft,
            method: request.method,
            url: request.url,
            headers: request.headers ?? [],
            body: request.body ?? { type: 'none' },
            // a command without credentials leaves the request inheriting its folder's or collection's auth
            ...(request.auth ? { auth: request.auth } : {}),
            ...(request.settings ? { settings: { ...draft.settings, ...request.settings } } : {}),
          }));
          return true;
        } catch (error) {
          notifier.notifyError('Could not read the cURL command', error);
          return false;
        }
      },

      async copyRequestAs(tabId, format, options = {}) {
        const tab = deps.tabRequest(tabId);
        if (!tab) return false;
        const label = `${format === 'curl' ? 'cURL' : 'fetch code'}${options.resolve ? ' (variables resolved)' : ''}`;
        try {
          const { code, warnings } = await client.http.exportRequest({
            request: tab.draft,
            format,
            ...(tab.path ? { path: tab.path } : {}),
            ...(options.resolve
              ? { resolve: true, environment: deps.environment?.() ?? null, resolveSecrets: options.secrets === true }
              : {}),
          });
          await deps.copy(code);
          notifier.notify({
            kind: warnings.length > 0 ? 'info' : 'success',
            title: `Copied as ${label}`,
            message: warnings.length > 0 ? warningsText(warnings) : `${code.split('\n').length} lines`,
          });
          return true;
        } catch (error) {
          notifier.notifyError(`Could not copy as ${label}`, error);
          return false;
        }
      },

      async exportCollection(path) {
        try {
          const exported = await client.http.exportCollection({ path, saveAs: deps.nativeSave });
          if (exported.document !== null) deps.download(exported.document, exported.fileName);
          if (exported.document === null && exported.savedTo === null) return false;
          notifier.notify({
            kind: exported.warnings.length > 0 ? 'info' : 'success',
            title:
              exported.warnings.length > 0 ? 'Exported as Postman v2.1, with warnings' : 'Exported as Postman v2.1',
            message:
              exported.warnings.length > 0 ? warningsText(exported.warnings) : (exported.savedTo ?? exported.fileName),
          });
          return true;
        } catch (error) {
          notifier.notifyError('Could not export the collection', error);
          return false;
        }
      },

      async listMocks() {
        try {
          return await client.mock.list({});
        } catch (error) {
          notifier.notifyError('Could not list the mocks', error);
          return [];
        }
      },

      async createMockRoute({ method, response, mockPath, newMockName }) {
        let mock: MockSummary | null | undefined;
        if (mockPath === null) {
          mock = newMockName?.trim() ? await deps.mocks.create(newMockName.trim()) : null;
        } else {
          mock = (await get().listMocks()).find((m) => m.path === mockPath);
        }
        if (!mock) {
          if (mockPath !== null)
            notifier.notify({ kind: 'error', title: 'Could not add the route', message: `No mock ${mockPath}.` });
          return null;
        }
        let prefix: string | undefined;
        try {
          prefix = (await client.mock.read({ path: mock.path })).definition?.prefix;
        } catch (error) {
          notifier.notifyError('Could not read the mock', error);
          return null;
        }
        const made = routeFromResponse({ method, response }, prefix);
        if ('problem' in made) {
          notifier.notify({ kind: 'error', title: 'Could not make a mock route', message: made.problem });
          return null;
        }
        if (!(await deps.mocks.addRoute(mock.path, made.route))) return null;
        notifier.notify({
          kind: 'success',
          title: `Route added to ${mock.name}`,
          message: `${made.route.method} ${made.route.path} → ${made.route.responses[0]!.status}`,
        });
        deps.mocks.open(mock);
        return mock.path;
      },
    };
  });
}

export type ImportExportStore = ReturnType<typeof createImportExportStore>;
