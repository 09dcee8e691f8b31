#!/usr/bin/env node
// Runs the Playwright suite against the built app. Chromium comes from Debian (`apt-get install -y chromium`);
// Playwright's own browser download cannot work offline, so we never use it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.BACKBENCH_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  const message =
    `End-to-end tests need Chromium at ${chromium} (Debian: apt-get install -y chromium; ` +
    'or set BACKBENCH_CHROMIUM to a Chromium/Chrome binary).';
  if (process.env.CI) {
    console.error(message);
    process.exit(1);
  }
  console.warn(`Skipping end-to-end tests. ${message}`);
  process.exit(0);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;

const built = run(process.execPath, [join(root, 'scripts/ensure-built.mjs')]);
if (built !== 0) process.exit(built);
process.exit(
  run(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]),
);
