import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeScriptSandbox } from '../script/run-script';
import { useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';
import { loadDataFile, loadEnvironmentFile } from './run-inputs';
import { planFromPostmanFile } from './run-plan';
import { runWith } from './runner-fixture';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);
afterAll(() => closeScriptSandbox());

const file = (name: string, text: string) => {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
};

/** A Postman v2.1 collection: a folder with a login that keeps a token, and a request that sends it. */
const POSTMAN = JSON.stringify({
  info: { name: 'Postman shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Auth',
      item: [
        {
          name: 'Login',
          event: [
            {
              listen: 'test',
              script: {
                exec: [
                  "pm.test('logged in', () => pm.response.to.have.status(200));",
                  "pm.collectionVariables.set('token', pm.response.json().token);",
                ],
              },
            },
          ],
          request: { method: 'POST', url: '{{baseUrl}}/login', body: { mode: 'raw', raw: '{"user":"{{user}}"}' } },
        },
      ],
    },
    {
      name: 'Orders',
      request: {
        method: 'GET',
        url: '{{baseUrl}}/orders?user={{user}}',
        header: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
      },
    },
  ],
});

describe('run inputs', () => {
  it('runs a Postman collection with a Postman environment and a JSON data file', async () => {
    const server = await http((req, res, body) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/login') res.end(JSON.stringify({ token: `t-${JSON.parse(body.toString()).user}` }));
      else res.end(JSON.stringify({ auth: req.headers.authorization }));
    });
    const environment = await loadEnvironmentFile(
      file(
        'env.postman_environment.json',
        JSON.stringify({ name: 'Local', values: [{ key: 'baseUrl', value: server.url, enabled: true }] }),
      ),
    );
    const data = await loadDataFile(file('users.json', JSON.stringify([{ user: 'ann' }, { user: 7 }])));
    expect(data).toEqual([{ user: 'ann' }, { user: '7' }]);
    const plan = await planFromPostmanFile(file('shop.postman_collection.json', POSTMAN));
    expect(plan.requests.map((r) => r.path)).toEqual(['Auth / Login', 'Orders']);
    const sender = await makeSender();
    const { report } = await runWith(sender, { plan, environment: environment.variables, data });
    expect(server.received.map((r) => `${r.url} ${r.headers.authorization ?? ''}`)).toEqual([
      '/login ',
      '/orders?user=ann Bearer t-ann',
      '/login ',
      '/orders?user=7 Bearer t-7',
    ]);
    expect(report.totals.tests).toEqual({ total: 2, passed: 2, failed: 0 });
    expect(report.passed).toBe(true);
  });

  it('reads a Backbench environment YAML and a CSV with quoted fields', async () => {
    const environment = await loadEnvironmentFile(
      file('staging.yaml', 'name: Staging\nvariables:\n  - name: base\n    value: http://127.0.0.1:1\n'),
    );
    expect(environment).toEqual({ name: 'Staging', variables: [{ name: 'base', value: 'http://127.0.0.1:1' }] });
    const rows = await loadDataFile(file('rows.csv', '\uFEFFid,note\n1,"a, b"\n2,"say ""hi"""\n'));
    expect(rows).toEqual([
      { id: '1', note: 'a, b' },
      { id: '2', note: 'say "hi"' },
    ]);
  });

  it('names what is wrong with a data or environment file', async () => {
    await expect(loadDataFile(join(tempDir(), 'none.csv'))).rejects.toThrow(/There is no data file .*none\.csv/);
    await expect(loadDataFile(file('bad.csv', 'a,b\n1,2,3\n'))).rejects.toThrow(/bad\.csv is not valid CSV/);
    await expect(loadDataFile(file('obj.json', '{"a":1}'))).rejects.toThrow(/must hold a JSON array of objects/);
    await expect(loadDataFile(file('nums.json', '[1]'))).rejects.toThrow(/row 1 is not an object/);
    await expect(loadDataFile(file('empty.csv', 'a,b\n'))).rejects.toThrow(/has no rows/);
    await expect(loadEnvironmentFile(file('env.json', '{"nope":1}'))).rejects.toThrow(/env\.json: .*values/);
    await expect(loadEnvironmentFile(file('env.yaml', 'name: x\n'))).rejects.toThrow(/env\.yaml/);
  });
});
