import { expect, test } from './fixtures';
import { HttpPage } from './pages/http.page';
import { HttpRunnerPage } from './pages/http-runner.page';
import { randomSuffix } from './support/host-rpc';
import { startEchoServer, writeRunCollection, type EchoServer } from './support/run-collection';

let server: EchoServer;

// /slow answers after a while, so a run of it is still under way across a reload
test.beforeAll(async () => {
  server = await startEchoServer({ slowMs: 300 });
});
test.afterAll(() => server.close());

/** A collection of one request asserting 200, and an environment pointing at the local server. */
function writeCollection(name: string, url: string) {
  return writeRunCollection({ name, base: server.base, requests: [{ name: 'Ping', url, status: 200 }] });
}

test('a finished run report is still there after a reload, with earlier runs to pick', async ({ app }) => {
  const { path, env } = await writeCollection(`Reload shop ${randomSuffix()}`, '/users');
  const http = new HttpPage(app);
  const runner = new HttpRunnerPage(app);
  await http.open();
  await runner.runFromTree(path);
  await runner.field('run-environment').selectOption(env);
  await runner.field('run-iterations').fill('2');
  await runner.field('run-start').click();
  await expect(runner.field('run-report-verdict')).toHaveText('Passed');
  // a second run, with three iterations: the picker lists both, the newest first
  await runner.field('run-again').click();
  await runner.field('run-iterations').fill('3');
  await runner.field('run-start').click();
  await expect(runner.stat('requests')).toHaveText('3 of 3');

  await app.reload();
  await expect(runner.report).toBeVisible();
  await expect(runner.field('run-report-verdict')).toHaveText('Passed');
  await expect(runner.stat('requests')).toHaveText('3 of 3');
  const picker = runner.field('run-history');
  await expect(picker.locator('option')).toHaveCount(2);
  await expect(picker.locator('option').first()).toContainText('3 requests');
  await app.screenshot({ path: '/tmp/httpgaps-run-reloaded.png', fullPage: true });

  // the earlier run's report
  const older = await picker.locator('option').nth(1).getAttribute('value');
  await picker.selectOption(older!);
  await expect(runner.stat('requests')).toHaveText('2 of 2');
});

test('a run still under way is re-attached after a reload: progress keeps coming, Cancel works', async ({ app }) => {
  const { path, env } = await writeCollection(`Reload slow ${randomSuffix()}`, '/slow');
  const http = new HttpPage(app);
  const runner = new HttpRunnerPage(app);
  await http.open();
  await runner.runFromTree(path);
  await runner.field('run-environment').selectOption(env);
  await runner.field('run-iterations').fill('200');
  await runner.field('run-start').click();
  await expect(runner.field('run-outcome').first()).toBeVisible();

  await app.reload();
  await expect(runner.field('run-cancel')).toBeVisible();
  const count = runner.field('run-progress-count');
  const first = Number((await count.textContent())?.split(' ')[0]);
  // more requests finish after the reload: the tab follows the run
  await expect(async () => {
    expect(Number((await count.textContent())?.split(' ')[0])).toBeGreaterThan(first);
  }).toPass();
  await app.screenshot({ path: '/tmp/httpgaps-run-reattached.png', fullPage: true });
  await runner.field('run-cancel').click();
  await expect(runner.field('run-report-verdict')).toHaveText('Failed — Cancelled');
});
