/**
 * Electron fuses: switches compiled into the Electron binary that turn off ways of running it as something else.
 * `npm start` runs a copy of the downloaded Electron (in .electron-fused/) with them set, so that nobody can use
 * the app's binary as a plain Node (RunAsNode), inject code through NODE_OPTIONS, or attach a debugger with
 * --inspect. The copy leaves node_modules/electron untouched for `npm run dev` and Playwright, which need the
 * inspector. Two more fuses — EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar — need the app
 * packaged into an asar archive with its integrity hash, so they are left for a packaged build.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** The fuses set on the binary `npm start` runs (true = on). */
export const BACKBENCH_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
};

const STAMP = '.backbench-fuses.json';

/** '0'/'1' as stored in the fuse wire. */
const ON = 49;
const OFF = 48;

/** True when the binary's fuse wire already has every fuse of BACKBENCH_FUSES set as wanted. */
export async function hasBackbenchFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  return Object.entries(BACKBENCH_FUSES).every(([index, on]) => wire[index] === (on ? ON : OFF));
}

/**
 * Returns the executable of a fused copy of the Electron distribution in `distDir`, making the copy when it is
 * missing or was made for another Electron version. Throws when the fuses cannot be set.
 */
export async function fusedElectron({ root, distDir, executable, electronVersion, log }) {
  const targetDir = join(root, '.electron-fused');
  const target = join(targetDir, relative(distDir, executable));
  const wanted = JSON.stringify({ electron: electronVersion, fuses: BACKBENCH_FUSES });
  const stampFile = join(targetDir, STAMP);
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) {
    if (await hasBackbenchFuses(target)) return target;
  }
  log('Preparing a hardened copy of the Electron runtime (one time)…');
  rmSync(targetDir, { recursive: true, force: true });
  cpSync(distDir, targetDir, { recursive: true, verbatimSymlinks: true });
  await flipFuses(target, {
    version: FuseVersion.V1,
    // on Apple silicon a modified binary must be signed again (ad hoc) or macOS refuses to run it
    resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64',
    ...BACKBENCH_FUSES,
  });
  if (!(await hasBackbenchFuses(target))) throw new Error('the fuses did not take');
  writeFileSync(stampFile, wanted);
  return target;
}
