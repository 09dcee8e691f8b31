import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';
import { ImportDialogPage } from './pages/import-dialog.page';
import { randomSuffix, sampleSql } from './support/host-rpc';

/** Records every text the import progress shows: a small import finishes faster than an assertion can poll. */
async function recordImportProgress(dialog: ImportDialogPage): Promise<() => Promise<string[]>> {
  // string expressions: the e2e code is compiled without the DOM library
  await dialog.page.evaluate(`(() => {
    const seen = (window.__e2eImportProgress = []);
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return () => dialog.page.evaluate<string[]>('window.__e2eImportProgress ?? []');
}

const cellText = async (cell: Promise<Locator>) => (await cell).textContent();

test('import a CSV into an existing table: preview, mapping, progress, then its rows in the data tab', async ({
  app,
  shell,
}) => {
  const tag = `xfer-${randomSuffix()}`;
  const dialog = new ImportDialogPage(app);
  const data = new DataTabPage(app);
  // quotes and a comma inside a field, NULL (empty unquoted) next to the empty string (""), unicode; no id column
  const csv = [
    'name,description,parent_id',
    `"${tag} ""quoted"", one",,1`,
    `${tag} empty,"",`,
    `${tag} ünïcødé ✓ 日本,"with, comma",2`,
  ].join('\n');
  try {
    await shell.table('categories').click({ button: 'right' });
    await app.getByTestId('schema-context-menu').getByRole('menuitem', { name: 'Import data…' }).click();
    await expect(dialog.root).toBeVisible();
    await expect(dialog.root.getByRole('heading')).toHaveText('Import data into categories');
    await expect(dialog.root.getByTestId('import-choose')).toBeFocused();
    await expect(dialog.root.getByTestId('import-intro')).toContainText('"" is the empty string');

    await dialog.chooseFile('new-categories.csv', csv);
    await expect(dialog.fileName).toHaveText('new-categories.csv');
    // the format follows the extension; each field shows the kind read from the first rows
    await expect(dialog.format).toHaveValue('csv');
    await expect(dialog.field('name')).toContainText('text');
    await expect(dialog.field('parent_id')).toContainText('integer');
    // fields go to the columns of the same name; the preview shows NULL apart from the empty string
    await expect(dialog.mapping('name')).toHaveValue('name');
    await expect(dialog.mapping('parent_id')).toHaveValue('parent_id');
    const firstRow = dialog.preview.locator('tbody tr').first();
    await expect(firstRow.locator('td').nth(1)).toHaveText(`${tag} "quoted", one`);
    await expect(firstRow.locator('td').nth(2)).toHaveText('NULL');
    await expect(dialog.preview.locator('tbody tr').nth(2)).toContainText('ünïcødé ✓ 日本');

    // Enter in the dialog starts the import; progress shows while it runs, then the outcome
    const progress = await recordImportProgress(dialog);
    await dialog.mapping('name').press('Enter');
    await expect(dialog.done).toHaveText(/Imported 3 rows into categories\./);
    expect(await progress()).toContainEqual(expect.stringMatching(/Importing into categories… \d+ rows? imported/));

    // the data tab shows the new rows as they were in the file
    await dialog.openTable.click();
    await expect(dialog.root).toBeHidden();
    await data.addFilter('name', 'starts with', tag);
    await expect(data.grid.getByRole('row')).toHaveCount(4); // header + 3 rows
    await expect(await data.cell(0, 'name')).toHaveText(`${tag} "quoted", one`);
    await expect(await data.cell(0, 'description')).toHaveClass(/is-null/);
    // a foreign key: the value and a link to the referenced row
    await expect(await data.cell(0, 'parent_id')).toHaveText(/^1\b/);
    await expect(await data.cell(1, 'description')).toHaveClass(/is-empty/);
    await expect(await data.cell(1, 'parent_id')).toHaveClass(/is-null/);
    await expect(await data.cell(2, 'name')).toHaveText(`${tag} ünïcødé ✓ 日本`);
    await expect(await data.cell(2, 'description')).toHaveText('with, comma');
  } finally {
    await sampleSql(`DELETE FROM categories WHERE name LIKE '${tag}%'`);
  }
});

test('import a file into a new table with its column types', async ({ app, shell }) => {
  const table = `transferui_notes_${randomSuffix()}`;
  const dialog = new ImportDialogPage(app);
  const data = new DataTabPage(app);
  const csv = ['id,title,score,seen_on', '1,alpha,1.5,2024-01-02', '2,beta,,2024-02-03', '3,"gamma, γ",3.25,'].join(
    '\n',
  );
  try {
    await app.getByTestId('schema-import').click();
    await expect(dialog.root.getByRole('heading')).toHaveText('Import into a new table');
    await dialog.chooseFile('notes.csv', csv);
    await expect(dialog.field('score')).toContainText('decimal');
    await expect(dialog.field('seen_on')).toContainText('date');
    // the types are prefilled from the preview and editable; the name is required first
    await expect(dialog.columnType('id')).toHaveValue(/int/i);
    await expect(dialog.problem).toHaveText('Name the new table.');
    await expect(dialog.importButton).toBeDisabled();
    await dialog.newTableName.fill('categories');
    await expect(dialog.problem).toContainText('A table named "categories" exists already');
    await dialog.newTableName.fill(table);
    await dialog.columnType('title').fill('text; drop');
    await expect(dialog.problem).toContainText('The type of column "title"');
    await dialog.columnType('title').fill('varchar(40)');
    await dialog.importButton.click();
    await expect(dialog.done).toHaveText(new RegExp(`Imported 3 rows into ${table}\\.`));

    await expect(shell.table(table)).toBeVisible();
    await dialog.openTable.click();
    await expect(data.root).toHaveAttribute('data-table', table);
    await expect(data.grid.getByRole('row')).toHaveCount(4);
    await expect(await data.cell(2, 'title')).toHaveText('gamma, γ');
    await expect(await data.cell(1, 'score')).toHaveClass(/is-null/);
    expect(await cellText(data.cell(0, 'seen_on'))).toBe('2024-01-02');
  } finally {
    await sampleSql(`DROP TABLE IF EXISTS "${table}"`);
  }
});

test('a malformed CSV names its line and column and leaves the table as it was', async ({ app, shell }) => {
  const tag = `xfer-bad-${randomSuffix()}`;
  const dialog = new ImportDialogPage(app);
  const data = new DataTabPage(app);
  await shell.table('categories').dblclick();
  const count = shell.table('categories').locator('.row-count');
  const before = await count.getAttribute('title');
  expect(before).toMatch(/^[\d,]+ rows$/);

  await data.button('Import…').click();
  await expect(dialog.root.getByRole('heading')).toHaveText('Import data into categories');
  await dialog.chooseFile('bad.csv', ['name,parent_id', `${tag} one,1`, `${tag} two,abc`, `${tag} three,2`].join('\n'));
  await expect(dialog.preview).toBeVisible();
  await dialog.importButton.click();
  await expect(dialog.failed).toContainText('line 3');
  await expect(dialog.failed).toContainText('column "parent_id"');
  await expect(dialog.failed).toContainText('the table was left untouched');
  // Escape closes the dialog
  await app.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();

  // not even the valid line before the bad one was written: the table has the rows it had
  await data.addFilter('name', 'starts with', tag);
  await expect(data.empty).toBeVisible();
  await shell.refreshSchema();
  await expect(shell.table('categories').locator('.row-count')).toHaveAttribute('title', before!);
});

test('export a filtered data tab to CSV: the file holds exactly the rows the tab shows', async ({
  app,
  shell,
}, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the desktop app saves through its own dialog, not a download');
  const data = new DataTabPage(app);
  await shell.table('categories').dblclick();
  await data.addFilter('id', '<', '4');
  await expect(data.sql).toContainText(/where/i);
  await expect(data.grid.getByRole('row')).toHaveCount(4);
  const names = [
    await cellText(data.cell(0, 'name')),
    await cellText(data.cell(1, 'name')),
    await cellText(data.cell(2, 'name')),
  ];

  await data.button('Export…').click();
  await app.getByTestId('data-export-menu').getByRole('menuitem', { name: 'CSV' }).click();
  const bar = data.root.getByTestId('export-progress');
  await expect(bar).toContainText('Exported 3 rows to');
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    bar.getByRole('button', { name: 'Download' }).click(),
  ]);
  const lines = readFileSync((await download.path())!, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  expect(lines[0]).toBe('id,name,parent_id,description');
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3']);
  for (const [i, name] of names.entries()) expect(lines[i + 1]).toContain(name!);
});
