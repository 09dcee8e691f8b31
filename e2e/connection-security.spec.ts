import { expect, test } from './fixtures';
import { ConnectionsPage } from './pages/connections.page';
import { PG_URL } from './support/env';
import { deleteConnectionsNamed, hostRpc, randomSuffix } from './support/host-rpc';

const PREFIX = 'e2e-security-';

test.afterEach(async () => {
  await deleteConnectionsNamed(PREFIX);
});

test('a saved password is not sent to a new host: the dialog asks for it again, and the save drops it', async ({
  app,
}) => {
  const connections = new ConnectionsPage(app);
  const name = `${PREFIX}${randomSuffix()}`;
  const url = new URL(PG_URL);
  url.password = 'pw';
  await connections.createFromUrl('PostgreSQL', name, url.toString());
  await expect(connections.item(name)).toBeVisible();

  const dialog = await connections.edit(name);
  await expect(dialog.passwordReenter).toBeHidden();
  await dialog.database.fill('postgres');
  await expect(dialog.passwordReenter).toBeHidden();
  await dialog.host.fill('db.example.com');
  await expect(dialog.passwordReenter).toBeVisible();
  await dialog.host.fill(url.hostname);
  await expect(dialog.passwordReenter).toBeHidden();
  await dialog.port.fill('6543');
  await expect(dialog.passwordReenter).toContainText('enter it again');
  await dialog.save();
  await dialog.root.waitFor({ state: 'hidden' });

  const saved = (await hostRpc<{ name: string; hasPassword: boolean }[]>('connections.list')).find(
    (c) => c.name === name,
  );
  expect(saved?.hasPassword).toBe(false);
});

test('a password to another machine without TLS is refused unless the user allows it, with a warning', async ({
  app,
}) => {
  const connections = new ConnectionsPage(app);
  const name = `${PREFIX}${randomSuffix()}`;
  const dialog = await connections.create();
  await dialog.engine('PostgreSQL').check();
  await dialog.name.fill(name);
  await dialog.host.fill('localhost');
  await expect(dialog.allowCleartext).toBeHidden();
  await dialog.host.fill('db.example.com');
  await dialog.user.fill('app');
  await dialog.password.fill('secret');
  await dialog.sslMode.selectOption('disable');
  await expect(dialog.allowCleartext).not.toBeChecked();
  await expect(dialog.root).toContainText('a password goes there only over TLS');
  await dialog.save();
  await expect(dialog.error).toContainText('SSL_REQUIRED');
  await expect(dialog.fieldError('sslMode')).toContainText('db.example.com is not this machine');

  await dialog.allowCleartext.check();
  await expect(dialog.root).toContainText('Only on a network you trust');
  await dialog.save();
  await dialog.root.waitFor({ state: 'hidden' });
  await expect(connections.item(name)).toBeVisible();
});
