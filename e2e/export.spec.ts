import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';

test('Export CSV reports its progress and the download is the whole result', async ({ app, editor }, testInfo) => {
  const results = new ResultsPage(app);
  await editor.setSql('SELECT id, name FROM categories');
  await editor.runAll();
  await expect(results.status).toContainText('20 rows');
  const firstRow = `${await results.cell(0, 0).textContent()},${await results.cell(0, 1).textContent()}`;

  // 20 rows export faster than a poll: record every text the export bar shows, to see the progress state too
  await results.recordExportBar();
  await results.exportCsv();
  await expect(results.exportBar).toContainText('Exported 20 rows to');
  expect(await results.recordedExportBar()).toContainEqual(expect.stringMatching(/Exporting CSV… \d+ rows? written/));
  await expect(results.exportPath).toHaveText(/\.csv$/);

  let csv: string;
  if (testInfo.project.name === 'electron') {
    // the desktop app names the file on this machine; there is no download link
    csv = readFileSync((await results.exportPath.textContent())!, 'utf8');
  } else {
    // the browser host hands out a one-time download link; the browser saves what it gets
    await expect(results.downloadButton).toBeVisible();
    const [download] = await Promise.all([app.waitForEvent('download'), results.downloadButton.click()]);
    const exportedName = (await results.exportPath.textContent())!.split('/').pop();
    expect(download.suggestedFilename()).toBe(exportedName);
    expect(download.url()).toMatch(/\/exports\/[0-9a-f]{64}$/);
    csv = readFileSync((await download.path())!, 'utf8');
    // the link worked once: following it again gets nothing
    const again = await app.request.get(download.url());
    expect(again.status()).toBe(404);
  }
  const lines = csv.split(/\r?\n/).filter((line) => line.length > 0);
  expect(lines[0]).toBe('id,name');
  expect(lines).toHaveLength(21);
  // the same rows as the grid, in the same order
  expect(lines[1]).toBe(firstRow);
  const ids = lines.slice(1).map((line) => Number(line.split(',')[0]));
  expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
});
