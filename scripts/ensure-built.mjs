#!/usr/bin/env node
/**
 * Builds the app (electron-vite build) when the build is missing or older than the sources, so `npm run web`,
 * `npm start` and `npx backbench` work straight after `npm install` and after a `git pull`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Whether any file under `path` (a file or a folder; tests aside) changed after `time`. This runs before every
 * `backbench` command, so it stops at the first newer file, stats files only (a folder's entries come typed
 * from readdir), and appends names rather than path.join them (normalizing each path cost more than the stats).
 */
function changedSince(path, time) {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    if (error.code !== 'ENOTDIR') return false;
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs > time;
  }
  for (const entry of entries) {
    const child = path + sep + entry.name;
    if (entry.isDirectory()) {
      if (changedSince(child, time)) return true;
    } else if (!/\.test\.tsx?$/.test(entry.name) && statSync(child, { throwIfNoEntry: false })?.mtimeMs > time) {
      return true;
    }
  }
  return false;
}

/**
 * Why a build is needed, or null when out/ is current. `mainOnly`: compare only the sources of out/main (main
 * process and shared code), for a command that runs nothing else (`backbench query`); the web app's sources
 * are checked, and rebuilt if newer, when a command that serves it runs.
 */
export function buildReason(root = repoRoot, { mainOnly = false } = {}) {
  const cli = join(root, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) return 'no build yet';
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) return 'the web app is not built';
  if (!existsSync(join(root, 'out', 'preload', 'index.cjs'))) return 'the preload is not built';
  const builtAt = statSync(cli).mtimeMs;
  const src = join(root, 'src');
  const sources = [
    ...(mainOnly ? [join(src, 'main'), join(src, 'shared')] : [src]),
    join(root, 'electron.vite.config.ts'),
  ];
  if (sources.some((p) => changedSince(p, builtAt))) return 'sources changed since the last build';
  return null;
}

/**
 * Runs the build when needed. Messages go to stderr so that stdout stays clean for commands like
 * `backbench query --format json`. Returns true when the build is (now) current.
 */
export function ensureBuilt({
  root = repoRoot,
  mainOnly = false,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const reason = buildReason(root, { mainOnly });
  if (reason === null) return true;
  const cliScript = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(cliScript)) {
    log(`Backbench is not built (${reason}) and electron-vite is missing: run npm install first.`);
    return false;
  }
  log(`Building Backbench (${reason})…`);
  // loaded only now: the check above runs before every command, a build seldom
  const { spawnSync } = createRequire(import.meta.url)('node:child_process');
  // quiet on success; the build's own output only when it fails
  const result = spawnSync(process.execPath, [cliScript, 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(
      `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`,
    );
    log('The build failed (see the messages above). Fix the error, or run npm run build to retry.');
    return false;
  }
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureBuilt() ? 0 : 1;
}
