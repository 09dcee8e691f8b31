import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { readBody } from './support/read-body';
import { HttpPage } from './pages/http.page';
import { MocksPage } from './pages/mocks.page';
import { hostRpc } from './support/host-rpc';

let server: Server;
let base: string;
/** Answers of /slow requests, held until the test lets them go (to cancel one in flight). */
const held: (() => void)[] = [];
const seen: { method: string; url: string; trace: string | undefined; body: string }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      held.push(() => res.end('late'));
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('abc\n'.repeat(768 * 1024));
      return;
    }
    void readBody(req).then((body) => {
      seen.push({ method: req.method!, url: req.url!, trace: req.headers['x-trace'] as string | undefined, body });
      // a value that would run as script if the body were rendered as HTML
      res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'e2e' });
      res.end(JSON.stringify({ ok: true, echo: JSON.parse(body || 'null'), html: '<img src=x onerror=alert(1)>' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  held.forEach((answer) => answer());
  await new Promise((resolve) => server.close(resolve));
});

test('build a POST in the UI, send it, read the pretty JSON, the headers and the timing', async ({ app }, testInfo) => {
  const http = new HttpPage(app);
  await http.open();
  await http.newRequest();
  await expect(http.emptyResponse).toContainText('No response yet');

  await http.method.selectOption('POST');
  await http.url.fill(`${base}/items?x=1`);
  await http.addHeader('X-Trace', 'e2e-42');
  await http.setJsonBody('{"name": ');
  await expect(http.bodyError).toContainText('Not valid JSON');
  await http.setJsonBody('{"name": "Ada"}');
  await expect(http.bodyError).toBeHidden();

  // Ctrl+Enter sends from the body editor
  await app.keyboard.press('Control+Enter');
  await expect(http.status).toHaveText('200 OK');
  await expect(http.status).toHaveClass(/http-status-success/);
  expect(seen.at(-1)).toEqual({ method: 'POST', url: '/items?x=1', trace: 'e2e-42', body: '{"name": "Ada"}' });
  await expect(http.time).toHaveText(/\d+(\.\d)? m?s/);
  await expect(http.size).toHaveText(/\d+ B/);
  // pretty-printed, and shown as text: the markup is visible, nothing ran
  await expect(http.responseBody).toHaveAttribute('data-pretty', 'true');
  await expect(http.responseBody).toContainText('"name": "Ada"');
  // the Pretty view is a CodeMirror: one element per line
  await expect(http.responseBody.locator('.cm-line').nth(1)).toHaveText('  "ok": true,');
  await expect(http.responseBody).toContainText('<img src=x onerror=alert(1)>');
  await expect(http.tab.locator('img')).toHaveCount(0);

  await http.showResponse('headers');
  await expect(http.responseHeaders).toContainText('x-served-by');
  await http.showResponse('timing');
  await expect(http.timingRows).toHaveText([/DNS/, /Connect/, /TLS/, /First byte/, /Download/, /Total/]);
  await app.screenshot({ path: testInfo.outputPath('http-timing.png') });

  await http.showResponse('body');
  // both themes, to look at the layout
  const first = await app.locator('html').getAttribute('data-theme');
  const second = first === 'dark' ? 'light' : 'dark';
  await app.screenshot({ path: testInfo.outputPath(`http-${first}.png`) });
  await app.keyboard.press('Control+Alt+l');
  await expect(app.locator('html')).toHaveAttribute('data-theme', second);
  await app.screenshot({ path: testInfo.outputPath(`http-${second}.png`) });
  await app.keyboard.press('Control+Alt+l');
});

test('a request to a closed port says the connection was refused, naming host:port', async ({ app }, testInfo) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  const http = new HttpPage(app);
  await app.keyboard.press('Control+Shift+H');
  await http.tab.waitFor();
  await http.url.fill(`http://127.0.0.1:${port}/`);
  await http.send.click();
  await expect(http.error).toContainText('CONNECTION_REFUSED');
  await expect(http.error).toContainText(`127.0.0.1:${port} refused the connection`);
  await app.screenshot({ path: testInfo.outputPath('http-refused.png') });
});

test('a running mock opens a new request to its URL from the Mocks panel, and to one of its routes from its tab', async ({
  app,
}) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  const name = `E2E http to mock ${Date.now()}`;
  await mocks.create(name);
  await mocks.addRoute('GET', '/ping', '{"pong": true}');
  await mocks.save();
  await expect(mocks.unsaved).toBeHidden();
  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();

  // each route of the running mock offers a request to itself
  await mocks.tab.getByTestId('mock-route-request').first().click();
  const http = new HttpPage(app);
  await expect(http.url).toHaveValue(`${url}/ping`);
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');

  await mocks.item(name).getByTestId('mock-new-request').click();
  await expect(http.url).toHaveValue(`${url}/`);
  await http.url.fill(`${url}/ping`);
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  await expect(http.responseBody.locator('.cm-line')).toHaveText(['{', '"pong": true', '}']);

  await mocks.open();
  await mocks.item(name).getByTestId('mock-name').click();
  await mocks.stop();
  await mocks.deleteMock(name);
});

