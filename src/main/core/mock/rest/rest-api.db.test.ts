import { validate } from '@readme/openapi-parser';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../shared/domain';
import { openRestFixture, type RestFixture } from './rest-test-support';

/** The DDL of the tables every engine serves: one with a self-numbering key, one with a two-column key, one without a key. */
const DDL: Record<Engine, { items: string; pairs: string; loose: string; docs: string }> = {
  sqlite: {
    items:
      'id INTEGER PRIMARY KEY, name TEXT NOT NULL, price DECIMAL(30,10), big INTEGER, active BOOLEAN NOT NULL DEFAULT 1, note TEXT',
    pairs: 'a INTEGER NOT NULL, b TEXT NOT NULL, qty INTEGER, PRIMARY KEY (a, b)',
    loose: 'label TEXT, n INTEGER',
    docs: 'id INTEGER PRIMARY KEY, doc JSON, bin BLOB',
  },
  postgres: {
    items:
      'id serial PRIMARY KEY, name varchar(200) NOT NULL, price numeric(30,10), big bigint, active boolean NOT NULL DEFAULT true, note text',
    pairs: 'a integer NOT NULL, b varchar(50) NOT NULL, qty integer, PRIMARY KEY (a, b)',
    loose: 'label text, n integer',
    docs: 'id serial PRIMARY KEY, doc jsonb, bin bytea',
  },
  mysql: {
    items:
      'id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200) NOT NULL, price DECIMAL(30,10), big BIGINT, active BOOLEAN NOT NULL DEFAULT TRUE, note TEXT',
    pairs: 'a INT NOT NULL, b VARCHAR(50) NOT NULL, qty INT, PRIMARY KEY (a, b)',
    loose: 'label TEXT, n INT',
    docs: 'id INT AUTO_INCREMENT PRIMARY KEY, doc JSON, bin BLOB',
  },
};

const INJECTION = "'; DROP TABLE x; --";

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(url: string, method = 'GET', body?: unknown, raw?: string): Promise<Answer> {
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await fetch(url, {
    method,
    headers: text === undefined ? {} : { 'content-type': 'application/json' },
    body: text,
  });
  const answer = await res.text();
  return { status: res.status, headers: res.headers, body: answer === '' ? null : (JSON.parse(answer) as unknown) };
}

/** The parts of the OpenAPI document the test reads. */
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, unknown> | undefined>;
  components: {
    schemas: Record<string, { required?: string[]; properties: Record<string, { anyOf?: unknown[] } & object> }>;
  };
}

const fieldOf = (a: Answer) => (a.body as { error?: { field?: string } }).error?.field;

