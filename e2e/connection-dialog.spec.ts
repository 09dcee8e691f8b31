import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { PG_URL } from './support/env';
import { deleteConnectionsNamed, randomSuffix } from './support/host-rpc';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const PG = new URL(PG_URL);
const SUGGESTED = `PG ${PG.pathname.slice(1)} @ ${PG.hostname}`;
const FILE = `relative-${randomSuffix()}.db`;

test.afterAll(async () => {
  await deleteConnectionsNamed(SUGGESTED);
  await deleteConnectionsNamed(FILE.replace(/\.db$/, ''));
});

test('a pasted URL fills the form at once, and the suggested name never repeats a saved one', async ({ app }) => {
  const connections = new ConnectionsPage(app);
  let dialog = await connections.create();
  await dialog.paste(dialog.host, PG_URL);
  await expect(dialog.host).toHaveValue(PG.hostname);
  await expect(dialog.port).toHaveValue(PG.port);
  await expect(dialog.database).toHaveValue(PG.pathname.slice(1));
  await expect(dialog.name).toHaveAttribute('placeholder', SUGGESTED);
  // saved with the name left empty: it takes the suggestion
  await dialog.save();
  await dialog.root.waitFor({ state: 'hidden' });
  await expect(connections.item(SUGGESTED)).toBeVisible();

  dialog = await connections.create();
  await dialog.paste(dialog.url, PG_URL);
  await expect(dialog.host).toHaveValue(PG.hostname);
  await expect(dialog.name).toHaveAttribute('placeholder', `${SUGGESTED} 2`);
  await app.keyboard.press('Escape');
});

test('a relative SQLite path says which absolute file it opens, and creating it makes that file', async ({ app }) => {
  const connections = new ConnectionsPage(app);
  const dialog = await connections.create();
  await dialog.engine('SQLite').check();
  await dialog.file.fill(FILE);
  const workspace = join(process.env.BACKBENCH_E2E_DATA_DIR!, 'workspace');
  await expect(dialog.fileHint).toHaveText(`Opens ${join(workspace, FILE)} (in the workspace folder); it must exist.`);
  // Test without "create": the file is missing, and the dialog points at the box that creates it
  await dialog.test();
  await expect(dialog.fieldError('file')).toContainText(join(workspace, FILE));
  await expect(dialog.createFileHint).toBeVisible();
  await dialog.createFile.check();
  await expect(dialog.createFileHint).toBeHidden();
  await expect(dialog.fileHint).toContainText('or creates it if it does not exist');
  await dialog.save();
  await dialog.root.waitFor({ state: 'hidden' });
  const name = FILE.replace(/\.db$/, '');
  await expect(connections.item(name)).toHaveAttribute('data-state', 'connected');
  expect(existsSync(join(workspace, FILE))).toBe(true);
});
