import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { HttpRunnerPage } from './pages/http-runner.page';
import { hostRpc, randomSuffix } from './support/host-rpc';

let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    // /slow answers after a while, so a run of it is still under way when Cancel is pressed
    const delay = req.url?.startsWith('/slow') ? 400 : 5;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A collection of two requests with assertions, the second failing (it expects 201), and an environment. */
async function writeCollection(name: string, secondUrl: string) {
  const { path } = await hostRpc<{ path: string }>('http.createCollection', { name });
  await hostRpc('http.createRequest', {
    parent: path,
    request: {
      name: 'List users',
      method: 'GET',
      url: '{{base}}/users',
      assertions: [{ target: 'status', op: 'equals', value: 200 }],
    },
  });
  await hostRpc('http.createRequest', {
    parent: path,
    request: {
      name: 'Create user',
      method: 'GET',
      url: `{{base}}${secondUrl}`,
      assertions: [{ target: 'status', op: 'equals', value: 201 }],
    },
  });
  const env = await hostRpc<{ path: string }>('http.createEnvironment', { name: `${name} env` });
  await hostRpc('http.saveEnvironment', {
    path: env.path,
    environment: { name: `${name} env`, variables: [{ name: 'base', value: base }] },
  });
  return { path, env: env.path };
}

test('run the collection and see the report', async ({ app }, testInfo) => {
  const { path, env } = await writeCollection(`Runui shop ${randomSuffix()}`, '/users/new');
  const http = new HttpPage(app);
  const runner = new HttpRunnerPage(app);
  await http.open();
  await runner.runFromTree(path);

  await runner.field('run-environment').selectOption(env);
  // a data file's rows become the iterations (read by the core's CSV rules: the quoted comma stays in its value)
  await runner.field('run-data-file').setInputFiles({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,name\n1,"Ann, A."\n2,Bob\n3,Cy\n'),
  });
  await expect(runner.field('run-data-summary')).toHaveText('users.csv: 3 rows, columns id, name');
  await expect(runner.field('run-iterations')).toHaveValue('3');
  await runner.field('run-delay').fill('150');
  await runner.field('run-start').click();

  // live progress while it runs: n of N and the bar
  await expect(runner.field('run-progress-count')).toContainText('of 6 requests');
  await expect(runner.field('run-progress-bar')).toBeVisible();

  await expect(runner.report).toBeVisible({ timeout: 15_000 });
  await expect(runner.field('run-report-verdict')).toHaveText('Failed');
  await expect(runner.stat('requests')).toHaveText('6 of 6');
  await expect(runner.stat('passed')).toHaveText('3');
  await expect(runner.stat('failed')).toHaveText('3');
  await expect(runner.stat('p50')).toHaveText(/\d+ ms/);
  await expect(runner.stat('p95')).toHaveText(/\d+ ms/);
  await expect(runner.field('run-latency-chart')).toBeVisible();
  const checks = runner.field('run-report-check');
  await expect(checks.filter({ hasText: 'status equals 200' })).toContainText('3 passed, 0 failed');
  await expect(checks.filter({ hasText: 'status equals 201' })).toContainText('0 passed, 3 failed');
  // the finished requests list failures first
  await expect(runner.field('run-outcome').first()).toHaveAttribute('data-passed', 'false');
  await expect(runner.field('run-outcome')).toHaveCount(6);
  await app.screenshot({ path: testInfo.outputPath('run-report.png'), fullPage: true });

  const download = app.waitForEvent('download');
  await runner.field('run-export-junit').click();
  expect((await download).suggestedFilename()).toMatch(/-report\.xml$/);
});

test('Cancel stops a slow run and the report says so', async ({ app }, testInfo) => {
  const { path, env } = await writeCollection(`Runui slow ${randomSuffix()}`, '/slow');
  const http = new HttpPage(app);
  const runner = new HttpRunnerPage(app);
  await http.open();
  await runner.runFromTree(path);
  await runner.field('run-environment').selectOption(env);
  await runner.field('run-iterations').fill('50');
  await runner.field('run-start').click();
  await expect(runner.field('run-progress-count')).toContainText('of 100 requests');
  await expect(runner.field('run-outcome').first()).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('run-progress.png') });
  await runner.field('run-cancel').click();
  await expect(runner.field('run-report-verdict')).toHaveText('Failed — Cancelled', { timeout: 10_000 });
  await expect(runner.field('run-cancel')).toHaveCount(0);
  const finished = Number((await runner.field('run-progress-count').textContent())?.split(' ')[0]);
  expect(finished).toBeLessThan(100);
});
