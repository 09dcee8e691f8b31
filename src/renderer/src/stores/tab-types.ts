import type {
  DataEditorTab,
  DesignEditorTab,
  EditorTab,
  EditorTabKind,
  HttpEditorTab,
  HttpRunEditorTab,
  MockEditorTab,
  SqlEditorTab,
} from '../../../shared/domain';

/** An open SQL tab: what is stored between sessions, plus whether its text differs from its saved file. */
export interface SqlTabState extends SqlEditorTab {
  /** True when the text differs from the .sql file it edits (or, without a file, when it is not empty). */
  dirty: boolean;
  /** The saved file's text as last read or written; null without a file (or when the file is gone). */
  savedSql: string | null;
}

/** An open table data tab: what is stored is all it holds (rows and staged edits live in the data store). */
export type DataTabState = DataEditorTab;

/** An open mock tab: the file it edits (the definition, drafts and request log live in the mocks store). */
export type MockTabState = MockEditorTab;

/**
 * An open HTTP request tab: what is stored (its file and, while it differs from the file, its draft) plus whether
 * it differs from its file (or, without a file, whether it was edited). The last response lives in the http store.
 */
export interface HttpTabState extends HttpEditorTab {
  dirty: boolean;
}

/** An open tab of any kind; each kind is also in EditorTab in src/shared/domain.ts. */
/** An open collection run tab: the collection or folder it runs (the run itself lives in the http runner store). */
export type HttpRunTabState = HttpRunEditorTab;

/** An open schema design tab: the design file it edits (the design, history and selection live in the designer store). */
export type DesignTabState = DesignEditorTab;

export type TabState = SqlTabState | DataTabState | MockTabState | HttpTabState | HttpRunTabState | DesignTabState;
export type TabOfKind<K extends EditorTabKind> = Extract<TabState, { kind: K }>;
export type StoredTabOfKind<K extends EditorTabKind> = Extract<EditorTab, { kind: K }>;

/** What opens a SQL tab; everything is optional (a blank tab on the selected connection). */
export interface NewSqlTab {
  kind: 'sql';
  sql?: string;
  /** Defaults to the selected connection. */
  connectionId?: string | null;
  title?: string;
  savedPath?: string | null;
}

/** What opens a data tab: a table or view, optionally already filtered (a foreign key followed). */
export interface NewDataTab {
  kind: 'data';
  connectionId?: string | null;
  schema: string | null;
  table: string;
  filters?: DataEditorTab['filters'];
  title?: string;
}

/** What opens a mock tab: the mock's file. */
export interface NewMockTab {
  kind: 'mock';
  path: string;
  connectionId?: null;
  title?: string;
}

/** What opens an HTTP request tab: a new unsaved request (the http store seeds its method and URL). */
export interface NewHttpTab {
  kind: 'http';
  path?: string | null;
  connectionId?: null;
  title?: string;
}

/** What opens a collection run tab: the collection or folder to run. */
export interface NewHttpRunTab {
  kind: 'httpRun';
  path: string;
  connectionId?: null;
  title?: string;
}

/** What opens a design tab: the design's file. */
export interface NewDesignTab {
  kind: 'design';
  path: string;
  connectionId?: null;
  title?: string;
}

/** What opens a tab, by kind. */
export type NewTab = NewSqlTab | NewDataTab | NewMockTab | NewHttpTab | NewHttpRunTab | NewDesignTab;
export type NewTabOfKind<K extends EditorTabKind> = Extract<NewTab, { kind: K }>;

/** The identity every new tab gets from the store, whatever its kind. */
export interface NewTabBase {
  id: string;
  connectionId: string | null;
  /** A fresh "<prefix> N" title no open tab has. */
  untitled(prefix: string): string;
}

/**
 * The model half of a tab kind (no UI): how a tab is created, restored, stored, recognised and whether closing
 * it loses work. Features register it with their view in the app registry; the tabs store only needs this.
 */
export interface TabModel<K extends EditorTabKind = EditorTabKind> {
  kind: K;
  create(init: NewTabOfKind<K>, base: NewTabBase): TabOfKind<K>;
  restore(stored: StoredTabOfKind<K>): TabOfKind<K>;
  persist(tab: TabOfKind<K>): StoredTabOfKind<K>;
  /** An open tab that already shows what `init` asks for (it is focused instead of opening a twin). */
  findOpen(tabs: readonly TabState[], init: NewTabOfKind<K>): TabOfKind<K> | undefined;
  /** True when closing the tab would lose work, so the user is asked first. */
  hasUnsavedWork(tab: TabOfKind<K>): boolean;
}
