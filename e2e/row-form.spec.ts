import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';
import { randomSuffix } from './support/host-rpc';

test('the row form edits a record, picks a foreign key from a searchable list, and Apply writes it', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');

  // Shift+Enter opens the form on the focused row; Next moves to the following record
  await (await data.cell(0, 'name')).click();
  await data.grid.press('Shift+Enter');
  await expect(data.rowForm).toBeVisible();
  await expect(data.rowForm).toContainText('products · row 1');
  await expect(data.formField('id').locator('xpath=..')).toContainText('PK');
  await expect(data.formField('category_id').locator('xpath=..')).toContainText('FK → categories.id');
  await expect(data.formField('stock').locator('xpath=..')).toContainText('DEFAULT 0');
  await data.rowForm.getByRole('button', { name: 'Next ›' }).click();
  await expect(data.rowForm).toContainText('products · row 2');
  await data.formInput('sku').press('Alt+ArrowDown');
  await expect(data.rowForm).toContainText('products · row 3');
  await expect(data.formInput('sku')).toBeFocused();
  await expect(data.formInput('id')).toHaveValue('3');

  // two fields: staged when the field is left, highlighted in the form and in the grid
  const name = `Form-edited ${randomSuffix()}`;
  await data.formInput('name').fill(name);
  await data.formInput('stock').fill('41');
  await data.formInput('stock').press('Enter');
  await expect(data.formField('name')).toHaveClass(/is-staged/);
  await expect(data.formField('stock')).toHaveClass(/is-staged/);
  // a bad number is refused with a message, and the staged value stays
  await data.formInput('stock').fill('4x');
  await data.formInput('stock').press('Enter');
  await expect(data.formField('stock').getByRole('alert')).toContainText('"4x" is not a number');
  await data.formInput('stock').press('Escape');
  await expect(data.formInput('stock')).toHaveValue('41');

  // the foreign key from the referenced rows: search, arrow down, Enter
  await data.formField('category_id').getByRole('button', { name: 'Choose category_id from categories' }).click();
  const picker = data.formField('category_id').getByTestId('fk-picker');
  await picker.getByRole('combobox', { name: 'Search categories' }).fill('lapt');
  const options = picker.getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Laptops');
  const laptops = (await options.first().locator('.fk-picker-key').textContent())!.trim();
  await picker.getByRole('combobox', { name: 'Search categories' }).fill('');
  await expect(options.nth(1)).toBeVisible();
  await picker.getByRole('combobox', { name: 'Search categories' }).fill('laptops');
  await expect(options).toHaveCount(1);
  await picker.getByRole('combobox').press('Enter');
  await expect(picker).toBeHidden();
  await expect(data.formInput('category_id')).toHaveValue(laptops);
  await expect(data.formField('category_id')).toHaveClass(/is-staged/);

  await data.rowForm.getByRole('button', { name: 'Done' }).click();
  await expect(data.rowForm).toBeHidden();
  await expect(data.staged).toHaveText('1 change staged');
  await expect(await data.cell(2, 'name')).toHaveText(name);
  await expect(await data.cell(2, 'name')).toHaveClass(/is-staged/);

  await data.button('Review SQL').click();
  const statement = data.reviewDialog.getByTestId('review-statement');
  await expect(statement).toHaveCount(1);
  await expect(statement).toContainText(/update .*[`"]products[`"] set/i);
  await expect(statement).toContainText(`'${name}'`);
  await data.reviewDialog.getByRole('button', { name: 'Apply in one transaction' }).click();
  await expect(data.staged).toBeHidden();

  await app.reload();
  await expect(await data.cell(2, 'name')).toHaveText(name);
  await expect(await data.cell(2, 'stock')).toHaveText('41');
  await expect(await data.cell(2, 'category_id')).toContainText(laptops);
  await expect(await data.cell(2, 'name')).not.toHaveClass(/is-staged/);
});

test('the inline editor of a foreign-key cell offers the same searchable list', async ({ app, shell }) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  const cell = await data.cell(1, 'category_id');
  await cell.dblclick();
  await data.editor.getByRole('button', { name: 'Choose category_id from categories' }).click();
  const picker = data.editor.getByTestId('fk-picker');
  const search = picker.getByRole('combobox', { name: 'Search categories' });
  await expect(search).toBeFocused();
  await search.fill('phones');
  // Phones and Headphones-like names may both match: walk the list with the arrows and pick what is active
  await expect(picker.getByRole('option').first()).toContainText(/phones/i);
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  const active = picker.locator('[role="option"][aria-selected="true"]');
  const key = (await active.locator('.fk-picker-key').textContent())!.trim();
  await search.press('Enter');
  await expect(data.editor).toBeHidden();
  await expect(cell).toHaveClass(/is-staged/);
  await expect(cell).toContainText(key);
  await expect(data.staged).toHaveText('1 change staged');
  await data.button('Discard').click();
  await expect(data.staged).toBeHidden();
});

