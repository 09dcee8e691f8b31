import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { ResultsPage } from './pages/results.page';
import { PG_URL } from './support/env';
import { deleteConnectionsNamed, randomSuffix } from './support/host-rpc';
import { pgExec } from './support/test-servers';

const SCHEMA = `bb_e2e_${randomSuffix()}`;
const CONNECTION = `e2e-pg-${randomSuffix()}`;

test.beforeAll(async () => {
  await pgExec(
    `CREATE SCHEMA ${SCHEMA}`,
    `CREATE TABLE ${SCHEMA}.items (id int PRIMARY KEY, name text NOT NULL)`,
    `INSERT INTO ${SCHEMA}.items VALUES (1, 'first'), (2, 'second')`,
  );
});

test.afterAll(async () => {
  await deleteConnectionsNamed(CONNECTION);
  await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

test('a PostgreSQL error marks its position in the editor and shows the message and code', async ({ app, editor }) => {
  const connections = new ConnectionsPage(app);
  const results = new ResultsPage(app);
  await connections.createFromUrl('PostgreSQL', CONNECTION, PG_URL);
  await expect(connections.item(CONNECTION)).toHaveAttribute('data-state', 'connected');
  await editor.newTab();
  await editor.useConnection(CONNECTION);

  // the failing statement is the second one: its position is relative to the statement, the mark to the document
  await editor.setSql(`SELECT count(*) AS n FROM ${SCHEMA}.items;\nSELECT id,\n       nme\nFROM ${SCHEMA}.items;`);
  await editor.placeCursor(3, 9);
  await editor.runStatement();

  await expect(editor.error).toContainText('column "nme" does not exist');
  await expect(editor.error).toContainText('SQL_ERROR');
  // "nme" starts at offset 18 of its statement (the first statement and the newline before it do not count)
  await expect(editor.error).toContainText('At character 19 of the statement');
  await expect(results.status).toContainText('Failed');
  await expect(editor.errorMark).toHaveText('nme');
  await expect(editor.errorMark).toHaveAttribute('title', /column "nme" does not exist/);
  await expect(editor.errorGutterDot).toHaveCount(1);

  // the mark belongs to the text that was run: editing clears it
  await editor.placeCursor(3, 0);
  await editor.page.keyboard.type(' ');
  await expect(editor.errorMark).toHaveCount(0);

  // and a correct query on the same connection shows its rows
  await editor.setSql(`SELECT id, name FROM ${SCHEMA}.items ORDER BY id`);
  await editor.runAll();
  await expect(results.status).toContainText('2 rows');
  await expect(results.cell(1, 1)).toHaveText('second');

  await connections.requestDelete(CONNECTION);
  await connections.confirm();
  await expect(connections.item(CONNECTION)).toHaveCount(0);
});

test('rows of a PostgreSQL result past its first chunk (they travel packed) show as the first ones do', async ({
  app,
  editor,
}) => {
  const connections = new ConnectionsPage(app);
  const results = new ResultsPage(app);
  const name = `${CONNECTION}-packed`;
  await connections.createFromUrl('PostgreSQL', name, PG_URL);
  await expect(connections.item(name)).toHaveAttribute('data-state', 'connected');
  await editor.newTab();
  await editor.useConnection(name);
  await editor.setSql(
    "SELECT g AS id, 'naïve 🌍 ' || g AS label, g % 2 = 0 AS even, (g + 9007199254740990)::int8 AS big, " +
      "timestamp '2024-02-29 13:14:15' + g * interval '1 second' AS at, CASE WHEN g % 3 = 0 THEN NULL ELSE '' END AS maybe " +
      'FROM generate_series(1, 5000) g',
  );
  await editor.runAll();
  await expect(results.cell(0, 1)).toHaveText('naïve 🌍 1');
  await results.goToRow(4321);
  await expect(results.rowNumber(4321)).toBeVisible();
  await expect(results.cell(4320, 0)).toHaveText('4321');
  await expect(results.cell(4320, 1)).toHaveText('naïve 🌍 4321');
  await expect(results.cell(4320, 2)).toHaveText('false');
  await expect(results.cell(4320, 3)).toHaveText('9007199254745311');
  await expect(results.cell(4320, 4)).toHaveText('2024-02-29T14:26:16');
  await expect(results.cell(4319, 5)).toHaveText('NULL');
  await expect(results.cell(4320, 5)).toHaveText('');
  await results.lastRowButton.click();
  await expect(results.status).toContainText('5,000 rows');
  await expect(results.cell(4999, 1)).toHaveText('naïve 🌍 5000');

  await connections.requestDelete(name);
  await connections.confirm();
  await expect(connections.item(name)).toHaveCount(0);
});
