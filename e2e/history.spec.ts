import { expect, test } from './fixtures';
import { HistoryPage } from './pages/history.page';
import { randomSuffix } from './support/host-rpc';

test('a run query appears in History; a click reopens it in a new tab; the search filters', async ({ app, editor }) => {
  const history = new HistoryPage(app);
  const marker = `hist_${randomSuffix()}`;
  const other = `other_${randomSuffix()}`;
  const markerSql = `SELECT '${marker}' AS marker`;

  await editor.setSql(markerSql);
  await editor.runAll();
  await expect(editor.status).toContainText('1 row');
  await history.open();
  await expect(history.entry(marker)).toHaveCount(1);
  await expect(history.entry(marker)).toHaveAttribute('data-status', 'ok');
  await expect(history.entry(marker)).toContainText('1 row');

  // with the panel open, a new execution shows up without a refresh
  await editor.setSql(`SELECT '${other}' AS other`);
  await editor.runAll();
  await expect(history.entry(other)).toHaveCount(1);

  // a failed one is recorded too, with its error
  await editor.setSql(`SELECT * FROM missing_${marker}`);
  await editor.runAll();
  await expect(history.entry(`missing_${marker}`)).toHaveAttribute('data-status', 'error');
  await expect(history.entry(`missing_${marker}`)).toContainText('no such table');

  const tabsBefore = await editor.tabs.count();
  await history.entry(markerSql).click();
  await expect(editor.tabs).toHaveCount(tabsBefore + 1);
  await expect(editor.tabs.last()).toHaveAttribute('aria-selected', 'true');
  await expect(editor.editor).toHaveText(markerSql);

  await history.search.fill(marker);
  // the marker query and the failed one mention it; the other query does not
  await expect(history.entries).toHaveCount(2);
  await expect(history.entry(other)).toHaveCount(0);
  await history.search.fill(other);
  await expect(history.entries).toHaveCount(1);
  await expect(history.entry(other)).toHaveCount(1);
  await history.search.fill(`nothing_${randomSuffix()}`);
  await expect(history.entries).toHaveCount(0);
  await expect(history.emptyState).toBeVisible();
  await history.search.fill('');
  await expect(history.entry(marker)).toHaveCount(2);
});
