import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

test.describe('at 900×600', () => {
  test.use({ viewport: { width: 900, height: 600 } });

  test('the sidebar collapses, the editor keeps its height and the toolbars stay on one line', async ({
    app,
    shell,
    editor,
  }) => {
    const results = new ResultsPage(app);
    await expect(editor.editor).toBeVisible();
    await expect(shell.sidebar).toHaveCount(0);
    await shell.sidebarToggle.click();
    await expect(shell.sidebar).toBeVisible();
    await app.keyboard.press('ControlOrMeta+b');
    await expect(shell.sidebar).toHaveCount(0);

    const editorBox = (await app.locator('.query-editor-area').boundingBox())!;
    expect(editorBox.height).toBeGreaterThanOrEqual(150);
    const toolbarBox = (await editor.toolbar.boundingBox())!;
    expect(toolbarBox.height).toBeLessThanOrEqual(40);

    // with the sidebar open the workspace is narrower: still one line, the rest behind "More actions"
    await shell.sidebarToggle.click();
    await editor.runAll();
    await expect(results.status).toContainText('rows');
    expect((await editor.toolbar.boundingBox())!.height).toBeLessThanOrEqual(40);
    expect((await results.toolbar.boundingBox())!.height).toBeLessThanOrEqual(36);
    await results.toolbar.getByRole('button', { name: 'More actions' }).click();
    await expect(app.getByRole('menuitem', { name: 'Export CSV' })).toBeVisible();
    await app.keyboard.press('Escape');
  });
});

test('in the dark theme identifiers have the text colour, not an error-like red', async ({ app, editor }) => {
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await editor.setSql('SELECT first_name FROM customers');
  await expect(editor.editor.locator('span', { hasText: /^customers$/ })).toBeVisible();
  // string expressions: the e2e code is compiled without the DOM library
  const colour = await app.evaluate<string>(`(() => {
    const spans = [...document.querySelectorAll('[data-testid="sql-editor"] .cm-line span')];
    return getComputedStyle(spans.find((s) => s.textContent === 'customers')).color;
  })()`);
  const text = await app.evaluate<string>('getComputedStyle(document.body).color');
  expect(colour).toBe(text);
  const [r, g, b] = colour.match(/\d+/g)!.map(Number) as [number, number, number];
  expect(r - Math.max(g, b)).toBeLessThan(40);
});
