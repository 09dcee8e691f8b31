import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { TabsStore } from './tabs-store';

let dir: string;
let app: AppDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-tabs-'));
  app = await openAppDatabase({ dataDir: dir });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TabsStore', () => {
  it('starts empty, then round-trips the tabs across reopening the database', async () => {
    expect(new TabsStore(app.db).load()).toEqual({ tabs: [], activeTabId: null });
    const tabs = [
      { id: 't1', title: 'Query 1', connectionId: 'c1', sql: 'SELECT 1', savedPath: null },
      { id: 't2', title: 'Saved', connectionId: null, sql: '', savedPath: 'a.sql' },
    ];
    new TabsStore(app.db).save({ tabs, activeTabId: 't2' });
    new TabsStore(app.db).save({ tabs, activeTabId: 't1' });
    app.close();
    app = await openAppDatabase({ dataDir: dir });
    expect(new TabsStore(app.db).load()).toEqual({ tabs, activeTabId: 't1' });
  });

  it('survives a damaged document and drops invalid tabs', () => {
    const store = new TabsStore(app.db);
    app.db.prepare("INSERT INTO editor_tabs (id, document, updated_at) VALUES (1, '{not json', 'x')").run();
    expect(store.load()).toEqual({ tabs: [], activeTabId: null });
    const good = { id: 'ok', title: 'T', connectionId: null, sql: 'x', savedPath: null };
    app.db
      .prepare('UPDATE editor_tabs SET document = ?')
      .run(JSON.stringify({ tabs: [{ id: 5 }, good], activeTabId: 'gone' }));
    expect(store.load()).toEqual({ tabs: [good], activeTabId: 'ok' });
  });
});
