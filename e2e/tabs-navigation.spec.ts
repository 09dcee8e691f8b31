import { expect, test } from './fixtures';
import { HistoryPage } from './pages/history.page';
import { randomSuffix } from './support/host-rpc';

test('a history entry clicked (or double-clicked) again focuses its tab instead of opening another', async ({
  app,
  editor,
}) => {
  const history = new HistoryPage(app);
  const sql = `SELECT '${randomSuffix()}' AS again`;
  await editor.setSql(sql);
  await editor.runAll();
  await expect(editor.status).toContainText('1 row');
  await editor.newTab();
  const count = await editor.tabs.count();
  await history.open();
  await history.entry(sql).dblclick();
  await expect(editor.editor).toHaveText(sql);
  await expect(editor.tabs).toHaveCount(count);
  await history.entry(sql).click();
  await expect(editor.tabs).toHaveCount(count);
});

test('many tabs: the strip scrolls with the wheel, keeps the active tab in sight, and lists every tab', async ({
  app,
  editor,
}) => {
  await expect(editor.editor).toBeVisible();
  const start = await editor.tabs.count();
  for (let i = 0; i < 14; i++) await app.keyboard.press('Alt+t');
  const total = start + 14;
  await expect(editor.tabs).toHaveCount(total);
  const first = editor.tabs.first();
  const last = editor.tabs.last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  await expect(first).not.toBeInViewport();

  // the wheel over the strip scrolls it sideways
  const before = await editor.tabStripScrollLeft();
  expect(before).toBeGreaterThan(0);
  await editor.tabStrip.hover();
  await app.mouse.wheel(0, -400);
  await expect.poll(() => editor.tabStripScrollLeft()).toBeLessThan(before);

  // the list shows every tab; picking one activates it and brings it into view
  await editor.tabListButton.click();
  await expect(editor.tabListMenu.getByRole('menuitemradio')).toHaveCount(total);
  const firstTitle = (await first.getAttribute('data-title'))!;
  await editor.tabListMenu.getByRole('menuitemradio').first().click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toBeInViewport();
  await expect(editor.tab(firstTitle)).toBeInViewport();
});

test('next and previous tab by keyboard, also from inside the editor; the help lists the keys', async ({
  app,
  editor,
}) => {
  const first = (await editor.activeTab.getAttribute('data-title'))!;
  await editor.newTab();
  const second = (await editor.activeTab.getAttribute('data-title'))!;
  await editor.editor.click();
  await app.keyboard.press('Alt+PageUp');
  await expect(editor.activeTab).toHaveAttribute('data-title', first);
  await app.keyboard.press('Alt+PageDown');
  await expect(editor.activeTab).toHaveAttribute('data-title', second);
  // Ctrl+PageDown wraps around past the last tab (where the browser lets the page have it)
  await app.keyboard.press('Control+PageDown');
  await expect(editor.activeTab).toHaveAttribute('data-title', first);
  await app.keyboard.press('Control+PageUp');
  await expect(editor.activeTab).toHaveAttribute('data-title', second);

  await app.getByTestId('shortcuts-help').click();
  const help = app.getByTestId('shortcuts-dialog');
  await expect(help.getByText('Next tab', { exact: true })).toBeVisible();
  await expect(help.getByText('Previous tab', { exact: true })).toBeVisible();
  await expect(help).toContainText('PgDn');
});
