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
