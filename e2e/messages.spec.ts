import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';
import { randomSuffix } from './support/host-rpc';

test('results say what a statement did: executed, rows affected, a last insert id only after an insert', async ({
  app,
  shell,
  editor,
}) => {
  const results = new ResultsPage(app);
  const table = `msg_${randomSuffix()}`;
  await editor.setSql(
    [
      `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, v TEXT)`,
      `INSERT INTO ${table} (v) VALUES ('a'), ('b'), ('c')`,
      `UPDATE ${table} SET v = 'z' WHERE id < 3`,
      `DELETE FROM ${table} WHERE id = 1`,
    ].join(';\n'),
  );
  await editor.runAll();
  await expect(editor.resultTabs).toHaveCount(4);
  await expect(editor.resultTabs.nth(3)).toHaveAttribute('data-status', 'done');

  const message = app.locator('.result-message');
  await editor.resultTabs.nth(0).click();
  await expect(results.status).toContainText(/^Statement executed · /);
  await expect(message).not.toContainText('rows affected');
  await editor.resultTabs.nth(1).click();
  await expect(results.status).toContainText(/^3 rows affected/);
  await expect(message).toContainText('Last insert id: 3');
  await editor.resultTabs.nth(2).click();
  await expect(results.status).toContainText(/^2 rows affected/);
  await expect(message).not.toContainText('Last insert id');
  await editor.resultTabs.nth(3).click();
  await expect(results.status).toContainText(/^1 row affected/);
  await expect(message).not.toContainText('Last insert id');

  // the tree learnt of the new table and its rows without a manual refresh
  const rowCount = shell.table(table).locator('.row-count');
  await expect(shell.table(table)).toBeVisible();
  await expect(rowCount).toHaveText('2');
  await editor.setSql(`INSERT INTO ${table} (v) VALUES ('d'), ('e'); DROP TABLE IF EXISTS nothing_${table}`);
  await editor.runAll();
  await editor.confirmRun();
  await expect(rowCount).toHaveText('4');
  await editor.setSql(`DROP TABLE ${table}`);
  await editor.runAll();
  await editor.confirmRun();
  await expect(shell.table(table)).toHaveCount(0);
});

test.describe('in a narrow window', () => {
  test.use({ viewport: { width: 900, height: 600 } });

  test('the "statement failed" banner wraps instead of being cut off', async ({ editor }) => {
    await editor.setSql(
      `SELECT 1;\nSELECT * FROM table_that_does_not_exist_${randomSuffix()};\nSELECT 3;\nSELECT 4;\nSELECT 5`,
    );
    await editor.runAll();
    await expect(editor.notice).toHaveText('Statement 2 failed; 3 statements after it were not run.');
    expect(await editor.noticeFits()).toBe(true);
    await expect(editor.notice).toBeInViewport({ ratio: 1 });
  });
});
