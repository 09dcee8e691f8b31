import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';

/**
 * e2e: the `chromium` project drives the browser host (`backbench web`) in Debian Chromium. The `electron`
 * project runs the same specs against the desktop app where an Electron binary exists (e2e/electron.setup.ts
 * says clearly when it is skipped).
 */
const PORT = Number(process.env.BACKBENCH_E2E_PORT ?? 4791);
const TOKEN = process.env.BACKBENCH_E2E_TOKEN ?? 'e2e-token-0123456789abcdef0123456789abcdef';
const DATA_DIR = process.env.BACKBENCH_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'backbench-e2e-'));
process.env.BACKBENCH_E2E_DATA_DIR = DATA_DIR;

const launchOptions = chromiumLaunchOptions;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  // no retries, in CI either: a flaky test is a bug to fix, not to hide
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node bin/backbench.mjs web --no-open --port ${PORT} --data-dir "${DATA_DIR}"`,
    // readiness only: /health answers 200 without a session and says nothing else
    url: `http://127.0.0.1:${PORT}/health`,
    // a start token that works any number of times: every test signs in through the real start-link flow
    env: { BACKBENCH_TOKEN: TOKEN },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', launchOptions } },
    // the same specs against the desktop app; the `app` fixture skips them where no Electron binary exists
    // (Playwright still starts its page fixture, hence the same launch options)
    { name: 'electron', use: { browserName: 'chromium', launchOptions }, metadata: { host: 'electron' } },
  ],
});
