import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { EventPayload } from '../../../shared/events';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { waitFor } from '../connections/test-databases';
import { createServices, type Services } from '../services';
import type { DialogPort } from '../services-deps';
import { saveUpload } from './upload-store';

/** transfer.* through the dispatcher: uploads and chosen files, preview, import with progress, cancel. */

let dir: string;
let services: Services | null = null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-import-service-'));
});
afterEach(async () => {
  await services?.dispose();
  services = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function harness(dialogs?: DialogPort) {
  const progress: EventPayload<'import.progressed'>[] = [];
  const dataDir = mkdtempSync(join(dir, 'data-'));
  services = await createServices({
    host: 'test',
    dataDir,
    createSample: false,
    dialogs,
    emit: (topic, payload) => {
      if (topic === 'import.progressed') progress.push(payload as EventPayload<'import.progressed'>);
    },
  });
  const client: Client = createClient(createMemoryTransport(services.dispatch));
  const db = join(dataDir, 'target.db');
  const { id } = await client.connections.create({
    name: 'target',
    params: { engine: 'sqlite', file: db, create: true },
  });
  return { client, connectionId: id, dataDir, progress };
}

const rows = (n: number) =>
  `id,name,price\n${Array.from({ length: n }, (_, i) => `${i + 1},item ${i + 1},${i}.5`).join('\n')}\n`;

describe('transfer.* through the dispatcher', () => {
  it('previews an upload, imports it with progress into a new table, and reports done', async () => {
    const h = await harness();
    const { fileId } = await saveUpload(h.dataDir, 'items.csv', Readable.from([Buffer.from(rows(12_000))]));
    const preview = await h.client.transfer.preview({ fileId, limit: 3, engine: 'postgres' });
    expect(preview).toMatchObject({
      format: 'csv',
      columns: [
        { name: 'id', kind: 'integer', sqlType: 'integer' },
        { name: 'name', kind: 'text', sqlType: 'text' },
        { name: 'price', kind: 'decimal', sqlType: 'numeric' },
      ],
      rows: [
        ['1', 'item 1', '0.5'],
        ['2', 'item 2', '1.5'],
        ['3', 'item 3', '2.5'],
      ],
      lines: [2, 3, 4],
      complete: false,
    });
    await h.client.transfer.import({
      importId: 'imp-1',
      connectionId: h.connectionId,
      fileId,
      table: 'items',
      create: true,
      columnTypes: { price: 'TEXT' },
    });
    await waitFor(() => h.progress.some((p) => p.importId === 'imp-1' && p.done), 'the import to finish');
    expect(h.progress.filter((p) => !p.done).map((p) => p.rowsImported)).toEqual([5000, 10_000, 12_000]);
    expect(h.progress.at(-1)).toEqual({ importId: 'imp-1', rowsImported: 12_000, done: true });
    expect(await h.client.transfer.importStatus({ importIds: ['imp-1', 'nope'] })).toEqual([
      { importId: 'imp-1', state: 'done', rowsImported: 12_000, created: true },
      { importId: 'nope', state: 'unknown', rowsImported: 0, created: false },
    ]);
    const result = await h.client.query.run({
      connectionId: h.connectionId,
      sql: "select count(*), typeof(price), max(id) from items where price = '11999.5'",
      runId: 'r1',
      pageSize: 10,
    });
    expect(result).toMatchObject({ kind: 'rows', rows: [[1, 'text', 12_000]] });
  });

  it('reports a bad line as the import failing, with line and column, and writes nothing', async () => {
    const h = await harness();
    const { fileId } = await saveUpload(h.dataDir, 'bad.csv', Readable.from([Buffer.from('id,name\n1,a\nx,b\n')]));
    await h.client.query.run({
      connectionId: h.connectionId,
      sql: 'create table t (id integer, name text)',
      runId: 'c',
      pageSize: 1,
    });
    await h.client.transfer.import({ importId: 'imp-bad', connectionId: h.connectionId, fileId, table: 't' });
    await waitFor(() => h.progress.some((p) => p.importId === 'imp-bad' && p.done), 'the import to finish');
    expect(h.progress.at(-1)).toEqual({
      importId: 'imp-bad',
      rowsImported: 0,
      done: true,
      error: {
        code: 'INVALID_INPUT',
        message: 'The import failed: bad.csv line 3, column "id": "x" is not a whole number.',
      },
    });
    const count = await h.client.query.run({
      connectionId: h.connectionId,
      sql: 'select count(*) from t',
      runId: 'n',
      pageSize: 1,
    });
    expect(count).toMatchObject({ rows: [[0]] });
  });

  it('cancels a running import: nothing written, the created table gone', async () => {
    const h = await harness();
    const { fileId } = await saveUpload(h.dataDir, 'many.csv', Readable.from([Buffer.from(rows(50_000))]));
    await h.client.transfer.import({
      importId: 'imp-c',
      connectionId: h.connectionId,
      fileId,
      table: 'many',
      create: true,
    });
    // the import runs until its last row is written, so it is running now (transfer.import returned when it began)
    expect(await h.client.transfer.cancelImport({ importId: 'imp-c' })).toEqual({ cancelled: true });
    await waitFor(() => h.progress.some((p) => p.importId === 'imp-c' && p.done), 'the import to end');
    expect(h.progress.at(-1)).toEqual({ importId: 'imp-c', rowsImported: 0, done: true, cancelled: true });
    expect(await h.client.transfer.importStatus({ importIds: ['imp-c'] })).toMatchObject([{ state: 'cancelled' }]);
    expect(await h.client.transfer.cancelImport({ importId: 'imp-c' })).toEqual({ cancelled: false });
    const tables = await h.client.query.run({
      connectionId: h.connectionId,
      sql: "select count(*) from sqlite_master where name = 'many'",
      runId: 'm',
      pageSize: 1,
    });
    expect(tables).toMatchObject({ rows: [[0]] });
  });

  it('asks for YAML or JSON when the chosen file is a mock, and mock.importFile reads it', async () => {
    const file = join(dir, 'chosen-mock.yml');
    writeFileSync(
      file,
      'name: Chosen mock\nport: 0\nroutes:\n  - method: GET\n    path: /chosen\n    responses:\n      - status: 204\n',
    );
    const asked: Parameters<DialogPort['pickPath']>[0][] = [];
    const h = await harness({
      pickPath: async (options) => {
        asked.push(options);
        return file;
      },
    });
    const chosen = await h.client.transfer.chooseFile({ purpose: 'mock' });
    expect(asked[0]?.filters).toEqual([{ name: 'YAML, JSON', extensions: ['yaml', 'yml', 'json'] }]);
    const imported = await h.client.mock.importFile({ fileId: chosen!.fileId });
    expect(imported).toMatchObject({ name: 'Chosen mock', warnings: [] });
    // rows to import still get the data file types
    await h.client.transfer.chooseFile({});
    expect(asked[1]?.filters?.[0]?.extensions).toEqual(['csv', 'tsv', 'tab', 'json', 'ndjson', 'jsonl']);
  });

  it('imports a file chosen in the native open dialog (desktop); NOT_SUPPORTED without one', async () => {
    const file = join(dir, 'chosen.ndjson');
    writeFileSync(file, '{"id": 1, "tags": ["a"]}\n{"id": 2, "tags": null}\n');
    const h = await harness({ pickPath: async ({ mode }) => (mode === 'open' ? file : null) });
    const chosen = await h.client.transfer.chooseFile({});
    expect(chosen).toMatchObject({ name: 'chosen.ndjson', format: 'ndjson' });
    await h.client.transfer.import({
      importId: 'imp-d',
      connectionId: h.connectionId,
      fileId: chosen!.fileId,
      table: 'tagged',
      create: true,
    });
    await waitFor(() => h.progress.some((p) => p.importId === 'imp-d' && p.done), 'the import to finish');
    expect(h.progress.at(-1)).toEqual({ importId: 'imp-d', rowsImported: 2, done: true });

    await services!.dispose();
    const browser = await harness();
    await expect(browser.client.transfer.chooseFile({})).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await expect(browser.client.transfer.preview({ fileId: '../../etc/passwd' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
