import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { HttpAuthPage } from './pages/http-auth.page';
import { HttpPage } from './pages/http.page';

let server: Server;
let base: string;
/** What the API saw: the Authorization header of each request, by path. */
const seen: { url: string; authorization: string | undefined }[] = [];
const tokenRequests: { authorization: string | undefined; body: string }[] = [];

test.beforeAll(async () => {
  // one server: /token is a small OAuth 2.0 token endpoint (client credentials), the rest is the API
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/token') {
        tokenRequests.push({ authorization: req.headers.authorization, body });
        const ok = req.headers.authorization === `Basic ${Buffer.from('e2e-app:e2e-secret').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? { access_token: `e2e-token-${tokenRequests.length}`, token_type: 'Bearer', expires_in: 3600 }
              : { error: 'invalid_client' },
          ),
        );
        return;
      }
      seen.push({ url: req.url!, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('Bearer and Basic chosen in the Auth section reach the server', async ({ app }, testInfo) => {
  const http = new HttpPage(app);
  const auth = new HttpAuthPage(app);
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/bearer`);
  await auth.showAuth();
  await auth.type.selectOption('bearer');
  await auth.field('token').fill('t-123');
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)).toEqual({ url: '/bearer', authorization: 'Bearer t-123' });

  await http.url.fill(`${base}/basic`);
  await auth.type.selectOption('basic');
  await auth.field('username').fill('ada');
  await auth.field('password').fill('pä ss');
  await http.send.click();
  await expect.poll(() => seen.at(-1)?.url).toBe('/basic');
  expect(seen.at(-1)!.authorization).toBe(`Basic ${Buffer.from('ada:pä ss').toString('base64')}`);
  await app.screenshot({ path: testInfo.outputPath('http-auth-basic.png') });

  await auth.showSettings();
  await auth.setting('timeout').fill('5000');
  await auth.setting('http2').selectOption('true');
  await expect(auth.setting('timeout')).toHaveValue('5000');
  await app.screenshot({ path: testInfo.outputPath('http-settings.png') });
});

test('OAuth 2.0 client credentials: Get token shows its expiry, Send uses it, Clear tokens forgets it', async ({
  app,
}, testInfo) => {
  const http = new HttpPage(app);
  const auth = new HttpAuthPage(app);
  await http.open();
  await http.newRequest();
  await http.url.fill(`${base}/me`);
  await auth.showAuth();
  await auth.type.selectOption('oauth2');
  await auth.field('tokenUrl').fill(`${base}/token`);
  await auth.field('clientId').fill('e2e-app');
  await auth.field('clientSecret').fill('wrong');
  await auth.getToken.click();
  await expect(auth.error).toContainText('invalid_client');

  await auth.field('clientSecret').fill('e2e-secret');
  await auth.field('scope').fill('profile');
  await auth.getToken.click();
  await expect(auth.tokenStatus).toContainText('Bearer e2e-to');
  await expect(auth.tokenStatus).toContainText('expires');
  expect(tokenRequests.at(-1)!.body).toBe('grant_type=client_credentials&scope=profile');
  await app.screenshot({ path: testInfo.outputPath('http-auth-oauth2.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)).toEqual({ url: '/me', authorization: `Bearer e2e-token-${tokenRequests.length}` });

  await auth.clearTokens.click();
  await expect(auth.tokenStatus).toContainText('Cleared 1 token');
});
