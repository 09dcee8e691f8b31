import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
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
});