describe.each(['sqlite', 'postgres', 'mysql'] as const)('REST resources on %s', (engine) => {
  let fx: RestFixture;
  let items: string;
  let pairs: string;
  let loose: string;
  let view: string;
  let docs: string;
  let url: string;
  let readOnlyUrl: string;

  beforeAll(async () => {
    fx = await openRestFixture(engine);
    items = fx.name('items');
    pairs = fx.name('pairs');
    loose = fx.name('loose');
    await fx.run(`CREATE TABLE ${fx.q(items)} (${DDL[engine].items})`);
    await fx.run(`CREATE TABLE ${fx.q(pairs)} (${DDL[engine].pairs})`);
    await fx.run(`CREATE TABLE ${fx.q(loose)} (${DDL[engine].loose})`);
    await fx.run(`INSERT INTO ${fx.q(loose)} (label, n) VALUES ('x', 1), ('x', 1), ('y', 2)`);
    view = fx.name('view', 'view');
    await fx.run(`CREATE VIEW ${fx.q(view)} AS SELECT label, n FROM ${fx.q(loose)} WHERE n > 1`);
    docs = fx.name('docs');
    await fx.run(`CREATE TABLE ${fx.q(docs)} (${DDL[engine].docs})`);
    url = (await fx.serve({ tables: [items, pairs, loose, view, docs] })).url;
    readOnlyUrl = (await fx.serve({ tables: [items], readOnly: true })).url;
  });
  afterAll(async () => {
    await fx?.dispose();
  });

  it('creates, reads, replaces, merges and deletes a row', async () => {
    const created = await call(`${url}/${items}`, 'POST', { name: 'Lamp', price: '19.5', active: false });
    expect(created.status).toBe(201);
    const row = created.body as Record<string, unknown>;
    expect(row).toMatchObject({ name: 'Lamp', active: false, note: null, big: null });
    expect(typeof row.id).toBe('number');
    expect(created.headers.get('location')).toBe(`/${items}/${String(row.id)}`);

    const read = await call(`${url}${created.headers.get('location')}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(row);

    const replaced = await call(`${url}/${items}/${row.id}`, 'PUT', { name: 'Desk lamp', note: 'new' });
    expect(replaced.status).toBe(200);
    // PUT replaces: price and active left out take their defaults (NULL, true)
    expect(replaced.body).toMatchObject({ id: row.id, name: 'Desk lamp', note: 'new', price: null, active: true });

    const merged = await call(`${url}/${items}/${row.id}`, 'PATCH', { note: 'changed', id: row.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: row.id, name: 'Desk lamp', note: 'changed', active: true });

    expect((await call(`${url}/${items}/${row.id}`, 'DELETE')).status).toBe(204);
    expect((await call(`${url}/${items}/${row.id}`)).status).toBe(404);
    expect((await call(`${url}/${items}/${row.id}`, 'DELETE')).status).toBe(404);
    expect((await call(`${url}/${items}/${row.id}`, 'PATCH', { note: 'x' })).status).toBe(404);
    expect((await call(`${url}/${items}/999999`, 'PUT', { name: 'x' })).status).toBe(404);
    expect((await call(`${url}/${items}/not-a-number`)).status).toBe(404);
  });

  it('filters, sorts and pages with the total in X-Total-Count', async () => {
    const tag = `page-${Math.random().toString(36).slice(2)}`;
    for (const [name, price] of [
      ['a', '5'],
      ['b', '3'],
      ['c', '9'],
      ['d', '1'],
      ['e', '7'],
    ] as const) {
      expect((await call(`${url}/${items}`, 'POST', { name: `${tag}-${name}`, price, note: tag })).status).toBe(201);
    }
    const page = await call(`${url}/${items}?note=${tag}&_sort=-price&_limit=2&_page=2`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-total-count')).toBe('5');
    expect(page.headers.get('access-control-expose-headers')).toMatch(/X-Total-Count/i);
    expect((page.body as { name: string }[]).map((r) => r.name)).toEqual([`${tag}-a`, `${tag}-b`]);

    const asc = await call(`${url}/${items}?note=${tag}&_sort=price&_order=asc&_limit=3`);
    expect((asc.body as { name: string }[]).map((r) => r.name)).toEqual([`${tag}-d`, `${tag}-b`, `${tag}-a`]);

    // a repeated field is IN; several fields AND
    const some = await call(`${url}/${items}?name=${tag}-a&name=${tag}-c&name=${tag}-z&note=${tag}&_sort=name`);
    expect(some.headers.get('x-total-count')).toBe('2');
    expect((some.body as { name: string }[]).map((r) => r.name)).toEqual([`${tag}-a`, `${tag}-c`]);
    const none = await call(`${url}/${items}?name=${tag}-a&note=other`);
    expect(none.body).toEqual([]);
    expect(none.headers.get('x-total-count')).toBe('0');

    const head = await fetch(`${url}/${items}?note=${tag}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-total-count')).toBe('5');
    expect(await head.text()).toBe('');

    const beyond = await call(`${url}/${items}?note=${tag}&_page=9&_limit=2`);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers.get('x-total-count')).toBe('5');

    for (const [query, field] of [
      ['nope=1', 'nope'],
      ['_sort=nope', 'nope'],
      ['_limit=5000', '_limit'],
      ['_limit=0', '_limit'],
      ['_page=abc', '_page'],
      ['_order=sideways&_sort=name', '_order'],
      ['_embed=x', '_embed'],
      ['id=abc', 'id'],
      ['active=maybe', 'active'],
    ] as const) {
      const bad = await call(`${url}/${items}?${query}`);
      expect(bad.status, query).toBe(400);
      expect(fieldOf(bad), query).toBe(field);
    }
  });

  it('answers 400 naming the field for bodies that do not fit the columns', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ name: 'x', colour: 'red' }, 'colour'],
      [{ name: 42 }, 'name'],
      [{ name: 'x', price: 'cheap' }, 'price'],
      [{ name: 'x', big: 1.5 }, 'big'],
      [{ name: 'x', active: 'sometimes' }, 'active'],
      [{ price: '1' }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'x', active: null }, 'active'],
      [[{ name: 'x' }], undefined],
      ['a string', undefined],
    ];
    for (const [body, field] of cases) {
      const answer = await call(`${url}/${items}`, 'POST', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(fieldOf(answer), JSON.stringify(body)).toBe(field);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(field ?? /JSON object/);
    }
    expect((await call(`${url}/${items}`, 'POST', undefined, '{"name": "x",')).status).toBe(400);
    // a form (what a page of another site can post without asking) or text is not taken
    for (const body of [new URLSearchParams({ name: 'form' }), '{"name": "text"}']) {
      const refused = await fetch(`${url}/${items}`, { method: 'POST', body });
      expect(refused.status).toBe(415);
    }
    expect((await call(`${url}/${items}?name=form`)).body).toEqual([]);
    expect((await call(`${url}/${items}`, 'POST', undefined, '')).status).toBe(400);

    const created = (await call(`${url}/${items}`, 'POST', { name: 'keyed' })).body as { id: number };
    const moved = await call(`${url}/${items}/${created.id}`, 'PATCH', { id: created.id + 1000 });
    expect(moved.status).toBe(400);
    expect(fieldOf(moved)).toBe('id');
    const missing = await call(`${url}/${items}/${created.id}`, 'PUT', { note: 'no name' });
    expect(missing.status).toBe(400);
    expect(fieldOf(missing)).toBe('name');
  });

  it('answers 405 on a read-only resource and still reads it', async () => {
    const created = (await call(`${url}/${items}`, 'POST', { name: 'ro' })).body as { id: number };
    expect((await call(`${readOnlyUrl}/${items}/${created.id}`)).body).toMatchObject({ name: 'ro' });
    for (const [method, path] of [
      ['POST', ''],
      ['PUT', `/${created.id}`],
      ['PATCH', `/${created.id}`],
      ['DELETE', `/${created.id}`],
    ] as const) {
      const answer = await call(`${readOnlyUrl}/${items}${path}`, method, { name: 'changed' });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET');
    }
    expect((await call(`${url}/${items}/${created.id}`)).body).toMatchObject({ name: 'ro' });
  });

  it('stores and compares SQL injection payloads literally', async () => {
    const payloads = [INJECTION, "' OR '1'='1", '"; DELETE FROM x; --', '\\', 'Robert`); DROP TABLE students;--'];
    for (const payload of payloads) {
      const created = await call(`${url}/${items}`, 'POST', { name: payload, note: payload });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: payload, note: payload });
      const found = await call(`${url}/${items}?name=${encodeURIComponent(payload)}`);
      expect((found.body as { name: string }[]).map((r) => r.name)).toEqual([payload]);
    }
    expect((await call(`${url}/${items}?name=${encodeURIComponent("x' OR '1'='1")}`)).body).toEqual([]);
    for (const sort of ['name;DROP TABLE x', 'name desc, (select 1)', `name${INJECTION}`, '1']) {
      const answer = await call(`${url}/${items}?_sort=${encodeURIComponent(sort)}`);
      expect(answer.status, sort).toBe(400);
    }
    expect((await call(`${url}/${items}/${encodeURIComponent('1 OR 1=1')}`)).status).toBe(404);
    const named = await call(`${url}/${items}`, 'POST', { name: 'x', [INJECTION]: 1 });
    expect(named.status).toBe(400);
    expect(fieldOf(named)).toBe(INJECTION);
    // the tables are all still there
    expect((await call(`${url}/${items}`)).status).toBe(200);
    expect((await fx.run(`SELECT COUNT(*) FROM ${fx.q(items)}`))[0]![0]).toBeGreaterThan(0);
  });

  it('keeps integers past 2^53 and decimals exact', async () => {
    const raw = '{"name": "big", "big": 9007199254740993, "price": "12345678901234567890.0123456789"}';
    const created = await call(`${url}/${items}`, 'POST', undefined, raw);
    expect(created.status).toBe(201);
    const row = created.body as Record<string, unknown>;
    expect(row.big).toBe('9007199254740993');
    if (engine !== 'sqlite') expect(row.price).toBe('12345678901234567890.0123456789');
    const byBig = await call(`${url}/${items}?big=9007199254740993`);
    expect((byBig.body as { id: number }[]).map((r) => r.id)).toEqual([row.id]);
    expect((await call(`${url}/${items}?big=9007199254740992`)).body).toEqual([]);
    // written back as the text a read gave
    const patched = await call(`${url}/${items}/${row.id}`, 'PATCH', { big: '-9223372036854775808' });
    expect((patched.body as { big: string }).big).toBe('-9223372036854775808');
    const stored = await fx.run(
      `SELECT CAST(big AS ${engine === 'mysql' ? 'CHAR' : 'TEXT'}) FROM ${fx.q(items)} WHERE id = ?`,
      [row.id],
    );
    expect(stored[0]![0]).toBe('-9223372036854775808');
  });

  it('takes JSON documents and binary values and gives them back as docs/values.md says', async () => {
    const raw = '{"doc": "{\\"a\\": 12345678901234567890}", "bin": {"$base64": "AAH/"}}';
    const created = await call(`${url}/${docs}`, 'POST', undefined, raw);
    expect(created.status).toBe(201);
    const row = created.body as { id: number; doc: string; bin: unknown };
    expect(row.doc).toBe('{"a": 12345678901234567890}');
    expect(row.bin).toEqual({ $blob: 'AAH/', size: 3, truncated: false });
    // what a read gave is written back unchanged
    const back = await call(`${url}/${docs}/${row.id}`, 'PUT', { doc: row.doc, bin: row.bin });
    expect(back.body).toEqual(row);
    const notBase64 = await call(`${url}/${docs}/${row.id}`, 'PATCH', { bin: { $base64: 'not base64!' } });
    expect(notBase64.status).toBe(400);
    expect(fieldOf(notBase64)).toBe('bin');
    // a document given as JSON (on MariaDB too, whose JSON is a checked LONGTEXT in its catalog)
    const asObject = await call(`${url}/${docs}/${row.id}`, 'PATCH', { doc: { b: [1, 'two'] } });
    expect(JSON.parse((asObject.body as { doc: string }).doc)).toEqual({ b: [1, 'two'] });
    const notJson = await call(`${url}/${docs}/${row.id}`, 'PATCH', { doc: '{oops' });
    expect(notJson.status).toBe(400);
    expect(fieldOf(notJson)).toBe('doc');
    expect((await call(`${url}/${docs}?bin=AAH%2F`)).status).toBe(400);
  });

  it.runIf(engine === 'postgres')('answers 404 for an id its uuid key cannot hold', async () => {
    const uuids = fx.name('uuids');
    await fx.run(`CREATE TABLE ${fx.q(uuids)} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text)`);
    const served = await fx.serve({ tables: [uuids] });
    const created = await call(`${served.url}/${uuids}`, 'POST', { name: 'u' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get('location')).toBe(`/${uuids}/${id}`);
    expect((await call(`${served.url}/${uuids}/${id}`)).body).toEqual({ id, name: 'u' });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const answer = await call(
        `${served.url}/${uuids}/not-a-uuid`,
        method,
        method === 'PATCH' ? { name: 'x' } : undefined,
      );
      expect(answer.status, method).toBe(404);
    }
    expect((await call(`${served.url}/${uuids}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await call(`${served.url}/${uuids}?id=not-a-uuid`)).status).toBe(400);
  });

  it('serves a table with a two-column key as a collection', async () => {
    const created = await call(`${url}/${pairs}`, 'POST', { a: 1, b: INJECTION, qty: 3 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ a: 1, b: INJECTION, qty: 3 });
    expect(created.headers.get('location')).toBe(`/${pairs}?a=1&b=${encodeURIComponent(INJECTION)}`);
    const found = await call(`${url}${created.headers.get('location')}`);
    expect(found.body).toEqual([{ a: 1, b: INJECTION, qty: 3 }]);
    expect((await call(`${url}/${pairs}/1`)).status).toBe(404);
    const missingKey = await call(`${url}/${pairs}`, 'POST', { a: 2 });
    expect(missingKey.status).toBe(400);
    expect(fieldOf(missingKey)).toBe('b');
    expect((await call(`${url}/${pairs}`, 'POST', { a: 1, b: INJECTION })).status).toBe(409);
  });

  it('serves a table without a key by rowid on SQLite and as a read-only list elsewhere', async () => {
    const list = await call(`${url}/${loose}?_sort=label`);
    expect(list.headers.get('x-total-count')).toBe('3');
    if (engine === 'sqlite') {
      const rows = list.body as { label: string; __rowid: number }[];
      expect(rows.map((r) => r.label)).toEqual(['x', 'x', 'y']);
      const second = rows[1]!.__rowid;
      expect((await call(`${url}/${loose}/${second}`)).body).toEqual(rows[1]);
      const changed = await call(`${url}/${loose}/${second}`, 'PATCH', { n: 5 });
      expect(changed.body).toEqual({ label: 'x', n: 5, __rowid: second });
      const created = await call(`${url}/${loose}`, 'POST', { label: 'z' });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/${loose}/${(created.body as { __rowid: number }).__rowid}`);
      expect((await call(`${url}/${loose}/${second}`, 'DELETE')).status).toBe(204);
      expect((await call(`${url}/${loose}`)).headers.get('x-total-count')).toBe('3');
    } else {
      expect((list.body as { label: string }[]).map((r) => r.label)).toEqual(['x', 'x', 'y']);
      const refused = await call(`${url}/${loose}`, 'POST', { label: 'z' });
      expect(refused.status).toBe(405);
      expect((refused.body as { error: { message: string } }).error.message).toMatch(/no primary key/);
      expect((await call(`${url}/${loose}/1`)).status).toBe(404);
    }
  });

  it('serves a view as a read-only list', async () => {
    const list = await call(`${url}/${view}?label=y`);
    expect(list.body).toEqual([{ label: 'y', n: 2 }]);
    expect(list.headers.get('x-total-count')).toBe('1');
    const refused = await call(`${url}/${view}`, 'POST', { label: 'z', n: 3 });
    expect(refused.status).toBe(405);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/is a view/);
  });

  it('lists its resources and publishes a valid OpenAPI 3 document', async () => {
    const index = await call(`${url}/`);
    expect(index.body).toMatchObject({
      resources: [
        { name: items, path: `/${items}`, readOnly: false, items: `/${items}/{id}` },
        { name: pairs, path: `/${pairs}`, readOnly: false, items: null },
        { name: loose, path: `/${loose}`, readOnly: engine !== 'sqlite' },
        { name: view, path: `/${view}`, readOnly: true, items: null },
        { name: docs, path: `/${docs}`, readOnly: false },
      ],
      openapi: '/_openapi.json',
    });
    const doc = (await call(`${url}/_openapi.json`)).body as OpenApiDoc;
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([`/${items}`, `/${items}/{id}`, `/${pairs}`, `/${loose}`]),
    );
    expect(doc.paths[`/${pairs}/{id}`]).toBeUndefined();
    expect(Object.keys(doc.paths[`/${items}/{id}`]!)).toEqual(
      expect.arrayContaining(['get', 'put', 'patch', 'delete']),
    );
    const input = doc.components.schemas[`${items}_create`]!;
    expect(input.required).toEqual(['name']);
    expect(input.properties.active).toEqual({ type: 'boolean' });
    expect(doc.components.schemas[items]!.properties.big!.anyOf![0]).toEqual({ type: 'integer', nullable: true });
    // every row served, and an error, fit the document's schemas (OpenAPI 3.0's nullable is Ajv's too)
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const rawItem = '{"name": "schema", "big": 9007199254740995, "price": "1.5", "active": true}';
    expect((await call(`${url}/${items}`, 'POST', undefined, rawItem)).status).toBe(201);
    expect((await call(`${url}/${items}`, 'POST', { name: 'nulls' })).status).toBe(201);
    expect((await call(`${url}/${docs}`, 'POST', { doc: [1], bin: { $base64: 'AA==' } })).status).toBe(201);
    expect((await call(`${url}/${pairs}`, 'POST', { a: 7, b: 'schema' })).status).toBe(201);
    for (const name of [items, pairs, loose, view, docs]) {
      const check = ajv.compile(doc.components.schemas[name]!);
      const rows = (await call(`${url}/${name}?_limit=1000`)).body as unknown[];
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows)
        expect(check(row), `${name} ${JSON.stringify(row)} ${ajv.errorsText(check.errors)}`).toBe(true);
    }
    const checkError = ajv.compile(doc.components.schemas.Error!);
    expect(checkError((await call(`${url}/${items}?nope=1`)).body)).toBe(true);
    const readOnlyDoc = (await call(`${readOnlyUrl}/_openapi.json`)).body as OpenApiDoc;
    expect((await validate(structuredClone(readOnlyDoc) as never)).valid).toBe(true);
    expect(Object.keys(readOnlyDoc.paths[`/${items}/{id}`]!)).not.toContain('put');
  });
});
