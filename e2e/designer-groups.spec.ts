import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer.page';
import { DesignerToolsPage } from './pages/designer-tools.page';

test('a TableGroup typed in the DBML pane is framed on the canvas in its colour', async ({ app }) => {
  const designer = new DesignerPage(app);
  const tools = new DesignerToolsPage(app);
  await app.getByTestId('sidebar-tab-schema').click();
  await app.getByTestId('schema-open-diagram').click();
  await expect(designer.tab).toBeVisible();
  await expect(designer.canvas.locator('.react-flow__minimap-node')).toHaveCount(6);

  await tools.toggleDbml();
  await expect(tools.dbmlText).toContainText('customers');
  await tools.typeAtEnd("\nTableGroup e2e_sales [color: #e67e22] {\ncustomers\norders\nNote: 'who buys what'\n}\n");
  const frame = designer.canvas.getByRole('group', { name: 'Table group e2e_sales' });
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('title', 'who buys what');
  await expect(frame).toHaveCSS('border-top-color', 'rgb(230, 126, 34)');
  // the frame surrounds its tables
  const box = (await frame.boundingBox())!;
  for (const name of ['customers', 'orders']) {
    const node = (await designer.node(name).boundingBox())!;
    expect(node.x).toBeGreaterThan(box.x);
    expect(node.y).toBeGreaterThan(box.y);
    expect(node.x + node.width).toBeLessThan(box.x + box.width);
    expect(node.y + node.height).toBeLessThan(box.y + box.height);
  }
  await app.screenshot({ path: '/tmp/dbmlh/groups.png' });
});
