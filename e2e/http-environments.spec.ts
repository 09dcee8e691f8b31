import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { HttpEnvironmentsPage } from './pages/http-environments.page';
import { hostRpc } from './support/host-rpc';

let server: Server;
let base: string;
const workspace = join(process.env.BACKBENCH_E2E_DATA_DIR!, 'workspace');

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/login') {
      res.writeHead(200, { 'set-cookie': 'henv_sid=abc123; Path=/; HttpOnly', 'content-type': 'text/plain' });
      res.end('logged in');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, key: req.headers['x-key'] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('an environment with a secret is created, selected, used by a send and kept across a reload', async ({
  app,
}, testInfo) => {
  const http = new HttpPage(app);
  const envs = new HttpEnvironmentsPage(app);
  const name = `Henv local ${Date.now()}`;
  await http.open();
  await envs.openEditor();
  await envs.newEnvironment(name);
  await expect(envs.editor.getByTestId('http-vars-name')).toHaveValue(name);
  await envs.addVariable('baseUrl', base);
  const secret = await envs.addVariable('apiKey', 'henv-s3cret', { secret: true });
  // a secret is masked until revealed
  const value = secret.getByPlaceholder('value');
  await expect(value).toHaveAttribute('type', 'password');
  await secret.getByRole('button', { name: /Reveal/ }).click();
  await expect(value).toHaveAttribute('type', 'text');
  await app.screenshot({ path: testInfo.outputPath('environment-editor.png') });
  await envs.saveAndClose();

  const path = await envs.select.inputValue();
  expect(path).toMatch(/\.yaml$/);
  await expect(envs.select.locator('option:checked')).toHaveText(name);
  const file = readFileSync(join(workspace, 'environments', path), 'utf8');
  expect(file).toContain('baseUrl');
  expect(file).not.toContain('henv-s3cret');

  await http.newRequest();
  await http.url.fill('{{baseUrl}}/x');
  await http.addHeader('X-Key', '{{apiKey}}');
  await http.send.click();
  await expect(http.status).toContainText('200');
  await expect(http.responseBody).toContainText('"/x"');
  await expect(http.responseBody).toContainText('henv-s3cret');

  // the choice is kept for the workspace; "No environment" leaves the variable undefined
  await app.reload();
  await http.open();
  await expect(envs.select).toHaveValue(path);
  await envs.select.selectOption('');
  await http.send.click();
  await expect(http.error).toContainText('baseUrl');
  await envs.select.selectOption(path);
});

test('a request file changed on disk reloads the tree and its clean tab; a dirty tab keeps its edits', async ({
  app,
}, testInfo) => {
  const http = new HttpPage(app);
  const collection = `Henv live ${Date.now()}`;
  const { path: root } = await hostRpc<{ path: string }>('http.createCollection', { name: collection });
  const { path } = await hostRpc<{ path: string }>('http.createRequest', {
    parent: root,
    request: { name: 'Live one', method: 'GET', url: `${base}/before` },
  });
  await http.open();
  const row = http.request('Live one');
  await row.click();
  await expect(http.url).toHaveValue(`${base}/before`);

  // an edit from outside the app (a git pull): the tree and the clean tab follow the file
  const file = join(workspace, 'collections', path);
  writeFileSync(file, readFileSync(file, 'utf8').replace('method: GET', 'method: PATCH').replace('/before', '/after'));
  await expect(http.url).toHaveValue(`${base}/after`);
  await expect(http.method).toHaveValue('PATCH');
  await expect(row.getByTestId('http-method-badge')).toHaveText('PATCH');
  await expect(http.activeTabDirty).toBeHidden();

  // a new file pulled in shows in the tree
  writeFileSync(
    join(workspace, 'collections', root, 'pulled.request.yaml'),
    `name: Pulled\nmethod: DELETE\nurl: ${base}/p\n`,
  );
  await expect(http.request('Pulled').getByTestId('http-method-badge')).toHaveText('DEL');

  // with unsaved edits the tab keeps them and says the file changed on disk
  await http.url.fill(`${base}/mine`);
  await expect(http.activeTabDirty).toBeVisible();
  writeFileSync(file, readFileSync(file, 'utf8').replace('/after', '/theirs'));
  await expect(row.getByText('changed on disk')).toBeVisible();
  await expect(http.url).toHaveValue(`${base}/mine`);
  await app.screenshot({ path: testInfo.outputPath('changed-on-disk.png') });

  // the collection's variables, from its context menu; its file keeps what else it says
  await http.collection(collection).click({ button: 'right' });
  await app.getByTestId('http-tree-menu').getByRole('menuitem', { name: 'Variables…' }).click();
  const envs = new HttpEnvironmentsPage(app);
  await expect(envs.editor).toContainText(`Collection variables — ${collection}`);
  await envs.addVariable('henvCollectionVar', 'from-collection');
  await envs.saveAndClose();
  const settings = readFileSync(join(workspace, 'collections', root, 'collection.yaml'), 'utf8');
  expect(settings).toContain('henvCollectionVar');
  expect(settings).toContain(`name: ${collection}`);
});

test('the cookie dialog lists a cookie a server set, deletes it, and adds one by hand', async ({ app }, testInfo) => {
  const http = new HttpPage(app);
  const envs = new HttpEnvironmentsPage(app);
  await hostRpc('http.clearCookies', { domain: '127.0.0.1', name: 'henv_sid' });
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/login`);
  await http.send.click();
  await expect(http.responseBody).toContainText('logged in');

  await envs.openCookies();
  const cookie = envs.cookie('127.0.0.1', 'henv_sid');
  await expect(cookie).toContainText('abc123');
  await expect(cookie).toContainText('Session');
  await app.screenshot({ path: testInfo.outputPath('cookies.png') });
  await cookie.getByTestId('http-cookie-delete').click();
  await expect(cookie).toHaveCount(0);

  await envs.cookies.getByTestId('http-cookies-add').click();
  const form = app.getByTestId('http-cookie-form');
  await form.getByLabel('Name').fill('henv_added');
  await form.getByLabel('Value').fill('v1');
  await form.getByLabel('Domain').fill('127.0.0.1');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(envs.cookie('127.0.0.1', 'henv_added')).toContainText('v1');
  await envs.cookie('127.0.0.1', 'henv_added').getByTestId('http-cookie-delete').click();
  await expect(envs.cookie('127.0.0.1', 'henv_added')).toHaveCount(0);
});
