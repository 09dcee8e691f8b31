import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { hostRpc } from './support/host-rpc';

test('a request typed in a tab survives a reload, unsaved, with its dirty marker', async ({ app }) => {
  const http = new HttpPage(app);
  await http.open();
  await http.newRequest();
  const url = `http://127.0.0.1:9/draft-${Date.now()}`;
  await http.method.selectOption('PUT');
  await http.url.fill(url);
  // the value typed last is in the stored draft (with the URL: the draft is stored whole)
  const saved = http.tabsSavedWith('"value":"kept"');
  await http.addHeader('X-Draft', 'kept');
  await expect(http.activeTabDirty).toBeVisible();
  await saved;

  await app.reload();
  await expect(http.url).toHaveValue(url);
  await expect(http.method).toHaveValue('PUT');
  await http.tab.getByTestId('http-section-headers').click();
  const row = http.tab.getByTestId('http-header-row').first();
  await expect(row.getByPlaceholder('Name')).toHaveValue('X-Draft');
  await expect(row.getByPlaceholder('Value')).toHaveValue('kept');
  await expect(http.activeTabDirty).toBeVisible();

  // closing it asks first (its edits are unsaved work)
  await http.closeActiveTab();
  await expect(app.getByTestId('confirm-dialog')).toContainText('Its edits are not saved');
  await app.getByTestId('confirm-ok').click();
  await expect(http.tab).toHaveCount(0);
});

test('Ctrl+S saves a request to a collection; the tree lists it, opens it, follows a rename', async ({
  app,
}, testInfo) => {
  const http = new HttpPage(app);
  const collection = `E2E coll ${Date.now()}`;
  await http.open();
  await http.newRequest();
  await http.method.selectOption('POST');
  await http.url.fill('http://127.0.0.1:9/users');
  await http.saveAs(`${collection}/users/Create user`);
  await expect(http.activeTab).toHaveAttribute('data-title', 'Create user');
  await expect(http.activeTabDirty).toBeHidden();
  await expect(http.collection(collection)).toBeVisible();
  const row = http.request('Create user');
  await expect(row.getByTestId('http-method-badge')).toHaveText('POST');

  // an edit marks the tab and its tree row; Ctrl+S writes the file without asking again
  await http.url.fill('http://127.0.0.1:9/users/v2');
  await expect(http.activeTabDirty).toBeVisible();
  await expect(row.locator('.editor-tab-dirty')).toBeVisible();
  await app.keyboard.press('Control+s');
  await expect(http.activeTabDirty).toBeHidden();
  await expect(app.getByTestId('prompt-dialog')).toHaveCount(0);
  const path = (await row.getAttribute('data-path'))!;
  const file = await hostRpc<{ request: { url: string } }>('http.readRequest', { path });
  expect(file.request.url).toBe('http://127.0.0.1:9/users/v2');

  // closed and opened again from the tree: the file's request
  await http.closeActiveTab();
  await expect(http.tab).toHaveCount(0);
  await row.click();
  await expect(http.url).toHaveValue('http://127.0.0.1:9/users/v2');
  await expect(http.method).toHaveValue('POST');
  await expect(http.activeTabDirty).toBeHidden();

  // a change made outside the app shows when the request is opened again
  await hostRpc('http.saveRequest', {
    path,
    request: { name: 'Create user', method: 'PATCH', url: 'http://127.0.0.1:9/outside' },
  });
  await row.click();
  await expect(http.url).toHaveValue('http://127.0.0.1:9/outside');
  await expect(http.method).toHaveValue('PATCH');

  // rename from the context menu: the tab follows
  await http.treeMenu(row, 'Rename…');
  const dialog = app.getByTestId('prompt-dialog');
  await dialog.locator('input').fill('Patch user');
  await dialog.locator('input').press('Enter');
  await expect(http.request('Patch user').getByTestId('http-method-badge')).toHaveText('PATCH');
  await expect(http.activeTab).toHaveAttribute('data-title', 'Patch user');
  await expect(http.activeTabDirty).toBeHidden();

  await http.newCollection(`${collection} empty`);
  await expect(http.collection(`${collection} empty`)).toBeVisible();

  const first = await app.locator('html').getAttribute('data-theme');
  const second = first === 'dark' ? 'light' : 'dark';
  await app.screenshot({ path: testInfo.outputPath(`http-tree-${first}.png`) });
  await app.keyboard.press('Control+Alt+l');
  await expect(app.locator('html')).toHaveAttribute('data-theme', second);
  await app.screenshot({ path: testInfo.outputPath(`http-tree-${second}.png`) });
  await app.keyboard.press('Control+Alt+l');

  // delete the collections again: the open tab keeps its request, now unsaved
  await http.treeMenu(http.collection(`${collection} empty`), 'Delete…');
  await app.getByTestId('confirm-ok').click();
  await http.treeMenu(http.collection(collection), 'Delete…');
  await app.getByTestId('confirm-ok').click();
  await expect(http.collection(collection)).toHaveCount(0);
  await expect(http.activeTabDirty).toBeVisible();
  await expect(http.url).toHaveValue('http://127.0.0.1:9/outside');
});
