import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockDefinition } from '../../../shared/mock-definition';
import { openMockFixture, type MockFixture } from './mock-test-support';

let fx: MockFixture;
beforeEach(async () => {
  fx = await openMockFixture();
});
afterEach(async () => {
  await fx.dispose();
});

const users = (name: string): MockDefinition => ({
  name: 'Users',
  port: 0,
  routes: [
    {
      method: 'GET',
      path: '/users/:id',
      responses: [
        {
          headers: { 'content-type': 'application/json' },
          body: `{"id": "{{urlParam 'id'}}", "name": "${name}"}`,
        },
      ],
    },
    { method: 'POST', path: '/users', responses: [{ status: 201, body: { created: true } }] },
  ],
});

async function call(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('mock module', () => {
  it('creates, saves, starts, serves, logs, reloads on save and on external edits, and stops', async () => {
    const { client } = fx;
    const created = await client.mock.create({ name: 'Users API' });
    expect(created).toMatchObject({ path: 'users-api.yaml', name: 'Users API', state: 'stopped', routeCount: 0 });
    expect(created.port).toBeGreaterThanOrEqual(3001);

    await client.mock.save({ path: created.path, definition: users('Ada') });
    const started = await client.mock.start({ path: created.path });
    expect(started.state).toBe('running');
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = started.port;

    expect(await call(`${started.url}/users/7`)).toEqual({ status: 200, body: { id: '7', name: 'Ada' } });
    expect((await call(`${started.url}/users`, { method: 'POST' })).status).toBe(201);

    const log = await client.mock.requests({ path: created.path });
    expect(log.map((r) => [r.method, r.path, r.route, r.status])).toEqual([
      ['GET', '/users/7', 'GET /users/:id', 200],
      ['POST', '/users', 'POST /users', 201],
    ]);
    const detail = await client.mock.request({ path: created.path, id: log[0]!.id });
    expect(JSON.parse(detail.response.body)).toEqual({ id: '7', name: 'Ada' });
    expect(detail.response.truncated).toBe(false);
    expect(await client.mock.requests({ path: created.path, afterId: log[0]!.id })).toHaveLength(1);

    // a save while running swaps the routes under the same socket; the log is kept
    const saved = await client.mock.save({ path: created.path, definition: users('Grace') });
    expect(saved).toMatchObject({ state: 'running', port, error: null });
    expect((await call(`${started.url}/users/1`)).body).toEqual({ id: '1', name: 'Grace' });
    expect(await client.mock.requests({ path: created.path })).toHaveLength(3);

    // an edit outside the app reloads too
    const file = join(fx.workspaceDir, 'mocks', created.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Grace', 'Linus'));
    await vi.waitFor(async () => expect((await call(`${started.url}/users/2`)).body).toMatchObject({ name: 'Linus' }), {
      timeout: 5000,
    });

    // an edit that does not load keeps the old routes and says why
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: /users/:id', 'path: users/:id'));
    await vi.waitFor(() => expect(fx.eventsOf('mock.statusChanged').at(-1)?.error).toMatch(/users-api\.yaml/), {
      timeout: 5000,
    });
    expect(fx.eventsOf('mock.statusChanged').at(-1)).toMatchObject({ state: 'running', path: created.path, port });
    expect(fx.eventsOf('mock.statusChanged').at(-1)?.error).toContain('routes[0].path');
    expect((await call(`${started.url}/users/3`)).body).toEqual({ id: '3', name: 'Linus' });
    expect((await client.mock.list({}))[0]).toMatchObject({ state: 'running', port });

    const stopped = await client.mock.stop({ path: created.path });
    expect(stopped).toMatchObject({ state: 'stopped', url: null });
    await expect(fetch(`${started.url}/users/1`)).rejects.toThrow();
    // the last run's log stays readable until the next start
    expect((await client.mock.requests({ path: created.path })).length).toBeGreaterThanOrEqual(5);
    expect(await client.mock.clearRequests({ path: created.path })).toEqual({ cleared: true });
    expect(await client.mock.requests({ path: created.path })).toEqual([]);

    const states = fx.eventsOf('mock.statusChanged').map((s) => s.state);
    expect(states).toContain('starting');
    expect(states.at(-1)).toBe('stopped');
  });

  it('refuses an invalid save with INVALID_INPUT naming the file and field, leaving the file as it was', async () => {
    const { client } = fx;
    const { path } = await client.mock.create({ name: 'Strict' });
    const file = join(fx.workspaceDir, 'mocks', path);
    const before = readFileSync(file, 'utf8');
    await expect(
      client.mock.save({
        path,
        text: 'name: Strict\nport: 3001\nroutes:\n  - method: GET\n    path: /a\n    responses: []\n',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/strict\.yaml: routes\[0\]\.responses/),
    });
    await expect(client.mock.save({ path, text: 'name: [' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      client.mock.save({
        path,
        definition: { name: 'x', port: 0, routes: [{ method: 'GET', path: '/a', responses: [{ body: '{{#if}}' }] }] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('strict.yaml') });
    await expect(client.mock.save({ path })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(readFileSync(file, 'utf8')).toBe(before);

    const text = '# kept as typed\nname: Strict\nport: 0\nroutes: []\n';
    await client.mock.save({ path, text });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(await client.mock.read({ path })).toMatchObject({ text, definition: { name: 'Strict' }, error: null });

    writeFileSync(file, 'name: Strict\nport: nope\nroutes: []\n');
    const read = await client.mock.read({ path });
    expect(read.definition).toBeNull();
    expect(read.error).toMatch(/strict\.yaml: port/);
    await expect(client.mock.start({ path })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await client.mock.list({}))[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('port') });
  });

  it('answers CONFLICT naming the port when it is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { path } = await fx.client.mock.create({ name: 'Busy' });
      await fx.client.mock.save({ path, definition: { name: 'Busy', port, routes: [] } });
      await expect(fx.client.mock.start({ path })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(String(port)),
      });
      expect(fx.eventsOf('mock.statusChanged').at(-1)).toMatchObject({ state: 'failed', port });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('keeps paths inside the mocks folder and refuses a second file of the same name', async () => {
    await expect(fx.client.mock.read({ path: '../secrets.yaml' })).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(fx.client.mock.save({ path: '/etc/x.yaml', text: 'a' })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_ROOT',
    });
    const first = await fx.client.mock.create({ name: 'Twice' });
    await expect(fx.client.mock.create({ name: 'twice' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // two new mocks never get the same port
    const second = await fx.client.mock.create({ name: 'Other' });
    expect(second.port).not.toBe(first.port);
    await fx.client.mock.save({ path: first.path, definition: { name: 'Twice', port: 0, routes: [] } });
    await fx.client.mock.start({ path: first.path });
    expect(await fx.client.mock.delete({ path: first.path })).toEqual({ deleted: true });
    expect((await fx.client.mock.list({})).map((m) => m.path)).toEqual([second.path]);
    expect(await fx.client.mock.delete({ path: first.path })).toEqual({ deleted: false });
    await expect(fx.client.mock.requests({ path: first.path })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const eventsBefore = fx.events.length;
    for (const call of [fx.client.mock.start, fx.client.mock.stop, fx.client.mock.read]) {
      await expect(call({ path: 'missing.yaml' })).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
        message: expect.stringContaining('missing.yaml'),
      });
    }
    expect(fx.events.length).toBe(eventsBefore);
    await expect(fx.client.mock.request({ path: second.path, id: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