test('Cancel stops a send under way; a body too big to show whole opens in the big-body viewer', async ({ app }) => {
  const http = new HttpPage(app);
  await app.keyboard.press('Control+Shift+H');
  await http.tab.waitFor();
  await http.url.fill(`${base}/slow`);
  await http.send.click();
  await expect(http.cancel).toBeVisible();
  await http.cancel.click();
  await expect(http.error).toContainText('REQUEST_CANCELLED');
  await expect(http.send).toBeVisible();

  await http.url.fill(`${base}/big`);
  await app.keyboard.press('Control+Enter');
  await expect(http.size).toHaveText('3.0 MB');
  await expect(http.tab.getByTestId('http-body-big')).toContainText('The body is 3.0 MB');
  // the big-body viewer (e2e/http-big-response.spec.ts) shows it as lines
  await expect(http.tab.getByTestId('body-viewer-status')).toContainText('786,432 lines');
  await expect(http.tab.locator('[data-testid="body-line"][data-line="1"]')).toHaveText('1abc');
});

test('the Tests tab shows script tests, assertions, script errors and console output with counts', async ({
  app,
}, testInfo) => {
  const name = `E2E tests ${Date.now()}`;
  const { path: collection } = await hostRpc<{ path: string }>('http.createCollection', { name });
  // written outside the app: the request editor does not edit scripts or assertions yet
  await hostRpc('http.createRequest', {
    parent: collection,
    request: {
      name: 'Checked',
      method: 'POST',
      url: `${base}/checked`,
      body: { type: 'json', text: '{"n": 1}' },
      assertions: [
        { target: 'status', op: 'equals', value: 200 },
        { target: 'jsonpath', path: '$.echo.n', op: 'equals', value: 2 },
      ],
      scripts: {
        postResponse: [
          "bb.test('status is 200', () => bb.expect(bb.response.status).to.equal(200));",
          "bb.test('served by e2e', () => bb.expect(bb.response.header('x-served-by')).to.equal('nobody'));",
          "console.log('checked', bb.response.status);",
          "throw new Error('boom at the end');",
        ].join('\n'),
      },
    },
  });
  const http = new HttpPage(app);
  await http.open();
  await app.getByRole('button', { name: 'Refresh collections' }).click();
  await http.request('Checked').click();
  await expect(http.url).toHaveValue(`${base}/checked`);
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  const testsTab = http.tab.getByTestId('http-response-tab-tests');
  await expect(testsTab).toHaveText('Tests (2/4)');
  await expect(testsTab).toHaveAttribute('data-failed', 'true');
  await http.showResponse('tests');
  await expect(http.tab.getByTestId('http-tests-summary')).toHaveText('2 passed2 failed');
  const tests = http.tab.getByTestId('http-test-row');
  await expect(tests).toHaveCount(2);
  await expect(tests.nth(0)).toHaveAttribute('data-passed', 'true');
  await expect(tests.nth(0)).toContainText('status is 200');
  await expect(tests.nth(1)).toHaveAttribute('data-passed', 'false');
  await expect(tests.nth(1)).toContainText("expected 'e2e' to equal 'nobody'");
  const assertions = http.tab.getByTestId('http-assertion-row');
  await expect(assertions.nth(0)).toHaveAttribute('data-passed', 'true');
  await expect(assertions.nth(0)).toContainText('status equals 200');
  await expect(assertions.nth(1)).toHaveAttribute('data-passed', 'false');
  await expect(assertions.nth(1)).toContainText('$.echo.n equals 2');
  await expect(http.tab.getByTestId('http-script-logs')).toHaveText('[log] checked 200');
  await expect(http.tab.getByTestId('http-script-error')).toContainText('boom at the end');

  const first = await app.locator('html').getAttribute('data-theme');
  const second = first === 'dark' ? 'light' : 'dark';
  await app.screenshot({ path: testInfo.outputPath(`http-tests-${first}.png`) });
  await app.keyboard.press('Control+Alt+l');
  await expect(app.locator('html')).toHaveAttribute('data-theme', second);
  await app.screenshot({ path: testInfo.outputPath(`http-tests-${second}.png`) });
  await app.keyboard.press('Control+Alt+l');
  await hostRpc('http.delete', { path: collection });
});
