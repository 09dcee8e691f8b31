import { expect, test } from './fixtures';

test('running a query shows its rows in the grid', async ({ editor }) => {
  await editor.setSql('SELECT id, name FROM categories ORDER BY id LIMIT 5;');
  await editor.runAll();
  await expect(editor.status).toContainText('5 rows');
  await expect(editor.grid.getByRole('columnheader', { name: /name/ })).toBeVisible();
  await expect(editor.cells().first()).toHaveText('1');
});

test('NULL is shown distinct from an empty string', async ({ editor }) => {
  await editor.setSql("SELECT NULL AS a, '' AS b, 'x' AS c;");
  await editor.runAll();
  const cells = editor.cells();
  await expect(cells.nth(0)).toHaveText('NULL');
  await expect(cells.nth(1)).not.toHaveText('NULL');
  await expect(cells.nth(2)).toHaveText('x');
});

test('a bad query shows the database error', async ({ editor }) => {
  await editor.setSql('SELECT * FROM no_such_table;');
  await editor.runAll();
  await expect(editor.error).toContainText('no such table');
  await expect(editor.error).toContainText('SQL_ERROR');
});

test('a long query can be cancelled and the editor stays usable', async ({ editor }) => {
  await editor.setSql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;');
  await editor.runAll();
  await expect(editor.page.getByTestId('cancel-query')).toBeEnabled();
  await editor.cancel();
  await expect(editor.status).toContainText('Cancelled');
  await expect(editor.page.getByTestId('result-tab').first()).toHaveAttribute('data-status', 'cancelled');
  await editor.setSql('SELECT 42 AS answer;');
  await editor.runAll();
  await expect(editor.cells().first()).toHaveText('42');
});

test('each statement of a run-all gets its own result tab', async ({ editor }) => {
  await editor.setSql('SELECT 1 AS one;\nSELECT 2 AS two;\nSELECT 3 AS three;');
  await editor.runAll();
  await expect(editor.page.getByTestId('result-tab')).toHaveCount(3);
});
