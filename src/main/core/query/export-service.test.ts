import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/events';
import { openAppDatabase, type AppDatabase } from '../app-db/app-database';
import { ConnectionManager } from '../connections/connection-manager';
import { ConnectionStore } from '../connections/connection-store';
import { openSession } from '../connections/open-session';
import { createMemoryLogger } from '../logging/logger';
import { FileKeySecretStore } from '../secrets/file-key-secret-store';
import { createServices } from '../services';
import type { DialogPort } from '../services-deps';
import { placeWithoutReplacing, pruneExports } from './export-folder';
import { ExportService, type ExportServiceDeps } from './export-service';

const STAMP = new Date('2024-02-03T04:05:06.007Z');
const DEFAULT_NAME = 'export-2024-02-03T04-05-06-007Z.csv';
const HOUR = 60 * 60_000;

let dir: string;
let app: AppDatabase;
let manager: ConnectionManager;
let sqliteId: string;
let events: EventPayload<'export.progressed'>[];
const services: ExportService[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-export-policy-'));
  app = await openAppDatabase({ dataDir: dir });
  const store = new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dir));
  manager = new ConnectionManager({ store, openSession });
  sqliteId = store.create({ name: 'db', params: { engine: 'sqlite', file: join(dir, 'db.sqlite'), create: true } }).id;
  events = [];
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await manager.dispose();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

function exporter(extra: Partial<ExportServiceDeps> = {}): ExportService {
  const service = new ExportService({
    manager,
    dataDir: dir,
    now: () => STAMP,
    emit: (topic, payload) => {
      if (topic === 'export.progressed') events.push(payload as EventPayload<'export.progressed'>);
    },
    ...extra,
  });
  services.push(service);
  return service;
}

/** A save dialog that answers what the test says, when it says. */
function dialogPort(): DialogPort & {
  asked: Parameters<DialogPort['pickPath']>[0][];
  answer(path: string | null): void;
} {
  const asked: Parameters<DialogPort['pickPath']>[0][] = [];
  const pending: ((path: string | null) => void)[] = [];
  const answers: (string | null)[] = [];
  return {
    asked,
    pickPath(options) {
      asked.push(options);
      if (answers.length > 0) return Promise.resolve(answers.shift()!);
      return new Promise((resolvePick) => pending.push(resolvePick));
    },
    answer(path) {
      const waiting = pending.shift();
      if (waiting) waiting(path);
      else answers.push(path);
    },
  };
}

const exportsDir = () => join(dir, 'exports');
const finalPath = (exportId: string) => events.find((e) => e.exportId === exportId && e.done)?.path;

