import { expect, test } from './fixtures';
import { DataTabPage } from './pages/data-tab.page';

test('staged edits come back after a restart and after closing and reopening the table', async ({ app, shell }) => {
  const data = new DataTabPage(app);
  await shell.table('customers').dblclick();
  await data.editCell(0, 'city', 'Drafted city');
  await expect(data.staged).toHaveText('1 change staged');
  const drafted = app.waitForRequest((r) => (r.postData() ?? '').includes('data.saveDraft'));
  await data.insertRow({ first_name: 'Draft', last_name: 'Row', email: 'draft@example.com', city: 'X', country: 'Y' });
  await expect(data.staged).toHaveText('2 changes staged');
  await drafted;

  // a restart (the page reloads): the tab comes back and offers the staged changes
  await app.reload();
  const banner = app.getByTestId('draft-banner');
  await expect(banner).toContainText('2 staged changes');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(data.staged).toHaveText('2 changes staged');
  await expect(await data.cell(0, 'city')).toHaveText('Drafted city');

  // closing the tab keeps the draft: opening the table again offers it
  await app.getByRole('button', { name: /^Close customers/ }).click();
  const confirm = app.getByRole('dialog');
  await expect(confirm).toContainText('offers to restore');
  await confirm.getByRole('button', { name: 'Close without saving' }).click();
  await expect(app.getByRole('tab', { name: /customers/ })).toHaveCount(0);
  await shell.table('customers').dblclick();
  await expect(app.getByTestId('draft-banner')).toContainText('2 staged changes');
});

test('an edit staged just before the tab closes is still offered when the table opens again', async ({
  app,
  shell,
}) => {
  const data = new DataTabPage(app);
  await shell.table('reviews').dblclick();
  await data.editCell(0, 'title', 'Closed at once');
  await expect(data.staged).toHaveText('1 change staged');
  // no wait for the debounced draft save: close straight away
  await app.getByRole('button', { name: /^Close reviews/ }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Close without saving' }).click();
  await shell.table('reviews').dblclick();
  const banner = app.getByTestId('draft-banner');
  await expect(banner).toContainText('1 staged change');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(await data.cell(0, 'title')).toHaveText('Closed at once');
});
