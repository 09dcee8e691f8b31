import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { HttpAuthPage } from './pages/http-auth.page';
import { HttpFolderSettingsPage } from './pages/http-folder-settings.page';
import { HttpPage } from './pages/http.page';
import { hostRpc } from './support/host-rpc';

let server: Server;
let base: string;
/** The Authorization and X-Team headers of each request the API saw, by path. */
const seen: { url: string; authorization: string | undefined; team: string | undefined }[] = [];
const workspace = join(process.env.BACKBENCH_E2E_DATA_DIR!, 'workspace');

test.beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization, team: req.headers['x-team'] as string });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("a folder's Bearer auth set in its settings is what a request inside it sends", async ({ app }, testInfo) => {
  const name = `Folder settings ${Date.now()}`;
  const { path: collection } = await hostRpc<{ path: string }>('http.createCollection', { name });
  const { path: folder } = await hostRpc<{ path: string }>('http.createFolder', { parent: collection, name: 'Users' });
  await hostRpc('http.createRequest', {
    parent: folder,
    request: { name: 'Who am I', method: 'GET', url: `${base}/me` },
  });
  const http = new HttpPage(app);
  const settings = new HttpFolderSettingsPage(app);
  const auth = new HttpAuthPage(app);
  await http.open();

  // the folder's settings: nothing above it gives auth yet
  await settings.openFromMenu(settings.folderRow(folder));
  await expect(settings.dialog).toContainText('Folder settings — Users');
  await expect(settings.authType).toHaveValue('inherit');
  await expect(settings.inherited).toContainText('No folder or collection above sets auth');
  await settings.authType.selectOption('bearer');
  await settings.authField('token').fill('folder-token-42');
  await settings.showSection('headers');
  await settings.dialog.getByTestId('http-add-header').click();
  await settings.dialog.getByLabel('Header 1 name').fill('X-Team');
  await settings.dialog.getByLabel('Header 1 value').fill('backend');
  await settings.showSection('auth');
  await app.screenshot({ path: testInfo.outputPath('folder-settings.png') });
  await settings.saveAndClose();
  const yaml = readFileSync(join(workspace, 'collections', folder, 'folder.yaml'), 'utf8');
  expect(yaml).toContain('folder-token-42');
  expect(yaml).toContain('X-Team');

  // the request inherits it: its Auth section says from where, and the send carries it
  await http.request('Who am I').click();
  await auth.showAuth();
  await expect(auth.type).toHaveValue('inherit');
  await expect(auth.tab.getByTestId('http-auth-inherited')).toContainText(
    'Inherits Bearer token from the folder "Users"',
  );
  await app.screenshot({ path: testInfo.outputPath('request-inherits.png') });
  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  expect(seen.at(-1)).toEqual({ url: '/me', authorization: 'Bearer folder-token-42', team: 'backend' });

  // a double-click opens the collection's settings, with its variables
  await http.collection(name).dblclick();
  await expect(settings.dialog).toContainText(`Collection settings — ${name}`);
  await expect(settings.dialog.getByTestId('http-folder-section-variables')).toBeVisible();
  await settings.dialog.getByTestId('http-folder-settings-close').click();
  await expect(settings.dialog).toBeHidden();
});
