import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer.page';
import { DesignerToolsPage } from './pages/designer-tools.page';
import { hostRpc, sampleSql } from './support/host-rpc';

const SAMPLE_TABLES = ['categories', 'customers', 'products', 'orders', 'order_items', 'reviews'];

test('a design from the sample database: laid out apart, its DBML edited into the canvas, exported whole, compared with the database', async ({
  app,
  shell,
}) => {
  const designer = new DesignerPage(app);
  const tools = new DesignerToolsPage(app);
  await app.getByTestId('sidebar-tab-schema').click();
  await app.getByTestId('schema-open-diagram').click();
  await expect(designer.tab).toBeVisible();

  // the auto-layout (ELK in its web worker, under the page's CSP) places every table apart, once it has run: the
  // minimap draws every table (the canvas only those in view), in canvas units
  const minimapNodes = designer.canvas.locator('.react-flow__minimap-node');
  const overlapping = async (): Promise<string[]> => {
    const rects = await minimapNodes.evaluateAll((nodes) =>
      nodes.map((node) => ['x', 'y', 'width', 'height'].map((name) => Number(node.getAttribute(name)))),
    );
    const found: string[] = [];
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [ax, ay, aw, ah] = rects[i]!;
        const [bx, by, bw, bh] = rects[j]!;
        const apart = ax! + aw! <= bx! || bx! + bw! <= ax! || ay! + ah! <= by! || by! + bh! <= ay!;
        if (!apart) found.push(`${i} × ${j}`);
      }
    }
    return found;
  };
  await expect(minimapNodes).toHaveCount(SAMPLE_TABLES.length);
  await expect.poll(overlapping, { timeout: 60_000 }).toEqual([]);

  // the DBML pane shows the design; a table typed there appears on the canvas
  await tools.toggleDbml();
  await expect(tools.dbmlText).toContainText('customers');
  await tools.typeAtEnd('\nTable tools_e2e_tags {\nid integer [pk]\nlabel varchar(40)\n}\n');
  // it is placed (beside its relations or under the diagram, maybe out of view), overlapping nothing
  await expect(minimapNodes).toHaveCount(SAMPLE_TABLES.length + 1);
  await expect.poll(overlapping, { timeout: 60_000 }).toEqual([]);
  await designer.tab.getByTestId('design-fit').click();
  await expect(designer.node('tools_e2e_tags')).toBeVisible();
  await app.screenshot({ path: '/tmp/tools-dbml.png' });

  // a line that does not parse is marked where it is, and the canvas keeps the last design that parsed
  await tools.typeAtEnd('Table tools_e2e_broken {\nid integr [pk\n}\n');
  await expect(tools.dbmlProblems.first()).toBeVisible();
  await expect(tools.dbmlStatus).toContainText('problem');
  await expect(designer.node('tools_e2e_broken')).toHaveCount(0);
  await expect(designer.node('tools_e2e_tags')).toBeVisible();
  // undone, the text parses again: no mark, no problem, the typed table still there
  await expect
    .poll(async () => {
      await app.keyboard.press('Control+z');
      return tools.dbmlText.textContent();
    })
    .not.toContain('tools_e2e_broken');
  await expect(tools.dbmlProblems).toHaveCount(0);
  await expect(tools.dbmlStatus).toHaveCount(0);
  await expect(tools.dbmlText).toContainText('tools_e2e_tags');
  await expect(designer.node('tools_e2e_tags')).toBeVisible();

  // the whole diagram as SVG (every table, off screen too) and as PNG
  const exported = async (item: string) => {
    await designer.tab.getByTestId('design-export').click();
    const download = app.waitForEvent('download');
    await app.getByTestId('design-export-menu').getByRole('menuitem', { name: item }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  };
  const svg = await exported('SVG image (whole diagram)');
  expect(svg.name).toMatch(/\.svg$/);
  for (const table of [...SAMPLE_TABLES, 'tools_e2e_tags']) expect(svg.bytes.toString('utf8')).toContain(`>${table}<`);
  const png = await exported('PNG image (whole diagram)');
  expect(png.name).toMatch(/\.png$/);
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.bytes.length).toBeGreaterThan(10_000);

  // compared with the sample database: the typed table is what the database lacks
  await tools.openCompare();
  await expect(tools.changes.filter({ hasText: 'tools_e2e_tags' })).toContainText('Add table');
  await app.screenshot({ path: '/tmp/tools-compare.png' });
  await tools.showTab('SQL');
  await expect(tools.code).toContainText('tools_e2e_tags');
  await expect(tools.code).toContainText(/create table/i);
  await tools.showTab('knex');
  await expect(tools.code).toContainText('exports.up');

  // applied to the sample database: the compare that follows finds nothing left, the schema browser shows the table
  try {
    await tools.dialog.getByRole('button', { name: /^Apply to / }).click();
    await expect(tools.dialog).toContainText('No changes.');
    await tools.dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(tools.dialog).toHaveCount(0);
    await app.getByTestId('sidebar-tab-schema').click();
    await expect(shell.table('tools_e2e_tags')).toBeVisible();
  } finally {
    await sampleSql('drop table if exists tools_e2e_tags');
  }

  const path = await designer.tab.getAttribute('data-path');
  if (path) await hostRpc('designer.deleteDesign', { path });
});
