import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';
import { randomSuffix, sampleSql } from './support/host-rpc';

test('an export keeps its progress and Cancel while the data tab reloads its rows', async ({
  app,
  shell,
}, testInfo) => {
  const view = `dataleft_endless_${randomSuffix()}`;
  // a view without end: its export runs until Cancel, however fast the machine
  await sampleSql(
    `CREATE VIEW ${view} AS WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n, 'row ' || n AS label FROM c`,
  );
  try {
    const data = new DataTabPage(app);
    await shell.refreshSchema();
    await shell.table(view).dblclick();
    await expect(await data.cell(0, 'n')).toHaveText('1');

    await data.button('Export…').click();
    await app.getByTestId('data-export-menu').getByRole('menuitem', { name: 'CSV' }).click();
    const bar = data.root.getByTestId('export-progress');
    await expect(bar).toContainText(/Exporting CSV… [\d,]+ rows written/);
    await expect(data.button('Export…')).toBeDisabled();

    // the grid reads its rows again: a new result, the same export
    await data.toolbar.getByRole('button', { name: 'Reload' }).click();
    await expect(data.sql).toBeVisible();
    await expect(await data.cell(0, 'n')).toHaveText('1');
    await expect(bar).toContainText(/Exporting CSV… [\d,]+ rows written/);
    // it is still running: the count goes on
    const before = await bar.textContent();
    await expect(bar).not.toHaveText(before!);
    await app.screenshot({ path: testInfo.outputPath('export-after-reload.png') });

    await bar.getByRole('button', { name: 'Cancel export' }).click();
    await expect(bar).toContainText('Export cancelled; the partial file was removed.');
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await expect(bar).toBeHidden();
    await expect(data.button('Export…')).toBeEnabled();
  } finally {
    await sampleSql(`DROP VIEW IF EXISTS ${view}`);
  }
});

test('Import… stays on for a table whose rows cannot be edited, and is off for a view, saying why', async ({
  app,
  shell,
}, testInfo) => {
  const tag = randomSuffix();
  const nokey = `dataleft_nokey_${tag}`;
  const view = `dataleft_view_${tag}`;
  // no primary key and every rowid alias hidden by a column: rows cannot be told apart, but INSERT needs no key
  await sampleSql(`CREATE TABLE ${nokey} (rowid TEXT, _rowid_ TEXT, oid TEXT, note TEXT)`);
  await sampleSql(`CREATE VIEW ${view} AS SELECT id, name FROM categories`);
  try {
    const data = new DataTabPage(app);
    await shell.refreshSchema();
    await shell.table(nokey).dblclick();
    await expect(data.root).toHaveAttribute('data-table', nokey);
    await expect(data.root.getByTestId('data-readonly')).toBeVisible();
    await expect(data.button(/Row$/)).toBeDisabled();
    const importButton = data.root.getByTestId('data-import');
    await expect(importButton).toBeEnabled();
    await expect(importButton).toHaveAttribute('title', `Import rows from a CSV, TSV or JSON file into ${nokey}`);
    await app.screenshot({ path: testInfo.outputPath('import-nokey.png') });
    await importButton.click();
    await expect(app.getByTestId('import-dialog')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('import-dialog')).toBeHidden();

    await shell.table(view).dblclick();
    await expect(data.root).toHaveAttribute('data-table', view);
    await expect(data.root.getByTestId('data-import')).toBeDisabled();
    await expect(data.root.getByTestId('data-import')).toHaveAttribute(
      'title',
      'This is a view: import into the tables it reads from.',
    );
  } finally {
    await sampleSql(`DROP VIEW IF EXISTS ${view}`);
    await sampleSql(`DROP TABLE IF EXISTS ${nokey}`);
  }
});
