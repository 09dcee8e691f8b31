import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { waitFor } from '../connections/test-databases';
import { createServices } from '../services';

const ROWS = 50_000;
let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('data.apply when the host dies', () => {
  it('leaves an SQLite table unchanged or fully changed, and the draft restores the staged edits', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-crash-'));
    const file = join(dir, 'items.db');
    const seed = new Database(file);
    seed.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    seed
      .prepare(
        `INSERT INTO items (v) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS}) SELECT 'original' FROM s`,
      )
      .run();
    seed.close();

    const dataDir = join(dir, 'data');
    const host = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'data-crash-host.ts'), dataDir, file, String(ROWS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<void>((resolve) => host.on('exit', () => resolve()));
    await waitFor(() => out.includes('draft '), 'the host to save its draft', 60_000);
    // the rollback journal appears with the transaction's first write: the apply is under way
    await waitFor(() => existsSync(`${file}-journal`) || out.includes('applied'), 'the apply to start writing', 60_000);
    const midway = !out.includes('applied');
    host.kill('SIGKILL');
    await exited;

    const db = new Database(file);
    db.pragma('busy_timeout = 10000');
    const counts = db.prepare('SELECT v, COUNT(*) AS n FROM items GROUP BY v').all() as { v: string; n: number }[];
    db.close();
    expect(counts.length).toBe(1);
    expect(counts[0]!.n).toBe(ROWS);
    if (midway) expect(counts[0]!.v).toBe('original');

    const services = await createServices({ host: 'test', dataDir, createSample: false });
    try {
      const client = createClient(createMemoryTransport(services.dispatch));
      const connectionId = /draft (\S+)/.exec(out)![1]!;
      expect(await client.data.drafts({})).toMatchObject([{ connectionId, table: 'items', changes: ROWS }]);
      const draft = await client.data.loadDraft({ connectionId, schema: null, table: 'items' });
      expect(draft?.changes).toHaveLength(ROWS);
      expect(draft?.changes[ROWS - 1]).toEqual({ kind: 'update', key: { id: ROWS }, values: { v: 'changed' } });
    } finally {
      await services.dispose();
    }
  }, 120_000);
});
