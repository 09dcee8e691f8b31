import { expect, test } from './fixtures';
import { SavedQueriesPage } from './pages/saved-queries.page';
import { hostRpc, randomSuffix } from './support/host-rpc';

const NAME = `e2e-saved-${randomSuffix()}`;

test.afterAll(async () => {
  // only when the test failed before deleting it through the UI
  await hostRpc('workspace.deleteQuery', { path: `${NAME}.sql` }).catch(() => undefined);
});

test('save the editor SQL under a name, open it from Saved into a tab, delete it', async ({ app, editor, shell }) => {
  const saved = new SavedQueriesPage(app);
  const sql = `SELECT name FROM categories WHERE id = 3 -- ${NAME}`;
  await editor.setSql(sql);
  await editor.save();
  await expect(saved.prompt).toBeVisible();
  await saved.saveAs(NAME);
  await expect(saved.prompt).toBeHidden();
  await expect(shell.toasts.filter({ hasText: 'Query saved' })).toContainText(`${NAME}.sql`);
  // the tab now edits that file and is named after it
  await expect(editor.activeTab).toHaveAttribute('data-title', NAME);

  await saved.open();
  await expect(saved.item(NAME)).toBeVisible();

  // close the tab bound to the file (nothing unsaved: no question), then open the file from the list
  await editor.activeTab.getByRole('button', { name: `Close ${NAME}` }).click();
  await expect(editor.tab(NAME)).toHaveCount(0);
  await saved.openQuery(NAME);
  await expect(editor.tab(NAME)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.editor).toHaveText(sql);
  await editor.runAll();
  await expect(editor.status).toContainText('1 row');

  await saved.requestDelete(NAME);
  await expect(saved.confirmDialog).toContainText(`${NAME}.sql`);
  await saved.confirmDialog.getByTestId('confirm-ok').click();
  await expect(saved.item(NAME)).toHaveCount(0);
});
