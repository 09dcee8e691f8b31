import { describe, expect, it } from 'vitest';
import { parseMockYaml, stringifyMock } from './mock-file';
import { compileTemplate } from './templating/compile-template';
import { call } from './testing/http-call';
import { useMockServers } from './testing/mock-server-fixture';

const YAML = `name: Buckets
port: 0
routes:
  - method: GET
    path: /all
    responses:
      - dataBucket: users
  - method: GET
    path: /first
    responses:
      - body: "{{data 'u' '0.name'}} has {{len (dataRaw 'users' '0.tags')}} tags"
  - method: '*'
    path: /users
    crud: true
    responses:
      - dataBucket: u
data:
  - name: users
    id: u
    value: '[{"id": 1, "name": "Ann", "tags": ["a"]}, {"id": 2, "name": "Bob", "tags": []}]'
`;
const JSON_TYPE = { 'content-type': 'application/json' };

describe('data buckets in a running mock', () => {
  const fixture = useMockServers();
  const serve = () => fixture.serve(YAML, { compileBody: compileTemplate });

  it('a dataBucket response sends the value as JSON; templates read it with data and dataRaw', async () => {
    const { url } = await serve();
    const all = await call(`${url}/all`);
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(all.text)).toHaveLength(2);
    expect((await call(`${url}/first`)).text).toBe('Ann has 1 tags');
  });

  it('a crud route lists, reads, creates, replaces, merges and deletes items by id', async () => {
    const { url } = await serve();
    const list = await call(`${url}/users?sort=name&order=desc&limit=1`);
    expect(list.headers['x-total-count']).toBe('2');
    expect(JSON.parse(list.text)).toEqual([{ id: 2, name: 'Bob', tags: [] }]);
    expect(JSON.parse((await call(`${url}/users/1`)).text)).toMatchObject({ name: 'Ann' });
    expect((await call(`${url}/users/9`)).status).toBe(404);

    const created = await call(`${url}/users`, { method: 'POST', headers: JSON_TYPE, body: '{"name":"Cy"}' });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toEqual({ name: 'Cy', id: 3 });

    const put = await call(`${url}/users/3`, { method: 'PUT', headers: JSON_TYPE, body: '{"name":"Cyd"}' });
    expect(JSON.parse(put.text)).toEqual({ name: 'Cyd', id: 3 });
    const patch = await call(`${url}/users/1`, { method: 'PATCH', headers: JSON_TYPE, body: '{"age":30}' });
    expect(JSON.parse(patch.text)).toEqual({ id: 1, name: 'Ann', tags: ['a'], age: 30 });
    expect((await call(`${url}/users/2`, { method: 'DELETE' })).status).toBe(200);

    const after = JSON.parse((await call(`${url}/all`)).text) as { id: number }[];
    expect(after.map((item) => item.id)).toEqual([1, 3]);
  });

  it('a reload keeps the changed bucket; a restart makes it again', async () => {
    const { server, url } = await serve();
    await call(`${url}/users/1`, { method: 'DELETE' });
    server.reload(parseMockYaml(YAML.replace('path: /first', 'path: /first-again'), 'test.yaml'));
    expect(JSON.parse((await call(`${url}/all`)).text)).toHaveLength(1);
    await server.stop();
    const again = await server.start();
    expect(JSON.parse((await call(`${again.url}/all`)).text)).toHaveLength(2);
  });

  it('a data rule picks a response by a value in a bucket', async () => {
    const { url } = await fixture.serve(
      YAML.replace(
        '      - dataBucket: users\n',
        `      - dataBucket: users
      - status: 202
        body: Ann first
        rules:
          - { target: data, name: u, path: 0.name, op: equals, value: Ann }
`,
      ),
      { compileBody: compileTemplate },
    );
    expect((await call(`${url}/all`)).status).toBe(202);
    await call(`${url}/users/1`, { method: 'DELETE' });
    expect((await call(`${url}/all`)).status).toBe(200);
    expect(() =>
      parseMockYaml(YAML.replace('dataBucket: users', 'rules: [{ target: data, op: exists }]'), 'test.yaml'),
    ).toThrow(/a data rule needs the bucket's name or id/);
  });

  it("a crud route filters by regex, makes new keys from the bucket's key template; setData changes a bucket", async () => {
    const { url } = await fixture.serve(
      `name: Tickets
port: 0
routes:
  - method: '*'
    path: /tickets
    crud: true
    crudKey: ref.code
    responses:
      - dataBucket: tickets
  - method: POST
    path: /hits
    responses:
      - body: "{{setData 'inc' 'stats' 'hits'}}{{setData 'push' 'stats' 'by' (header 'x-who')}}{{data 'stats'}}"
data:
  - name: tickets
    value: '[{"ref": {"code": "T-{{add 1 1}}"}, "title": "Disk full"}, {"ref": {"code": "{{queryParam ''next''}}"}, "title": "Fan"}]'
  - name: stats
    value: '{"hits": 0, "by": []}'
`,
      { compileBody: compileTemplate },
    );
    const list = await call(`${url}/tickets?next=9&title_like=^(disk|fan)$`);
    expect(JSON.parse(list.text)).toEqual([{ ref: { code: '9' }, title: 'Fan' }]);
    expect(list.headers['x-filtered-count']).toBe('1');
    const created = await call(`${url}/tickets?next=t-77`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"title":"New"}',
    });
    expect(JSON.parse(created.text)).toEqual({ title: 'New', ref: { code: 't-77' } });
    expect((await call(`${url}/tickets/t-77`)).status).toBe(200);

    await call(`${url}/hits`, { method: 'POST', headers: { 'x-who': 'ann' } });
    const second = await call(`${url}/hits`, { method: 'POST', headers: { 'x-who': 'bob' } });
    expect(JSON.parse(second.text)).toEqual({ hits: 2, by: ['ann', 'bob'] });
  });

  it('the YAML keeps data, crud and dataBucket through a load and save', () => {
    const definition = parseMockYaml(YAML, 'test.yaml');
    const text = stringifyMock(definition);
    expect(parseMockYaml(text, 'test.yaml')).toEqual(definition);
    expect(text).toContain('crud: true');
    expect(text.indexOf('data:')).toBeGreaterThan(text.indexOf('routes:'));
  });

  it('a bucket whose template does not compile is an error naming it', () => {
    const bad = YAML.replace(`value: '[{"id"`, `value: '{{#if a}}[{"id"`);
    expect(() => parseMockYaml(bad, 'test.yaml')).not.toThrow();
    return expect(fixture.serve(bad, { compileBody: compileTemplate })).rejects.toThrow(/data\[0\]\.value/);
  });
});
