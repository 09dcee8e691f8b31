import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';

test('the raw WHERE box completes column names; Enter runs the condition, Escape goes back', async ({
  app,
  shell,
}, testInfo) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');

  const where = data.root.getByRole('textbox', { name: 'Raw WHERE condition' });
  await where.click();
  await app.keyboard.type('pri');
  const popup = app.locator('.cm-tooltip-autocomplete');
  await expect(popup).toBeVisible();
  // the table's column first, with its type; condition words and functions further down
  const first = popup.getByRole('option').first();
  await expect(first).toContainText('price');
  await app.screenshot({ path: testInfo.outputPath('where-completion-popup.png') });

  // Tab takes the first option; Enter then runs the condition on the server
  await app.keyboard.press('Tab');
  await expect(popup).toBeHidden();
  await expect(where).toHaveText('price');
  await app.keyboard.type(' > 100 an');
  await expect(popup.getByRole('option', { name: /^AND/ })).toBeVisible();
  await app.keyboard.press('ArrowDown');
  await expect(popup.getByRole('option', { selected: true })).toContainText('AND');
  await app.keyboard.press('Enter');
  await expect(where).toHaveText('price > 100 AND');
  await app.keyboard.type(' id < 50');
  await expect(popup).toBeHidden();
  // nothing ran yet: Escape goes back to the empty condition
  await app.keyboard.press('Escape');
  await expect(where).not.toContainText('id < 50');
  await expect(where.locator('.cm-placeholder')).toBeVisible(); // empty again

  await app.keyboard.type('price > 100');
  await app.keyboard.press('Enter');
  await expect(data.sql).toContainText(/where .*\(price > 100/i);
  const prices = data.grid.locator(`[role="gridcell"][data-col="${await data.columnIndex('price')}"]`);
  await expect(prices.first()).toBeVisible();
  for (const text of await prices.allTextContents()) expect(Number(text)).toBeGreaterThan(100);

  // a condition typed but not run goes away with Escape; the one that ran stays
  await where.click();
  await app.keyboard.press('End');
  await app.keyboard.type(' AND id < 3');
  await app.keyboard.press('Escape');
  await expect(where).toHaveText('price > 100');
});

test('a column width the user set stays through sorting and filtering; other columns keep theirs', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('products').dblclick();
  await expect(await data.cell(0, 'id')).toHaveText('1');

  const header = data.columnHeader('name');
  const before = (await header.boundingBox())!;
  const handle = (await header.locator('.grid-resize').boundingBox())!;
  await app.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await app.mouse.down();
  await app.mouse.move(handle.x + handle.width / 2 + 90, handle.y + handle.height / 2, { steps: 5 });
  await app.mouse.up();
  await expect.poll(async () => Math.round((await header.boundingBox())!.width)).toBe(Math.round(before.width + 90));
  const dragged = Math.round((await header.boundingBox())!.width);
  const priceWidth = Math.round((await data.columnHeader('price').boundingBox())!.width);

  // sorting re-runs the SELECT: a new result, the same columns, the widths as the user left them
  await data.columnHeader('price').click();
  await expect(data.sql).toContainText(/order by [`"]price[`"]/i);
  await expect(await data.cell(0, 'name')).toBeVisible();
  expect(Math.round((await data.columnHeader('name').boundingBox())!.width)).toBe(dragged);

  // and so does a filter
  await data.addFilter('name', 'contains', 'a');
  await expect(data.sql).toContainText(/like/i);
  await expect(await data.cell(0, 'name')).toBeVisible();
  expect(Math.round((await data.columnHeader('name').boundingBox())!.width)).toBe(dragged);
  expect(Math.round((await data.columnHeader('price').boundingBox())!.width)).toBeGreaterThan(0);
  expect(priceWidth).toBeGreaterThan(0);
});
