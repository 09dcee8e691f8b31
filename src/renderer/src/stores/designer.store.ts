import { create } from 'zustand';
import type { DesignSummary, SchemaChange } from '../../../shared/contract/designer.contract';
import type { Design, DesignLayout } from '../../../shared/design';
import { EMPTY_LAYOUT, tableKey } from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../rpc/error-shape';
import { addTable, type DesignState } from './design-edits';
import { placeUnplaced } from './design-placement';
import type { AppClient, Notifier } from './store-deps';

/** Undo keeps this many steps per design. */
const UNDO_LIMIT = 200;

/** One open design: what the canvas shows and edits, its history and its file's state. */
export interface DesignDoc {
  design: Design;
  layout: DesignLayout;
  /** Selected tables, by table key. */
  selection: string[];
  past: DesignState[];
  future: DesignState[];
  /** Edits not written to the file yet (the autosave is pending or failed). */
  dirty: boolean;
  saving: boolean;
  saveError: string | null;
  /** The file changed on disk while this design held unsaved edits: the tab asks which to keep. */
  changedOnDisk: boolean;
  /** Differences from the last comparison with a database, coloured on the canvas; null when none is shown. */
  overlay: SchemaChange[] | null;
  /** The file's DBML and layout as last read or written, to tell the app's own writes from other changes. */
  savedDbml: string;
  savedLayout: string;
}

export interface DesignerState {
  designs: DesignSummary[];
  loaded: boolean;
  loading: boolean;
  error: AppErrorShape | null;
  docs: Record<string, DesignDoc>;
  /** Why a design's file could not be read, by path. */
  readErrors: Record<string, AppErrorShape>;

  loadDesigns(): Promise<void>;
  /** Makes a design file: empty, or read from a live schema. Returns its path (null when refused, with a toast). */
  createDesign(input: {
    path: string;
    dialect: Engine;
    from?: { connectionId: string; schema: string | null };
  }): Promise<string | null>;
  /** A new design from DBML or SQL text. Returns its path (null when refused, with a toast). */
  importDesign(input: { path: string; text: string; format: 'dbml' | 'sql'; dialect: Engine }): Promise<string | null>;
  deleteDesign(path: string): Promise<boolean>;

  /** Reads a design into its doc (keeps unsaved edits unless `force`); tables without a position are placed. */
  openDesign(path: string, options?: { force?: boolean }): Promise<void>;
  /** One undoable edit; the file is written a moment later. */
  edit(path: string, change: (state: DesignState) => DesignState): void;
  undo(path: string): void;
  redo(path: string): void;
  select(path: string, keys: string[]): void;
  /** Adds a table, places it next to the others and selects it; returns its key. */
  addTable(path: string): Promise<string | null>;
  /** Arranges the whole diagram (an undoable edit). */
  arrangeAll(path: string): Promise<void>;
  setOverlay(path: string, changes: SchemaChange[] | null): void;
  /** Writes the design now when it has unsaved edits. True when nothing is left unsaved. */
  flush(path: string): Promise<boolean>;
  /** Writes every design with unsaved edits (the window is closing). */
  flushAll(): Promise<void>;
  /** Designs whose tab closed: written when they hold edits, then forgotten. */
  release(openPaths: ReadonlySet<string>): Promise<void>;
  /** Design files changed on disk: a clean open design shows the file; one with unsaved edits asks. */
  applyFilesChanged(paths: readonly string[]): Promise<void>;
  resolveChangedOnDisk(path: string, choice: 'reload' | 'keep'): Promise<void>;
}

export type LayoutFn = (design: Design, layout: DesignLayout, mode: 'all' | 'new') => Promise<DesignLayout>;

export interface DesignerDeps {
  client: AppClient;
  notifier: Notifier;
  /** The auto-layout (ELK in a worker in the app); tables it leaves without a position get a free spot. */
  layout?: LayoutFn;
  saveDebounceMs?: number;
  /** A design's file was deleted (its tabs close). */
  onDeleted?(path: string): void;
}

