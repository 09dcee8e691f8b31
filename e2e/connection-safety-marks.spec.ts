import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { ResultsPage } from './pages/results.page';
import { PG_URL } from './support/env';
import { deleteConnectionsNamed, randomSuffix } from './support/host-rpc';
import { pgExec } from './support/test-servers';

const SCHEMA = `bb_e2e_safety_${randomSuffix()}`;
const PREFIX = `e2e-safety-${randomSuffix()}`;
const PRODUCTION = `${PREFIX}-prod`;
const READ_ONLY = `${PREFIX}-ro`;

test.beforeAll(async () => {
  await pgExec(
    `CREATE SCHEMA ${SCHEMA}`,
    `CREATE TABLE ${SCHEMA}.items (id int PRIMARY KEY, name text NOT NULL)`,
    `INSERT INTO ${SCHEMA}.items VALUES (1, 'first')`,
  );
});

test.afterAll(async () => {
  await deleteConnectionsNamed(PREFIX);
  await pgExec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

test('the editor asks before an UPDATE or DELETE without WHERE, and Cancel runs nothing', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  const table = `t_${randomSuffix()}`;
  await editor.newTab();
  await editor.setSql(
    `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, n INTEGER);\nINSERT INTO ${table} VALUES (1, 1), (2, 2);`,
  );
  await editor.runAll();
  await expect(results.status).toContainText('2 rows affected');

  await editor.setSql(`DELETE FROM ${table}`);
  await editor.runAll();
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('no WHERE clause');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(editor.notice).toContainText('was not run: you cancelled it');

  await editor.setSql(`SELECT count(*) FROM ${table}`);
  await editor.runAll();
  await expect(results.cell(0, 0)).toHaveText('2');

  // a WHERE asks nothing; confirming runs it
  await editor.setSql(`DELETE FROM ${table} WHERE id = 1`);
  await editor.runAll();
  await expect(results.status).toContainText('1 row affected');
  await editor.setSql(`DROP TABLE ${table}`);
  await editor.runAll();
  await expect(dialog).toContainText('drops a table');
  await app.getByTestId('confirm-ok').click();
  await expect(results.status).toContainText('Statement executed');
});

test('a production connection is marked red and asks before every change; a read-only one refuses them', async ({
  app,
  editor,
}) => {
  const connections = new ConnectionsPage(app);
  const results = new ResultsPage(app);
  const dialog = app.getByTestId('confirm-dialog');

  await connections.createFromUrl('PostgreSQL', PRODUCTION, PG_URL);
  const edit = await connections.edit(PRODUCTION);
  await edit.safety.selectOption('production');
  await edit.save();
  await edit.root.waitFor({ state: 'hidden' });
  await expect(connections.item(PRODUCTION).getByTestId('safety-marker')).toHaveAttribute('data-safety', 'production');

  await editor.newTab();
  await editor.useConnection(PRODUCTION);
  await expect(app.getByTestId('top-connection').getByTestId('safety-marker')).toHaveText('production');
  await editor.setSql(`SELECT name FROM ${SCHEMA}.items`);
  await editor.runAll();
  await expect(results.cell(0, 0)).toHaveText('first');

  await editor.setSql(`UPDATE ${SCHEMA}.items SET name = 'changed' WHERE id = 1`);
  await editor.runAll();
  await expect(dialog).toContainText('marked production');
  await app.getByTestId('confirm-ok').click();
  await expect(results.status).toContainText('1 row affected');

  await connections.createFromUrl('PostgreSQL', READ_ONLY, PG_URL);
  const edit2 = await connections.edit(READ_ONLY);
  await edit2.safety.selectOption('readOnly');
  await edit2.save();
  await edit2.root.waitFor({ state: 'hidden' });
  await editor.newTab();
  await editor.useConnection(READ_ONLY);
  await expect(app.getByTestId('top-connection').getByTestId('safety-marker')).toHaveText('read-only');
  await editor.setSql(`DELETE FROM ${SCHEMA}.items WHERE id = 1`);
  await editor.runAll();
  await expect(editor.error).toContainText('marked read-only');
  await editor.setSql(`SELECT name FROM ${SCHEMA}.items`);
  await editor.runAll();
  await expect(results.cell(0, 0)).toHaveText('changed');
});
