import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SavedQueries } from './saved-queries';

let dir: string;
let queries: SavedQueries;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-queries-'));
  queries = new SavedQueries(join(dir, 'workspace'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SavedQueries', () => {
  it('saves atomically, lists recursively with forward slashes, reads and deletes', async () => {
    expect(await queries.list()).toEqual([]);
    const saved = await queries.save('reports/monthly/top.sql', 'SELECT 1;\n');
    expect(saved).toMatchObject({ path: 'reports/monthly/top.sql', name: 'top', sizeBytes: 10 });
    await queries.save('a.sql', 'SELECT 2');
    await queries.save('a.sql', 'SELECT 3');
    writeFileSync(join(queries.root, 'notes.txt'), 'ignored');
    expect((await queries.list()).map((q) => q.path)).toEqual(['a.sql', 'reports/monthly/top.sql']);
    expect(await queries.read('a.sql')).toEqual({ path: 'a.sql', sql: 'SELECT 3' });
    // no temp files left behind
    expect(readdirSync(queries.root).sort()).toEqual(['a.sql', 'notes.txt', 'reports']);
    expect(await queries.delete('a.sql')).toBe(true);
    expect(await queries.delete('a.sql')).toBe(false);
    expect(existsSync(join(queries.root, 'a.sql'))).toBe(false);
  });

  it('reports a missing file as NOT_FOUND and escaping paths as PATH_OUTSIDE_ROOT', async () => {
    await expect(queries.read('missing.sql')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(queries.save('../evil.sql', 'x')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(queries.read('/etc/passwd.sql')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(queries.delete('x/../../y.sql')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    expect(existsSync(join(dir, 'workspace', 'evil.sql'))).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('does not follow a symlink out of the folder', async () => {
    await queries.list();
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(queries.root, 'out'));
    await expect(queries.save('out/x.sql', 'x')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
    expect(await queries.list()).toEqual([]);
  });

  it('rejects Windows-style, drive, UNC and NUL paths before touching the disk', async () => {
    for (const path of [
      '..\\evil.sql',
      'a\\..\\..\\evil.sql',
      'C:\\evil.sql',
      '\\\\server\\share\\evil.sql',
      'a\0.sql',
      '/abs.sql',
    ]) {
      await expect(queries.save(path, 'x'), path).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    }
    expect(readdirSync(dir).filter((name) => name.includes('evil'))).toEqual([]);
  });

  it('saves names up to the file-system limit and reports longer ones as INVALID_INPUT, leaving no temp file', async () => {
    const longest = `${'q'.repeat(251)}.sql`; // 255 bytes: the temp file must not need more
    expect(await queries.save(longest, 'SELECT 1')).toMatchObject({ path: longest });
    const error = await queries.save(`${'q'.repeat(300)}.sql`, 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).toMatch(/too long/);
    expect(readdirSync(queries.root)).toEqual([longest]);
    await expect(queries.read(`${'q'.repeat(300)}.sql`)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports a name that clashes with a folder or a file as INVALID_INPUT', async () => {
    await queries.save('a.sql', 'x');
    mkdirSync(join(queries.root, 'dir.sql'));
    await expect(queries.save('a.sql/b.sql', 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(queries.read('dir.sql')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps names case-sensitive where the file system is', async () => {
    await queries.save('Report.SQL', 'upper');
    expect(await queries.read('Report.SQL')).toEqual({ path: 'Report.SQL', sql: 'upper' });
    expect((await queries.list()).map((q) => q.name)).toEqual(['Report']);
  });

  it.runIf(process.platform !== 'win32')(
    'does not read or write through a symlinked file that leads out; replaces a dangling one',
    async () => {
      await queries.list();
      const outside = join(dir, 'secret.sql');
      writeFileSync(outside, 'outside');
      symlinkSync(outside, join(queries.root, 'link.sql'));
      await expect(queries.read('link.sql')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
      await expect(queries.save('link.sql', 'overwritten')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
      await expect(queries.delete('link.sql')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
      expect(readFileSync(outside, 'utf8')).toBe('outside');
      // a dangling link is replaced by the saved file (rename does not follow it), so nothing is written outside
      const target = join(dir, 'not-yet.sql');
      symlinkSync(target, join(queries.root, 'dangling.sql'));
      await queries.save('dangling.sql', 'inside');
      expect(existsSync(target)).toBe(false);
      expect(await queries.read('dangling.sql')).toMatchObject({ sql: 'inside' });
    },
  );
});
