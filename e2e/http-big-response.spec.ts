import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { BodyViewerPage } from './pages/body-viewer.page';
import { HttpPage } from './pages/http.page';

const ORDERS = 440_000;
const NEEDLE = 'NEEDLE-near-the-end';
let server: Server;
let base: string;
let body: Buffer;

test.beforeAll(async () => {
  // ~100 MB of minified JSON; one order near the end holds a word found nowhere else
  const orders = Array.from({ length: ORDERS }, (_, i) => ({
    id: i,
    customer: `Customer ${i} <b>not markup</b>`,
    email: `customer${i}@example.test`,
    total: Math.round(i * 13.7) / 100,
    status: i % 3 === 0 ? 'paid' : 'open',
    note: i === ORDERS - 5 ? NEEDLE : null,
    items: [
      { sku: `SKU-${i % 977}`, qty: (i % 5) + 1, price: 19.99 },
      { sku: `SKU-${(i * 7) % 977}`, qty: 1, price: 4.5 },
    ],
  }));
  body = Buffer.from(JSON.stringify({ orders, count: ORDERS }));
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a 100 MB JSON response opens formatted, scrolls to its end and finds a word near the end', async ({
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  expect(body.length).toBeGreaterThan(95 * 1024 * 1024);
  const http = new HttpPage(app);
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/orders`);
  await http.send.click();
  await expect(http.status).toHaveText('200 OK', { timeout: 60_000 });

  const viewer = new BodyViewerPage(http.tab);
  // the first lines show while the rest is still being read
  await expect(viewer.line(1)).toHaveText('1{');
  await expect(viewer.line(2)).toHaveText('2  "orders": [');
  await expect(viewer.status).toContainText('JSON, formatted');
  await expect(viewer.status).not.toContainText('reading', { timeout: 90_000 });
  const lines = Number((await viewer.status.textContent())!.match(/^([\d,]+) lines/)![1]!.replace(/,/g, ''));
  expect(lines).toBeGreaterThan(4_000_000);

  // to the end with the keyboard: the last line is the closing brace
  await viewer.scroll.focus();
  await app.keyboard.press('End');
  await expect(viewer.line(lines)).toHaveText(`${lines.toLocaleString('en-US').replace(/,/g, '')}}`);
  await expect(viewer.line(lines - 1)).toContainText(`"count": ${ORDERS}`);
  // and back to the top
  await app.keyboard.press('Home');
  await expect(viewer.line(1)).toBeVisible();

  // the word near the end is found, shown and marked
  await viewer.search.fill(NEEDLE.toLowerCase());
  await expect(viewer.matchCount).toHaveText('1 of 1', { timeout: 30_000 });
  await expect(viewer.currentMatch).toHaveText(NEEDLE);
  await expect(viewer.currentMatch).toBeInViewport();
  const matchLine = Number(
    await viewer.currentMatch.locator('xpath=ancestor::*[@data-line]').getAttribute('data-line'),
  );
  expect(matchLine).toBeGreaterThan(lines - 200);
  await app.screenshot({ path: testInfo.outputPath('big-response-search.png') });
  // markup in values is text
  await expect(viewer.root.locator('b')).toHaveCount(0);

  // go to a line in the middle
  await viewer.goTo.fill('2000000');
  await viewer.goTo.press('Enter');
  await expect(viewer.line(2_000_000)).toBeVisible();
  await expect(viewer.line(2_000_000)).not.toHaveAttribute('aria-busy', 'true');
  await app.screenshot({ path: testInfo.outputPath('big-response.png') });
});
