import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRequest } from '../core/mock/mock-http';
import { createRestApi, type RestApi } from '../core/mock/rest/rest-api';
import { openSqlitePointReads, type SqlitePointReads } from '../core/mock/rest/rest-sqlite-reads';
import { InlineSqliteSession } from './inline-sqlite-session';

const request = (method: string, path: string, body?: unknown): MockRequest => ({
  method,
  path,
  params: {},
  query: {},
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  cookies: {},
  bodyText: body === undefined ? '' : JSON.stringify(body),
  body,
});

/**
 * `backbench serve` on SQLite: the session runs in this process, so its writes happen in the same turn of the
 * event loop as the point reads that hold the turn's read transaction — they must end it first, not wait on it.
 */
describe('serve: point reads next to the in-process session', () => {
  let dir: string;
  let session: InlineSqliteSession;
  let reads: SqlitePointReads;
  let api: RestApi;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-serve-reads-'));
    const file = join(dir, 'shop.db');
    const db = new Database(file);
    db.exec(
      "CREATE TABLE mockrest_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO mockrest_items VALUES (1, 'one')",
    );
    db.close();
    session = InlineSqliteSession.open({ engine: 'sqlite', file });
    reads = openSqlitePointReads(file)!;
    api = await createRestApi({ session, pointReads: reads });
  });
  afterAll(async () => {
    reads.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a GET at once, and writes in the same turn are made and then read back', async () => {
    const first = api.handle(request('GET', '/mockrest_items/1'));
    // no promise: the row was read and written during the call
    expect(first).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"id":1,"name":"one"}',
    });
    const patched = await api.handle(request('PATCH', '/mockrest_items/1', { name: 'uno' }));
    expect(patched.status).toBe(200);
    expect(api.handle(request('GET', '/mockrest_items/1'))).toMatchObject({ body: '{"id":1,"name":"uno"}' });
    const created = await api.handle(request('POST', '/mockrest_items', { name: 'two' }));
    expect(created).toMatchObject({ status: 201, headers: { location: '/mockrest_items/2' } });
    expect(api.handle(request('GET', '/mockrest_items/2'))).toMatchObject({ body: '{"id":2,"name":"two"}' });
    const list = await api.handle(request('GET', '/mockrest_items'));
    expect(list).toMatchObject({ status: 200, headers: { 'x-total-count': '2' } });
    expect((await api.handle(request('DELETE', '/mockrest_items/2'))).status).toBe(204);
    expect((await api.handle(request('GET', '/mockrest_items/2'))).status).toBe(404);
  });
});
