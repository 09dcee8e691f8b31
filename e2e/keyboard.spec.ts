import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

test('Ctrl+Enter runs the statement at the cursor, Shift+Ctrl+Enter runs them all', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  await editor.setSql("SELECT 'first' AS which;\nSELECT 'second' AS which;");

  await editor.placeCursor(2, 7);
  await editor.runStatementByKey();
  await expect(editor.resultTabs).toHaveCount(1);
  await expect(editor.resultTabs.first()).toContainText("SELECT 'second'");
  await expect(results.cell(0, 0)).toHaveText('second');

  await editor.placeCursor(1, 7);
  await editor.runStatementByKey();
  await expect(editor.resultTabs).toHaveCount(1);
  await expect(editor.resultTabs.first()).toContainText("SELECT 'first'");
  await expect(results.cell(0, 0)).toHaveText('first');

  await editor.placeCursor(1, 0);
  await editor.runAllByKey();
  await expect(editor.resultTabs).toHaveCount(2);
  await expect(editor.resultTabs.nth(0)).toContainText("SELECT 'first'");
  await expect(editor.resultTabs.nth(1)).toContainText("SELECT 'second'");
  await expect(editor.resultTabs.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(editor.resultTabs.nth(1)).toHaveAttribute('data-status', 'done');
  await editor.resultTabs.nth(1).click();
  await expect(results.cell(0, 0)).toHaveText('second');

  // the same key works with the focus in the results grid: it runs the statement at the editor's cursor
  await results.selectCell(0, 0);
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(editor.resultTabs).toHaveCount(1);
  await expect(editor.resultTabs.first()).toContainText("SELECT 'first'");
});
