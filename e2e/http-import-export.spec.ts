import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { MocksPage } from './pages/mocks.page';

const POSTMAN = join(import.meta.dirname, '../src/main/core/http/import/fixtures/shop-api.postman_collection.json');

let server: Server;
let base: string;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 7, trace: req.headers['x-trace'] ?? null, sent: JSON.parse(body || 'null') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('import the Postman fixture through the Import dialog and see its requests', async ({ app }, testInfo) => {
  const http = new HttpPage(app);
  await http.open();
  await app.getByTestId('http-import').click();
  const dialog = app.getByTestId('http-import-dialog');
  await dialog.getByTestId('http-import-file-input').setInputFiles(POSTMAN);
  await expect(dialog.getByTestId('http-import-file-name')).toHaveText('shop-api.postman_collection.json');
  await expect(dialog.getByTestId('http-import-format')).toHaveText('Postman collection v2.x');
  await expect(dialog.getByTestId('http-import-preview')).toContainText('Collection "Shop API"');
  await app.screenshot({ path: testInfo.outputPath('import-dialog.png') });
  await dialog.getByTestId('http-import-run').click();
  await expect(dialog).toBeHidden();

  // the new collection is in the tree, selected, with the fixture's folders and requests
  const imported = http.tree.locator('[data-testid="http-tree-collection"][aria-current="true"]');
  await expect(imported).toContainText('Shop API');
  await expect(http.request('Login')).toBeVisible();
  await expect(http.request('Login').getByTestId('http-method-badge')).toHaveText('POST');
  await http.request('Login').click();
  await expect(http.url).toHaveValue('{{baseUrl}}/auth/login');
  await app.screenshot({ path: testInfo.outputPath('imported.png') });

  // the collection's context menu exports it back as Postman v2.1 (a download in the browser)
  await imported.click({ button: 'right' });
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('http-tree-menu').getByRole('menuitem', { name: 'Export as Postman v2.1…' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('shop-api.postman_collection.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    info: { name: string; schema: string };
    item: { name: string }[];
  };
  expect(exported.info.name).toBe('Shop API');
  expect(exported.info.schema).toContain('/v2.1.0/');
  expect(exported.item.map((item) => item.name)).toContain('Auth');

  // bad text says what is wrong
  await app.getByTestId('http-import').click();
  await dialog.getByTestId('http-import-text').fill('{"hello": "world"}');
  await expect(dialog.getByTestId('http-import-error')).toContainText('pasted text: not a Postman collection');
  await expect(dialog.getByTestId('http-import-run')).toBeDisabled();
});

test('paste a cURL command into the URL bar, copy the request as cURL, make a mock route of its response', async ({
  app,
}, testInfo) => {
  const http = new HttpPage(app);
  await http.open();
  await http.newRequest();
  const command = `curl '${base}/users' -H 'X-Trace: e2e-curl' --json '{"name":"Ada"}'`;
  await app.evaluate(`navigator.clipboard.writeText(${JSON.stringify(command)})`);
  await http.url.click();
  await app.keyboard.press('ControlOrMeta+v');

  // method, URL, headers and body come from the command, not the text
  await expect(http.url).toHaveValue(`${base}/users`);
  await expect(http.method).toHaveValue('POST');
  await http.tab.getByTestId('http-section-headers').click();
  const names = http.tab.getByTestId('http-header-row').getByPlaceholder('Name');
  await expect(names.first()).toHaveValue('X-Trace');
  await http.tab.getByTestId('http-section-body').click();
  await expect(http.tab.getByTestId('http-body-type-json')).toBeChecked();
  await expect(http.tab.getByTestId('http-body-text')).toHaveValue('{"name":"Ada"}');

  await http.send.click();
  await expect(http.status).toHaveAttribute('data-status', '201');
  await expect(http.responseBody).toContainText('"trace": "e2e-curl"');
  await app.screenshot({ path: testInfo.outputPath('response.png') });

  // Code → Copy as cURL puts a command that sends the same request on the clipboard
  await http.tab.getByTestId('http-code-menu').click();
  await app.getByTestId('http-code-menu-items').getByRole('menuitem', { name: 'Copy as cURL', exact: true }).click();
  await expect(app.getByText('Copied as cURL')).toBeVisible();
  const copied = await app.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toContain(`curl ${base}/users`);
  expect(copied).toContain("-H 'X-Trace: e2e-curl'");
  expect(copied).toContain(`--data-raw '{"name":"Ada"}'`);

  // the JSON response becomes a route of a new mock, shown in its tab
  await http.tab.getByTestId('http-mock-route').click();
  const dialog = app.getByTestId('http-mock-route-dialog');
  await expect(dialog.getByTestId('http-mock-route-preview')).toHaveText('POST /users → 201, the JSON body');
  const name = `From responses ${Date.now()}`;
  await dialog.getByTestId('http-mock-route-mock').selectOption('__new__');
  await dialog.getByTestId('http-mock-route-name').fill(name);
  await dialog.getByTestId('http-mock-route-create').click();
  await expect(dialog).toBeHidden();
  const mocks = new MocksPage(app);
  await expect(mocks.tab).toBeVisible();
  await expect(mocks.routes.filter({ hasText: '/users' })).toHaveCount(1);
  await app.screenshot({ path: testInfo.outputPath('mock-route.png') });
});
