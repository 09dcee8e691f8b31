import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { DataTabPage } from './pages/data-tab.page';
import { MYSQL_URL } from './support/env';
import { deleteConnectionsNamed, randomSuffix } from './support/host-rpc';
import { mysqlExec, withDatabase } from './support/test-servers';

const TAG = randomSuffix();
const OWN = `dataleft_own_${TAG}`;
const OTHER = `dataleft_other_${TAG}`;
const CONNECTION = `e2e-dataleft-${TAG}`;

test.beforeAll(async () => {
  await mysqlExec(
    `CREATE DATABASE ${OWN}`,
    `CREATE TABLE ${OWN}.own_notes (id INT PRIMARY KEY)`,
    `CREATE DATABASE ${OTHER}`,
    `CREATE TABLE ${OTHER}.pets (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)`,
    `INSERT INTO ${OTHER}.pets VALUES (1, 'Tom'), (2, 'Rex')`,
  );
});

test.afterAll(async () => {
  await deleteConnectionsNamed(CONNECTION);
  await mysqlExec(`DROP DATABASE IF EXISTS ${OTHER}`, `DROP DATABASE IF EXISTS ${OWN}`);
});

test('a MariaDB connection shows the other databases it can see; one opens on demand and its table opens in a data tab', async ({
  app,
  shell,
}, testInfo) => {
  const connections = new ConnectionsPage(app);
  const data = new DataTabPage(app);
  await connections.createFromUrl('MySQL / MariaDB', CONNECTION, withDatabase(MYSQL_URL, OWN));
  await expect(connections.item(CONNECTION)).toHaveAttribute('data-state', 'connected');

  const node = (name: string) => shell.schemaTree.locator(`[data-testid="schema-node"][data-name="${name}"]`);
  // its own database is open with its tables; another one is listed closed, without a count; no system database
  await expect(node(OWN)).toHaveAttribute('aria-expanded', 'true');
  await expect(shell.table('own_notes')).toBeVisible();
  await expect(node(OTHER)).toHaveAttribute('aria-expanded', 'false');
  await expect(node(OTHER).locator('.tree-meta')).toHaveCount(0);
  for (const system of ['information_schema', 'performance_schema', 'mysql', 'sys'])
    await expect(node(system)).toHaveCount(0);
  await expect(shell.table('pets')).toHaveCount(0);

  // opening it reads its tables
  await node(OTHER).click();
  await expect(node(OTHER)).toHaveAttribute('aria-expanded', 'true');
  await expect(shell.table('pets')).toBeVisible();
  await expect(node(OTHER).locator('.tree-meta')).toHaveText('1');
  await app.screenshot({ path: testInfo.outputPath('other-database.png') });

  // its table opens in a data tab that reads that database
  await shell.table('pets').dblclick();
  await expect(data.root).toHaveAttribute('data-table', 'pets');
  await expect(data.sql).toContainText(`\`${OTHER}\`.\`pets\``);
  await expect(await data.cell(0, 'name')).toHaveText('Tom');
  await expect(await data.cell(1, 'name')).toHaveText('Rex');

  // a refresh keeps it open with its tables
  await shell.refreshSchema();
  await expect(shell.table('pets')).toBeVisible();
});
