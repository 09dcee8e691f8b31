import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { HttpEnvironmentsPage } from './pages/http-environments.page';
import { HttpHistoryPage } from './pages/http-history.page';
import { HttpRequestEditorPage } from './pages/http-request-editor.page';
import { hostRpc } from './support/host-rpc';

let server: Server;
let base: string;
const seen: string[] = [];
/** The Authorization header of each request the server got, in order. */
const authorizations: string[] = [];
const workspace = join(process.env.BACKBENCH_E2E_DATA_DIR!, 'workspace');

test.beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    authorizations.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a tab changed on disk under unsaved edits says so; Keep mine dismisses, Reload from disk asks first', async ({
  app,
}, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  const { path: root } = await hostRpc<{ path: string }>('http.createCollection', {
    name: `Hpolish disk ${Date.now()}`,
  });
  const { path } = await hostRpc<{ path: string }>('http.createRequest', {
    parent: root,
    request: { name: 'Disk one', method: 'GET', url: `${base}/before` },
  });
  await http.open();
  await http.request('Disk one').click();
  await expect(http.url).toHaveValue(`${base}/before`);
  const banner = http.tab.getByTestId('http-changed-on-disk');
  const file = join(workspace, 'collections', path);

  await http.url.fill(`${base}/mine`);
  writeFileSync(file, readFileSync(file, 'utf8').replace('/before', '/theirs'));
  await expect(banner).toContainText('changed on disk');
  await app.screenshot({ path: testInfo.outputPath('changed-on-disk-banner.png') });
  await banner.getByRole('button', { name: 'Keep mine' }).click();
  await expect(banner).toBeHidden();
  await expect(http.url).toHaveValue(`${base}/mine`);
  await expect(http.activeTabDirty).toBeVisible();

  writeFileSync(file, readFileSync(file, 'utf8').replace('/theirs', '/again'));
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(app.getByTestId('confirm-dialog')).toContainText('unsaved edits in this tab are lost');
  await app.getByTestId('confirm-ok').click();
  await expect(banner).toBeHidden();
  await expect(http.url).toHaveValue(`${base}/again`);
  await expect(http.activeTabDirty).toBeHidden();
});

test('Ctrl+Enter in a script editor sends the request instead of adding a line', async ({ app }) => {
  const http = new HttpRequestEditorPage(app);
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/from-script-key`);
  await http.section('scripts');
  const editor = http.tab.getByTestId('http-script-preRequest').locator('.cm-content');
  await editor.click();
  await app.keyboard.type("bb.variables.set('a', '1');");
  await app.keyboard.press('Control+Enter');
  await expect(http.status).toHaveText('200 OK');
  expect(seen).toContain('/from-script-key');
  await expect(editor.locator('.cm-line')).toHaveCount(1);
});

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a request re-opened from History keeps its credentials, timing and tests; re-sending sends them', async ({
  app,
}, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  const history = new HttpHistoryPage(app);
  const url = `${base}/hpolish-reopen-${Date.now()}`;
  await hostRpc('http.send', {
    sendId: `hpolish-${Date.now()}`,
    request: {
      name: 'Hpolish reopen',
      method: 'GET',
      url,
      headers: [{ name: 'Authorization', value: 'Bearer hpolish-literal' }],
      scripts: { postResponse: "bb.test('hpolish answered', () => bb.expect(bb.response.status).to.equal(200));" },
    },
  });
  await http.open();
  await history.open();
  // the entry itself keeps the credential masked
  const { entries } = await hostRpc<{ entries: { id: number; url: string }[] }>('http.history', { limit: 5 });
  const kept = await hostRpc<{ request: { headers: { value: string }[] } }>('http.historyEntry', {
    id: entries.find((e) => e.url === url)!.id,
  });
  expect(kept.request.headers[0]!.value).toBe('Bearer ••••••');
  await history.reopen(url.slice(base.length));
  await expect(http.url).toHaveValue(url);
  await http.section('headers');
  await expect(http.tab.getByTestId('http-header-row').first().getByPlaceholder('Value')).toHaveValue(
    'Bearer hpolish-literal',
  );
  await http.showResponse('tests');
  await expect(http.tab.getByTestId('http-test-row')).toContainText('hpolish answered');
  await http.showResponse('timing');
  await expect(http.timingRows.first()).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('reopened-timing.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(authorizations.at(-1)).toBe('Bearer hpolish-literal');
});

test('Code → Copy as cURL (variables resolved) uses the chosen environment', async ({ app }) => {
  const http = new HttpRequestEditorPage(app);
  const envs = new HttpEnvironmentsPage(app);
  const name = `Hpolish env ${Date.now()}`;
  const { path } = await hostRpc<{ path: string }>('http.createEnvironment', { name });
  await hostRpc('http.saveEnvironment', {
    path,
    environment: { name, variables: [{ name: 'hpolishBase', value: base }] },
  });
  await http.open();
  await envs.select.selectOption({ label: name });
  await http.newRequest();
  await http.url.fill('{{hpolishBase}}/resolved');
  await http.tab.getByTestId('http-code-menu').click();
  await app
    .getByTestId('http-code-menu-items')
    .getByRole('menuitem', { name: 'Copy as cURL (variables resolved)', exact: true })
    .click();
  await expect(app.getByText('Copied as cURL (variables resolved)')).toBeVisible();
  const copied = await app.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toContain(`curl ${base}/resolved`);
  await envs.select.selectOption({ index: 0 });
});
