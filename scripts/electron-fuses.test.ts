import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { BACKBENCH_FUSES, fusedElectron, hasBackbenchFuses } from './electron-fuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse wire as Electron ships one: RunAsNode, NODE_OPTIONS and --inspect on, cookie encryption off. */
const SHIPPED_WIRE = '101100011';

/** A stand-in for an Electron distribution: a binary with a real fuse wire (sentinel, version 1, length, states). */
function fakeDist(root: string): { distDir: string; executable: string } {
  const distDir = join(root, 'node_modules', 'electron', 'dist');
  mkdirSync(join(distDir, 'resources'), { recursive: true });
  const executable = join(distDir, 'electron');
  const wire = Buffer.concat([
    Buffer.alloc(4096, 0x90),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, SHIPPED_WIRE.length]),
    Buffer.from(SHIPPED_WIRE, 'latin1'),
    Buffer.alloc(4096, 0x90),
  ]);
  writeFileSync(executable, wire);
  chmodSync(executable, 0o755);
  writeFileSync(join(distDir, 'resources', 'default_app.asar'), 'asar');
  return { distDir, executable };
}

function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from(SENTINEL, 'latin1')) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

describe('the Electron binary npm start runs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-fuses-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is a copy with RunAsNode, NODE_OPTIONS and --inspect off and cookie encryption on; the original is untouched', async () => {
    const { distDir, executable } = fakeDist(root);
    const logs: string[] = [];
    const fused = await fusedElectron({
      root,
      distDir,
      executable,
      electronVersion: '41.7.1',
      log: (l: string) => logs.push(l),
    });
    expect(fused).toBe(join(root, '.electron-fused', 'electron'));
    // positions: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect; the rest as shipped
    expect(wireOf(fused)).toBe('0100' + SHIPPED_WIRE.slice(4));
    expect(wireOf(executable)).toBe(SHIPPED_WIRE);
    expect(statSync(fused).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(root, '.electron-fused', 'resources', 'default_app.asar'), 'utf8')).toBe('asar');
    expect(await hasBackbenchFuses(fused)).toBe(true);
    expect(await hasBackbenchFuses(executable)).toBe(false);
    expect(logs).toHaveLength(1);
    expect(Object.keys(BACKBENCH_FUSES)).toHaveLength(4);
  });

  it('is made once, and again for another Electron version', async () => {
    const { distDir, executable } = fakeDist(root);
    const logs: string[] = [];
    const log = (l: string) => logs.push(l);
    await fusedElectron({ root, distDir, executable, electronVersion: '41.7.1', log });
    await fusedElectron({ root, distDir, executable, electronVersion: '41.7.1', log });
    expect(logs).toHaveLength(1);
    await fusedElectron({ root, distDir, executable, electronVersion: '41.8.0', log });
    expect(logs).toHaveLength(2);
  });

  it('fails loudly for a binary without a fuse wire', async () => {
    const { distDir, executable } = fakeDist(root);
    writeFileSync(executable, 'not electron');
    await expect(
      fusedElectron({ root, distDir, executable, electronVersion: '41.7.1', log: () => undefined }),
    ).rejects.toThrow(/sentinel/);
  });
});
