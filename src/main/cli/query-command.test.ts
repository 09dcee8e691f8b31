import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../core/services';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

async function run(env: Record<string, string>, ...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env,
    waitForStop: () => new Promise(() => {}),
    openUrl: () => {
      throw new Error('query never opens a browser');
    },
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('backbench query on SQLite files', () => {
  let root: string;
  let file: string;
  const bytes = Buffer.alloc(10_000, 7);
  const sql = 'select id, name, doc, photo, big, flag from items order by id';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-cli-sqlite-'));
    file = join(root, 'items.db');
    const db = new Database(file);
    db.exec('create table items (id integer primary key, name text, doc text, photo blob, big text, flag)');
    db.prepare('insert into items values (?, ?, ?, ?, ?, ?)').run(
      1,
      'Zoë "quoted", with\nbreak',
      '{"a":[1,2]}',
      bytes,
      '9007199254740993',
      1,
    );
    db.prepare('insert into items values (?, ?, ?, ?, ?, ?)').run(2, '', null, null, '-0.10', 0);
    db.close();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('needs no app database for a file: the data folder is not even created', async () => {
    const dataDir = join(root, 'never-created');
    const { code, out, err } = await run(
      { BACKBENCH_DATA_DIR: dataDir },
      'query',
      file,
      'select count(*) as n from items',
      '--format',
      'json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ n: 2 }]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('prints whole values in JSON: BLOBs past the grid preview, text that looks like a number', async () => {
    const { code, out } = await run({}, 'query', file, sql, '--format', 'json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { photo: { $base64: string } | null }[];
    expect(Buffer.from(rows[0]!.photo!.$base64, 'base64').equals(bytes)).toBe(true);
    expect(rows.map(({ photo: _photo, ...rest }) => rest)).toEqual([
      { id: 1, name: 'Zoë "quoted", with\nbreak', doc: '{"a":[1,2]}', big: '9007199254740993', flag: 1 },
      { id: 2, name: '', doc: null, big: '-0.10', flag: 0 },
    ]);
  });

  it('prints CSV and JSON exactly as query.export writes them', async () => {
    const dataDir = join(root, 'data');
    const finished = new Map<string, () => void>();
    const done = new Set<string>();
    const services = await createServices({
      host: 'test',
      dataDir,
      createSample: false,
      emit: (topic, payload) => {
        const event = payload as { exportId?: string; done?: boolean };
        if (topic !== 'export.progressed' || !event.done || !event.exportId) return;
        done.add(event.exportId);
        finished.get(event.exportId)?.();
      },
    });
    const whenExported = (exportId: string) =>
      done.has(exportId) ? Promise.resolve() : new Promise<void>((resolve) => finished.set(exportId, resolve));
    try {
      const { handlers } = services;
      const saved = await handlers.connections.create({ name: 'items', params: { engine: 'sqlite', file } });
      await handlers.connections.connect({ id: saved.id });
      for (const format of ['csv', 'json'] as const) {
        const started = await handlers.query.export({ exportId: randomUUID(), connectionId: saved.id, sql, format });
        await whenExported(started.exportId);
        const exported = readFileSync(started.path!, 'utf8');
        const printed = await run({}, 'query', file, sql, '--format', format);
        expect(printed.code).toBe(0);
        if (format === 'csv') expect(printed.out).toBe(exported);
        else expect(JSON.parse(printed.out)).toEqual(JSON.parse(exported));
      }
    } finally {
      await services.dispose();
    }
  });
});