test('a new row tells DEFAULT from an explicit NULL, in the row, in Review SQL and after Apply', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');
  const sku = `RF-${randomSuffix()}`;

  // a new row opened in the form: id is auto, stock shows its DEFAULT
  await data.formButton('Row in form').click();
  await expect(data.rowForm).toContainText('products · new row');
  await expect(data.formInput('id')).toHaveAttribute('placeholder', 'auto');
  await expect(data.formInput('stock')).toHaveAttribute('placeholder', 'DEFAULT 0');
  await data.formInput('sku').fill(sku);
  await data.formInput('name').fill('Row form product');
  await data.formInput('price').fill('9.5');
  await data.formInput('created_at').fill('2026-01-02');
  await data.formInput('category_id').fill('1');
  await data.formInput('category_id').press('Enter');
  // description: NULL written explicitly
  await data.formField('description').getByRole('button', { name: 'Set description to NULL' }).click();
  await expect(data.formInput('description')).toHaveAttribute('placeholder', 'NULL');
  await expect(data.formInput('description')).toHaveClass(/is-null/);
  await data.rowForm.getByRole('button', { name: 'Done' }).click();

  // the strip of new rows shows the three states differently
  const row = data.root.getByTestId('new-row').last();
  await expect(data.newRowField('sku')).toHaveValue(sku);
  await expect(row.locator('[data-state="null"]')).toHaveCount(1);
  await expect(data.newRowField('description')).toHaveAttribute('placeholder', 'NULL');
  await expect(data.newRowField('stock')).toHaveAttribute('placeholder', 'DEFAULT 0');
  await expect(data.newRowField('id')).toHaveAttribute('placeholder', 'auto');
  await expect(row.locator('[data-state="default"]')).toHaveCount(2); // id and stock

  // back to DEFAULT and NULL again from the strip itself
  await row.getByRole('button', { name: 'Set new description to DEFAULT' }).click();
  await expect(data.newRowField('description')).toHaveAttribute('placeholder', 'DEFAULT (NULL)');
  await row.getByRole('button', { name: 'Set new description to NULL' }).click();
  await expect(data.newRowField('description')).toHaveAttribute('placeholder', 'NULL');

  await data.button('Review SQL').click();
  const statement = data.reviewDialog.getByTestId('review-statement');
  await expect(statement).toHaveCount(1);
  const sql = (await statement.locator('.review-sql').textContent())!;
  expect(sql).toMatch(/insert into .*[`"]products[`"]/i);
  // the NULL is written; DEFAULT columns (id, stock) are left out of the INSERT
  expect(sql).toMatch(/[`"]description[`"]/);
  expect(sql).not.toMatch(/[`"]stock[`"]/);
  expect(sql).not.toMatch(/[`"]id[`"]/);
  await expect(statement.locator('.review-param').filter({ hasText: 'NULL' })).toHaveCount(1);
  await data.reviewDialog.getByRole('button', { name: 'Apply in one transaction' }).click();
  await expect(data.staged).toBeHidden();

  await data.addFilter('sku', '=', sku);
  await expect(await data.cell(0, 'sku')).toHaveText(sku);
  await expect(await data.cell(0, 'description')).toHaveText('NULL');
  await expect(await data.cell(0, 'description')).toHaveClass(/is-null/);
  await expect(await data.cell(0, 'stock')).toHaveText('0');

  // clean up: delete it again
  await (await data.cell(0, 'sku')).click();
  await data.grid.press('Delete');
  await app.keyboard.press('Control+s');
  await expect(data.empty).toBeVisible();
});

test('a binary cell is set from hex, read back the same, and set to NULL', async ({ app, shell, editor }) => {
  const data = new DataTabPage(app);
  const table = `rowform_bin_${randomSuffix()}`;
  await editor.setSql(
    `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, payload BLOB);\nINSERT INTO ${table} (id, payload) VALUES (1, NULL);`,
  );
  await editor.runAll();
  await expect(shell.table(table)).toBeVisible();
  await shell.table(table).dblclick();
  await expect(await data.cell(0, 'payload')).toHaveText('NULL');

  // inline: hex typed into the cell editor
  await data.editCell(0, 'payload', '0x00 ff 10 7f');
  await expect(await data.cell(0, 'payload')).toHaveClass(/is-staged/);
  await data.button('Review SQL').click();
  await expect(data.reviewDialog.getByTestId('review-statement')).toContainText('<binary, 4 bytes: 0x00ff107f>');
  await data.reviewDialog.getByRole('button', { name: 'Apply in one transaction' }).click();
  await expect(data.staged).toBeHidden();

  // read back after a reload: the editor shows the same bytes as hex
  await app.reload();
  const cell = await data.cell(0, 'payload');
  await expect(cell).not.toHaveText('NULL');
  await cell.dblclick();
  await expect(data.editor.getByRole('textbox', { name: 'Value of payload' })).toHaveValue('0x00ff107f');
  await expect(data.editor).toContainText('4 bytes');
  // a bad digit is named, and nothing is staged
  await data.editor.getByRole('textbox', { name: 'Value of payload' }).fill('0x0g');
  await expect(data.editor.getByRole('alert')).toContainText('"g" is not a hex digit');
  await data.editor.getByRole('textbox', { name: 'Value of payload' }).press('Escape');
  await expect(data.staged).toBeHidden();
  // the inline editor loads bytes from a file too (the same File… as the form's) and stages them
  await cell.dblclick();
  await expect(data.editor.getByRole('button', { name: 'Load payload from a file' })).toBeVisible();
  await data.editor
    .locator('input[type="file"]')
    .setInputFiles({ name: 'two.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([9, 8]) });
  await expect(data.editor).toBeHidden();
  await expect(cell).toHaveClass(/is-staged/);
  await expect(data.staged).toHaveText('1 change staged');

  // the row form: the staged value, then a file, then NULL
  await cell.click();
  await data.formButton('Form').click();
  await expect(data.formInput('payload')).toHaveValue('0x0908');
  // bytes from a file, read in the page
  await data
    .formField('payload')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'three.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 254]) });
  await expect(data.formInput('payload')).toHaveValue('0x0102fe');
  await expect(data.formField('payload')).toHaveClass(/is-staged/);
  await expect(data.formField('payload')).toContainText('3 bytes');
  await data.formField('payload').getByRole('button', { name: 'Set payload to NULL' }).click();
  await expect(data.formInput('payload')).toHaveAttribute('placeholder', 'NULL');
  await data.rowForm.getByRole('button', { name: 'Done' }).click();
  await app.keyboard.press('Control+s');
  await expect(data.staged).toBeHidden();
  await app.reload();
  await expect(await data.cell(0, 'payload')).toHaveText('NULL');
});
