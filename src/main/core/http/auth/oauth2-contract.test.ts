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
  dir = mkdtempSync(join(tmpdir(), 'bb-oauth2-'));
  services = await createServices({
    host: 'test',
    dataDir: dir,
    createSample: false,
    logger: createMemoryLogger([]),
  });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('OAuth 2.0 through the contract', () => {
  it('gets, shows and clears the token of a collection inherited auth whose secret is a variable', async () => {
    let issued = 0;
    const server = await http((req, res, body) => {
      if (req.url === '/token') {
        const form = new URLSearchParams(body.toString());
        const ok = req.headers.authorization === `Basic ${Buffer.from('app:s3cret').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? { access_token: `tok-${++issued}`, expires_in: 600, scope: form.get('scope') }
              : { error: 'invalid_client' },
          ),
        );
        return;
      }
      res.end(req.headers.authorization ?? 'none');
    });
    const { path: collection } = await client.http.createCollection({ name: 'Api' });
    await client.http.saveSettings({
      kind: 'collection',
      path: collection,
      settings: {
        name: 'Api',
        auth: {
          type: 'oauth2',
          grant: 'client_credentials',
          tokenUrl: `${server.url}/token`,
          clientId: 'app',
          clientSecret: '{{secret}}',
          scope: 'read',
        },
      },
    });
    const { path: env } = await client.http.createEnvironment({ name: 'Dev' });
    await client.http.saveEnvironment({
      path: env,
      environment: { name: 'Dev', variables: [{ name: 'secret', value: 's3cret', secret: true }] },
    });
    const { path } = await client.http.createRequest({
      parent: collection,
      request: { name: 'Me', method: 'GET', url: `${server.url}/me` },
    });

    expect(await client.http.oauthToken({ path, environment: env, mode: 'cached' })).toEqual({
      token: null,
      authFrom: 'collection',
    });
    await expect(client.http.oauthToken({ path, mode: 'get' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const got = await client.http.oauthToken({ path, environment: env, mode: 'get' });
    expect(got.token).toMatchObject({ tokenType: 'Bearer', scope: 'read', fromCache: false, preview: 'tok-1…' });
    expect(Date.parse(got.token!.expiresAt!)).toBeGreaterThan(Date.now() + 500_000);
    const sent = await client.http.send({
      sendId: 's1',
      path,
      environment: env,
      request: (await client.http.readRequest({ path })).request!,
    });
    expect(sent.body.data).toBe('Bearer tok-1');
    expect((await client.http.oauthToken({ path, environment: env, mode: 'new' })).token?.preview).toBe('tok-2…');
    expect(await client.http.clearOauthTokens({ tokenUrl: `${server.url}/token` })).toEqual({ removed: 1 });
    expect((await client.http.oauthToken({ path, environment: env, mode: 'cached' })).token).toBeNull();
    await expect(client.http.oauthToken({ auth: { type: 'bearer', token: 'x' }, mode: 'get' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('OAuth 2.0'),
    });
  });
});
