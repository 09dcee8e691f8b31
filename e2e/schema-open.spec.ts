import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';
import { ResultsPage } from './pages/results.page';

test('▷ on a table writes its SELECT and runs it', async ({ app, shell, editor }) => {
  const results = new ResultsPage(app);
  const products = shell.table('products');
  await products.hover();
  await products.getByRole('button', { name: 'Query products' }).click();
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
  await products.hover();
  await products.getByRole('button', { name: 'Query products' }).click();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'products');
  await expect(editor.tabs).toHaveCount(count);
});

test('tree rows carry their full name as a tooltip', async ({ shell }) => {
  await expect(shell.table('order_items')).toHaveAttribute('title', /order_items/);
});

test('a double-click, Enter or "Open data" on a table opens its data tab, once per table', async ({
  app,
  shell,
  editor,
}) => {
  const data = new DataTabPage(app);
  await shell.table('customers').dblclick();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'customers');
  await expect(data.sql).toContainText(/customers/);

  const orders = shell.table('orders');
  await orders.hover();
  await orders.getByRole('button', { name: 'Open data of orders' }).click();
  await expect(editor.activeTab).toHaveAttribute('data-title', 'orders');
  await expect(data.root).toHaveAttribute('data-table', 'orders');

  const count = await editor.tabs.count();
  await shell.table('customers').click();
  await shell.schemaTree.press('Enter');
  await expect(editor.activeTab).toHaveAttribute('data-title', 'customers');
  await expect(editor.tabs).toHaveCount(count);
});