/** JSON with sorted keys, so two equal layouts compare equal whatever order their keys came in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const byName = (a: DesignSummary, b: DesignSummary) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path);

/** The Designs panel and the design tabs (issue 9): the design files, and each open design with its history. */
export function createDesignerStore(deps: DesignerDeps) {
  const { client, notifier } = deps;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Saves under way, so a flush waits for the one running. */
  const inFlight = new Map<string, Promise<boolean>>();
  /** A files-changed report that came during a save, checked once it is done. */
  const recheck = new Set<string>();
  /** Reads under way, so a second open of the same design (a re-mounted tab) waits for the first. */
  const reading = new Map<string, Promise<void>>();

  const place = async (design: Design, layout: DesignLayout, mode: 'all' | 'new'): Promise<DesignLayout> => {
    let placed = layout;
    try {
      if (deps.layout) placed = await deps.layout(design, layout, mode);
    } catch (error) {
      notifier.notifyError('Could not arrange the diagram', error);
    }
    return placeUnplaced(design, placed);
  };

  return create<DesignerState>()((set, get) => {
    const patchDoc = (path: string, patch: Partial<DesignDoc> | ((doc: DesignDoc) => Partial<DesignDoc>)) =>
      set((s) => {
        const doc = s.docs[path];
        if (!doc) return {};
        return { docs: { ...s.docs, [path]: { ...doc, ...(typeof patch === 'function' ? patch(doc) : patch) } } };
      });

    const scheduleSave = (path: string) => {
      const pending = timers.get(path);
      if (pending) clearTimeout(pending);
      timers.set(
        path,
        setTimeout(() => {
          timers.delete(path);
          void save(path);
        }, deps.saveDebounceMs ?? 600),
      );
    };

    const save = (path: string): Promise<boolean> => {
      const running = inFlight.get(path);
      if (running) return running.then(() => save(path));
      const doc = get().docs[path];
      if (!doc?.dirty) return Promise.resolve(true);
      const pending = timers.get(path);
      if (pending) clearTimeout(pending);
      timers.delete(path);
      const { design, layout } = doc;
      patchDoc(path, { saving: true });
      const run = (async () => {
        try {
          const written = await client.designer.write({ path, design, layout });
          // edits made during the write stay dirty and are written next
          patchDoc(path, (now) => {
            const unchanged = now.design === design && now.layout === layout;
            return {
              saving: false,
              saveError: null,
              dirty: !unchanged,
              savedDbml: written.dbml,
              savedLayout: stableJson(layout),
            };
          });
          // the panel's entry counts the tables as saved (the app's own writes are not reported back)
          set((st) => ({
            designs: st.designs.map((d) =>
              d.path === path ? { ...d, tables: design.tables.length, dialect: design.dialect, error: undefined } : d,
            ),
          }));
          if (get().docs[path]?.dirty) scheduleSave(path);
          return true;
        } catch (error) {
          const shape = toErrorShape(error);
          patchDoc(path, { saving: false, saveError: shape.message });
          notifier.notifyError('Could not save the design', error, `design-save:${path}`);
          return false;
        } finally {
          inFlight.delete(path);
          if (recheck.delete(path)) void get().applyFilesChanged([path]);
        }
      })();
      inFlight.set(path, run);
      return run;
    };

    const docFrom = (read: { design: Design; layout: DesignLayout; dbml: string }): DesignDoc => ({
      design: read.design,
      layout: read.layout,
      selection: [],
      past: [],
      future: [],
      dirty: false,
      saving: false,
      saveError: null,
      changedOnDisk: false,
      overlay: null,
      savedDbml: read.dbml,
      savedLayout: stableJson(read.layout),
    });

    /** Puts tables the layout has no position for on the canvas; the file gets the positions (not undoable). */
    const placeNew = async (path: string) => {
      const doc = get().docs[path];
      if (!doc || doc.design.tables.every((t) => doc.layout.tables[tableKey(t)])) return;
      const layout = await place(doc.design, doc.layout, 'new');
      const now = get().docs[path];
      if (!now || now.design !== doc.design || now.layout !== doc.layout) return;
      patchDoc(path, { layout, dirty: true });
      scheduleSave(path);
    };

    const openNow = async (path: string, options?: { force?: boolean }) => {
      const current = get().docs[path];
      if (current?.dirty && !options?.force) return;
      try {
        const read = await client.designer.read({ path });
        // edits made while reading win
        if (get().docs[path]?.dirty && !options?.force) return;
        set((s) => {
          const { [path]: _gone, ...readErrors } = s.readErrors;
          return { docs: { ...s.docs, [path]: docFrom(read) }, readErrors };
        });
        await placeNew(path);
      } catch (error) {
        set((s) => ({ readErrors: { ...s.readErrors, [path]: toErrorShape(error) } }));
      }
    };

    return {
      designs: [],
      loaded: false,
      loading: false,
      error: null,
      docs: {},
      readErrors: {},

      async loadDesigns() {
        set({ loading: true });
        try {
          const designs = await client.designer.list({});
          set({ designs: [...designs].sort(byName), loaded: true, loading: false, error: null });
        } catch (error) {
          set({ loading: false, loaded: true, error: toErrorShape(error) });
        }
      },

      async createDesign(input) {
        try {
          const created = await client.designer.create(input);
          void get().loadDesigns();
          return created.path;
        } catch (error) {
          notifier.notifyError(
            input.from ? 'Could not open the schema as a diagram' : 'Could not create the design',
            error,
          );
          return null;
        }
      },

      async importDesign({ path, text, format, dialect }) {
        try {
          const design = await client.designer.importText({ text, format, dialect });
          const created = await client.designer.create({ path, dialect });
          const layout = await place(design, EMPTY_LAYOUT, 'all');
          await client.designer.write({ path: created.path, design, layout });
          void get().loadDesigns();
          return created.path;
        } catch (error) {
          notifier.notifyError('Could not import the design', error);
          return null;
        }
      },

      async deleteDesign(path) {
        try {
          await client.designer.deleteDesign({ path });
          const timer = timers.get(path);
          if (timer) clearTimeout(timer);
          timers.delete(path);
          set((s) => {
            const { [path]: _gone, ...docs } = s.docs;
            return { designs: s.designs.filter((d) => d.path !== path), docs };
          });
          deps.onDeleted?.(path);
          return true;
        } catch (error) {
          notifier.notifyError('Could not delete the design', error);
          return false;
        }
      },

      openDesign(path, options) {
        const running = reading.get(path);
        if (running && !options?.force) return running;
        const run = openNow(path, options).finally(() => reading.delete(path));
        reading.set(path, run);
        return run;
      },

      edit(path, change) {
        const doc = get().docs[path];
        if (!doc) return;
        const before: DesignState = { design: doc.design, layout: doc.layout };
        const after = change(before);
        if (after.design === before.design && after.layout === before.layout) return;
        patchDoc(path, {
          design: after.design,
          layout: after.layout,
          past: [...doc.past, before].slice(-UNDO_LIMIT),
          future: [],
          dirty: true,
          saveError: null,
        });
        scheduleSave(path);
        // a table that came without a position (typed in the DBML pane) is placed beside its relations
        if (after.design.tables.some((t) => !after.layout.tables[tableKey(t)])) void placeNew(path);
      },

      undo(path) {
        const doc = get().docs[path];
        const previous = doc?.past[doc.past.length - 1];
        if (!doc || !previous) return;
        patchDoc(path, {
          ...previous,
          past: doc.past.slice(0, -1),
          future: [{ design: doc.design, layout: doc.layout }, ...doc.future],
          dirty: true,
        });
        scheduleSave(path);
      },

      redo(path) {
        const doc = get().docs[path];
        const next = doc?.future[0];
        if (!doc || !next) return;
        patchDoc(path, {
          ...next,
          past: [...doc.past, { design: doc.design, layout: doc.layout }],
          future: doc.future.slice(1),
          dirty: true,
        });
        scheduleSave(path);
      },

      select(path, keys) {
        const doc = get().docs[path];
        if (!doc) return;
        const same = doc.selection.length === keys.length && doc.selection.every((k, i) => k === keys[i]);
        if (!same) patchDoc(path, { selection: keys });
      },

      async addTable(path) {
        const doc = get().docs[path];
        if (!doc) return null;
        const added = addTable({ design: doc.design, layout: doc.layout });
        const layout = await place(added.state.design, added.state.layout, 'new');
        // the table and its position are one edit (one undo removes both)
        get().edit(path, (s) => (s.design === doc.design ? { design: added.state.design, layout } : s));
        if (get().docs[path]?.design !== added.state.design) return null;
        get().select(path, [added.key]);
        return added.key;
      },

      async arrangeAll(path) {
        const doc = get().docs[path];
        if (!doc) return;
        const layout = await place(doc.design, doc.layout, 'all');
        get().edit(path, (s) => (s.design === doc.design && s.layout === doc.layout ? { ...s, layout } : s));
      },

      setOverlay(path, changes) {
        patchDoc(path, { overlay: changes });
      },

      flush(path) {
        return save(path);
      },

      async flushAll() {
        await Promise.all(Object.keys(get().docs).map((path) => save(path)));
      },

      async release(openPaths) {
        const closed = Object.keys(get().docs).filter((path) => !openPaths.has(path));
        await Promise.all(
          closed.map(async (path) => {
            const saved = await save(path);
            // a design whose save failed stays, so its edits are not lost while the app runs
            if (!saved || openPaths.has(path)) return;
            set((s) => {
              const { [path]: _gone, ...docs } = s.docs;
              return { docs };
            });
          }),
        );
      },

      async applyFilesChanged(paths) {
        void get().loadDesigns();
        for (const path of paths) {
          const doc = get().docs[path];
          if (!doc) continue;
          if (inFlight.has(path)) {
            recheck.add(path);
            continue;
          }
          let read;
          try {
            read = await client.designer.read({ path });
          } catch {
            // a file being rewritten or deleted: the next report or the tab says so
            continue;
          }
          const now = get().docs[path];
          if (!now) continue;
          // the app's own save coming back
          if (read.dbml === now.savedDbml && stableJson(read.layout) === now.savedLayout) continue;
          if (now.dirty) {
            patchDoc(path, { changedOnDisk: true });
            continue;
          }
          patchDoc(path, {
            design: read.design,
            layout: read.layout,
            past: [],
            future: [],
            savedDbml: read.dbml,
            savedLayout: stableJson(read.layout),
          });
        }
      },

      async resolveChangedOnDisk(path, choice) {
        if (choice === 'keep') {
          patchDoc(path, { changedOnDisk: false });
          await save(path);
          return;
        }
        const timer = timers.get(path);
        if (timer) clearTimeout(timer);
        timers.delete(path);
        await get().openDesign(path, { force: true });
      },
    };
  });
}

/** The designs a tab is open on. */
export const selectDesignDoc = (s: DesignerState, path: string): DesignDoc | undefined => s.docs[path];
