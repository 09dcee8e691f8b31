import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../../shared/client';
import type { EventPayload } from '../../../../shared/events';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices } from '../../services';
import { watchHttpFiles, type HttpFilesChange } from './watch-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-henv-watch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (name: string) => `name: ${name}\nmethod: GET\nurl: http://127.0.0.1/x\n`;

describe('live pickup of the HTTP files', () => {
  it('reports request, folder, environment and globals changes in one debounced batch, temp files left out', async () => {
    mkdirSync(join(dir, 'collections/shop/users'), { recursive: true });
    mkdirSync(join(dir, 'environments'), { recursive: true });
    const changes: HttpFilesChange[] = [];
    const watch = watchHttpFiles({ workspaceDir: dir, debounceMs: 50, onChange: (c) => changes.push(c) });
    try {
      writeFileSync(join(dir, 'collections/shop/users/get.request.yaml'), request('Get'));
      writeFileSync(join(dir, 'collections/shop/.get.request.yaml.1a2b.tmp'), 'half');
      writeFileSync(join(dir, 'environments/staging.yaml'), 'name: Staging\nvariables: []\n');
      writeFileSync(join(dir, 'environments/notes.txt'), 'not an environment');
      writeFileSync(join(dir, 'globals.yaml'), 'name: Globals\nvariables: []\n');
      writeFileSync(join(dir, 'other.yaml'), 'not ours');
      await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 3000 });
      expect(changes[0]).toEqual({
        collections: ['shop/users/get.request.yaml'],
        environments: ['globals', 'staging.yaml'],
      });

      // a folder made later (a pulled collection) is watched too
      mkdirSync(join(dir, 'collections/pulled'));
      await vi.waitFor(() => expect(changes).toHaveLength(2), { timeout: 3000 });
      writeFileSync(join(dir, 'collections/pulled/new.request.yaml'), request('New'));
      await vi.waitFor(() => expect(changes.flatMap((c) => c.collections)).toContain('pulled/new.request.yaml'), {
        timeout: 3000,
      });
    } finally {
      watch.close();
    }
  });

  it('is wired into the http module: a file written from outside emits http.filesChanged, dispose stops it', async () => {
    const events: EventPayload<'http.filesChanged'>[] = [];
    const services = await createServices({
      host: 'test',
      dataDir: dir,
      createSample: false,
      logger: createMemoryLogger([]),
      emit: (topic, payload) => {
        if (topic === 'http.filesChanged') events.push(payload as EventPayload<'http.filesChanged'>);
      },
    });
    const client = createClient(createMemoryTransport(services.dispatch));
    try {
      const { path } = await client.http.createCollection({ name: 'Shop' });
      await vi.waitFor(() => expect(events.flatMap((e) => e.collections)).toContain(path), { timeout: 3000 });
      events.length = 0;
      writeFileSync(join(dir, 'workspace/collections', path, 'pulled.request.yaml'), request('Pulled'));
      await vi.waitFor(() => expect(events.flatMap((e) => e.collections)).toContain(`${path}/pulled.request.yaml`), {
        timeout: 3000,
      });
    } finally {
      await services.dispose();
    }
    events.length = 0;
    writeFileSync(join(dir, 'workspace/globals.yaml'), 'name: Globals\nvariables: []\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events).toEqual([]);
  });
});
