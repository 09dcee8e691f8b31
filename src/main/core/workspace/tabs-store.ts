import type Database from 'better-sqlite3';
import { z } from 'zod';
import { EditorTab } from '../../../shared/domain';

export interface TabsDocument {
  tabs: EditorTab[];
  activeTabId: string | null;
}

const StoredDocument = z.object({ tabs: z.array(z.unknown()), activeTabId: z.string().nullable() });

/** The open editor tabs, stored as one JSON document in the app database so they survive a restart. */
export class TabsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  load(): TabsDocument {
    const row = this.db.prepare('SELECT document FROM editor_tabs WHERE id = 1').get() as
      { document: string } | undefined;
    if (!row) return { tabs: [], activeTabId: null };
    let parsed: z.infer<typeof StoredDocument>;
    try {
      parsed = StoredDocument.parse(JSON.parse(row.document));
    } catch {
      // a damaged document must not stop the app from starting: start with no tabs
      return { tabs: [], activeTabId: null };
    }
    const tabs = parsed.tabs.flatMap((t) => {
      const tab = EditorTab.safeParse(t);
      return tab.success ? [tab.data] : [];
    });
    const activeTabId = tabs.some((t) => t.id === parsed.activeTabId) ? parsed.activeTabId : (tabs[0]?.id ?? null);
    return { tabs, activeTabId };
  }

  save(document: TabsDocument): void {
    this.db
      .prepare(
        `INSERT INTO editor_tabs (id, document, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(document), this.now().toISOString());
  }
}
