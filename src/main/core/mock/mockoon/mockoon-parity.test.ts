/**
 * The importer against the real Mockoon (issue 7): one environment file (fixtures/parity) served by @mockoon/cli
 * and by Backbench's mock server from the same import `backbench mock <file>` uses, the same requests sent to
 * both over HTTP. Status, headers (all but those about the connection) and bodies must be the same; bodies made
 * by random helpers are compared by shape.
 */
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMockSource } from '../mock-source';
import { createMockServer, type MockServer } from '../mock-server';
import { compileTemplate } from '../templating/compile-template';
import { call, type CallResult } from '../testing/http-call';
import { mockoonCliPath, startMockoon, type MockoonProcess } from './mockoon-cli-process';
import { PARITY_CASES, type ParityCase } from './mockoon-parity.cases';

const FILE = join(import.meta.dirname, 'fixtures', 'parity', 'parity.mockoon.json');
// headers about the connection and framing, not the answer
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

function answerOf(result: CallResult, parity: ParityCase): Answer | number {
  if (parity.statusOnly) return result.status;
  const headers = Object.fromEntries(
    Object.entries(result.headers)
      .filter(([name]) => !IGNORED.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { status: result.status, headers, body: parity.shape ? parity.shape(result.text) : result.text };
}

function send(base: string, parity: ParityCase): Promise<CallResult> {
  return call(`${base}${parity.path}`, { method: parity.method ?? 'GET', headers: parity.headers, body: parity.body });
}

const cli = mockoonCliPath();

describe.skipIf(cli === null)('a Mockoon environment served by Backbench answers as @mockoon/cli does', () => {
  let mockoon: MockoonProcess;
  let backbench: MockServer;
  let backbenchUrl: string;
  let warnings: string[];

  beforeAll(async () => {
    // started first and kept in `mockoon` at once, so afterAll stops it whatever fails next
    mockoon = await startMockoon(FILE);
    // the import `backbench mock <file>` runs (cli/mock-command.ts)
    const loaded = await loadMockSource(FILE);
    warnings = loaded.warnings;
    backbench = createMockServer({
      definition: loaded.definition,
      root: dirname(FILE),
      port: 0,
      compileBody: compileTemplate,
    });
    backbenchUrl = (await backbench.start()).url;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([backbench?.stop(), mockoon?.stop()]);
  });

  it('imports the environment without a warning', () => {
    expect(warnings).toEqual([]);
  });

  // in order: sequential responses count the requests before them
  for (const parity of PARITY_CASES) {
    it(`${parity.method ?? 'GET'} ${parity.path}${parity.note ? ` (${parity.note})` : ''}`, async () => {
      const expected = answerOf(await send(mockoon.url, parity), parity);
      const actual = answerOf(await send(backbenchUrl, parity), parity);
      expect(actual).toEqual(expected);
    });
  }
});

if (cli === null) {
  it.skip('Mockoon parity needs @mockoon/cli (a devDependency: run npm ci) to compare against', () => undefined);
}
