/**
 * better-sqlite3 is a native module and Electron has its own ABI. Rather than rebuilding node_modules in place
 * (which would break tests, the CLI and the browser host), a copy is built for Electron in .electron-native/
 * and the desktop app loads it through better-sqlite3's `nativeBinding` option (BACKBENCH_SQLITE_BINDING).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** npm ships node-gyp; find it next to the npm running us, else a local install. */
function findNodeGyp(root) {
  const candidates = [];
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  );
  candidates.push(
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  candidates.push(join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((p) => existsSync(p)) ?? null;
}

function run(args, cwd, log) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) log(`  (${basename(args[0])} exited with ${result.status ?? result.signal})`);
  return result.status === 0;
}

/**
 * Returns the path of a better_sqlite3.node built for `electronVersion`, building it when missing: first a
 * prebuilt binary (prebuild-install, needs the internet), else a compile with node-gyp (needs the internet for
 * Electron's headers, Python and a C++ toolchain). Returns null when both fail.
 */
export function ensureElectronSqlite({ root, electronVersion, log }) {
  const sourceDir = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readJson(join(sourceDir, 'package.json')).version;
  const targetDir = join(root, '.electron-native', 'better-sqlite3');
  const binding = join(targetDir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = join(targetDir, '.backbench-target.json');
  const wanted = {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  };
  if (existsSync(binding) && existsSync(stamp) && JSON.stringify(readJson(stamp)) === JSON.stringify(wanted))
    return binding;

  log(`Preparing SQLite for Electron ${electronVersion} (one time)…`);
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(dirname(targetDir), { recursive: true });
  // the sources only: the Node build and any nested node_modules stay behind
  cpSync(sourceDir, targetDir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(sourceDir, src);
      return (
        rel !== 'build' &&
        !rel.startsWith(`build${sep}`) &&
        rel !== 'node_modules' &&
        !rel.startsWith(`node_modules${sep}`)
      );
    },
  });

  const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  const target = [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
    '--platform',
    process.platform,
  ];
  let ok = existsSync(prebuild) && run([prebuild, ...target], targetDir, log) && existsSync(binding);
  if (!ok) {
    const nodeGyp = findNodeGyp(root);
    if (nodeGyp) {
      log('No prebuilt binary; compiling better-sqlite3 for Electron (a few minutes)…');
      ok =
        run(
          [
            nodeGyp,
            'rebuild',
            '--release',
            `--target=${electronVersion}`,
            `--arch=${process.arch}`,
            '--dist-url=https://electronjs.org/headers',
            `--devdir=${join(homedir(), '.electron-gyp')}`,
          ],
          targetDir,
          log,
        ) && existsSync(binding);
    } else {
      log('node-gyp was not found (it ships with npm).');
    }
  }
  if (!ok) return null;
  writeFileSync(stamp, JSON.stringify(wanted));
  return binding;
}
