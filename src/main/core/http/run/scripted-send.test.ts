import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-http-scripted-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A collection "Shop" with a folder "users", both with scripts that log where they ran. */
async function shop(base: string) {
  const { path: collection } = await client.http.createCollection({ name: 'Shop' });
  await client.http.saveSettings({
    kind: 'collection',
    path: collection,
    settings: {
      name: 'Shop',
      variables: [{ name: 'base', value: base }],
      scripts: { preRequest: `console.log('pre collection')`, postResponse: `console.log('post collection')` },
    },
  });
  const { path: folder } = await client.http.createFolder({ parent: collection, name: 'Users' });
  await client.http.saveSettings({
    kind: 'folder',
    path: folder,
    settings: {
      name: 'Users',
      scripts: { preRequest: `console.log('pre folder')`, postResponse: `console.log('post folder')` },
    },
  });
  const { path: env } = await client.http.createEnvironment({ name: 'Local' });
  await client.http.saveEnvironment({
    path: env,
    environment: {
      name: 'Local',
      variables: [
        { name: 'token', value: 't-1', secret: true },
        { name: 'kept', value: 'k' },
      ],
    },
  });
  return { collection, folder, env };
}

describe('http.send with scripts and assertions', () => {
  it('runs inherited scripts in order, sets a header from a variable, records tests, assertions and variables', async () => {
    const server = await http((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ auth: req.headers['x-auth'] ?? null, id: 7, url: req.url }));
    });
    const { folder, env } = await shop(server.url);
    const request = {
      name: 'Get user',
      method: 'GET',
      url: '{{base}}/users/{{userId}}',
      scripts: {
        preRequest: [
          `pm.request.headers.add({ key: 'X-Auth', value: 'Bearer ' + pm.environment.get('token') });`,
          `pm.variables.set('userId', '42');`,
          `console.log('pre request')`,
        ].join('\n'),
        postResponse: [
          `console.log('post request')`,
          `pm.test('status is 200', () => pm.response.to.have.status(200));`,
          `bb.test('id is 8', () => bb.expect(bb.response.json().id).to.equal(8));`,
          `pm.environment.set('token', 't-2');`,
          `pm.environment.set('fresh', String(pm.response.json().id));`,
          `pm.environment.unset('kept');`,
          `pm.collectionVariables.set('seen', 'yes');`,
        ].join('\n'),
      },
      assertions: [
        { target: 'status' as const, op: 'equals' as const, value: 200 },
        { target: 'jsonpath' as const, path: '$.auth', op: 'equals' as const, value: 'Bearer t-1' },
        { target: 'header' as const, name: 'Content-Type', op: 'contains' as const, value: 'text/html' },
      ],
    };
    const { path } = await client.http.createRequest({ parent: folder, request });

    const result = await client.http.send({ sendId: 'a', request, path, environment: env });

    expect(server.received[0]!.headers['x-auth']).toBe('Bearer t-1');
    expect(server.received[0]!.url).toBe('/users/42');
    expect(result.status).toBe(200);
    expect(result.scriptLogs.map((log) => `${log.phase} ${log.script}: ${log.message}`)).toEqual([
      'preRequest collection: pre collection',
      'preRequest folder "shop/users": pre folder',
      'preRequest request: pre request',
      'postResponse collection: post collection',
      'postResponse folder "shop/users": post folder',
      'postResponse request: post request',
    ]);
    expect(result.tests).toEqual([
      { script: 'request', name: 'status is 200', passed: true },
      { script: 'request', name: 'id is 8', passed: false, error: expect.stringContaining('8') },
    ]);
    expect(result.assertions.map(({ passed, actual }) => [passed, actual])).toEqual([
      [true, 200],
      [true, 'Bearer t-1'],
      [false, 'application/json'],
    ]);
    expect(result.scriptErrors).toEqual([]);

    // environment changes are written to the environment file; the collection's to collection.yaml
    expect(await client.http.readEnvironment({ path: env })).toEqual({
      name: 'Local',
      variables: [
        { name: 'token', value: 't-2', secret: true },
        { name: 'fresh', value: '7' },
      ],
    });
    // a secret stays secret: its new value goes to the encrypted store, not the file
    expect(readFileSync(join(dir, 'workspace/environments', env), 'utf8')).not.toContain('t-2');
    expect(readFileSync(join(dir, 'workspace/collections/shop/collection.yaml'), 'utf8')).toContain('seen');
    // pm.variables.set is a runtime variable: kept for the session
    const visible = await client.http.variables({ path, environment: env });
    expect(visible.find((variable) => variable.name === 'userId')).toMatchObject({ value: '42', scope: 'runtime' });
    const again = await client.http.send({
      sendId: 'b',
      request: { name: 'Again', method: 'GET', url: '{{base}}/again/{{userId}}' },
      path,
    });
    expect(again.status).toBe(200);
    expect(server.received[1]!.url).toBe('/again/42');
  });

  it('reports a script that runs past its time limit and still returns the response', async () => {
    const server = await http((_req, res) => res.end('ok'));
    const result = await client.http.send({
      sendId: 'loop',
      request: {
        name: 'Loop',
        method: 'GET',
        url: server.url,
        scripts: { postResponse: `bb.test('before', () => {}); while (true) {}` },
        assertions: [{ target: 'body', op: 'equals', value: 'ok' }],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body.data).toBe('ok');
    expect(result.scriptErrors).toEqual([
      { script: 'request', phase: 'postResponse', message: 'Script stopped: it ran longer than 1000 ms' },
    ]);
    expect(result.tests).toEqual([{ script: 'request', name: 'before', passed: true }]);
    expect(result.assertions.map((a) => a.passed)).toEqual([true]);
  });

  it('stops the send when a pre-request script fails, naming the script', async () => {
    const server = await http((_req, res) => res.end('never'));
    await expect(
      client.http.send({
        sendId: 'bad',
        request: { name: 'Bad', method: 'GET', url: server.url, scripts: { preRequest: `\nnope();` } },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /^The request pre-request script failed, so the request was not sent\. Script error: ReferenceError: .*nope.*line 2/,
      ),
      details: { script: 'request', phase: 'preRequest' },
    });
    expect(server.received).toEqual([]);
  });

  it('lets a pre-request script change the body and method; notes an environment change with no environment', async () => {
    const server = await http((_req, res) => res.end('done'));
    const result = await client.http.send({
      sendId: 'body',
      request: {
        name: 'Body',
        method: 'GET',
        url: server.url,
        body: { type: 'json', text: '{"n":{{n}}}' },
        scripts: {
          preRequest: `pm.variables.set('n', '5'); pm.request.method = 'POST'; pm.environment.set('x', '1');`,
        },
      },
    });
    expect(result.status).toBe(200);
    expect(server.received[0]).toMatchObject({ method: 'POST' });
    expect(server.received[0]!.body.toString()).toBe('{"n":5}');
    expect(result.scriptErrors).toEqual([
      {
        script: null,
        phase: 'postResponse',
        message: 'No environment is selected: environment variable "x" set for this send only, not kept.',
      },
    ]);
  });

  it('gives scripts and assertions a body streamed to disk, read back from its file', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(3_000_000), id: 9 });
    const server = await http((_req, res) => res.end(text));
    const result = await client.http.send({
      sendId: 'big',
      request: {
        name: 'Big',
        method: 'GET',
        url: server.url,
        scripts: { postResponse: `bb.test('id', () => bb.expect(bb.response.json().id).to.equal(9));` },
        assertions: [{ target: 'jsonpath', path: '$.id', op: 'equals', value: 9 }],
      },
    });
    expect(result.body).toMatchObject({ data: null, size: text.length });
    expect(result.tests).toEqual([{ script: 'request', name: 'id', passed: true }]);
    expect(result.assertions.map((a) => a.passed)).toEqual([true]);
  });
});
