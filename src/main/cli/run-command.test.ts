import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCollectionDir } from '../core/http/runner/runner-fixture';
import type { RunReport } from '../core/http/runner/run-types';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-run-cli-'));
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, key: req.headers['x-key'] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: { BACKBENCH_DATA_DIR: join(dir, 'data') },
    waitForStop: () => new Promise(() => {}),
    openUrl: () => {},
  };
  const code = await runCli(['run', ...argv], io);
  return { code, out, err };
}

/** A workspace with a collection "Shop" (a request that checks the key it is sent) and an environment. */
function workspace(expectedKey: string): string {
  const ws = join(dir, `ws-${expectedKey}`);
  mkdirSync(join(ws, 'environments'), { recursive: true });
  writeFileSync(
    join(ws, 'environments', 'local.yaml'),
    `name: Local dev\nvariables:\n  - name: base\n    value: ${base}\n  - name: key\n    value: env-key\n`,
  );
  writeFileSync(join(ws, 'globals.yaml'), 'name: Globals\nvariables:\n  - name: who\n    value: global\n');
  return writeCollectionDir(join(ws, 'collections', 'shop'), {
    collection: { name: 'Shop' },
    requests: {
      'ping.request.yaml': {
        name: 'Ping',
        method: 'GET',
        url: '{{base}}/ping/{{who}}',
        headers: [{ name: 'X-Key', value: '{{key}}' }],
        assertions: [
          { target: 'status', op: 'equals', value: 200 },
          { target: 'jsonpath', path: '$.key', op: 'equals', value: expectedKey },
        ],
      },
    },
  });
}

describe('backbench run', () => {
  it('runs a workspace collection with an environment by name and the globals; cli lines and exit 0', async () => {
    const collection = workspace('env-key');
    const { code, out, err } = await run(collection, '--env', 'Local dev');
    expect(err).toBe('');
    expect(out).toMatch(/^Shop: 1 request\n\[1\] GET Ping 200 [\d.]+ ms \d+ B\n/);
    expect(out).toContain('    ✓ assert status equals 200\n    ✓ assert $.key equals "env-key"\n');
    expect(out).toContain('Shop: PASSED');
    expect(out).toMatch(/assertions {2}2 total, 2 passed, 0 failed/);
    expect(out).toMatch(/latency {5}p50 [\d.]+ ms, p95 [\d.]+ ms, max/);
    expect(code).toBe(0);
  });

  it('exits 1 when an assertion fails, and writes valid JUnit to --out', async () => {
    const collection = workspace('other-key');
    const out = join(dir, 'results.xml');
    const data = join(dir, 'keys.csv');
    writeFileSync(data, 'key\nother-key\nwrong\n');
    const result = await run(collection, '--env', 'local', '--data', data, '--reporter', 'junit', '--out', out);
    expect(result.code).toBe(1);
    expect(result.out).toContain('Shop: FAILED');
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ name: 'Shop', tests: '2', failures: '1' });
    expect(parsed.testsuites.testsuite.testcase[1].failure.message).toContain('wrong');
  });

  it('prints the JSON report alone on stdout, with an environment file and iterations', async () => {
    const collection = workspace('file-key');
    const env = join(dir, 'env.postman_environment.json');
    writeFileSync(
      env,
      JSON.stringify({
        name: 'File',
        values: [
          { key: 'base', value: base },
          { key: 'key', value: 'file-key' },
        ],
      }),
    );
    const { code, out } = await run(collection, '--env', env, '--reporter', 'json', '-n', '3', '--concurrency', '2');
    const report = JSON.parse(out) as RunReport;
    expect(report).toMatchObject({ collection: 'Shop', iterations: 3, passed: true });
    expect(report.totals.assertions).toEqual({ total: 6, passed: 6, failed: 0 });
    expect(code).toBe(0);
  });

  it('exits 1 when a request gets no response', async () => {
    const collection = writeCollectionDir(join(dir, 'refused'), {
      requests: { 'a.request.yaml': { name: 'Down', method: 'GET', url: 'http://127.0.0.1:9/' } },
    });
    const { code, out } = await run(collection, '--timeout', '2000');
    expect(out).toMatch(/\[1\] GET Down ✗ [A-Z_]+: /);
    expect(code).toBe(1);
  });

  it.each([
    [['--iterations', '0'], /--iterations must be a whole number from 1 to 10000000, not "0"/],
    [['--reporter', 'xml'], /--reporter must be cli, json or junit, not "xml"/],
    [['--delay', '-5'], /--delay/],
    [['--nope'], /Unknown option '--nope'/],
    [['--env', 'Nowhere'], /There is no environment "Nowhere"/],
    [['--data', 'missing.csv'], /There is no data file .*missing\.csv/],
    [['--out', '/no/such/folder/r.xml'], /--out .*folder .* does not exist/],
  ])('exits 1 with one line on stderr for %j', async (flags, message) => {
    const collection = workspace('env-key');
    const { code, out, err } = await run(collection, ...flags);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('names a missing collection and a Postman file that is not one', async () => {
    const notPostman = join(dir, 'other.json');
    writeFileSync(notPostman, '{"hello":1}');
    for (const [target, message] of [
      [join(dir, 'nothing-here'), /There is no collection folder or file/],
      [notPostman, /Postman collection: no "info" object/],
    ] as const) {
      const { code, err } = await run(target);
      expect(code).toBe(1);
      expect(err).toMatch(message);
    }
    expect((await run()).err).toMatch(/give the collection folder/);
  });
});
