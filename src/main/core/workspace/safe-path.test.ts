import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInside, resolveInsideReal } from './safe-path';

let base: string;
let root: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'bb-safe-'));
  root = join(base, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.sql'), 'x');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const outside = expect.objectContaining({ code: 'PATH_OUTSIDE_ROOT' });

describe('safe-path', () => {
  it('resolves relative paths inside the root', async () => {
    expect(resolveInside(root, 'a.sql')).toBe(join(root, 'a.sql'));
    expect(resolveInside(root, 'sub/b.sql')).toBe(join(root, 'sub', 'b.sql'));
    expect(resolveInside(root, './sub//c.sql')).toBe(join(root, 'sub', 'c.sql'));
    await expect(resolveInsideReal(root, 'new/deep/d.sql')).resolves.toBe(join(root, 'new', 'deep', 'd.sql'));
  });

  it('rejects "..", absolute paths, NUL and the root itself', () => {
    for (const bad of [
      '../x.sql',
      'sub/../../x.sql',
      'sub/..',
      '..\\x.sql',
      '/etc/passwd',
      'C:\\x.sql',
      '\\\\server\\x.sql',
      'a\0.sql',
      '.',
      '',
    ]) {
      expect(() => resolveInside(root, bad), bad).toThrow(outside);
    }
  });

  it.runIf(process.platform !== 'win32')('rejects symlinks that lead outside the root', async () => {
    symlinkSync(join(base, 'outside'), join(root, 'link'));
    symlinkSync(join(base, 'outside', 'secret.sql'), join(root, 'file-link.sql'));
    await expect(resolveInsideReal(root, 'link/secret.sql')).rejects.toThrow(outside);
    await expect(resolveInsideReal(root, 'link/new.sql')).rejects.toThrow(outside);
    await expect(resolveInsideReal(root, 'file-link.sql')).rejects.toThrow(outside);
    // a symlink that stays inside is fine
    symlinkSync(join(root, 'sub'), join(root, 'inner'));
    await expect(resolveInsideReal(root, 'inner/x.sql')).resolves.toBe(join(root, 'inner', 'x.sql'));
  });
});
