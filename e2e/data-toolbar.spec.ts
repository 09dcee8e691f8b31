import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';

/** Whether the element's content is cut (wider than its box, hidden or scrolled). */
const cut = (locator: Locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

for (const width of [1400, 1280, 1000]) {
  test(`at ${width} px with an edit staged, the toolbar shows Apply and Discard and the whole title`, async ({
    app,
    shell,
  }) => {
    await app.setViewportSize({ width, height: 800 });
    const data = new DataTabPage(app);
    await shell.table('products').dblclick();
    await data.editCell(0, 'description', 'Toolbar width check');
    await expect(data.staged).toHaveText('1 change staged');

    for (const name of ['Review SQL', 'Apply', 'Discard']) await expect(data.button(name)).toBeInViewport({ ratio: 1 });
    expect(await cut(data.toolbar)).toBe(false);
    expect(await cut(data.toolbar.locator('.data-title'))).toBe(false);

    await data.button('Discard').click();
    await expect(data.staged).toBeHidden();
  });
}

test('after a bad raw WHERE the SQL line says the statement shown is the last that ran, not the failed one', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('categories').dblclick();
  await expect(data.sql).toContainText(/from .*categories/i);
  await expect(data.root.getByTestId('data-sql-stale')).toHaveCount(0);

  const where = data.root.getByRole('textbox', { name: 'Raw WHERE condition' });
  await where.click();
  await app.keyboard.type('polish_nosuchcol = 1');
  await app.keyboard.press('Enter');
  await expect(data.root.getByTestId('data-error')).toContainText('polish_nosuchcol');
  await expect(data.root.getByTestId('data-sql-stale')).toBeVisible();
  await expect(data.sql).not.toContainText('polish_nosuchcol');

  // a WHERE that runs shows its own statement, unmarked
  await where.click();
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.type('id > 0');
  await app.keyboard.press('Enter');
  await expect(data.sql).toContainText('id > 0');
  await expect(data.root.getByTestId('data-sql-stale')).toHaveCount(0);
});
