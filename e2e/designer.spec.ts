import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer.page';
import { hostRpc, randomSuffix } from './support/host-rpc';

test('draw a design: tables, columns, a foreign key dragged between columns, undo/redo, kept in its file', async ({
  app,
}) => {
  const designer = new DesignerPage(app);
  await designer.openPanel();
  const name = `e2e shop ${randomSuffix()}`;
  await designer.create(name, 'sqlite');
  await expect(designer.tab).toBeVisible();
  await expect(designer.tab.getByTestId('design-empty')).toBeVisible();

  await designer.addTable();
  await expect(designer.node('table')).toBeVisible();
  await designer.renameSelected('customers');
  await expect(designer.node('customers')).toBeVisible();
  await designer.addColumn('email');
  await expect(designer.node('customers').locator('[data-column="email"]')).toContainText('text');

  await designer.addTable();
  await expect(designer.node('table')).toBeVisible();
  await designer.renameSelected('orders');
  await designer.addColumn('customer_id');
  await expect(designer.node('orders').locator('[data-column="customer_id"]')).toBeVisible();
  await app.screenshot({ path: '/tmp/canvas-tables.png' });

  await designer.drawForeignKey({ table: 'orders', column: 'customer_id' }, { table: 'customers', column: 'id' });
  await expect(designer.edges).toHaveCount(1);
  await expect(designer.node('orders').locator('[data-column="customer_id"]')).toContainText('FK');
  await app.screenshot({ path: '/tmp/canvas-fk.png' });

  // undo/redo with the buttons, then the keys on the canvas
  await designer.tab.getByTestId('design-undo').click();
  await expect(designer.edges).toHaveCount(0);
  await designer.tab.getByTestId('design-redo').click();
  await expect(designer.edges).toHaveCount(1);
  await designer.canvas.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await app.keyboard.press('Control+z');
  await expect(designer.edges).toHaveCount(0);
  await app.keyboard.press('Control+Shift+z');
  await expect(designer.edges).toHaveCount(1);

  // the autosave wrote the file: a reload shows the same design
  await expect(designer.status).toHaveText('Saved');
  await app.reload();
  await expect(designer.node('customers')).toBeVisible();
  await expect(designer.node('orders')).toBeVisible();
  await expect(designer.edges).toHaveCount(1);
  await designer.openPanel();
  await expect(designer.item(name)).toContainText('2 tables');

  // the dark and light themes both draw the diagram readably
  await designer.node('orders').click();
  await app.screenshot({ path: '/tmp/canvas-dark.png' });
  await app.getByRole('button', { name: 'Switch to light theme' }).click();
  await app.screenshot({ path: '/tmp/canvas-light.png' });

  const designs = await hostRpc<{ path: string; name: string }[]>('designer.list');
  const path = designs.find((d) => d.name === name)?.path;
  expect(path).toBeTruthy();
  const file = await hostRpc<{ dbml: string }>('designer.read', { path });
  expect(file.dbml).toContain('customers');
  expect(file.dbml).toMatch(/ref|>/i);
  await hostRpc('designer.deleteDesign', { path });
});

test('Open as diagram on the sample database shows its tables', async ({ app }) => {
  const designer = new DesignerPage(app);
  await app.getByTestId('sidebar-tab-schema').click();
  await app.getByTestId('schema-open-diagram').click();
  await expect(designer.tab).toBeVisible();
  for (const table of ['customers', 'products', 'orders', 'order_items', 'reviews'])
    await expect(designer.node(table)).toHaveCount(1);
  await expect.poll(() => designer.edges.count()).toBeGreaterThan(3);
  // the tables were placed after the tab opened (the layout worker): the view is fitted to all of them then
  const canvas = (await designer.tab.getByTestId('design-canvas').boundingBox())!;
  await expect
    .poll(async () => {
      const boxes = await designer.tab.getByTestId('design-node').evaluateAll((nodes) =>
        nodes.map((n) => {
          const r = n.getBoundingClientRect();
          return { x: r.x, y: r.y, right: r.right, bottom: r.bottom };
        }),
      );
      return boxes.filter(
        (b) =>
          b.x < canvas.x || b.y < canvas.y || b.right > canvas.x + canvas.width || b.bottom > canvas.y + canvas.height,
      ).length;
    })
    .toBe(0);
  await app.screenshot({ path: '/tmp/canvas-sample.png' });

  // search finds a column and shows its table; focus mode keeps the table and its neighbours
  const search = designer.tab.getByTestId('design-search');
  await search.fill('rating');
  await search.press('Enter');
  await expect(designer.tab.getByTestId('design-search-count')).toHaveText('1/1');
  await expect(designer.node('reviews').locator('.design-hit')).toHaveAttribute('data-column', 'rating');
  await expect(designer.editor.getByTestId('table-name')).toHaveValue('reviews');
  await designer.tab.getByTestId('design-focus').check();
  // the canvas draws the tables in view only: fit the view to the kept tables first
  await designer.tab.getByTestId('design-fit').click();
  await expect(designer.tab.getByTestId('design-node')).toHaveCount(3);
  await app.screenshot({ path: '/tmp/canvas-focus.png' });
  await designer.tab.getByTestId('design-focus').uncheck();
  await expect(designer.node('categories')).toHaveCount(1);

  // export: the CREATE script of the design
  await designer.tab.getByTestId('design-export').click();
  const download = app.waitForEvent('download');
  await app.getByTestId('design-export-menu').getByRole('menuitem', { name: 'SQL (CREATE script)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.sql$/);
  const sql = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
  expect(sql).toMatch(/CREATE TABLE/i);
  expect(sql).toContain('order_items');

  const path = await designer.tab.getAttribute('data-path');
  if (path) await hostRpc('designer.deleteDesign', { path });
});

test('import a SQL dump as a new design', async ({ app }) => {
  const designer = new DesignerPage(app);
  await designer.openPanel();
  await designer.panel.getByTestId('design-import').click();
  const dialog = app.getByTestId('import-design-dialog');
  const name = `e2e import ${randomSuffix()}`;
  await dialog.getByTestId('import-design-name').fill(name);
  await dialog.getByTestId('design-dialect').selectOption('sqlite');
  await dialog
    .getByTestId('import-design-text')
    .fill(
      'CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' +
        'CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors(id), title TEXT);',
    );
  await dialog.getByTestId('import-design-submit').click();
  await expect(dialog).toBeHidden();
  await expect(designer.node('authors')).toBeVisible();
  await expect(designer.node('books').locator('[data-column="author_id"]')).toContainText('FK');
  await expect(designer.edges).toHaveCount(1);
  await expect(designer.item(name)).toContainText('2 tables');

  const path = await designer.tab.getAttribute('data-path');
  if (path) await hostRpc('designer.deleteDesign', { path });
});
