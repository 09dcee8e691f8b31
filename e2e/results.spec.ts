import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

// copies go to the real clipboard, which the test reads back
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const MILLION = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 1000000) SELECT x FROM c';

test('a 1,000,000-row result is browsable to its last row', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  await editor.setSql(MILLION);
  await editor.runAll();
  // the first page is there long before the rest is read
  await expect(results.cell(0, 0)).toHaveText('1');
  await expect(results.status).toContainText(/^[\d,]+\+ rows/);

  await results.lastRowButton.click();
  await expect(results.status).toContainText('1,000,000 rows', { timeout: 45_000 });
  await expect(results.status).not.toContainText('+');
  await expect(results.lastRowButton).toBeHidden();
  // the grid scrolled to the end: the last row is rendered, numbered and filled in
  await expect(results.cell(999_999, 0)).toHaveText('1000000');
  await expect(results.grid.getByRole('rowheader', { name: '1000000', exact: true })).toBeVisible();
  await expect(results.cell(999_998, 0)).toHaveText('999999');
});

test('copy a cell and a selection as TSV to the clipboard', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  await editor.setSql("SELECT 1 AS id, 'alpha' AS name UNION ALL SELECT 2, 'beta' UNION ALL SELECT 3, 'gamma'");
  await editor.runAll();
  await expect(results.status).toContainText('3 rows');

  await results.selectCell(1, 1);
  await results.copy('Cell');
  await expect(app.getByTestId('toast').filter({ hasText: 'Copied' })).toContainText('1 row as TSV');
  await expect.poll(() => results.clipboardText()).toBe('beta');

  // a range: header line, then the rows, tab-separated
  await results.selectCell(0, 0);
  await results.selectCell(2, 1, true);
  await results.copy('TSV');
  await expect.poll(() => results.clipboardText()).toBe('id\tname\n1\talpha\n2\tbeta\n3\tgamma');

  // Ctrl+C in the grid copies the selection the same way
  await results.selectCell(2, 0);
  await app.keyboard.press('ControlOrMeta+c');
  await expect.poll(() => results.clipboardText()).toBe('3');
});

test('the value viewer shows a long JSON value pretty-printed', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  const tail = 'end-of-a-long-value';
  const long = `${'x'.repeat(400)}${tail}`;
  await editor.setSql(
    `SELECT json_object('name', 'Backbench', 'tags', json_array('sql', 'grid'), 'nested', json_object('deep', 1), 'long', '${long}') AS doc`,
  );
  await editor.runAll();
  await expect(results.status).toContainText('1 row');
  // the grid shows one clipped line; the viewer the whole value
  await expect(results.cell(0, 0)).toContainText('{"name":"Backbench"');
  await expect(results.cell(0, 0)).not.toContainText(tail);

  await results.selectCell(0, 0);
  await expect(results.viewer).toBeHidden();
  await results.toggleViewer();
  await expect(results.viewer).toContainText('doc');
  await expect(results.viewerKind).toHaveText('JSON');
  const pretty = JSON.stringify({ name: 'Backbench', tags: ['sql', 'grid'], nested: { deep: 1 }, long }, null, 2);
  await expect.poll(() => results.viewerBody.textContent()).toBe(pretty);
});

test('the value viewer reads a text longer than a page carries, whole', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  // 200,003 characters: the page carries the first 65,536, the viewer reads the rest through query.cell
  await editor.setSql(
    "SELECT substr(replace(printf('%.*c', 20000, 'x'), 'x', '0123456789'), 1, 200000) || 'END' AS body",
  );
  await editor.runAll();
  await expect(results.status).toContainText('1 row');
  await expect(results.cell(0, 0)).toContainText('0123456789');

  await results.selectCell(0, 0);
  await results.toggleViewer();
  await expect(results.viewerKind).toHaveText('200,003 characters');
  await expect.poll(async () => (await results.viewerBody.textContent())?.length).toBe(200_003);
  await expect.poll(async () => (await results.viewerBody.textContent())?.endsWith('789END')).toBe(true);
});

test('a page over the host’s size budget still shows every row', async ({ app, editor }) => {
  const results = new ResultsPage(app);
  // 600 rows of 70,000 characters: the first page (500 rows of 64 KiB previews) is more than 16 MB, so the host
  // sends it in parts and the grid asks for the rest
  await editor.setSql(
    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 600) SELECT n, printf('%.*c', 70000, 'x') AS body FROM s",
  );
  await editor.runAll();
  await expect(results.cell(0, 0)).toHaveText('1');
  // a row past the part of page 0 that the run's answer carried
  const top = (await results.cell(0, 0).boundingBox())!.y;
  const rowHeight = (await results.cell(1, 0).boundingBox())!.y - top;
  await results.grid.evaluate((grid, y) => grid.scrollTo(0, y), 400 * rowHeight);
  await expect(results.cell(400, 0)).toHaveText('401');
  await results.lastRowButton.click();
  await expect(results.status).toContainText('600 rows', { timeout: 30_000 });
  await expect(results.cell(599, 0)).toHaveText('600');
  await expect(results.cell(598, 0)).toHaveText('599');
});
