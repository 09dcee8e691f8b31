import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { HttpHistoryPage } from './pages/http-history.page';
import { HttpPage } from './pages/http.page';
import { hostRpc } from './support/host-rpc';

let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const id = req.url?.split('/').pop() ?? '';
    res.writeHead(id === '404' ? 404 : 200, { 'content-type': 'application/json', 'x-hhist': id });
    res.end(JSON.stringify({ id, name: id === '1' ? 'Ada Lovelace' : 'Grace Hopper', role: 'engineer' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await hostRpc('http.deleteHistory', {});
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await hostRpc('http.deleteHistory', {});
});

test('sent requests show in History: search, re-open one, compare two responses', async ({ app }, testInfo) => {
  const http = new HttpPage(app);
  const history = new HttpHistoryPage(app);
  await http.open();
  await history.open();
  await expect(history.empty).toContainText('No requests sent yet');

  await app.getByTestId('http-new-request').click();
  await http.tab.waitFor();
  await http.url.fill(`${base}/hhist-users/1`);
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  await http.url.fill(`${base}/hhist-users/2`);
  await http.send.click();
  await expect(http.responseBody).toContainText('Grace Hopper');

  // both land in the open History without a refresh, newest first
  await expect(history.entries).toHaveCount(2);
  await expect(history.entries.first()).toContainText('/hhist-users/2');
  await expect(history.entries.first().getByTestId('http-history-status')).toHaveText('200');
  await expect(history.entries.first()).toContainText('just now');

  // the search looks into response bodies too
  await history.search('lovelace');
  await expect(history.entries).toHaveCount(1);
  await expect(history.entries.first()).toContainText('/hhist-users/1');
  await history.search('nothing-like-this');
  await expect(history.empty).toContainText('No matching requests');
  await history.search('');
  await expect(history.entries).toHaveCount(2);

  // re-open: a new tab with the request and its recorded response
  await history.reopen('/hhist-users/1');
  await expect(http.activeTab).toContainText('GET /hhist-users/1');
  await expect(http.url).toHaveValue(`${base}/hhist-users/1`);
  await expect(http.status).toHaveText('200 OK');
  await expect(http.responseBody).toContainText('Ada Lovelace');

  // compare the two: the changed lines are highlighted side by side
  await expect(history.compareButton).toBeDisabled();
  await history.select('/hhist-users/1');
  await history.select('/hhist-users/2');
  await history.compareButton.click();
  await expect(history.compare).toBeVisible();
  await expect(history.compare.getByTestId('http-compare-summary')).toContainText('removed');
  const nameRow = history.changedRows.filter({ hasText: 'Ada Lovelace' });
  await expect(nameRow.locator('.http-diff-removed')).toHaveText('  "name": "Ada Lovelace",');
  await expect(nameRow.locator('.http-diff-added')).toHaveText('  "name": "Grace Hopper",');
  await expect(history.changedRows.filter({ hasText: 'x-hhist' })).toHaveCount(1);
  await app.screenshot({ path: testInfo.outputPath('http-history-compare.png') });
  await history.compare.getByRole('button', { name: 'Close' }).last().click();
  await expect(history.compare).toBeHidden();
  await app.screenshot({ path: testInfo.outputPath('http-history-list.png') });

  // delete one, then clear all (asks first)
  await history.entry('/hhist-users/2').hover();
  await history
    .entry('/hhist-users/2')
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(history.entries).toHaveCount(1);
  await history.view.getByRole('button', { name: 'Clear HTTP history' }).click();
  await app.getByTestId('confirm-ok').click();
  await expect(history.empty).toContainText('No requests sent yet');
});

test('History marks passed and failed checks and filters by status class', async ({ app }) => {
  const http = new HttpPage(app);
  const history = new HttpHistoryPage(app);
  const sendOne = (path: string, expected: number) =>
    hostRpc('http.send', {
      sendId: crypto.randomUUID(),
      request: {
        name: 'Hhist checks',
        method: 'GET',
        url: `${base}${path}`,
        assertions: [{ target: 'status', op: 'equals', value: expected }],
      },
    });
  await sendOne('/hhist-checks/1', 200);
  await sendOne('/hhist-checks/404', 200);
  await hostRpc('http.send', {
    sendId: crypto.randomUUID(),
    request: { name: 'Hhist plain', method: 'GET', url: `${base}/hhist-plain/2` },
  }).catch(() => {});
  await http.open();
  await history.open();
  await expect(history.entries).toHaveCount(3);

  await expect(history.entry('/hhist-checks/1').getByTestId('http-history-checks')).toHaveText('✓ 1/1');
  await expect(history.entry('/hhist-checks/404').getByTestId('http-history-checks')).toHaveText('✗ 0/1');
  await expect(history.entry('/hhist-plain/2').getByTestId('http-history-checks')).toHaveCount(0);
  await expect(history.entry('/hhist-checks/1')).toContainText(/\d+ ms/);
  await app.screenshot({ path: '/tmp/httpgaps-history-marks.png' });

  await history.view.getByTestId('http-history-filter-4xx').click();
  await expect(history.entries).toHaveCount(1);
  await expect(history.entries.first().getByTestId('http-history-status')).toHaveText('404');
  await app.screenshot({ path: '/tmp/httpgaps-history-4xx.png' });
  await history.view.getByTestId('http-history-filter-5xx').click();
  await expect(history.empty).toContainText('No matching requests');
  await history.view.getByTestId('http-history-filter-2xx').click();
  await expect(history.entries).toHaveCount(2);
  await history.view.getByTestId('http-history-filter-all').click();
  await expect(history.entries).toHaveCount(3);
  await hostRpc('http.deleteHistory', {});
});
