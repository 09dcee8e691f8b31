import { expect, test } from './fixtures';

test('a tab renamed to a longer title at the strip’s end stays whole in sight', async ({ app, editor }) => {
  await expect(editor.editor).toBeVisible();
  const start = await editor.tabs.count();
  for (let i = 0; i < 14; i++) await app.keyboard.press('Alt+t');
  await expect(editor.tabs).toHaveCount(start + 14);
  const last = editor.tabs.last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  // whole but for a fraction of a pixel (the strip's border)
  await expect(last).toBeInViewport({ ratio: 0.99 });

  // the title grows (a rename, or saving the query under a name): the strip follows the tab's new right edge
  await last.dblclick();
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.type('monthly revenue by country and category');
  await app.keyboard.press('Enter');
  await expect(last).toHaveAttribute('data-title', 'monthly revenue by country and category');
  await expect(last).toBeInViewport({ ratio: 0.99 });
});

test.describe('at 900×600', () => {
  test.use({ viewport: { width: 900, height: 600 } });

  test('opening the sidebar narrows the strip and keeps the active tab in sight', async ({ app, shell, editor }) => {
    await expect(editor.editor).toBeVisible();
    await expect(shell.sidebar).toHaveCount(0);
    const start = await editor.tabs.count();
    for (let i = 0; i < 10; i++) await app.keyboard.press('Alt+t');
    await expect(editor.tabs).toHaveCount(start + 10);
    const last = editor.tabs.last();
    await expect(last).toBeInViewport({ ratio: 0.99 });

    await shell.sidebarToggle.click();
    await expect(shell.sidebar).toBeVisible();
    await expect(last).toHaveAttribute('aria-selected', 'true');
    await expect(last).toBeInViewport({ ratio: 0.99 });
  });
});
