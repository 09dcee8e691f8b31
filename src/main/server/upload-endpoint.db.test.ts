import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../core/connections/test-databases';
import { createServices, type Services } from '../core/services';
import { pageHeaders, rpc, send, signIn, tokenOf } from './http-test-client';
import { startWebHost, type WebHost } from './web-host';

/** `POST /upload` on the browser host: signed in like /rpc, size-capped, and what it stores is importable. */

describe('POST /upload', () => {
  let root: string;
  let dataDir: string;
  let services: Services;
  let host: WebHost;
  let session: string;
  const done = new Set<string>();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-upload-'));
    dataDir = join(root, 'data');
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    services = await createServices({
      host: 'browser',
      dataDir,
      createSample: false,
      emit: (topic, payload) => {
        const p = payload as { importId?: string; done?: boolean };
        if (topic === 'import.progressed' && p.done) done.add(p.importId!);
      },
    });
    host = await startWebHost({ dispatch: services.dispatch, rendererDir, dataDir, maxUploadBytes: 1024 });
    session = await signIn(host.port, tokenOf(host.startUrl()));
  });

  afterAll(async () => {
    await host?.close();
    await services?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const upload = (body: string, name: string, headers: Record<string, string> = { 'X-Backbench-Session': session }) =>
    send(host.port, `/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: pageHeaders(host.port, { ...headers, 'Content-Type': 'application/octet-stream' }),
      body,
    });

  it('stores the file privately and answers with an id that transfer.import takes', async () => {
    const reply = await upload('id,name\n1,Ada\n2,""\n3,\n', '../../etc/people.csv');
    expect(reply.status).toBe(200);
    const { value } = JSON.parse(reply.body) as {
      value: { fileId: string; name: string; format: string; bytes: number };
    };
    expect(value).toMatchObject({ name: 'people.csv', format: 'csv', bytes: 22 });
    const stored = join(dataDir, 'uploads', value.fileId);
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'uploads')).mode & 0o777).toBe(0o700);

    const created = JSON.parse(
      (
        await rpc(host.port, session, 'connections.create', {
          name: 'target',
          params: { engine: 'sqlite', file: join(root, 'target.db'), create: true },
        })
      ).body,
    ) as { value: { id: string } };
    const started = await rpc(host.port, session, 'transfer.import', {
      importId: 'up-1',
      connectionId: created.value.id,
      fileId: value.fileId,
      table: 'people',
      create: true,
    });
    expect(JSON.parse(started.body)).toMatchObject({ ok: true });
    await waitFor(() => done.has('up-1'), 'the import to finish');
    const status = JSON.parse((await rpc(host.port, session, 'transfer.importStatus', { importIds: ['up-1'] })).body);
    expect(status).toMatchObject({ ok: true, value: [{ state: 'done', rowsImported: 3, created: true }] });
    const rows = JSON.parse(
      (
        await rpc(host.port, session, 'query.run', {
          connectionId: created.value.id,
          sql: 'select name from people order by id',
          runId: 'r',
          pageSize: 10,
        })
      ).body,
    );
    expect(rows.value.rows).toEqual([['Ada'], [''], [null]]);
  });

  it('refuses a caller that is not signed in, and a file past the cap (nothing left behind)', async () => {
    const before = readdirSync(join(dataDir, 'uploads')).length;
    const anonymous = await upload('id\n1\n', 'a.csv', {});
    expect(anonymous.status).toBe(401);
    const big = await upload(`id\n${'1\n'.repeat(1000)}`, 'big.csv');
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    // no Content-Length: the cap is met while reading
    const chunked = await upload(`id\n${'1\n'.repeat(1000)}`, 'big.csv', {
      'X-Backbench-Session': session,
      'Transfer-Encoding': 'chunked',
    });
    expect(chunked.status).toBe(413);
    expect(readdirSync(join(dataDir, 'uploads')).length).toBe(before);
    const wrongMethod = await send(host.port, '/upload', {
      headers: pageHeaders(host.port, { 'X-Backbench-Session': session }),
    });
    expect(wrongMethod.status).toBe(405);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(true);
  });
});
