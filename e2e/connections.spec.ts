import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { ResultsPage } from './pages/results.page';
import { MYSQL_URL, PG_URL } from './support/env';
import { deleteConnectionsNamed, randomSuffix } from './support/host-rpc';
import { mysqlExec, withDatabase, withPort } from './support/test-servers';

// everything this file creates carries this prefix, so afterAll can remove it even after a failure
const PREFIX = `e2e-conn-${randomSuffix()}`;
const MYSQL_DB = `bb_e2e_${randomSuffix()}`;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'backbench-e2e-sqlite-'));
  await mysqlExec(
    `CREATE DATABASE ${MYSQL_DB}`,
    `CREATE TABLE ${MYSQL_DB}.notes (id INT PRIMARY KEY, body VARCHAR(40))`,
    `INSERT INTO ${MYSQL_DB}.notes VALUES (1, 'hello from mariadb')`,
  );
});

test.afterAll(async () => {
  await deleteConnectionsNamed(PREFIX);
  await mysqlExec(`DROP DATABASE IF EXISTS ${MYSQL_DB}`);
  rmSync(folder, { recursive: true, force: true });
});

test('a new SQLite file: test, save, connect, rename, duplicate and delete the copy', async ({ app }) => {
  const connections = new ConnectionsPage(app);
  const file = join(folder, 'fresh.sqlite');
  const name = `${PREFIX} sqlite`;

  const dialog = await connections.create();
  await expect(dialog.title).toHaveText('New connection');
  await dialog.engine('SQLite').check();
  await dialog.name.fill(name);
  await dialog.file.fill(file);
  await dialog.createFile.check();
  await dialog.test();
  await expect(dialog.testOk).toContainText(/Connected · SQLite \d/);
  await dialog.save();
  await expect(dialog.root).toBeHidden();

  // saved, listed, and opened straight away
  await expect(connections.item(name)).toHaveAttribute('data-state', 'connected');
  await expect(app.getByTestId('editor-connection').locator('option', { hasText: name })).toHaveCount(1);
  expect(existsSync(file)).toBe(true);

  const renamed = `${PREFIX} renamed`;
  const edit = await connections.edit(name);
  await expect(edit.title).toHaveText(`Edit connection · ${name}`);
  await expect(edit.file).toHaveValue(file);
  await edit.name.fill(renamed);
  await edit.save();
  await expect(edit.root).toBeHidden();
  await expect(connections.item(renamed)).toBeVisible();
  await expect(connections.item(name)).toHaveCount(0);

  await connections.duplicate(renamed);
  const copy = `${renamed} (copy)`;
  await expect(connections.item(copy)).toBeVisible();
  await expect(app.getByTestId('toast').filter({ hasText: 'Connection duplicated' })).toContainText(copy);

  await connections.requestDelete(copy);
  await expect(connections.confirmDialog).toContainText(copy);
  await connections.confirm();
  await expect(connections.item(copy)).toHaveCount(0);
  await expect(connections.item(renamed)).toBeVisible();
});

test('PostgreSQL from a pasted URL: Test names the server, a wrong port is CONNECTION_REFUSED', async ({ app }) => {
  const connections = new ConnectionsPage(app);
  const dialog = await connections.create();
  await dialog.engine('PostgreSQL').check();
  await dialog.fillFromUrl(PG_URL);
  const url = new URL(PG_URL);
  await expect(dialog.host).toHaveValue(url.hostname);
  await expect(dialog.port).toHaveValue(url.port || '5432');
  await expect(dialog.database).toHaveValue(url.pathname.slice(1));
  await dialog.test();
  await expect(dialog.testOk).toContainText('PostgreSQL');

  // nothing listens on 5999
  await dialog.fillFromUrl(withPort(PG_URL, 5999));
  await expect(dialog.port).toHaveValue('5999');
  await dialog.test();
  await expect(dialog.error).toContainText('CONNECTION_REFUSED');
  await expect(dialog.fieldError('port')).toBeVisible();
  await expect(dialog.testOk).toHaveCount(0);
  await dialog.root.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.root).toBeHidden();
});

test('a MariaDB connection from a URL runs SELECT 1 AS one and reads its tables', async ({ app, editor }) => {
  const connections = new ConnectionsPage(app);
  const results = new ResultsPage(app);
  const name = `${PREFIX} mariadb`;

  const dialog = await connections.create();
  await dialog.engine('MySQL / MariaDB').check();
  await dialog.name.fill(name);
  await dialog.fillFromUrl(withDatabase(MYSQL_URL, MYSQL_DB));
  await expect(dialog.database).toHaveValue(MYSQL_DB);
  await dialog.test();
  await expect(dialog.testOk).toContainText(/MariaDB|MySQL/);
  await dialog.save();
  await expect(connections.item(name)).toHaveAttribute('data-state', 'connected');

  // a new tab runs on the selected (just created) connection
  await editor.newTab();
  await expect(app.getByTestId('editor-connection')).toHaveValue(/.+/);
  await expect(app.getByTestId('editor-connection').locator('option:checked')).toHaveText(name);
  await editor.setSql('SELECT 1 AS one');
  await editor.runAll();
  await expect(results.status).toContainText('1 row');
  await expect(results.columnHeader(/one/)).toBeVisible();
  await expect(results.cell(0, 0)).toHaveText('1');

  await editor.setSql('SELECT id, body FROM notes');
  await editor.runAll();
  await expect(results.cell(0, 1)).toHaveText('hello from mariadb');
});
