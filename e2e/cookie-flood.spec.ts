import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/**
 * Cookie-jar flooding: a browser sends every 127.0.0.1 cookie to every port of 127.0.0.1, so any other local web
 * server the user visits can fill the jar. The browser host must still answer the user's browser (not 431).
 */
test.describe('a page on another local port floods the cookie jar', () => {
  let other: Server;
  let otherOrigin: string;

  test.beforeEach(({ browserName: _browserName }, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'the desktop app is not served over HTTP');
  });

  test.beforeAll(async () => {
    // ≈ 100 KiB of cookies set on 127.0.0.1 (host-only, so sent to every port), the way any local page could
    const cookies = Array.from({ length: 25 }, (_, i) => `flood${i}=${'x'.repeat(4000)}; Path=/`);
    other = createServer((_req, res) => {
      res.setHeader('Set-Cookie', cookies);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>Some other local app</title>');
    });
    await new Promise<void>((resolveListen) => other.listen(0, '127.0.0.1', resolveListen));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolveClose) => other.close(() => resolveClose()));
  });

  test('the signed-in tab still loads and runs queries after visiting it', async ({ app, shell, editor }) => {
    await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
    await app.goto(otherOrigin);
    await expect(app).toHaveTitle('Some other local app');
    const flood = (await app.context().cookies('http://127.0.0.1/')).filter((c) => c.name.startsWith('flood'));
    expect(flood).toHaveLength(25);

    // back to Backbench in the same tab (its session is in sessionStorage): every request now carries the jar
    await app.goto('/');
    await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
    await editor.setSql('select 40 + 2 as answer');
    await editor.runAll();
    await expect(editor.cells().first()).toHaveText('42');
  });
});
