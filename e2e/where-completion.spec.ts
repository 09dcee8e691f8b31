import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';
import { ResultsPage } from './pages/results.page';

const widthOf = async (header: Locator) => Math.round((await header.boundingBox())!.width);

/** Drags a column header's right edge by `dx` pixels, as a user widens a column. */
async function dragColumnEdge(page: Page, header: Locator, dx: number): Promise<void> {
  const before = await widthOf(header);
  const handle = (await header.locator('.grid-resize').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + dx, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => widthOf(header)).toBe(before + dx);
}

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
  await dragColumnEdge(app, header, 90);
  const dragged = await widthOf(header);
  const priceWidth = await widthOf(data.columnHeader('price'));

  // sorting re-runs the SELECT: a new result, the same columns, the widths as the user left them
  await data.columnHeader('price').click();
  await expect(data.sql).toContainText(/order by [`"]price[`"]/i);
  await expect(await data.cell(0, 'name')).toBeVisible();
  expect(await widthOf(data.columnHeader('name'))).toBe(dragged);

  // and so does a filter
  await data.addFilter('name', 'contains', 'a');
  await expect(data.sql).toContainText(/like/i);
  await expect(await data.cell(0, 'name')).toBeVisible();
  expect(await widthOf(data.columnHeader('name'))).toBe(dragged);
  // a column the user did not resize is measured from the rows shown, as before
  expect(await widthOf(data.columnHeader('price'))).toBe(priceWidth);
});

test('a query run again with the same columns keeps the widths; a column that went away starts over', async ({
  app,
  editor,
}) => {
  const results = new ResultsPage(app);
  const header = (name: string) =>
    results.grid.locator('[role="columnheader"]', { has: app.locator(`.grid-header-name:text-is("${name}")`) });
  const first = "SELECT 1 AS id, 'alpha' AS label";
  await editor.setSql(first);
  await editor.runAll();
  await expect(results.status).toContainText('1 row');
  const measured = await widthOf(header('label'));
  await dragColumnEdge(app, header('label'), 120);

  await editor.runAll();
  await expect(results.status).toContainText('1 row');
  await expect(results.cell(0, 1)).toHaveText('alpha');
  expect(await widthOf(header('label'))).toBe(measured + 120);

  // `label` is not in the next result: its width is forgotten, and it comes back measured
  await editor.setSql("SELECT 1 AS id, 'alpha' AS other");
  await editor.runAll();
  await expect(header('other')).toBeVisible();
  await editor.setSql(first);
  await editor.runAll();
  await expect(header('label')).toBeVisible();
  expect(await widthOf(header('label'))).toBe(measured);
});
