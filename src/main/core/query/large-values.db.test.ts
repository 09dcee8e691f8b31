import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../shared/client';
import type { TextCell } from '../../../shared/domain';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMysqlDatabase, createPgDatabase, type TempDatabase } from '../connections/test-databases';
import { createServices, type Services } from '../services';
import { TEXT_PREVIEW_CHARS } from './value-encoding';

/**
 * Long texts on the servers: the value crosses the host whole from the driver (PostgreSQL and MySQL send a
 * row in one message), but pages carry a preview, other calls are answered meanwhile, and query.cell reads
 * windows of it. MariaDB's default max_allowed_packet (16 MB) bounds its values, so it gets a smaller one.
 */
describe.each([
  ['postgres', 100_000_000],
  ['mysql', 12_000_000],
] as const)('long values on %s', (engine, size) => {
  let dir: string;
  let services: Services;
  let client: Client;
  let temp: TempDatabase<unknown>;
  let connectionId: string;
  let sqliteId: string;
  let n = 0;
  const run = (id: string, sql: string) =>
    client.query.run({ connectionId: id, sql, runId: `long-${++n}`, pageSize: 10 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-long-'));
    services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    client = createClient(createMemoryTransport(services.dispatch));
    temp = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
    connectionId = (
      await client.connections.create({ name: engine, params: temp.params as never, password: temp.password })
    ).id;
    sqliteId = (
      await client.connections.create({
        name: 'lite',
        params: { engine: 'sqlite', file: join(dir, 'l.db'), create: true },
      })
    ).id;
    await run(sqliteId, 'SELECT 1');
  }, 60_000);
  afterAll(async () => {
    await services?.dispose();
    await temp?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a preview of a huge text while other calls go on, and windows of it through query.cell', async () => {
    const done: string[] = [];
    const huge = run(connectionId, `SELECT concat(repeat('a', ${size - 3}), 'xyz') AS v`).then((r) => {
      done.push('huge');
      return r;
    });
    const small = run(sqliteId, 'SELECT 42').then((r) => {
      done.push('small');
      return r;
    });
    const [big, answer] = await Promise.all([huge, small]);
    expect(done).toEqual(['small', 'huge']);
    expect(answer.kind === 'rows' && answer.rows).toEqual([[42]]);
    if (big.kind !== 'rows') throw new Error('rows expected');
    const cell = big.rows[0]![0] as TextCell;
    expect(cell).toEqual({ $text: 'a'.repeat(TEXT_PREVIEW_CHARS), size, truncated: true });
    expect(await client.query.cell({ handle: big.handle, row: 0, column: 0, offset: size - 5, length: 10 })).toEqual({
      value: 'aaxyz',
      size,
      offset: size - 5,
      whole: false,
    });
  }, 120_000);
});
