import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { HttpRunnerPage } from './pages/http-runner.page';
import { randomSuffix } from './support/host-rpc';
import { startEchoServer, writeRunCollection, type EchoServer } from './support/run-collection';

let server: EchoServer;

// /slow answers after a while, so a run of it is still under way when Cancel is pressed
test.beforeAll(async () => {
  server = await startEchoServer({ slowMs: 400 });
});
test.afterAll(() => server.close());

/** A collection of two requests with assertions, the second failing (it expects 201), and an environment. */
function writeCollection(name: string, secondUrl: string) {
  return writeRunCollection({
    name,
    base: server.base,
    requests: [
      { name: 'List users', url: '/users', status: 200 },
      { name: 'Create user', url: secondUrl, status: 201 },
    ],
  });
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
