import { mkdtempSync, rmSync } from 'node:fs';
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
  dir = mkdtempSync(join(tmpdir(), 'bb-http-scripted-vars-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});

afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('header names with {{variables}} and pre-request scripts', () => {
  it('runs the script and sends the header under its resolved name', async () => {
    const server = await http((_req, res) => res.end('ok'));
    const result = await client.http.send({
      sendId: 'named',
      request: {
        name: 'Named',
        method: 'GET',
        url: server.url,
        headers: [{ name: 'X-{{prefix}}-Id', value: '{{id}}' }],
        scripts: { preRequest: `pm.variables.set('prefix', 'Shop'); pm.variables.set('id', '7');` },
      },
    });
    expect(result.status).toBe(200);
    expect(result.scriptErrors).toEqual([]);
    expect(server.received[0]!.headers['x-shop-id']).toBe('7');
  });

  it('still refuses a name that is not valid once resolved, and sends nothing', async () => {
    const server = await http((_req, res) => res.end('never'));
    await expect(
      client.http.send({
        sendId: 'bad-name',
        request: {
          name: 'Bad name',
          method: 'GET',
          url: server.url,
          headers: [{ name: 'X-{{prefix}}', value: 'v' }],
          scripts: { preRequest: `pm.variables.set('prefix', 'a b');` },
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { header: 'X-a b' } });
    expect(server.received).toEqual([]);
  });
});

describe('http.clearRuntimeVariables', () => {
  it('forgets the runtime variables scripts set, so later sends no longer see them', async () => {
    const server = await http((_req, res) => res.end('ok'));
    await client.http.send({
      sendId: 'set',
      request: { name: 'Set', method: 'GET', url: server.url, scripts: { preRequest: `pm.variables.set('a', '1');` } },
    });
    expect((await client.http.variables({})).map((variable) => [variable.name, variable.scope])).toEqual([
      ['a', 'runtime'],
    ]);

    expect(await client.http.clearRuntimeVariables({})).toEqual({ removed: 1 });

    expect(await client.http.variables({})).toEqual([]);
    await expect(
      client.http.send({ sendId: 'after', request: { name: 'After', method: 'GET', url: `${server.url}/{{a}}` } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await client.http.clearRuntimeVariables({})).toEqual({ removed: 0 });
  });
});
