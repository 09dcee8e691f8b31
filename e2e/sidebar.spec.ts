import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { deleteConnectionsNamed, hostRpc, randomSuffix } from './support/host-rpc';

const PREFIX = `e2e-side-${randomSuffix()}`;
const NAME = `${PREFIX} widgets`;
let folder: string;

test.beforeAll(async () => {
  // a second SQLite database, made with the driver directly (never through the app under test)
  folder = mkdtempSync(join(tmpdir(), 'backbench-e2e-side-'));
  const file = join(folder, 'widgets.db');
  const db = new Database(file);
  db.exec("CREATE TABLE widgets_b3 (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO widgets_b3 (name) VALUES ('a')");
  db.close();
  await hostRpc('connections.create', { name: NAME, params: { engine: 'sqlite', file } });
});

test.afterAll(async () => {
  await deleteConnectionsNamed(PREFIX);
  rmSync(folder, { recursive: true, force: true });
});

test('the tree and the header follow the active tab’s connection; + opens on it; it survives a reload', async ({
  app,
  shell,
  editor,
}) => {
  await expect(shell.table('customers')).toBeVisible();
  await expect(shell.headerConnection).toHaveAttribute('data-name', 'Sample shop (SQLite)');
  const sampleTab = (await editor.activeTab.getAttribute('data-title'))!;

  await editor.newTab();
  await editor.useConnection(NAME);
  await expect(shell.headerConnection).toHaveAttribute('data-name', NAME);
  await expect(shell.table('widgets_b3')).toBeVisible();
  await expect(shell.table('customers')).toHaveCount(0);
  const widgetsTab = (await editor.activeTab.getAttribute('data-title'))!;

  // "+" in this tab opens another tab on the same connection
  await editor.newTab();
  await expect(editor.connectionSelect.locator('option:checked')).toHaveText(NAME);
  await editor.setSql('SELECT name FROM widgets_b3');
  await editor.runAll();
  await expect(editor.cells().first()).toHaveText('a');

  await editor.tab(sampleTab).click();
  await expect(shell.headerConnection).toHaveAttribute('data-name', 'Sample shop (SQLite)');
  await expect(shell.table('customers')).toBeVisible();
  // browsing another connection in the sidebar does not change what the header says Run uses
  await shell.connection(NAME).click();
  await expect(shell.table('widgets_b3')).toBeVisible();
  await expect(shell.headerConnection).toHaveAttribute('data-name', 'Sample shop (SQLite)');
  await editor.tab(sampleTab).click();

  // the tabs (and which one is active) are saved shortly after the last change: wait for that save
  const saved = app.waitForResponse(
    (r) => r.url().endsWith('/rpc') && (r.request().postData() ?? '').includes('workspace.saveTabs'),
  );
  await editor.tab(widgetsTab).click();
  await expect(shell.table('widgets_b3')).toBeVisible();
  await saved;
  await app.reload();
  await expect(shell.headerConnection).toHaveAttribute('data-name', NAME);
  await expect(shell.table('widgets_b3')).toBeVisible();
  await expect(editor.tab(widgetsTab)).toHaveAttribute('aria-selected', 'true');
});

test('every panel tab of the sidebar stays in view whichever is chosen', async ({ app }) => {
  const strip = (await app.locator('.sidebar-tabs').boundingBox())!;
  for (const chosen of ['designs', 'http', 'schema']) {
    await app.getByTestId(`sidebar-tab-${chosen}`).click();
    for (const tab of await app.locator('[data-testid^="sidebar-tab-"]').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(strip.x);
      expect(box.x + box.width).toBeLessThanOrEqual(strip.x + strip.width + 0.5);
    }
  }
});
