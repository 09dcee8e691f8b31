import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

const TEN_MILLION =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) SELECT x FROM c';
// the host skips the rows in between inside the SQLite worker, unencoded (a few million rows a second); each jump
// far back re-runs the statement and skips again, so the reads get minutes on a loaded machine
const READ_AHEAD = 4 * 60_000;

// Chromium stops laying out past ~33.5M px; 10M rows are 260M px of scroll space, mapped onto a shorter canvas
test('every row of a 10,000,000-row result is reachable: go to row, last row, the wheel and the scrollbar', async ({
  app,
  editor,
}) => {
  test.setTimeout(10 * 60_000);
  const results = new ResultsPage(app);
  await editor.setSql(TEN_MILLION);
  await editor.runAll();
  await expect(results.cell(0, 0)).toHaveText('1');

  await results.goToRow(5_000_000);
  // progress shows while the host reads ahead, and the UI keeps answering meanwhile
  await expect(results.readingAhead).toContainText('reading to row 5,000,000');
  await results.selectCell(0, 0);
  await expect(results.cell(0, 0)).toHaveClass(/is-focus/);
  await expect(results.rowNumber(5_000_000)).toBeVisible({ timeout: READ_AHEAD });
  await expect(results.cell(4_999_999, 0)).toHaveText('5000000');

  await results.lastRowButton.click();
  await expect(results.status).toContainText('10,000,000 rows', { timeout: READ_AHEAD });
  await expect(results.rowNumber(10_000_000)).toBeVisible();
  await expect(results.cell(9_999_999, 0)).toHaveText('10000000');

  // the wheel moves by rows, not by thousands: 40 rows up, then far up
  await results.grid.hover();
  await app.mouse.wheel(0, -26 * 40);
  await expect(results.cell(9_999_949, 0)).toHaveText('9999950');
  await app.mouse.wheel(0, -26 * 20_000);
  await expect(results.rowNumber(10_000_000)).toBeHidden();
  // the scrollbar moved to the bottom shows the final rows again
  await results.scrollbarTo(1);
  await expect(results.rowNumber(10_000_000)).toBeVisible();
  await expect(results.cell(9_999_999, 0)).toHaveText('10000000');
});

test('go to row: one already read comes at once, one past the end shows the last row and says so', async ({
  app,
  shell,
  editor,
}) => {
  const results = new ResultsPage(app);
  await editor.setSql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300) SELECT x FROM c');
  await editor.runAll();
  await expect(results.status).toContainText('300 rows');
  await results.goToRow(250);
  await expect(results.rowNumber(250)).toBeInViewport();
  await expect(results.cell(249, 0)).toHaveText('250');
  await results.goToRow(1000);
  await expect(results.rowNumber(300)).toBeInViewport();
  await expect(shell.toasts.filter({ hasText: 'The result has 300 rows' })).toBeVisible();
});
