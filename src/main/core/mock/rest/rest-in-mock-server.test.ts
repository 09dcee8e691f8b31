import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock-server';
import { parseMockYaml } from '../mock-file';
import { createRestApi } from './rest-api';
import { openRestFixture, type RestFixture } from './rest-test-support';

/**
 * The REST API mounted in a mock (issue 7 item 5): the mock's routes answer first, what they do not match goes
 * to the tables — through the mock server's parsing, CORS and request log instead of rest-http-server.ts.
 */
describe('a REST API as the fallback of a mock server', () => {
  let fx: RestFixture;
  let server: MockServer;
  let url: string;
  let table: string;

  beforeAll(async () => {
    fx = await openRestFixture('sqlite');
    table = fx.name('things');
    await fx.run(`CREATE TABLE ${fx.q(table)} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, big INTEGER)`);
    await fx.run(`INSERT INTO ${fx.q(table)} (name) VALUES ('one')`);
    const api = await createRestApi({ session: fx.session, tables: [table] });
    const definition = parseMockYaml(
      `name: Shop\nport: 0\ncors: true\nroutes:\n  - method: GET\n    path: /health\n    responses:\n      - status: 200\n        body: ok\n`,
      'shop.yaml',
    );
    server = createMockServer({ definition, root: process.cwd(), port: 0, fallback: api.handle });
    url = (await server.start()).url;
  });
  afterAll(async () => {
    await server?.stop();
    await fx?.dispose();
  });

  it('answers the mock routes first and the tables after them, logged like routes', async () => {
    expect(await (await fetch(`${url}/health`)).text()).toBe('ok');
    const list = await fetch(`${url}/${table}?name=one`, { headers: { origin: 'http://localhost:3000' } });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.headers.get('access-control-allow-origin')).not.toBeNull();
    expect(await list.json()).toEqual([{ id: 1, name: 'one', big: null }]);

    const created = await fetch(`${url}/${table}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "two", "big": 9007199254740993}',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/${table}/2`);
    expect(await created.json()).toEqual({ id: 2, name: 'two', big: '9007199254740993' });

    const bad = await fetch(`${url}/${table}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "x", "colour": "red"}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('colour');
    expect((await fetch(`${url}/_openapi.json`)).status).toBe(200);
    expect(server.log.entries().map((e) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
      ['POST', 201],
      ['POST', 400],
      ['GET', 200],
    ]);
  });
});
