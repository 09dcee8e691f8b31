import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { MocksPage } from './pages/mocks.page';

test('make a mock in the UI, serve GET /hello, see calls in the log, make a route from an unmatched call, stop', async ({
  app,
}) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  const name = `E2E mock ${Date.now()}`;
  await mocks.create(name);
  await expect(mocks.tab).toBeVisible();
  await expect(mocks.item(name)).toBeVisible();

  // a route answering JSON; Ctrl+S saves it
  await mocks.addRoute('GET', '/hello', '{"hi": "there"}');
  await expect(mocks.unsaved).toBeVisible();
  await app.keyboard.press('Control+s');
  await expect(mocks.unsaved).toBeHidden();
  await expect(mocks.routes.filter({ hasText: '/hello' })).toHaveCount(1);

  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);

  // the test calls the mock from Node, as any client would
  const hello = await fetch(`${url}/hello`);
  expect(hello.status).toBe(200);
  expect(await hello.json()).toEqual({ hi: 'there' });

  const row = mocks.logRow('/hello');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('mock-log-status')).toHaveText('200');
  await expect(row).toContainText('GET /hello');
  await row.click();
  await expect(mocks.requestDialog.getByTestId('mock-response-body-text')).toContainText('"hi"');
  await expect(mocks.requestDialog.getByTestId('mock-request-detail')).toContainText('route GET /hello');
  await app.keyboard.press('Escape');
  await expect(mocks.requestDialog).toBeHidden();

  // nothing answers /nope yet: the log shows 404, and the call becomes a route that answers 200
  const nope = await fetch(`${url}/nope`, { method: 'POST', body: 'x' });
  expect(nope.status).toBe(404);
  const nopeRow = mocks.logRow('/nope');
  await expect(nopeRow.getByTestId('mock-log-status')).toHaveText('404');
  await nopeRow.click();
  await expect(mocks.requestDialog.getByTestId('mock-request-body')).toHaveText('x');
  await mocks.requestDialog.getByTestId('mock-create-route').click();
  await expect(mocks.requestDialog).toBeHidden();
  await expect(mocks.routes.filter({ hasText: '/nope' })).toContainText('POST');
  // the running mock reloaded its routes
  await expect.poll(async () => (await fetch(`${url}/nope`, { method: 'POST' })).status).toBe(200);

  await mocks.stop();
  await expect(mocks.status).toHaveAttribute('data-state', 'stopped');
  await expect(mocks.item(name).getByTestId('mock-status')).toHaveAttribute('data-state', 'stopped');

  await mocks.deleteMock(name);
  await expect(mocks.item(name)).toHaveCount(0);
  await expect(mocks.tab).toHaveCount(0);
});

test('the raw YAML view saves what was typed and names the field a bad file gets wrong', async ({ app }) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  const name = `E2E yaml ${Date.now()}`;
  await mocks.create(name);
  await mocks.tab.getByTestId('mock-view-yaml').click();
  const yaml = mocks.tab.getByTestId('mock-yaml').locator('.cm-content');
  await expect(yaml).toContainText(`name: ${name}`);
  await yaml.fill(`name: ${name}\nport: not-a-port\nroutes: []\n`);
  await expect(mocks.unsaved).toBeVisible();
  await app.keyboard.press('Control+s');
  await expect(mocks.tab.getByTestId('mock-save-error')).toContainText('port');
  await expect(mocks.unsaved).toBeVisible();

  await yaml.fill(
    `name: ${name}\nport: 0\ncors: true\nroutes:\n  - method: GET\n    path: /typed\n    responses:\n      - status: 204\n`,
  );
  await app.keyboard.press('Control+s');
  await expect(mocks.unsaved).toBeHidden();
  await expect(mocks.tab.getByTestId('mock-save-error')).toBeHidden();
  await mocks.tab.getByTestId('mock-view-form').click();
  await expect(mocks.routes).toHaveText(['GET/typed']);
  await expect(mocks.tab.getByRole('checkbox', { name: 'CORS' })).toBeChecked();

  await mocks.deleteMock(name);
  await expect(mocks.item(name)).toHaveCount(0);
});

