import { expect, test } from './fixtures';

test('first start opens the sample shop database, connected, with its tables in the tree', async ({ shell }) => {
  await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
  for (const table of ['customers', 'categories', 'products', 'orders', 'order_items', 'reviews']) {
    await expect(shell.table(table)).toBeVisible();
  }
});
