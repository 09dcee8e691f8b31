import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

test('a double-click on a table writes its SELECT and runs it; ▷ does the same', async ({ app, shell, editor }) => {
  const results = new ResultsPage(app);
  await shell.table('products').dblclick();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'products');
  await expect(editor.editor).toHaveText('SELECT * FROM "products" LIMIT 100;');
  await expect(results.status).toContainText('100 rows');

  const row = shell.table('categories');
  await row.hover();
  await row.getByRole('button', { name: 'Query categories' }).click();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'categories');
  await expect(results.status).toContainText(/^\d+ rows/);
  await expect(results.columnHeader(/^name/)).toBeVisible();

  // again on the same table: its tab comes back instead of a second one
  const count = await editor.tabs.count();
  await shell.table('products').dblclick();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'products');
  await expect(editor.tabs).toHaveCount(count);
});

test('tree rows carry their full name as a tooltip', async ({ shell }) => {
  await expect(shell.table('order_items')).toHaveAttribute('title', /order_items/);
});