test('"Serve as REST API" on a table makes the connection\'s mock serve its rows', async ({ app, shell }) => {
  const mocks = new MocksPage(app);
  await shell.openSidebarPanel('schema');
  await shell.table('categories').click({ button: 'right' });
  await app.getByTestId('schema-context-menu').getByRole('menuitem', { name: 'Serve as REST API' }).click();
  await expect(mocks.tab).toBeVisible();
  await expect(mocks.resources.getByTestId('mock-resource-path')).toHaveValue('/categories');
  await expect(mocks.resources.getByTestId('mock-resource-table')).toHaveValue('categories');
  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();
  const response = await fetch(`${url}/categories`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as unknown;
  const rows = Array.isArray(body) ? body : (body as { data?: unknown[] }).data;
  expect(Array.isArray(rows) && rows.length > 0).toBe(true);
  await expect(mocks.logRow('/categories').getByTestId('mock-log-status')).toHaveText('200');
  await mocks.stop();
  await expect(mocks.status).toHaveAttribute('data-state', 'stopped');
  // leave no mock behind for the other tests
  const name = (await mocks.tab.getByTestId('mock-setting-name').inputValue()).trim();
  await mocks.open();
  await mocks.deleteMock(name);
  await expect(mocks.item(name)).toHaveCount(0);
});

test('the Shop API sample mock serves the sample database as REST', async ({ app }) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  // the panel has read the mocks folder once it shows a mock or says there is none
  await expect(mocks.panel.getByTestId('mock-item').or(mocks.panel.getByTestId('mocks-empty')).first()).toBeVisible();
  const shop = mocks.item('Shop API');
  // written with the sample database on first start, so its absence is a failure, not a reason to skip
  await expect(shop).toHaveCount(1);
  // stopped, the panel shows the address with its prefix, as the running tab does
  await expect(mocks.panelUrl('Shop API')).toHaveText('http://127.0.0.1:3001/api');
  await shop.getByTestId('mock-name').click();
  await expect(mocks.tab).toBeVisible();
  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();
  await expect(mocks.panelUrl('Shop API')).toHaveText(url);
  const response = await fetch(`${url}/products`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as unknown;
  const rows = Array.isArray(body) ? body : (body as { data?: unknown[] }).data;
  expect(Array.isArray(rows) && rows.length > 0).toBe(true);
  await mocks.stop();
  await expect(mocks.status).toHaveAttribute('data-state', 'stopped');
  await expect(mocks.panelUrl('Shop API')).toHaveText(url);
});

test('the form sets a body file and a fault; the YAML view and the running mock show them', async ({ app }) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  const name = `E2E form ${Date.now()}`;
  // a body file in the mocks folder of the host under test (its data dir is the one playwright.config.ts made)
  const folder = `e2e-bodies-${Date.now()}`;
  const bodies = join(process.env.BACKBENCH_E2E_DATA_DIR!, 'workspace', 'mocks', folder);
  mkdirSync(bodies, { recursive: true });
  writeFileSync(join(bodies, 'user.json'), '{"from": "the file"}');
  try {
    await mocks.create(name);
    await mocks.tab.getByTestId('mock-add-route').click();
    await mocks.routeEditor.getByTestId('mock-route-path').fill('/user');

    // a path that leaves the mock's folder: the save is refused and the field says why
    await mocks.setBodyFile('../outside.json');
    await mocks.save();
    await expect(mocks.fieldIssue('routes.0.responses.0.bodyFile')).toHaveText(
      "must be a path inside the mock's folder",
    );
    await expect(mocks.saveError).toContainText('bodyFile');
    await expect(mocks.unsaved).toBeVisible();

    await mocks.routeEditor.getByTestId('mock-body-file-path').fill(`${folder}/user.json`);
    await mocks.setLatency(40);
    await mocks.tab.getByTestId('mock-add-route').click();
    await mocks.routeEditor.getByTestId('mock-route-path').fill('/broken');
    await mocks.setFault('error', { status: 503, rate: 1 });
    await mocks.save();
    await expect(mocks.unsaved).toBeHidden();
    await expect(mocks.saveError).toBeHidden();
    await expect(mocks.routes).toHaveText(['GET/user', 'GET/broken']);

    const yaml = await mocks.yamlText();
    expect(yaml).toContain(`bodyFile: ${folder}/user.json`);
    expect(yaml).toContain('latency: 40');
    expect(yaml).toMatch(/fault:\s+type: error\s+rate: 1\s+status: 503/);
    await mocks.showForm();
    await mocks.routes.filter({ hasText: '/broken' }).click();
    await expect(mocks.routeEditor.getByTestId('mock-fault-status')).toHaveValue('503');

    await mocks.start();
    await expect(mocks.status).toHaveAttribute('data-state', 'running');
    const url = (await mocks.url.textContent())!.trim();
    const user = await fetch(`${url}/user`);
    expect(user.status).toBe(200);
    expect(await user.json()).toEqual({ from: 'the file' });
    expect((await fetch(`${url}/broken`)).status).toBe(503);
    await expect(mocks.logRow('/broken').getByTestId('mock-log-status')).toHaveText('503');
    await mocks.stop();
    await expect(mocks.status).toHaveAttribute('data-state', 'stopped');
    await mocks.deleteMock(name);
    await expect(mocks.item(name)).toHaveCount(0);
  } finally {
    rmSync(bodies, { recursive: true, force: true });
  }
});

test('a rule turned over with "not" and a valueless operator picks its response only when the header is absent', async ({
  app,
}) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  const name = `E2E not rule ${Date.now()}`;
  await mocks.create(name);
  await mocks.addRoute('GET', '/who', 'guest');
  const rules = mocks.routeEditor.getByTestId('mock-rules');
  await rules.getByRole('button', { name: 'Add a rule' }).click();
  await rules.getByLabel('Rule 1 target').selectOption('header');
  await rules.getByLabel('Rule 1 name').fill('x-user');
  await rules.getByLabel('Rule 1 negation').selectOption('not');
  await rules.getByLabel('Rule 1 operator').selectOption('exists');
  await expect(rules.getByLabel('Rule 1 value')).toBeDisabled();
  await mocks.routeEditor.getByRole('button', { name: 'Add a response' }).click();
  await mocks.routeEditor.getByTestId('mock-response-body').locator('.cm-content').fill('member');
  // a response without rules is never picked by rules: it answers as the default when none holds
  await mocks.routeEditor.getByLabel('Default (when no rule matches)').check();
  await mocks.save();
  await expect(mocks.unsaved).toBeHidden();
  expect(await mocks.yamlText()).toMatch(/target: header\s+name: x-user\s+not: true\s+op: exists/);
  await mocks.showForm();

  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();
  expect(await (await fetch(`${url}/who`)).text()).toBe('guest');
  expect(await (await fetch(`${url}/who`, { headers: { 'x-user': 'ann' } })).text()).toBe('member');
  await mocks.stop();
  await mocks.deleteMock(name);
});