describe('where exports go', () => {
  it('never replaces a file in the exports folder, and keeps the folder and files private', async () => {
    mkdirSync(exportsDir(), { mode: 0o755 });
    chmodSync(exportsDir(), 0o755);
    writeFileSync(join(exportsDir(), DEFAULT_NAME), 'precious');
    const service = exporter();
    const first = await service.start({ exportId: 'e1', connectionId: sqliteId, sql: 'SELECT 1 AS a', format: 'csv' });
    const second = await service.start({ exportId: 'e2', connectionId: sqliteId, sql: 'SELECT 2 AS a', format: 'csv' });
    await Promise.all([service.whenFinished('e1'), service.whenFinished('e2')]);
    expect(readFileSync(join(exportsDir(), DEFAULT_NAME), 'utf8')).toBe('precious');
    expect(first.path).toBe(join(exportsDir(), 'export-2024-02-03T04-05-06-007Z-2.csv'));
    expect(second.path).toBe(join(exportsDir(), 'export-2024-02-03T04-05-06-007Z-3.csv'));
    expect(readFileSync(finalPath('e1')!, 'utf8')).toBe('a\n1\n');
    expect(readFileSync(finalPath('e2')!, 'utf8')).toBe('a\n2\n');
    expect(statSync(exportsDir()).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(exportsDir()).filter((n) => n !== DEFAULT_NAME)) {
      expect(statSync(join(exportsDir(), name)).mode & 0o777, name).toBe(0o600);
    }
  });

  it('moves to the next name when the chosen one is taken while the export runs', async () => {
    const folder = join(dir, 'place');
    mkdirSync(folder);
    writeFileSync(join(folder, 'x.csv'), 'someone else');
    writeFileSync(join(folder, 'x-2.csv'), 'and another');
    writeFileSync(join(folder, 'temp.part'), 'ours');
    const placed = await placeWithoutReplacing(join(folder, 'temp.part'), folder, (n) =>
      n === 1 ? 'x.csv' : `x-${n}.csv`,
    );
    expect(placed).toBe(join(folder, 'x-3.csv'));
    expect(readFileSync(join(folder, 'x.csv'), 'utf8')).toBe('someone else');
    expect(readFileSync(join(folder, 'x-2.csv'), 'utf8')).toBe('and another');
    expect(readFileSync(placed, 'utf8')).toBe('ours');
    expect(existsSync(join(folder, 'temp.part'))).toBe(false);
  });

  it('ignores a path sent by the caller: the contract has none, nothing is written there', async () => {
    const target = join(dir, 'home', '.bashrc');
    mkdirSync(join(dir, 'home'));
    writeFileSync(target, 'original');
    const core = await createServices({ host: 'test', dataDir: join(dir, 'data'), createSample: true });
    try {
      const info = await core.dispatch({ method: 'app.info', input: {} });
      const sampleId = (info as { value: { sampleConnectionId: string } }).value.sampleConnectionId;
      for (const path of [target, '../../home/.bashrc']) {
        const reply = await core.dispatch({
          method: 'query.export',
          input: { exportId: randomUUID(), connectionId: sampleId, sql: 'SELECT 1 AS x', format: 'csv', path },
        });
        expect(reply.ok).toBe(true);
        const written = (reply as { value: { path: string } }).value.path;
        expect(written.startsWith(join(dir, 'data', 'exports'))).toBe(true);
      }
      expect(readFileSync(target, 'utf8')).toBe('original');
    } finally {
      await core.dispose();
    }
  });

  it('saves where the user picked in the native save dialog (desktop), or nowhere when it is closed', async () => {
    const dialogs = dialogPort();
    const service = exporter({ dialogs });
    const chosen = join(dir, 'Documents', 'customers.json');
    mkdirSync(join(dir, 'Documents'));
    writeFileSync(chosen, 'the dialog asked the user before replacing this');
    dialogs.answer(chosen);
    const saved = await service.start({
      exportId: 'picked',
      connectionId: sqliteId,
      sql: 'SELECT 1 AS a',
      format: 'json',
      saveAs: true,
    });
    expect(saved.path).toBe(chosen);
    await service.whenFinished('picked');
    expect(JSON.parse(readFileSync(chosen, 'utf8'))).toEqual([{ a: 1 }]);
    expect(dialogs.asked[0]).toMatchObject({
      mode: 'save',
      defaultPath: 'export-2024-02-03T04-05-06-007Z.json',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    expect(readdirSync(join(dir, 'Documents'))).toEqual(['customers.json']);

    dialogs.answer(null);
    const closed = await service.start({
      exportId: 'closed',
      connectionId: sqliteId,
      sql: 'SELECT 1',
      format: 'csv',
      saveAs: true,
    });
    expect(closed).toEqual({ exportId: 'closed', path: null });
    expect(service.status({ exportIds: ['closed'] })[0]).toMatchObject({ state: 'cancelled', path: null });
    expect(existsSync(exportsDir())).toBe(false);
  });

  it('refuses saveAs where there is no native dialog (browser host)', async () => {
    const service = exporter();
    await expect(
      service.start({ exportId: 'x', connectionId: sqliteId, sql: 'SELECT 1', format: 'csv', saveAs: true }),
    ).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('can be cancelled by its id before the call returns (while the save dialog is open)', async () => {
    const dialogs = dialogPort();
    const service = exporter({ dialogs });
    const started = service.start({
      exportId: 'early',
      connectionId: sqliteId,
      sql: 'SELECT 1',
      format: 'csv',
      saveAs: true,
    });
    while (dialogs.asked.length === 0) await new Promise((resolveTick) => setImmediate(resolveTick));
    expect(service.status({ exportIds: ['early'] })[0]!.state).toBe('running');
    expect(service.cancel({ exportId: 'early' })).toEqual({ cancelled: true });
    dialogs.answer(join(dir, 'late.csv'));
    await expect(started).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(service.status({ exportIds: ['early'] })[0]!.state).toBe('cancelled');
    expect(existsSync(join(dir, 'late.csv'))).toBe(false);
  });
});

describe('exports folder cleanup', () => {
  const aged = (path: string, hoursAgo: number) => {
    const at = (STAMP.getTime() - hoursAgo * HOUR) / 1000;
    utimesSync(path, at, at);
  };

  it('removes files older than a day and the oldest beyond the size cap, never the newest', async () => {
    const folder = join(dir, 'prune');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    const file = (name: string, bytes: number, hoursAgo: number) => {
      writeFileSync(join(folder, name), Buffer.alloc(bytes));
      aged(join(folder, name), hoursAgo);
    };
    file('old.csv', 10, 25);
    file('crashed.csv.part', 10, 30);
    file('writing.csv.part', 5000, 1);
    file('a.csv', 400, 5);
    file('b.csv', 400, 4);
    file('c.csv', 400, 3);
    file('kept-by-caller.csv', 10, 48);
    writeFileSync(join(dir, 'outside.csv'), 'x');
    aged(join(dir, 'outside.csv'), 100);
    symlinkSync(join(dir, 'outside.csv'), join(folder, 'link.csv'));
    const removed = await pruneExports(folder, {
      now: STAMP.getTime(),
      maxBytes: 900,
      keep: new Set(['kept-by-caller.csv']),
    });
    expect(removed.sort()).toEqual(['a.csv', 'crashed.csv.part', 'old.csv']);
    expect(readdirSync(folder).sort()).toEqual([
      'b.csv',
      'c.csv',
      'kept-by-caller.csv',
      'link.csv',
      'sub',
      'writing.csv.part',
    ]);
    expect(existsSync(join(dir, 'outside.csv'))).toBe(true);
    // one file bigger than the cap stays: it is the newest
    const keep = new Set(['kept-by-caller.csv']);
    expect(await pruneExports(folder, { now: STAMP.getTime(), maxBytes: 1, keep })).toEqual(['b.csv']);
  });

  it('prunes after each export, leaving the new file', async () => {
    mkdirSync(exportsDir());
    writeFileSync(join(exportsDir(), 'yesterday.csv'), 'old');
    aged(join(exportsDir(), 'yesterday.csv'), 30);
    writeFileSync(join(exportsDir(), 'today.csv'), 'x'.repeat(100));
    aged(join(exportsDir(), 'today.csv'), 1);
    const logger = createMemoryLogger();
    const service = exporter({ folderLimits: { maxBytes: 50 }, logger });
    await service.start({ exportId: 'p', connectionId: sqliteId, sql: 'SELECT 1 AS a', format: 'csv' });
    await service.whenFinished('p');
    expect(readdirSync(exportsDir())).toEqual([DEFAULT_NAME]);
    expect(logger.lines.some((l) => l.message === 'Old exports removed')).toBe(true);
  });

  it('prunes what earlier runs left when the app starts', async () => {
    const dataDir = join(dir, 'data-start');
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    const old = join(dataDir, 'exports', 'export-old.csv');
    writeFileSync(old, 'x');
    const at = (Date.now() - 25 * HOUR) / 1000;
    utimesSync(old, at, at);
    const fresh = join(dataDir, 'exports', 'export-fresh.csv');
    writeFileSync(fresh, 'y');
    const core = await createServices({ host: 'test', dataDir, createSample: false });
    try {
      while (existsSync(old)) await new Promise((resolveTick) => setTimeout(resolveTick, 10));
      expect(existsSync(fresh)).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
