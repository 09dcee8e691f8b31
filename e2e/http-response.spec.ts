import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { HttpResponsePage } from './pages/http-response.page';

/** A 3 × 2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAEUlEQVR4nGP4z8DwH4YZkDkAm34L9XKwuTwAAAAASUVORK5CYII=',
  'base64',
);
/** 20 KB of every byte value in turn: more than the hex view's first 16 KB. */
const BINARY = Buffer.from(Array.from({ length: 20 * 1024 }, (_, i) => i % 256));

let server: Server;
let base: string;
/** Paths the preview frame must never reach (its scripts, images and forms stay off). */
const leaks: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/json':
        res.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': [
            'hresp_sid=abc123; Path=/app; HttpOnly; SameSite=Lax',
            'hresp_pref=dark; Domain=.example.test; Max-Age=3600; Secure',
          ],
        });
        res.end(
          JSON.stringify({
            items: [
              { id: 1, name: 'Ada' },
              { id: 2, name: 'Grace' },
              { id: 3, name: 'Edsger' },
            ],
          }),
        );
        return;
      case '/xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0"?><catalog><book id="b1"><title>SICP</title></book><book id="b2"/></catalog>');
        return;
      case '/bad-xml':
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<catalog><book></catalog>');
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<!doctype html><html><head><title>Preview</title></head><body>' +
            '<h1 style="color: rebeccapurple">Hello preview</h1>' +
            `<script>document.body.setAttribute('data-ran', 'yes'); fetch('${base}/leak-fetch')</script>` +
            `<img src="${base}/leak-img" alt="remote"><img src="x" onerror="document.body.dataset.onerror = 'yes'">` +
            '</body></html>',
        );
        return;
      case '/png':
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(PNG);
        return;
      case '/bin':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(BINARY);
        return;
      default:
        leaks.push(req.url ?? '');
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('JSON: pretty in CodeMirror with folding and search, a JSONPath filter, Raw, and the Cookies tab', async ({
  app,
}, testInfo) => {
  const response = new HttpResponsePage(app);
  const { http } = response;
  await response.send(`${base}/json`);
  await expect(http.status).toHaveText('200 OK');
  await expect(response.viewTabs).toHaveText(['Pretty', 'Raw', 'Hex']);
  await expect(response.viewTab('pretty')).toHaveAttribute('aria-selected', 'true');
  await expect(http.responseBody).toHaveAttribute('data-pretty', 'true');
  await expect(response.lines.nth(0)).toHaveText('{');
  await expect(response.lines.nth(1)).toHaveText('  "items": [');

  // folding: the gutter marker of "items" collapses its members
  await http.responseBody.locator('.cm-foldGutter .cm-gutterElement').filter({ hasText: '⌄' }).nth(1).click();
  await expect(http.responseBody.locator('.cm-foldPlaceholder')).toBeVisible();
  await expect(response.lines).toHaveCount(4);
  await http.responseBody.locator('.cm-foldPlaceholder').click();
  await expect(response.lines).toHaveCount(16);

  // search: Ctrl+F in the body opens CodeMirror's panel; matches are marked
  await response.lines.nth(3).click();
  await app.keyboard.press('Control+f');
  const search = http.responseBody.locator('.cm-search input[name="search"]');
  await expect(search).toBeFocused();
  await search.pressSequentially('name');
  await expect(http.responseBody.locator('.cm-searchMatch')).toHaveCount(3);
  await app.screenshot({ path: testInfo.outputPath('response-json-search.png') });
  await search.press('Escape');

  await response.jsonPath.fill('$.items[*].id');
  await expect(response.jsonPathCount).toHaveText('3 matches');
  await expect(http.responseBody).toHaveAttribute('data-filtered', 'true');
  await expect(response.lines).toHaveText(['[', '1,', '2,', '3', ']']);
  await response.jsonPath.fill('$.items[?(@.id > 1)]');
  await expect(response.jsonPathError).toContainText('Filter and script expressions');
  await response.jsonPath.fill('$.items[');
  await expect(response.jsonPathError).toHaveText('A [ is not closed.');
  await response.jsonPath.fill('$.items[1].name');
  await expect(response.lines).toHaveText(['[', '"Grace"', ']']);
  await app.screenshot({ path: testInfo.outputPath('response-jsonpath.png') });

  await response.viewTab('raw').click();
  await expect(http.responseBody).toHaveAttribute('data-view', 'raw');
  expect(await http.responseBody.textContent()).toBe(
    '{"items":[{"id":1,"name":"Ada"},{"id":2,"name":"Grace"},{"id":3,"name":"Edsger"}]}',
  );

  await response.copy.click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Copied' })).toContainText('The response body');

  // Save body: the browser host downloads the bytes as received
  const download = app.waitForEvent('download');
  await response.save.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('response.json');
  expect(readFileSync((await file.path())!, 'utf8')).toContain('"name":"Edsger"');

  await http.tab.getByTestId('http-response-tab-cookies').click();
  await expect(http.tab.getByTestId('http-response-tab-cookies')).toHaveText('Cookies (2)');
  await expect(response.cookieRows).toHaveCount(2);
  await expect(response.cookieRows.nth(0).locator('td')).toHaveText([
    'hresp_sid',
    'abc123',
    '—',
    '/app',
    'session',
    'HttpOnly, SameSite=Lax',
  ]);
  await expect(response.cookieRows.nth(1).locator('td')).toHaveText([
    'hresp_pref',
    'dark',
    'example.test',
    '—',
    'in 3600 s',
    'Secure',
  ]);
  await app.screenshot({ path: testInfo.outputPath('response-cookies.png') });
});

