import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateWebToken } from './web-token';

describe('loadOrCreateWebToken', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-web-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 0600 token file once and returns the same token on the next start', () => {
    const first = loadOrCreateWebToken(join(dir, 'data'));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dir, 'data', 'web-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateWebToken(join(dir, 'data'))).toBe(first);
  });

  it('replaces a damaged token and tightens a too-open file', () => {
    const file = join(dir, 'web-token');
    writeFileSync(file, 'not a token');
    const fresh = loadOrCreateWebToken(dir);
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(fresh);
    chmodSync(file, 0o644);
    expect(loadOrCreateWebToken(dir)).toBe(fresh);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
