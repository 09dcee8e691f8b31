import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';

test('open a table, edit a cell, insert and delete rows, review the SQL, apply, and see it after a reload', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('categories').dblclick();
  // identifiers are quoted by the dialect (SQLite takes backticks or double quotes)
  await expect(data.sql).toContainText(/from .*[`"]categories[`"]/i);
  await expect(data.estimate).toBeVisible();

  // edit a cell and insert a row: both staged, highlighted, nothing written yet
  const description = await data.cell(0, 'description');
  await data.editCell(0, 'description', 'Edited by the e2e test');
  await expect(description).toHaveText('Edited by the e2e test');
  await expect(description).toHaveClass(/is-staged/);
  await data.insertRow({ name: 'E2E category', description: 'made by e2e' });
  await expect(data.staged).toHaveText('2 changes staged');

  // the review shows the exact statements with their parameters; Apply runs them
  await data.button('Review SQL').click();
  const statements = data.reviewDialog.getByTestId('review-statement');
  await expect(statements).toHaveCount(2);
  await expect(statements.nth(0)).toContainText(/update .*[`"]categories[`"] set [`"]description[`"]/i);
  await expect(statements.nth(0)).toContainText("'Edited by the e2e test'");
  await expect(statements.nth(1)).toContainText(/insert into .*[`"]categories[`"]/i);
  await expect(statements.nth(1)).toContainText("'E2E category'");
  await data.reviewDialog.getByRole('button', { name: 'Apply in one transaction' }).click();
  await expect(data.reviewDialog).toBeHidden();
  await expect(data.staged).toBeHidden();
  await expect(shell.toasts.filter({ hasText: 'Applied 2 changes to categories' })).toBeVisible();

  // after a reload the tab comes back and reads the rows again: the changes are in the table
  await app.reload();
  await expect(await data.cell(0, 'description')).toHaveText('Edited by the e2e test');
  await expect(await data.cell(0, 'description')).not.toHaveClass(/is-staged/);
  await data.addFilter('name', '=', 'E2E category');
  await expect(data.sql).toContainText('where');
  const inserted = await data.cell(0, 'name');
  await expect(inserted).toHaveText('E2E category');
  await expect(data.grid.getByRole('row')).toHaveCount(2); // header + the one row

  // delete it: the row is struck through until Apply
  await inserted.click();
  await data.grid.press('Delete');
  await expect(data.rowOf(inserted)).toHaveClass(/is-deleted/);
  await app.keyboard.press('Control+s');
  await expect(data.empty).toHaveText(/No rows match/);
  await app.reload();
  await expect(data.filterChip("name = 'E2E category'")).toBeVisible();
  await expect(data.empty).toBeVisible();
});

test('a staged edit stays through sorting and filtering', async ({ app, shell }) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');
  // F2 opens the editor, Escape leaves the cell as it was; Enter stages
  const first = await data.cell(0, 'name');
  await first.click();
  await data.grid.press('F2');
  await data.editor.getByRole('textbox', { name: 'Value of name' }).fill('Not kept');
  await data.editor.getByRole('textbox', { name: 'Value of name' }).press('Escape');
  await expect(data.editor).toBeHidden();
  await expect(first).not.toHaveText('Not kept');
  await expect(data.staged).toBeHidden();
  await data.grid.press('Enter');
  await data.editor.getByRole('textbox', { name: 'Value of name' }).fill('Staged, not applied');
  await data.editor.getByRole('textbox', { name: 'Value of name' }).press('Enter');
  await expect(first).toHaveText('Staged, not applied');
  await expect(data.staged).toHaveText('1 change staged');

  // sort by price descending: row id 1 moves; the edit is keyed by its primary key, not its position
  await data.columnHeader('price').click();
  await expect(data.columnHeader('price')).toContainText('▲');
  await data.columnHeader('price').click();
  await expect(data.columnHeader('price')).toContainText('▼');
  await expect(data.sql).toContainText(/order by [`"]price[`"] desc/i);
  await expect(await data.cell(0, 'id')).not.toHaveText('1');

  await data.addFilter('id', '=', '1');
  await expect(data.filterChip('id = 1')).toBeVisible();
  const name = await data.cell(0, 'name');
  await expect(name).toHaveText('Staged, not applied');
  await expect(name).toHaveClass(/is-staged/);
  await expect(data.staged).toHaveText('1 change staged');

  await data.button('Discard').click();
  await expect(data.staged).toBeHidden();
  await expect(name).not.toHaveText('Staged, not applied');
});

test('a failing apply shows the database error, marks the change and loses nothing', async ({ app, shell }) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');
  await data.editCell(0, 'stock', '7');
  await data.editCell(1, 'price', '-5');
  await data.button('Apply').click();

  await expect(data.applyError).toContainText(/CHECK constraint/i);
  await expect(data.applyError).toContainText('Nothing was applied');
  await expect(data.rowOf(await data.cell(1, 'price'))).toHaveClass(/is-failed/);
  await expect(data.staged).toHaveText('2 changes staged');
  await expect(await data.cell(1, 'price')).toHaveText('-5');

  // nothing was written: the first change is still only staged
  await data.button('Discard').click();
  await expect(await data.cell(0, 'stock')).not.toHaveText('7');
});

test('a foreign key opens the referenced row, and "Referenced by" opens the rows pointing at it', async ({
  app,
  shell,
  editor,
}) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  const categoryCell = await data.cell(0, 'category_id');
  const categoryId = (await categoryCell.textContent())!.replace(/\D/g, '');
  await categoryCell.getByRole('button', { name: `Open categories ${categoryId}` }).click();

  await expect(editor.activeTab).toHaveAttribute('data-title', `categories (id=${categoryId})`);
  await expect(data.filterChip(`id = ${categoryId}`)).toBeVisible();
  await expect(await data.cell(0, 'id')).toHaveText(categoryId);
  await expect(data.grid.getByRole('row')).toHaveCount(2);

  await (await data.cell(0, 'name')).click();
  await data.button('Referenced by').click();
  const products = data.root.getByTestId('referenced-by').getByRole('button', { name: /^products \(category_id\)/ });
  await expect(products).toContainText(/· [1-9]/);
  await products.click();
  await expect(editor.activeTab).toHaveAttribute('data-title', `products (category_id=${categoryId})`);
  await expect(data.filterChip(`category_id = ${categoryId}`)).toBeVisible();
  await expect(await data.cell(0, 'category_id')).toContainText(categoryId);
});
