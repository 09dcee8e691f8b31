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
  await tools.toggleDbml();
  await designer.tab.getByTestId('design-fit').click();
  await expect(designer.node('orders')).toBeVisible();
  await expect(designer.node('customers')).toBeVisible();
  // (polled: the fit animates)
  const outside = async (): Promise<string[]> => {
    const box = (await frame.boundingBox())!;
    const found: string[] = [];
    for (const name of ['customers', 'orders']) {
      const node = (await designer.node(name).boundingBox())!;
      const inside =
        node.x > box.x &&
        node.y > box.y &&
        node.x + node.width < box.x + box.width &&
        node.y + node.height < box.y + box.height;
      if (!inside) found.push(name);
    }
    return found;
  };
  await expect.poll(outside).toEqual([]);
  await app.screenshot({ path: '/tmp/dbmlh/groups.png' });
});
