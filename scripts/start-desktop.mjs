#!/usr/bin/env node
// `npm start`: build if needed, make sure the Electron binary and an Electron build of SQLite exist, launch a
// hardened copy of Electron (fuses set, see electron-fuses.mjs).
// `npm run dev` (--dev): the same checks, then `electron-vite dev` with hot reload and DevTools (BACKBENCH_DEV=1).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fusedElectron } from './electron-fuses.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';
import { ensureBuilt, repoRoot } from './ensure-built.mjs';

const devMode = process.argv[2] === '--dev';
const appArgs = process.argv.slice(devMode ? 3 : 2);

const log = (line) => process.stderr.write(`${line}\n`);
const require = createRequire(import.meta.url);

/** The Electron executable, or null when its download never happened (offline install, allowScripts). */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function fail(paragraph) {
  log('');
  log(paragraph);
  process.exit(1);
}

if (!devMode && !ensureBuilt()) process.exit(1);

let electron = electronBinary();
if (!electron) {
  log('Downloading the Electron desktop runtime (one time)…');
  const installer = join(repoRoot, 'node_modules', 'electron', 'install.js');
  let reason = 'the Electron package is missing: run npm install';
  if (existsSync(installer)) {
    // the installer's stack trace helps nobody; keep its first error line for the message
    const result = spawnSync(process.execPath, [installer], { cwd: repoRoot, encoding: 'utf8' });
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
    reason =
      output
        .split('\n')
        .find((line) => /error/i.test(line))
        ?.trim() ?? `the installer exited with ${result.status}`;
  }
  electron = electronBinary();
  if (!electron) {
    fail(
      `Backbench could not download the Electron desktop runtime (${reason}) — are you offline, or is github.com ` +
        'blocked? Once you are online, run "node node_modules/electron/install.js" and then "npm start" again ' +
        '(behind a proxy set ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY; ELECTRON_MIRROR selects a ' +
        'mirror). Meanwhile "npm run web" starts the same app in your browser, with no download.',
    );
  }
}

const electronVersion = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const binding = ensureElectronSqlite({ root: repoRoot, electronVersion, log });
if (!binding) {
  fail(
    `Backbench could not get a build of its SQLite module (better-sqlite3) for Electron ${electronVersion}: no ` +
      "prebuilt binary could be downloaded and compiling it failed (that needs the internet for Electron's " +
      'headers, Python 3 and a C++ toolchain: build-essential on Linux, Xcode Command Line Tools on macOS, ' +
      'Visual Studio Build Tools on Windows). Delete .electron-native/ and run "npm start" again to retry. ' +
      '"npm run web" starts the same app in your browser and needs none of this.',
  );
}

const env = { ...process.env, BACKBENCH_SQLITE_BINDING: binding };
// set by some tools; it would make the binary behave as plain Node
delete env.ELECTRON_RUN_AS_NODE;

/** Runs a child with our signals forwarded, and exits with its code. */
function runChild(command, args, childEnv, what) {
  const child = spawn(command, args, { stdio: 'inherit', env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => fail(`Backbench could not launch ${what}: ${error.message}`));
}

if (devMode) {
  // the unfused Electron of node_modules: DevTools and the inspector are what development needs
  const cli = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  runChild(process.execPath, [cli, 'dev', ...appArgs], { ...env, BACKBENCH_DEV: '1' }, 'electron-vite dev');
} else {
  // never development mode from npm start, whatever the shell has set (see src/main/electron/dev-mode.ts)
  delete env.BACKBENCH_DEV;
  delete env.ELECTRON_RENDERER_URL;
  let hardened;
  try {
    hardened = await fusedElectron({
      root: repoRoot,
      distDir: join(repoRoot, 'node_modules', 'electron', 'dist'),
      executable: electron,
      electronVersion,
      log,
    });
  } catch (error) {
    fail(
      `Backbench could not prepare a hardened copy of Electron in .electron-fused/ (${error.message}). Delete ` +
        'that folder and run "npm start" again; "npm run web" starts the same app in your browser meanwhile.',
    );
  }
  runChild(hardened, [repoRoot, ...appArgs], env, `Electron (${hardened})`);
}
