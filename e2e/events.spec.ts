import { expect, test } from './fixtures';
import { ResultsPage } from './pages/results.page';
import { hostRpc } from './support/host-rpc';

test('an export that finished while the event stream was down shows finished once it is back', async ({
  app,
  editor,
}, testInfo) => {
  testInfo.skip(testInfo.project.name === 'electron', 'the desktop app has no event stream to lose');
  const results = new ResultsPage(app);
  // the stream is cut from the next page load on; when it comes back, the host cannot replay what it missed
  let streamDown = true;
  await app.route('**/events', async (route) => {
    if (streamDown) return route.abort();
    return route.continue({ headers: { ...route.request().headers(), 'last-event-id': 'from-before-0' } });
  });
  await app.reload();
  await expect(app.getByTestId('host-banner')).toBeVisible();

  await editor.setSql('SELECT id, name FROM categories');
  await editor.runAll();
  await expect(results.status).toContainText('20 rows');
  const exportCall = app.waitForRequest((r) => r.url().endsWith('/rpc') && /"query\.export"/.test(r.postData() ?? ''));
  await results.exportCsv();
  const { exportId } = (JSON.parse((await exportCall).postData()!) as { input: { exportId: string } }).input;
  // the host finished it; the page heard nothing
  await expect
    .poll(async () => (await hostRpc<{ state: string }[]>('query.exportStatus', { exportIds: [exportId] }))[0]!.state)
    .toBe('done');
  await expect(results.exportBar).toContainText('Exporting CSV…');

  streamDown = false;
  await expect(app.getByTestId('host-banner')).toBeHidden({ timeout: 20_000 });
  await expect(results.exportBar).toContainText('Exported 20 rows to');
  await expect(results.downloadButton).toBeVisible();
});
