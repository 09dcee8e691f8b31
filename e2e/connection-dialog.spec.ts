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

test.describe('a URL typed into the URL field, without "Fill from URL"', () => {
  const NAME = `e2e-typed-url-${randomSuffix()}`;
  const FIXED = `e2e-fixed-url-${randomSuffix()}`;

  test.afterAll(async () => {
    await deleteConnectionsNamed(NAME);
    await deleteConnectionsNamed(FIXED);
  });

  test('Save saves what the URL says', async ({ app }) => {
    const connections = new ConnectionsPage(app);
    const dialog = await connections.create();
    await dialog.name.fill(NAME);
    // typed by hand, key by key: no paste handler runs
    await dialog.url.pressSequentially('postgres://app_user@127.0.0.1:6543/shop_db?sslmode=disable');
    await dialog.save();
    await dialog.root.waitFor({ state: 'hidden' });
    await expect(connections.item(NAME).locator('.connection-main')).toHaveAttribute(
      'title',
      new RegExp(`^${NAME}\\napp_user@127\\.0\\.0\\.1:6543/shop_db\\n`),
    );

    const edit = await connections.edit(NAME);
    await expect(edit.host).toHaveValue('127.0.0.1');
    await expect(edit.port).toHaveValue('6543');
    await expect(edit.user).toHaveValue('app_user');
    await expect(edit.database).toHaveValue('shop_db');
    await expect(edit.sslMode).toHaveValue('disable');
    await app.keyboard.press('Escape');
  });

  test('Test tests what the URL says, and the fields then show it', async ({ app }) => {
    const connections = new ConnectionsPage(app);
    const dialog = await connections.create();
    await dialog.url.pressSequentially(PG_URL);
    await dialog.test();
    await expect(dialog.testOk).toContainText('Connected · PostgreSQL');
    await expect(dialog.host).toHaveValue(PG.hostname);
    await expect(dialog.port).toHaveValue(PG.port);
    await expect(dialog.user).toHaveValue(PG.username);
    await expect(dialog.database).toHaveValue(PG.pathname.slice(1));
    await app.keyboard.press('Escape');
  });

  test('a malformed URL stops Save with an error naming the fault, and nothing typed is lost', async ({ app }) => {
    const connections = new ConnectionsPage(app);
    const dialog = await connections.create();
    await dialog.name.fill(FIXED);
    await dialog.user.fill('kept_user');
    const bad = 'postgres://app_user@127.0.0.1:54x2/shop_db';
    await dialog.url.pressSequentially(bad);
    await dialog.save();
    await expect(dialog.urlError).toContainText('INVALID_INPUT');
    await expect(dialog.urlError).toContainText('The port "54x2" is not a number between 1 and 65535.');
    await expect(dialog.root).toBeVisible();
    await expect(dialog.url).toHaveValue(bad);
    await expect(dialog.url).toBeFocused();
    await expect(dialog.name).toHaveValue(FIXED);
    await expect(dialog.user).toHaveValue('kept_user');
    await dialog.test();
    await expect(dialog.urlError).toContainText('54x2');
    await expect(dialog.testOk).toBeHidden();
    // the fix: the user corrects the port and saves
    await dialog.url.fill('postgres://app_user@127.0.0.1:5442/shop_db');
    await expect(dialog.urlError).toBeHidden();
    await dialog.save();
    await dialog.root.waitFor({ state: 'hidden' });
    await expect(connections.item(FIXED).locator('.connection-main')).toHaveAttribute(
      'title',
      new RegExp(`^${FIXED}\\napp_user@127\\.0\\.0\\.1:5442/shop_db\\n`),
    );
  });
});

test.describe('URLs the dialog cannot use as they are', () => {
  const NAME = `e2e-url-engine-${randomSuffix()}`;

  test.afterAll(async () => {
    await deleteConnectionsNamed(NAME);
  });

  test('a URL for another engine does not turn an edited connection into another kind', async ({ app }) => {
    const connections = new ConnectionsPage(app);
    await connections.createFromUrl('PostgreSQL', NAME, PG_URL);
    const dialog = await connections.edit(NAME);
    await dialog.url.pressSequentially('mysql://root@127.0.0.1:3306/test');
    await dialog.save();
    await expect(dialog.urlError).toContainText(
      'This connection is PostgreSQL, and this URL is for MySQL / MariaDB: create a new connection for it.',
    );
    await expect(dialog.engine('PostgreSQL')).toBeChecked();
    await expect(dialog.port).toHaveValue(PG.port);
    await expect(dialog.url).toHaveValue('mysql://root@127.0.0.1:3306/test');
    await app.keyboard.press('Escape');
    await dialog.root.waitFor({ state: 'hidden' });
    await expect(connections.item(NAME).locator('.engine-badge')).toHaveText('PG');
  });

  test('with SQLite chosen, a sqlite: URL is pasted as text and a bad server URL says why', async ({ app }) => {
    const connections = new ConnectionsPage(app);
    const dialog = await connections.create();
    await dialog.engine('SQLite').check();
    await dialog.paste(dialog.file, 'sqlite:///tmp/shop.db');
    await expect(dialog.file).toHaveValue('sqlite:///tmp/shop.db');
    await dialog.file.fill('');
    await dialog.paste(dialog.file, 'postgres://u@db:99999/shop');
    await expect(dialog.urlError).toContainText('The port "99999" is not a number between 1 and 65535.');
    await dialog.file.fill('/tmp/x.db');
    await expect(dialog.urlError).toBeHidden();
    await app.keyboard.press('Escape');
  });
});

test('every SSL mode reads whole in its select', async ({ app }) => {
  const dialog = await new ConnectionsPage(app).create();
  // the room for the chosen option's text (the native arrow takes about 20 px of the content box) against the
  // width of each option's text in the select's font (a string: the e2e project has no DOM types)
  await expect(dialog.sslMode).toBeVisible();
  const cut = await app.evaluate<string[]>(`(() => {
    const select = document.querySelector('[data-testid="connection-dialog"] .form-field-sslMode select');
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    return [...select.options].filter((o) => context.measureText(o.text).width > room).map((o) => o.text);
  })()`);
  expect(cut).toEqual([]);
  await app.keyboard.press('Escape');
});