test('XML is indented and checked; a broken document says where', async ({ app }, testInfo) => {
  const response = new HttpResponsePage(app);
  const { http } = response;
  await response.send(`${base}/xml`);
  await expect(response.viewTabs).toHaveText(['XML', 'Raw', 'Hex']);
  await expect(response.xmlCheck).toHaveText('Well-formed XML.');
  await expect(response.lines).toHaveText([
    '<?xml version="1.0"?>',
    '<catalog>',
    '<book id="b1">',
    '<title>SICP</title>',
    '</book>',
    '<book id="b2"/>',
    '</catalog>',
  ]);
  expect(await response.lines.nth(3).textContent()).toBe('    <title>SICP</title>');
  await app.screenshot({ path: testInfo.outputPath('response-xml.png') });

  await response.send(`${base}/bad-xml`);
  await expect(response.xmlCheck).toHaveAttribute('data-well-formed', 'false');
  await expect(response.xmlCheck).toContainText('Not well-formed XML');
  await expect(http.responseBody).toHaveAttribute('data-pretty', 'false');
});

test('HTML previews in a sandboxed frame: no script runs, nothing is fetched', async ({ app }, testInfo) => {
  const response = new HttpResponsePage(app);
  await response.send(`${base}/html`);
  await expect(response.viewTabs).toHaveText(['Preview', 'Raw', 'Hex']);
  await expect(response.htmlFrame).toHaveAttribute('sandbox', '');
  const frame = app.frameLocator('[data-testid="http-response-html"]');
  await expect(frame.locator('h1')).toHaveText('Hello preview');
  await expect(frame.locator('h1')).toHaveCSS('color', 'rgb(102, 51, 153)');
  // give a script, the broken image's onerror and the remote image time to act if they could
  await app.waitForTimeout(500);
  await expect(frame.locator('body')).not.toHaveAttribute('data-ran', 'yes');
  await expect(frame.locator('body')).not.toHaveAttribute('data-onerror', 'yes');
  expect(leaks).toEqual([]);
  await app.screenshot({ path: testInfo.outputPath('response-html.png') });

  await response.viewTab('raw').click();
  await expect(response.http.responseBody).toContainText("<script>document.body.setAttribute('data-ran'");
});

test('an image shows as an image, other bytes as hex with more on request; both themes', async ({ app }, testInfo) => {
  const response = new HttpResponsePage(app);
  await response.send(`${base}/png`);
  await expect(response.viewTabs).toHaveText(['Image', 'Hex']);
  await expect(response.imageFacts).toHaveText(/image\/png, 74 B, 3 × 2 px/);
  await expect(response.image).toHaveJSProperty('naturalWidth', 3);
  await expect(response.image).toHaveAttribute('src', /^data:image\/png;base64,iVBOR/);
  await response.viewTab('hex').click();
  await expect(response.hexRows.first().getByRole('cell')).toHaveText([
    '00000000',
    '89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52',
    '.PNG........IHDR',
  ]);

  await response.send(`${base}/bin`);
  await expect(response.viewTabs).toHaveText(['Hex']);
  await expect(response.http.tab.getByTestId('http-body-binary')).toContainText(
    'A binary body of 20.0 KB (application/octet-stream). The first 16.0 KB are shown.',
  );
  await expect(response.hexRows).toHaveCount(1024);
  await expect(response.hexRows.nth(2).getByRole('cell')).toHaveText([
    '00000020',
    '20 21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f',
    ' !"#$%&\'()*+,-./',
  ]);
  await response.hexMore.click();
  await expect(response.hexRows).toHaveCount(1280);
  await expect(response.hexMore).toBeHidden();

  const first = await app.locator('html').getAttribute('data-theme');
  const second = first === 'dark' ? 'light' : 'dark';
  await app.screenshot({ path: testInfo.outputPath(`response-hex-${first}.png`) });
  await response.send(`${base}/json`);
  await app.keyboard.press('Control+Alt+l');
  await expect(app.locator('html')).toHaveAttribute('data-theme', second);
  await app.screenshot({ path: testInfo.outputPath(`response-json-${second}.png`) });
  await response.send(`${base}/png`);
  await app.screenshot({ path: testInfo.outputPath(`response-image-${second}.png`) });
  await response.send(`${base}/html`);
  await app.screenshot({ path: testInfo.outputPath(`response-html-${second}.png`) });
  await app.keyboard.press('Control+Alt+l');
  await expect(app.locator('html')).toHaveAttribute('data-theme', first!);
});
