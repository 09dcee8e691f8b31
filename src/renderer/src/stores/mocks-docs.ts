/**
 * The mock tabs' documents (issue 7): each file's text, the form's draft or the raw YAML being typed, and saving
 * either back — the part of the mocks store that edits files. Why a save was refused is kept per field so the
 * form can show it beside the field.
 */
import type { StoreApi } from 'zustand';
import type { MockSummary } from '../../../shared/contract/mock.contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { MockDefinition } from '../../../shared/mock-definition';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

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
  /**
   * The refused fields of the last save from the form, by their path in the definition (`routes.0.responses.1.
   * bodyFile`), each with the core's message; empty when it was accepted or failed for another reason.
   */
  saveIssues: Record<string, string>;
  dirty: boolean;
  saving: boolean;
}

export interface MockDocsSlice {
  docs: Record<string, MockDoc>;
  /** Why a mock's file could not be read at all (deleted, or outside the folder), by path. */
  readErrors: Record<string, AppErrorShape>;
  /** Reads a mock's file into its doc (keeps unsaved edits unless `force`). */
  openDoc(path: string, options?: { force?: boolean }): Promise<void>;
  editDraft(path: string, change: (definition: MockDefinition) => MockDefinition): void;
  /** Switches between the form and the raw YAML (the YAML shows the saved text; unsaved form edits save first). */
  setYamlView(path: string, on: boolean): Promise<void>;
  editYaml(path: string, text: string): void;
  /** Writes the doc (the form's draft, or the YAML as typed); a running mock reloads. True when saved. */
  saveDoc(path: string): Promise<boolean>;
}

export function docFrom(read: { text: string; definition: MockDefinition | null; error: string | null }): MockDoc {
  return {
    text: read.text,
    saved: read.definition,
    draft: read.definition,
    yaml: read.definition ? null : read.text,
    loadError: read.error,
    saveError: null,
    saveIssues: {},
    dirty: false,
    saving: false,
  };
}

/** The fields a refused `mock.save` of a definition names, keyed by their path inside the definition. */
export function saveIssuesOf(error: AppErrorShape): Record<string, string> {
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  const out: Record<string, string> = {};
  if (error.code !== 'INVALID_INPUT' || !Array.isArray(issues)) return out;
  for (const issue of issues) {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || path[0] !== 'definition' || typeof message !== 'string') continue;
    const key = path.slice(1).map(String).join('.');
    out[key] ??= message;
  }
  return out;
}

interface DocsDeps {
  client: AppClient;
  notifier: Notifier;
  /** Puts a mock's summary in the list (a save answers with it). */
  upsert(summary: MockSummary): void;
}

type Store = StoreApi<MockDocsSlice>;

export function createMockDocsSlice(
  set: Store['setState'],
  get: Store['getState'],
  { client, notifier, upsert }: DocsDeps,
): MockDocsSlice {
  const patchDoc = (path: string, patch: Partial<MockDoc>) =>
    set((s) => {
      const doc = s.docs[path];
      return doc ? { docs: { ...s.docs, [path]: { ...doc, ...patch } } } : {};
    });

  return {
    docs: {},
    readErrors: {},

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
      patchDoc(path, { draft: change(doc.draft), dirty: true, saveError: null, saveIssues: {} });
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
      patchDoc(path, { yaml: null, saveIssues: {} });
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
        patchDoc(path, { saving: false, saveError: shape.message, saveIssues: yamlView ? {} : saveIssuesOf(shape) });
        // a refused field shows above the editor already; other failures (the disk, the host) get a toast
        if (shape.code !== 'INVALID_INPUT') notifier.notifyError('Could not save the mock', error);
        return false;
      }
    },
  };
}
