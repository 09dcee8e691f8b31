import { expect, test } from './fixtures';

const PAYLOAD = '<img src=x onerror=alert(1)>';

test('names and values that look like HTML render as text, with no dialog', async ({ editor, shell, app }) => {
  const quoted = `"${PAYLOAD}"`;
  await editor.setSql(
    `DROP TABLE IF EXISTS ${quoted};\n` +
      `CREATE TABLE ${quoted} (${quoted} TEXT);\n` +
      `INSERT INTO ${quoted} VALUES ('${PAYLOAD}');\n` +
      `SELECT * FROM ${quoted};`,
  );
  await editor.runAll();
  // the DROP asks first (an app dialog, with the name as text)
  await expect(app.getByTestId('confirm-dialog')).toBeVisible();
  await expect(app.locator('img[src="x"]')).toHaveCount(0);
  await editor.confirmRun();
  await expect(editor.grid.getByRole('columnheader', { name: PAYLOAD })).toBeVisible();
  await expect(editor.cells().first()).toHaveText(PAYLOAD);
  await shell.refreshSchema();
  await expect(shell.table(PAYLOAD)).toBeVisible();
  // nothing was parsed as markup anywhere in the page
  await expect(app.locator('img[src="x"]')).toHaveCount(0);
});
