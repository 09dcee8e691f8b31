import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReason } from './ensure-built.mjs';

describe('buildReason (the check before every backbench command)', () => {
  let root: string;
  const builtAt = new Date('2026-01-02T00:00:00Z');
  const before = new Date('2026-01-01T00:00:00Z');
  const after = new Date('2026-01-03T00:00:00Z');

  function file(path: string, time: Date): void {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, time, time);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-ensure-built-'));
    file('out/main/cli.js', builtAt);
    file('out/renderer/index.html', builtAt);
    file('out/preload/index.cjs', builtAt);
    file('electron.vite.config.ts', before);
    file('src/main/cli/main.ts', before);
    file('src/renderer/src/app/deep/nested/view.tsx', before);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is null while every source is older than the build', () => {
    expect(buildReason(root)).toBeNull();
  });

  it('notices one changed file however deep, and the build config', () => {
    file('src/renderer/src/app/deep/nested/view.tsx', after);
    expect(buildReason(root)).toBe('sources changed since the last build');
    file('src/renderer/src/app/deep/nested/view.tsx', before);
    file('electron.vite.config.ts', after);
    expect(buildReason(root)).toBe('sources changed since the last build');
  });

  it('notices a new source file, and ignores tests', () => {
    file('src/main/cli/main.test.ts', after);
    file('src/renderer/src/app/view.test.tsx', after);
    expect(buildReason(root)).toBeNull();
    file('src/main/cli/new-command.ts', after);
    expect(buildReason(root)).toBe('sources changed since the last build');
  });

  it('with mainOnly (backbench query), looks only at the sources of out/main', () => {
    file('src/renderer/src/app/deep/nested/view.tsx', after);
    file('src/preload/index.ts', after);
    expect(buildReason(root, { mainOnly: true })).toBeNull();
    file('src/shared/contract/query.contract.ts', after);
    expect(buildReason(root, { mainOnly: true })).toBe('sources changed since the last build');
    file('src/shared/contract/query.contract.ts', before);
    file('src/main/cli/main.ts', after);
    expect(buildReason(root, { mainOnly: true })).toBe('sources changed since the last build');
    file('src/main/cli/main.ts', before);
    file('electron.vite.config.ts', after);
    expect(buildReason(root, { mainOnly: true })).toBe('sources changed since the last build');
  });

  it('says what is missing from the build', () => {
    rmSync(join(root, 'out/preload/index.cjs'));
    expect(buildReason(root)).toBe('the preload is not built');
    rmSync(join(root, 'out/renderer/index.html'));
    expect(buildReason(root)).toBe('the web app is not built');
    rmSync(join(root, 'out/main/cli.js'));
    expect(buildReason(root)).toBe('no build yet');
  });
});
