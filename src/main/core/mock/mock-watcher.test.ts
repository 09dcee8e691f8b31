import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockDefinition } from '../../../shared/mock-definition';
import { loadMockFile } from './mock-file';
import { createMockServer, type MockServer } from './mock-server';
import { watchMockFile, type MockWatch } from './mock-watcher';
import { call } from './testing/http-call';

const mockText = (body: string) =>
  `name: Watched\nport: 0\nroutes:\n  - method: GET\n    path: /seq\n    responseMode: sequential\n    responses: [{ body: "${body} 1" }, { body: "${body} 2" }]\n`;

describe('hot reload from the file', () => {
  let dir: string;
  let server: MockServer;
  let watch: MockWatch;
  let events: { kind: 'reloaded' | 'error'; value: unknown }[];
  let waiters: (() => void)[];

  const nextEvent = async (count: number) => {
    while (events.length < count) await new Promise<void>((resolveWait) => waiters.push(resolveWait));
    return events[count - 1]!;
  };
  const push = (event: { kind: 'reloaded' | 'error'; value: unknown }) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) waiter();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-mockwatch-'));
    events = [];
    waiters = [];
    const file = join(dir, 'watched.yaml');
    writeFileSync(file, mockText('first'));
    server = createMockServer({ definition: await loadMockFile(file), root: dir });
    await server.start();
    watch = watchMockFile({
      file,
      server,
      debounceMs: 50,
      onReloaded: (definition: MockDefinition) => push({ kind: 'reloaded', value: definition }),
      onError: (error) => push({ kind: 'error', value: error }),
    });
  });
  afterEach(async () => {
    watch.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reloads on an edit and on a save by rename, keeping the sequence, without closing the socket', async () => {
    const url = server.address()!.url;
    expect((await call(`${url}/seq`)).text).toBe('first 1');
    writeFileSync(join(dir, 'watched.yaml'), mockText('second'));
    expect((await nextEvent(1)).kind).toBe('reloaded');
    expect((await call(`${url}/seq`)).text).toBe('second 2');

    writeFileSync(join(dir, 'tmp.yaml'), mockText('third'));
    renameSync(join(dir, 'tmp.yaml'), join(dir, 'watched.yaml'));
    await nextEvent(2);
    expect((events.at(-1)!.value as MockDefinition).routes[0]!.responses[0]!.body).toBe('third 1');
    expect((await call(`${url}/seq`)).text).toBe('third 1');
    expect(server.address()!.url).toBe(url);
  });

  it('keeps the old routes serving when an edit is not valid, and reports why', async () => {
    const url = server.address()!.url;
    writeFileSync(
      join(dir, 'watched.yaml'),
      'name: Watched\nport: 0\nroutes: [{ method: GET, path: /seq, responses: [{ status: 99 }] }]\n',
    );
    const event = await nextEvent(1);
    expect(event.kind).toBe('error');
    expect((event.value as Error).message).toBe(
      'watched.yaml: routes[0].responses[0].status: expected an integer 100–599',
    );
    expect((await call(`${url}/seq`)).text).toBe('first 1');
    // fixing the file brings the new routes in
    writeFileSync(join(dir, 'watched.yaml'), mockText('fixed'));
    await nextEvent(2);
    expect((await call(`${url}/seq`)).text).toBe('fixed 2');
  });
});
