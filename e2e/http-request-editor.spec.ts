import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { readBody } from './support/read-body';
import { HttpRequestEditorPage } from './pages/http-request-editor.page';
import { hostRpc } from './support/host-rpc';

/** What the local server received, newest last. */
const seen: { method: string; url: string; contentType: string; body: string }[] = [];
let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'] ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: 42 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('query params follow the URL and the URL follows them; a :path param is filled when sent', async ({
  app,
}, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  await http.open();
  await http.newRequest();

  await http.url.fill(`${base}/search?q=shoes`);
  await http.section('params');
  await expect(http.queryName(1)).toHaveValue('q');
  await expect(http.queryValue(1)).toHaveValue('shoes');

  // table → URL
  await http.queryValue(1).fill('boots');
  await expect(http.url).toHaveValue(`${base}/search?q=boots`);
  await http.addQueryParam('page', '2');
  await expect(http.url).toHaveValue(`${base}/search?q=boots&page=2`);
  await expect(http.sectionTab('params')).toHaveText('Params (2)');

  // URL → table
  await http.url.press('End');
  await http.url.pressSequentially('&sort=asc');
  await expect(http.queryName(3)).toHaveValue('sort');
  await expect(http.queryValue(3)).toHaveValue('asc');
  await http.tab.getByRole('button', { name: 'Remove query param q' }).click();
  await expect(http.url).toHaveValue(`${base}/search?page=2&sort=asc`);

  // a :name segment gets a row; its value is kept while the URL changes around it
  await http.url.fill(`${base}/users/:id?page=2`);
  await expect(http.pathParams).toHaveCount(1);
  await expect(http.pathParams).toContainText(':id');
  await http.pathParamValue('id').fill('a b');
  await http.url.fill(`${base}/users/:id/orders/:orderId?page=2`);
  await expect(http.pathParams).toHaveCount(2);
  await expect(http.pathParamValue('id')).toHaveValue('a b');
  await http.pathParamValue('orderId').fill('7');
  await app.screenshot({ path: testInfo.outputPath('request-params.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)?.url).toBe('/users/a%20b/orders/7?page=2');

  // a segment removed from the URL takes its row with it
  await http.url.fill(`${base}/users/:id`);
  await expect(http.pathParams).toHaveCount(1);
});

test('a form body and a multipart text body reach the server as sent', async ({ app }, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  await http.open();
  await http.newRequest();
  await http.method.selectOption('POST');
  await http.url.fill(`${base}/form`);

  await http.bodyType('form');
  await http.addFormField('name', 'Ada Lovelace');
  await http.addFormField('tags', 'a&b');
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)).toMatchObject({
    method: 'POST',
    url: '/form',
    contentType: 'application/x-www-form-urlencoded',
    body: 'name=Ada+Lovelace&tags=a%26b',
  });

  await http.bodyType('multipart');
  await http.addTextPart('note', 'hello from hedit');
  await http.addTextPart('count', '3');
  await http.tab.getByLabel('Part 2 kind', { exact: true }).selectOption('file');
  await expect(http.tab.getByTestId('http-file-path-hint')).toContainText('inside the workspace');
  await http.tab.getByLabel('Part 2 kind', { exact: true }).selectOption('text');
  await http.tab.getByLabel('Part 2 value', { exact: true }).fill('3');
  await app.screenshot({ path: testInfo.outputPath('request-multipart.png') });
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  const sent = seen.at(-1)!;
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(sent.contentType)?.[1];
  expect(boundary, sent.contentType).toBeTruthy();
  // parsed on the server side: every part by its name
  const parts = Object.fromEntries(
    sent.body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => {
        const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
        const name = /name="([^"]+)"/.exec(head!)?.[1];
        return [name, rest.join('\r\n\r\n').replace(/\r\n$/, '')];
      }),
  );
  expect(parts).toEqual({ note: 'hello from hedit', count: '3' });
});

