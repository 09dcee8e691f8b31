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
      { kind: 'sql' as const, id: 't1', title: 'Query 1', connectionId: 'c1', sql: 'SELECT 1', savedPath: null },
      { kind: 'sql' as const, id: 't2', title: 'Saved', connectionId: null, sql: '', savedPath: 'a.sql' },
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
    const good = { kind: 'sql', id: 'ok', title: 'T', connectionId: null, sql: 'x', savedPath: null };
    const unknownKind = { ...good, id: 'later', kind: 'hologram' };
    app.db
      .prepare('UPDATE editor_tabs SET document = ?')
      .run(JSON.stringify({ tabs: [{ id: 5 }, unknownKind, good], activeTabId: 'gone' }));
    expect(store.load()).toEqual({ tabs: [good], activeTabId: 'ok' });
  });
});

describe('migration to tab kinds (v4)', () => {
  const v3Tabs = [
    { id: 't1', title: 'Query 1', connectionId: 'c1', sql: 'SELECT 1', savedPath: null },
    { id: 't2', title: 'Saved', connectionId: null, sql: '', savedPath: 'a.sql' },
  ];

  async function v3Database(document: string): Promise<void> {
    app.close();
    rmSync(dir, { recursive: true, force: true });
    const old = await openAppDatabase({ dataDir: dir, upTo: 3 });
    old.db.prepare("INSERT INTO editor_tabs (id, document, updated_at) VALUES (1, ?, 'then')").run(document);
    old.close();
    app = await openAppDatabase({ dataDir: dir });
  }

  it('keeps the tabs of an older database, as SQL tabs', async () => {
    await v3Database(JSON.stringify({ tabs: v3Tabs, activeTabId: 't2' }));
    expect(app.migration).toMatchObject({ from: 3 });
    expect(new TabsStore(app.db).load()).toEqual({
      tabs: v3Tabs.map((t) => ({ kind: 'sql', ...t })),
      activeTabId: 't2',
    });
  });

  it('leaves a damaged document to the store, which starts with no tabs', async () => {
    await v3Database('{not json');
    expect(new TabsStore(app.db).load()).toEqual({ tabs: [], activeTabId: null });
  });
});
