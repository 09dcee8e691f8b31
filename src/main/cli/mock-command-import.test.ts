import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../core/mock/testing/http-call';

const OPENAPI = resolve('src/main/core/mock/openapi/fixtures');
const MOCKOON = resolve('src/main/core/mock/mockoon/fixtures');

interface Running {
  url: string;
  out: () => string;
  err: () => string;
  stop: () => Promise<number | null>;
}

/** `node bin/backbench.mjs mock <file> --port 0`, resolved once it prints where it listens. */
async function startMock(file: string, name: string, extra: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [resolve('bin/backbench.mjs'), 'mock', file, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const listening = new RegExp(`Mock "${name}" listening on (http://127\\.0\\.0\\.1:\\d+)\\n`);
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = listening.exec(out);
      if (match) resolveUrl(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => rejectUrl(new Error(`exited ${code}: ${err}`)));
  });
  return {
    url,
    out: () => out,
    err: () => err,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs `backbench mock …args` expecting it to exit by itself; its code and stderr. */
async function runToExit(args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [resolve('bin/backbench.mjs'), 'mock', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  return { code, err };
}

describe('backbench mock with OpenAPI, Swagger and Mockoon files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-cli-mock-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves an OpenAPI 3.0 YAML document', async () => {
    const mock = await startMock(join(OPENAPI, 'petstore-3.0.yaml'), 'Pet Store');
    const pet = await call(`${mock.url}/api/v1/pets/12`);
    expect(pet.status).toBe(200);
    expect(JSON.parse(pet.text)).toMatchObject({ id: 1, name: 'string', status: 'available' });
    const missing = await call(`${mock.url}/api/v1/pets/12`, { headers: { prefer: 'code=404' } });
    expect([missing.status, JSON.parse(missing.text)]).toEqual([404, { code: 404, message: 'no such pet' }]);
    expect(await mock.stop()).toBe(0);
    expect(mock.out()).toMatch(/GET \/api\/v1\/pets\/12 404 \d+ ms\n/);
    // stderr may tell of a build first (bin/backbench.mjs builds changed sources), never of a problem
    expect(mock.err()).not.toContain('backbench:');
  });

  it('validates requests against the document with --validate', async () => {
    const file = join(OPENAPI, 'petstore-3.0.yaml');
    const mock = await startMock(file, 'Pet Store', ['--validate']);
    const post = (body: unknown) =>
      call(`${mock.url}/api/v1/pets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ name: 'Rex', status: 'pending' })).status).toBe(201);
    expect((await post({ name: 'Rex' })).status).toBe(400);
    expect(await mock.stop()).toBe(0);
    const yaml = join(dir, 'shop.yaml');
    writeFileSync(yaml, 'name: Shop\nport: 0\nroutes: []\n');
    const refused = await runToExit([yaml, '--validate']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`--validate works with OpenAPI documents; ${yaml} is a mock file.`);
  });

  it('serves a Swagger 2 JSON document', async () => {
    const file = join(dir, 'users.json');
    const swagger = parseYaml(readFileSync(join(OPENAPI, 'users-swagger-2.0.yaml'), 'utf8')) as object;
    writeFileSync(file, JSON.stringify(swagger));
    const mock = await startMock(file, 'Users');
    const user = await call(`${mock.url}/v2/users/3`, { method: 'PUT', body: '{}' });
    expect([user.status, user.headers['x-rate-remaining']]).toEqual([200, '0']);
    expect(JSON.parse(user.text)).toMatchObject({ id: 1, email: 'user@example.com', role: 'admin' });
    expect(await mock.stop()).toBe(0);
  });

  it('serves a Mockoon environment, printing what it left out', async () => {
    mkdirSync(join(dir, 'bodies'));
    const file = join(dir, 'bookshop.json');
    copyFileSync(join(MOCKOON, 'bookshop.mockoon.json'), file);
    copyFileSync(join(MOCKOON, 'bodies', 'readme.txt'), join(dir, 'bodies', 'readme.txt'));
    const mock = await startMock(file, 'Bookshop');
    const book = await call(`${mock.url}/api/v1/books/42?format=audio`);
    expect(JSON.parse(book.text)).toEqual({ id: 42, title: 'Book 42', format: 'audio' });
    expect((await call(`${mock.url}/api/v1/readme?name=Bo`)).text).toBe('Hello Bo\n');
    expect(await mock.stop()).toBe(0);
    expect(mock.err()).toContain(
      `${file}: routes[9] /inventory: the CRUD route names no data bucket; its responses answer as written\n`,
    );
  });

  it('exits 1 naming the file and the problem for an invalid OpenAPI or Mockoon file', async () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { a: {} } }));
    const bad = await runToExit([spec]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      new RegExp(`^backbench: ${spec}: not a valid OpenAPI 3\\.0 document: .*\\(INVALID_INPUT\\)\\n$`),
    );
    const env = join(dir, 'env.json');
    const environment = JSON.parse(readFileSync(join(MOCKOON, 'bookshop.mockoon.json'), 'utf8')) as object;
    writeFileSync(env, JSON.stringify({ ...environment, port: 'x' }));
    const badEnv = await runToExit([env]);
    expect(badEnv.code).toBe(1);
    expect(badEnv.err).toBe(`backbench: ${env}: port: expected a port number 0–65535 (INVALID_INPUT)\n`);
  });

  it('refuses --watch for an import with exit 2', async () => {
    const result = await runToExit([join(OPENAPI, 'inventory-3.1.json'), '--watch']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--watch works with mock YAML files; ');
    expect(result.err).toContain('inventory-3.1.json is an OpenAPI document.');
  });
});