test('an assertion added in the Tests section shows its result in the response', async ({ app }, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/items/42`);

  const status = await http.addAssertion();
  await expect(http.assertionField(status, 'value')).toHaveValue('200');
  const header = await http.addAssertion();
  await http.assertionField(header, 'target').selectOption('header');
  await http.assertionField(header, 'header name').fill('Content-Type');
  await http.assertionField(header, 'operator').selectOption('contains');
  await http.assertionField(header, 'value').fill('json');
  const id = await http.addAssertion();
  await http.assertionField(id, 'target').selectOption('jsonpath');
  await http.assertionField(id, 'path').fill('$.id');
  await http.assertionField(id, 'value').fill('41');
  await expect(http.sectionTab('tests')).toHaveText('Tests (3)');
  await app.screenshot({ path: testInfo.outputPath('request-tests.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  await http.showResponse('tests');
  await expect(http.tab.getByTestId('http-tests-summary')).toContainText('2 passed');
  await expect(http.assertionResults).toHaveCount(3);
  await expect(http.assertionResults.nth(2)).toHaveAttribute('data-passed', 'false');
  await expect(http.assertionResults.nth(2)).toContainText('expected 41');
});

test('{{variables}} in the URL are highlighted and resolved on hover, an undefined one in warning colour', async ({
  app,
}, testInfo) => {
  const before = await hostRpc<{ name: string; variables: unknown[] }>('http.readEnvironment', { path: 'globals' });
  await hostRpc('http.saveEnvironment', {
    path: 'globals',
    environment: { ...before, variables: [...before.variables, { name: 'hedit_base', value: base }] },
  });
  try {
    const http = new HttpRequestEditorPage(app);
    await http.open();
    await http.newRequest();
    await http.url.fill('{{hedit_base}}/v1/{{hedit_missing}}?t={{$timestamp}}');

    await expect(http.variable('hedit_base')).toHaveAttribute('data-kind', 'resolved');
    await expect(http.variable('hedit_missing')).toHaveAttribute('data-kind', 'unresolved');
    await expect(http.variable('$timestamp')).toHaveAttribute('data-kind', 'dynamic');
    await expect(http.variable('hedit_missing')).toHaveCSS('text-decoration-style', 'wavy');

    await http.variable('hedit_base').hover();
    await expect(http.variableTip).toHaveText(`{{hedit_base}} = "${base}" — global scope`);
    await app.screenshot({ path: testInfo.outputPath('request-variable.png') });
    await http.variable('hedit_missing').hover();
    await expect(http.variableTip).toContainText('{{hedit_missing}} is not defined in any scope');

    // the text stays an input: typing after a variable goes on working
    await http.variable('hedit_missing').click();
    await app.keyboard.type('-x');
    await expect(http.url).toHaveValue('{{hedit_base}}/v1/{{hedit_missing}}-x?t={{$timestamp}}');

    // a URL longer than the box: the colours follow the input's scroll, so the last variable sits in view
    await http.url.fill(`{{hedit_base}}/${'segment/'.repeat(40)}{{hedit_missing}}`);
    await http.url.press('End');
    const box = (await http.url.boundingBox())!;
    await expect
      .poll(async () => {
        const v = (await http.variable('hedit_missing').boundingBox())!;
        return v.x >= box.x && v.x + v.width <= box.x + box.width + 1;
      })
      .toBe(true);
    await http.variable('hedit_missing').hover();
    await expect(http.variableTip).toContainText('not defined');
    await http.url.screenshot({ path: testInfo.outputPath('request-url-scrolled.png') });
  } finally {
    await hostRpc('http.saveEnvironment', { path: 'globals', environment: before });
  }
});

test('headers complete names and common values; XML and JSON bodies are checked and formatted; a script runs', async ({
  app,
}, testInfo) => {
  const http = new HttpRequestEditorPage(app);
  await http.open();
  await http.newRequest();
  await http.method.selectOption('POST');
  await http.url.fill(`${base}/xml`);

  await http.addHeader('Content-Type', 'application/xml');
  const row = http.tab.getByTestId('http-header-row').last();
  const names = await row.getByPlaceholder('Name').getAttribute('list');
  await expect(http.tab.locator(`datalist[id="${names}"] option[value="Content-Type"]`)).toHaveCount(1);
  await expect(row.getByTestId('http-header-value-options').locator('option[value="application/json"]')).toHaveCount(1);

  await http.bodyType('xml');
  const text = http.tab.getByTestId('http-body-text');
  await text.fill('<order><id>7</id>');
  await expect(http.bodyError).toContainText('Not well-formed XML');
  await text.fill('<order><id>{{$randomInt}}</id><note>a &amp; b</note></order>');
  await expect(http.bodyError).toBeHidden();
  await http.tab.getByTestId('http-body-format').click();
  await expect(text).toHaveValue('<order>\n  <id>{{$randomInt}}</id>\n  <note>a &amp; b</note>\n</order>');

  await http.bodyType('json');
  // the text carries over; a {{variable}} where a value goes is fine once resolved
  await text.fill('{"id":{{$randomInt}}}');
  await expect(http.bodyError).toBeHidden();
  await text.fill('{"a":[1,2],"b":"x"}');
  await http.tab.getByTestId('http-body-format').click();
  await expect(text).toHaveValue('{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}');

  await http.section('scripts');
  await http.tab.getByTestId('http-script-postResponse').locator('.cm-content').click();
  await app.keyboard.type("bb.test('from hedit', () => bb.expect(bb.response.json().id).to.equal(42));");
  await expect(http.sectionTab('scripts')).toHaveText('Scripts (1)');
  await expect(http.tab.getByTestId('http-scripts-api')).toContainText('docs/http-scripts.md');
  await app.screenshot({ path: testInfo.outputPath('request-scripts.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)).toMatchObject({
    url: '/xml',
    contentType: 'application/xml',
    body: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}',
  });
  await http.showResponse('tests');
  await expect(http.tab.getByTestId('http-test-row')).toContainText('from hedit');
  await expect(http.tab.getByTestId('http-test-row')).toHaveAttribute('data-passed', 'true');
});

test('a multipart file part and a binary body send a file of the workspace, by its path', async ({ app }) => {
  const { workspaceDir } = await hostRpc<{ workspaceDir: string }>('app.info');
  const folder = join(workspaceDir, 'hedit-files');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'hello.txt'), 'file body from hedit');
  try {
    const http = new HttpRequestEditorPage(app);
    await http.open();
    await http.newRequest();
    await http.method.selectOption('PUT');
    await http.url.fill(`${base}/upload`);

    await http.bodyType('multipart');
    await http.addTextPart('doc', '');
    await http.tab.getByLabel('Part 1 kind', { exact: true }).selectOption('file');
    // an unsaved request's relative path starts at the workspace folder
    await http.tab.getByLabel('Part 1 file', { exact: true }).fill('hedit-files/hello.txt');
    await http.tab.getByLabel('Part 1 content type', { exact: true }).fill('text/plain');
    await expect(http.tab.getByTestId('http-file-path-hint')).toContainText(workspaceDir);
    await http.send.click();
    await expect(http.status).toHaveText('200 OK');
    const sent = seen.at(-1)!;
    expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.body).toContain('name="doc"; filename="hello.txt"');
    expect(sent.body).toContain('Content-Type: text/plain');
    expect(sent.body).toContain('file body from hedit');

    await http.bodyType('binary');
    await http.tab.getByTestId('http-binary-file').fill(join(folder, 'hello.txt'));
    await http.tab.getByLabel('Body content type', { exact: true }).fill('application/x-hedit');
    await http.send.click();
    await expect(http.status).toHaveText('200 OK');
    expect(seen.at(-1)).toMatchObject({ contentType: 'application/x-hedit', body: 'file body from hedit' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
