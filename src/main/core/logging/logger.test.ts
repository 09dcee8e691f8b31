import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, errorFields, logDir } from './logger';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('file logger', () => {
  it('writes JSON lines with the stack of an error to a user-only file, and never a password', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bb-log-'));
    dirs.push(dataDir);
    const logger = await createFileLogger({ dataDir });
    const child = logger.child({ module: 'query' });
    child.error({ ...errorFields(new Error('boom')), method: 'query.run' }, 'Unexpected error in a procedure');
    child.info({ params: { host: 'db', password: 'hunter2' }, password: 'hunter2' }, 'connecting');
    await logger.flush();
    const dir = logDir(dataDir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files).toHaveLength(1);
    const file = join(dir, files[0]!);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('hunter2');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ module: 'query', method: 'query.run', msg: 'Unexpected error in a procedure' });
    expect((lines[0]!.err as { stack: string }).stack).toContain('logger.test.ts');
    expect(lines[1]).toMatchObject({ msg: 'connecting', params: { host: 'db', password: '[redacted]' } });
  });
});
