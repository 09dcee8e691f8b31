import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScriptSandbox, runScript } from './run-script';
import type { ScriptRequest, ScriptResponse, ScriptRunInput } from './script-types';

const request: ScriptRequest = {
  method: 'POST',
  url: 'http://127.0.0.1:1/users?page=2',
  headers: [
    ['Accept', 'application/json'],
    ['X-Trace', 'abc'],
  ],
  body: '{"name":"Ada"}',
};

function pre(code: string, extra: Partial<ScriptRunInput> = {}) {
  return runScript({ phase: 'preRequest', code, request, ...extra });
}

/** Runs `code` and returns what it logged, one entry per console call. */
async function logsOf(code: string): Promise<string[]> {
  const result = await pre(code);
  expect(result.error).toBeUndefined();
  return result.logs.map((log) => log.message);
}

afterAll(async () => {
  await closeScriptSandbox();
});

describe('the sandbox holds no host', () => {
  it('has no process, require, module, Buffer, timers, fetch or host globals', async () => {
    const names = ['process', 'require', 'module', 'exports', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate'];
    names.push('fetch', 'XMLHttpRequest', 'WebSocket', 'std', 'os', 'global', '__filename', 'WebAssembly');
    const logs = await logsOf(
      `console.log(${JSON.stringify(names)}.map((n) => n + ':' + typeof globalThis[n]).join(' '))`,
    );
    expect(logs[0]).toBe(names.map((name) => `${name}:undefined`).join(' '));
  });

  it('reaches nothing through constructors or the global object', async () => {
    const logs = await logsOf(`
      console.log(typeof (function () { return this })().process);
      console.log(new Function('return typeof process')());
      console.log(({}).constructor.constructor('return typeof require')());
      console.log(Object.getOwnPropertyNames(globalThis).filter((n) => /process|require|import|fs|net|http/i.test(n)).join(','));
    `);
    expect(logs).toEqual(['undefined', 'undefined', 'undefined', '']);
  });

  it('cannot import modules: neither node:fs nor the network', async () => {
    const result = await pre(`
      for (const name of ['node:fs', 'fs', 'os', 'std', 'http://127.0.0.1/x.js']) {
        import(name).then(() => console.log(name + ' loaded'), (e) => console.log(name + ' refused: ' + e.name));
      }
    `);
    expect(result.logs.map((log) => log.message)).toEqual([
      'node:fs refused: ReferenceError',
      'fs refused: ReferenceError',
      'os refused: ReferenceError',
      'std refused: ReferenceError',
      'http://127.0.0.1/x.js refused: ReferenceError',
    ]);
    const staticImport = await pre(`import fs from 'node:fs'`);
    expect(staticImport.error).toBe("Script error: ReferenceError: could not load module 'node:fs'");
  });

  it('says pm.sendRequest and require are not there', async () => {
    const send = await runScript({ phase: 'preRequest', code: `pm.sendRequest('http://127.0.0.1/')`, request });
    expect(send.error).toBe(
      'Script error: Error: pm.sendRequest is not available: scripts in Backbench have no network access (line 1)',
    );
    const req = await pre(`const _ = require('lodash')`);
    expect(req.error).toBe("Script error: ReferenceError: 'require' is not defined (line 1)");
  });

  it('starts every run in a fresh context: nothing leaks from one run to the next', async () => {
    await pre(`globalThis.leak = 'secret'; Object.prototype.polluted = true; bb.variables.set('a', '1')`);
    const logs = await logsOf(`console.log(typeof leak, typeof ({}).polluted, String(bb.variables.get('a')))`);
    expect(logs).toEqual(['undefined undefined undefined']);
  });
});

describe('limits', () => {
  it('stops an infinite loop, and the next run works', async () => {
    const looped = await pre(`console.log('started'); bb.variables.set('before', 'yes'); for (;;) {}`);
    expect(looped.error).toBe('Script stopped: it ran longer than 1000 ms');
    // what the script did before the limit is kept
    expect(looped.logs).toEqual([{ level: 'log', message: 'started' }]);
    expect(looped.variables.runtime).toEqual({ before: 'yes' });
    const next = await pre(`bb.variables.set('after', 'ok')`);
    expect(next).toMatchObject({ variables: { runtime: { after: 'ok' } } });
    expect(next.error).toBeUndefined();
  });

  it('stops a memory bomb, and the next run works', async () => {
    const bomb = await pre(`let a = []; for (;;) a.push('x'.repeat(1e6))`);
    expect(bomb.error).toMatch(/^Script stopped: it (ran longer than 1000 ms|used more than 32 MB of memory)$/);
    const big = await pre(`const b = new ArrayBuffer(64 * 1024 * 1024); console.log(b.byteLength)`);
    expect(big.error).toBe('Script stopped: it used more than 32 MB of memory');
    const next = await pre(`console.log('alive')`);
    expect(next.logs).toEqual([{ level: 'log', message: 'alive' }]);
    expect(next.error).toBeUndefined();
  });

  it('applies smaller limits given by the caller', async () => {
    const result = await pre(`for (;;) {}`, { limits: { timeMs: 100 } });
    expect(result.error).toBe('Script stopped: it ran longer than 100 ms');
  });

  it('stops runaway recursion with a stack error', async () => {
    const result = await pre(`function f() { return f() + 1 } f()`);
    expect(result.error).toBe('Script stopped: it nested calls too deeply (more than 256 KB of stack)');
    expect((await pre(`console.log(1)`)).logs).toHaveLength(1);
  });

  it('reports a script error with its line, keeps what came before, and the caller gets the request back', async () => {
    const result = await pre(`bb.test('first', () => {});\nbb.environment.set('token', 't1');\nnull.x;`);
    expect(result.error).toBe("Script error: TypeError: cannot read property 'x' of null (line 3)");
    expect(result.tests).toEqual([{ name: 'first', passed: true }]);
    expect(result.variables.environment).toEqual({ token: 't1' });
    expect(result.request).toEqual(request);
  });
});

describe('variables', () => {
  const variables = {
    runtime: { shared: 'runtime' },
    data: { shared: 'data', row: '7' },
    environment: { shared: 'env', baseUrl: 'http://127.0.0.1:8080', token: 'old' },
    collection: { shared: 'collection', apiVersion: 'v2' },
    globals: { shared: 'global', onlyGlobal: 'g' },
  };

  it('reads each scope, resolves names in precedence order and returns only the changes', async () => {
    const result = await pre(
      `
      console.log(bb.variables.get('shared'), pm.variables.get('row'), pm.variables.get('onlyGlobal'));
      console.log(pm.environment.get('shared'), pm.collectionVariables.get('shared'), pm.globals.get('shared'));
      console.log(pm.iterationData.get('row'), pm.environment.has('token'), pm.environment.has('nope'));
      console.log(pm.variables.replaceIn('{{baseUrl}}/{{apiVersion}}/items/{{row}}?{{missing}}'));
      pm.environment.set('token', 'new');
      pm.environment.set('count', 3);
      pm.environment.set('user', { id: 1 });
      pm.environment.unset('baseUrl');
      pm.collectionVariables.set('apiVersion', 'v3');
      pm.globals.set('g2', true);
      pm.variables.set('local', 'x');
      bb.variables.set('local2', 'y');
      bb.environment.set('bbEnv', 'z');
      postman.setEnvironmentVariable('legacy', 'l');
      console.log(pm.variables.get('local'), pm.environment.get('count'), pm.environment.get('baseUrl'));
      `,
      { variables },
    );
    expect(result.error).toBeUndefined();
    expect(result.logs.map((log) => log.message)).toEqual([
      'runtime 7 g',
      'env collection global',
      '7 true false',
      'http://127.0.0.1:8080/v2/items/7?{{missing}}',
      'x 3 undefined',
    ]);
    expect(result.variables).toEqual({
      runtime: { local: 'x', local2: 'y' },
      environment: { token: 'new', count: '3', user: '{"id":1}', baseUrl: null, bbEnv: 'z', legacy: 'l' },
      collection: { apiVersion: 'v3' },
      globals: { g2: 'true' },
    });
  });

  it('keeps the data row read-only', async () => {
    const result = await pre(`pm.iterationData.set('row', '8')`, { variables });
    expect(result.error).toBe('Script error: Error: the data variables cannot be changed by a script (line 1)');
  });
});

describe('pre-request scripts change the request', () => {
  it('returns the request as the script left it', async () => {
    const result = await pre(`
      bb.request.method = 'PUT';
      bb.request.url = bb.request.url.replace('page=2', 'page=3');
      bb.request.setHeader('x-trace', 'def');
      bb.request.addHeader('X-Extra', 1);
      pm.request.headers.add({ key: 'Authorization', value: 'Bearer ' + 'tok' });
      pm.request.headers.remove('Accept');
      const body = JSON.parse(pm.request.body.raw);
      body.age = 36;
      pm.request.body.update(JSON.stringify(body));
      console.log(pm.request.url.getHost(), pm.request.url.getPath(), pm.request.url.getQueryString(), pm.request.method);
    `);
    expect(result.error).toBeUndefined();
    expect(result.logs[0]?.message).toBe('127.0.0.1 /users page=3 PUT');
    expect(result.request).toEqual({
      method: 'PUT',
      url: 'http://127.0.0.1:1/users?page=3',
      headers: [
        ['x-trace', 'def'],
        ['X-Extra', '1'],
        ['Authorization', 'Bearer tok'],
      ],
      body: '{"name":"Ada","age":36}',
    });
  });

  it('refuses a header value with a line break (no header injection) and keeps the original request', async () => {
    const result = await pre(`bb.request.setHeader('X-Evil', 'a\\r\\nHost: elsewhere')`);
    expect(result.error).toMatch(
      /^Script error: the request it left is not valid \(request\.headers\.\d+\.1: a header value must not contain/,
    );
    expect(result.request).toEqual(request);
  });

  it('lets header names hold {{variables}} (they resolve later) and refuses other characters around them', async () => {
    const templated = await runScript({
      phase: 'preRequest',
      code: `bb.request.setHeader('X-Trace-{{n}}', '1')`,
      request: { ...request, headers: [['X-{{prefix}}-Id', '{{id}}']] },
    });
    expect(templated.error).toBeUndefined();
    expect(templated.request?.headers).toEqual([
      ['X-{{prefix}}-Id', '{{id}}'],
      ['X-Trace-{{n}}', '1'],
    ]);
    for (const name of ['X {{a}}', 'X-{{a}', 'X-{{}}']) {
      const result = await pre(`bb.request.setHeader(${JSON.stringify(name)}, '1')`);
      expect(result.error).toMatch(/request\.headers\.\d+\.0: a header name has characters HTTP forbids/);
    }
  });

  it('refuses a method that is not an HTTP token', async () => {
    const result = await pre(`bb.request.method = 'GET /x'`);
    expect(result.error).toMatch(/^Script error: the request it left is not valid \(request\.method: /);
  });
});

describe('post-response scripts over a real JSON response', () => {
  let server: Server;
  let response: ScriptResponse;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(201, 'Created', { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' });
      res.end(JSON.stringify({ id: 42, name: 'Ada', tags: ['admin'], token: 'secret-token', items: [{ id: 1 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/users/42`);
    const body = await res.text();
    response = {
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers.entries()],
      body,
      timeMs: Math.round(performance.now() - started),
      size: Buffer.byteLength(body),
    };
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function post(code: string) {
    return runScript({ phase: 'postResponse', code, request, response });
  }

  it('runs a Postman-style script: passing and failing tests, variables set from the body', async () => {
    const result = await post(`
      pm.test('status is 201', function () { pm.response.to.have.status(201); });
      pm.test('status is 200', function () { pm.response.to.have.status(200); });
      pm.test('is JSON with an id', () => {
        const json = pm.response.json();
        pm.expect(json).to.have.property('id');
        pm.expect(json.id).to.eql(42);
        pm.expect(json.name).to.be.a('string');
        pm.expect(json.tags).to.include('admin');
      });
      pm.test('name is Grace', () => pm.expect(pm.response.json().name).to.equal('Grace'));
      pm.test('header', () => pm.expect(pm.response.headers.get('content-type')).to.include('application/json'));
      pm.test('code and reason', () => {
        pm.expect(pm.response.code).to.equal(201);
        pm.expect(pm.response.status).to.equal('Created');
        pm.expect(pm.response.responseTime).to.be.a('number');
        pm.expect(pm.response.text()).to.include('"Ada"');
      });
      pm.environment.set('token', pm.response.json().token);
      pm.collectionVariables.set('userId', pm.response.json().id);
    `);
    expect(result.error).toBeUndefined();
    expect(result.tests).toEqual([
      { name: 'status is 201', passed: true },
      { name: 'status is 200', passed: false, error: 'expected response to have status code 200 but got 201' },
      { name: 'is JSON with an id', passed: true },
      { name: 'name is Grace', passed: false, error: "expected 'Ada' to equal 'Grace'" },
      { name: 'header', passed: true },
      { name: 'code and reason', passed: true },
    ]);
    expect(result.variables.environment).toEqual({ token: 'secret-token' });
    expect(result.variables.collection).toEqual({ userId: '42' });
    expect(result.request).toBeUndefined();
  });

  it('offers the same through bb', async () => {
    const result = await post(`
      bb.test('bb', () => {
        bb.expect(bb.response.status).to.equal(201);
        bb.expect(bb.response.header('X-Request-Id')).to.equal('r-1');
        bb.expect(bb.response.headers['x-request-id']).to.equal('r-1');
        bb.expect(bb.response.json().items).to.eql([{ id: 1 }]);
        bb.expect(bb.response.body).to.be.a('string');
        bb.expect(bb.response.time).to.be.at.least(0);
        bb.expect(bb.response.size).to.be.above(10);
      });
      bb.test('request is read-only after sending', () => {
        bb.request.url = 'changed';
        bb.request.headers.push({ name: 'X', value: 'y' });
      });
      console.log(bb.request.url);
    `);
    expect(result.tests[0]).toEqual({ name: 'bb', passed: true });
    // a sloppy-mode assignment to the frozen request is ignored; pushing to its frozen headers throws
    expect(result.tests[1]).toMatchObject({ name: 'request is read-only after sending', passed: false });
    expect(result.tests[1]?.error).toMatch(/^TypeError: /);
    expect(result.logs).toEqual([{ level: 'log', message: request.url }]);
  });

  it("supports Postman's response assertions and legacy globals", async () => {
    const result = await post(`
      pm.test('success', () => pm.response.to.be.success);
      pm.test('ok', () => pm.response.to.be.ok);
      pm.test('not error', () => pm.response.to.not.be.error);
      pm.test('json', () => pm.response.to.be.json);
      pm.test('header', () => pm.response.to.have.header('X-Request-Id', 'r-1'));
      pm.test('jsonBody', () => pm.response.to.have.jsonBody('name', 'Ada'));
      pm.test('reason', () => pm.response.to.have.status('Created'));
      tests['legacy code'] = responseCode.code === 201;
      tests['legacy body'] = JSON.parse(responseBody).id === 41;
    `);
    expect(result.tests).toEqual([
      { name: 'success', passed: true },
      { name: 'ok', passed: false, error: 'expected response to be ok, but its status is 201' },
      { name: 'not error', passed: true },
      { name: 'json', passed: true },
      { name: 'header', passed: true },
      { name: 'jsonBody', passed: true },
      { name: 'reason', passed: true },
      { name: 'legacy code', passed: true },
      { name: 'legacy body', passed: false },
    ]);
  });

  it('settles async tests and says which never finished', async () => {
    const result = await post(`
      pm.test('resolves', async () => { await null; pm.expect(1).to.equal(1); });
      pm.test('rejects', async () => { await null; pm.expect(1).to.equal(2); });
      pm.test('hangs', () => new Promise(() => {}));
    `);
    expect(result.tests).toEqual([
      { name: 'resolves', passed: true },
      { name: 'rejects', passed: false, error: 'expected 1 to equal 2' },
      { name: 'hangs', passed: false, error: 'the test did not finish: its promise never settled' },
    ]);
  });

  it('tells when the body is not JSON', async () => {
    const result = await runScript({
      phase: 'postResponse',
      code: `pm.test('json', () => pm.response.json())`,
      request,
      response: { ...response, body: '<html>' },
    });
    expect(result.tests).toEqual([
      { name: 'json', passed: false, error: "Error: the response body is not JSON (it starts with '<html>')" },
    ]);
  });
});

describe('console', () => {
  it('captures every level and formats values', async () => {
    const result = await pre(`
      console.log('a', 1, { b: [1, 2] }, null, undefined, true);
      console.info('i'); console.warn('w'); console.error('e'); console.debug('d');
    `);
    expect(result.logs).toEqual([
      { level: 'log', message: 'a 1 {"b":[1,2]} null undefined true' },
      { level: 'info', message: 'i' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: 'e' },
      { level: 'debug', message: 'd' },
    ]);
  });

  it('keeps at most 1000 lines and says how many it dropped', async () => {
    const result = await pre(`for (let i = 0; i < 1500; i++) console.log(i)`);
    expect(result.logs).toHaveLength(1001);
    expect(result.logs[1000]).toEqual({
      level: 'warn',
      message: '500 more log lines were dropped (at most 1000 are kept)',
    });
  });
});

it('returns an empty result for an empty script without starting the sandbox', async () => {
  const result = await pre('   \n');
  expect(result).toEqual({
    tests: [],
    variables: { runtime: {}, environment: {}, collection: {}, globals: {} },
    logs: [],
    request,
  });
});
