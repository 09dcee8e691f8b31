import { expect, test } from './fixtures';
import { randomSuffix } from './support/host-rpc';

test('editor tabs and their SQL survive a reload', async ({ app, editor }) => {
  const suffix = randomSuffix();
  const first = `SELECT 'tab one ${suffix}' AS a`;
  const second = `SELECT 'tab two ${suffix}' AS b`;

  await editor.newTab();
  const firstTitle = (await editor.activeTab.getAttribute('data-title'))!;
  await editor.setSql(first);
  await editor.newTab();
  const secondTitle = (await editor.activeTab.getAttribute('data-title'))!;
  expect(secondTitle).not.toBe(firstTitle);

  // the tabs are stored by the host shortly after the last edit: wait for that save, not for a fixed time
  const stored = app.waitForResponse((response) => {
    const body = response.request().postData() ?? '';
    return (
      response.url().endsWith('/rpc') &&
      body.includes('workspace.saveTabs') &&
      body.includes(first) &&
      body.includes(second)
    );
  });
  await editor.setSql(second);
  await stored;
  const count = await editor.tabs.count();

  await app.reload();
  await expect(editor.tabs).toHaveCount(count);
  await expect(editor.tab(secondTitle)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.editor).toHaveText(second);
  await editor.tab(firstTitle).click();
  await expect(editor.tab(firstTitle)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.editor).toHaveText(first);
  // and they still run
  await editor.runAll();
  await expect(editor.cells().first()).toHaveText(`tab one ${suffix}`);
});
