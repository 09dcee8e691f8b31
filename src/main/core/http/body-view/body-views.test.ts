import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { BodyStore } from '../send/body-store';
import { useTestServers } from '../testing/test-servers';
import { BodyViews } from './body-views';
import { MAX_LINE_BYTES } from './body-view';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

/** ~30 MB of minified JSON: 120,000 orders, the last one with a term found nowhere else. */
let minified: string;
let prettyLines: string[];
beforeAll(() => {
  const orders = Array.from({ length: 120_000 }, (_, i) => ({
    id: i,
    customer: `Customer ${i} "quoted" {braces}, [brackets]`,
    total: Math.round(i * 13.7) / 100,
    paid: i % 3 === 0,
    note: i === 119_990 ? 'ZEBRA-needle here' : null,
    items: [{ sku: `SKU-${i % 977}`, qty: (i % 5) + 1, tags: ['a', 'é'] }, {}],
  }));
  minified = JSON.stringify({ orders, count: orders.length });
  prettyLines = JSON.stringify(JSON.parse(minified), null, 2).split('\n');
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-body-view-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function sendBig(body: string): Promise<string> {
  const server = await http((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  });
  const response = await client.http.send({
    sendId: 'big',
    request: { name: 'Big', method: 'GET', url: `${server.url}/big` },
  });
  expect(response.body.handle).not.toBeNull();
  return response.body.handle!;
}

async function built(handle: string) {
  for (;;) {
    const status = await client.http.bodyView({ handle });
    if (!status.indexing) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('big body views through the contract', () => {
  it('pretty-prints minified JSON into lines without holding the event loop, and reads any range', async () => {
    const handle = await sendBig(minified);
    // timers keep firing while it builds: it yields after each 1 MB chunk (a count, not a gap in ms, which a
    // loaded machine or a GC pause of this test's own big heap would make flaky)
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const first = await client.http.bodyView({ handle });
    expect(first.indexing).toBe(true);
    const status = await built(handle);
    clearInterval(timer);
    expect(status).toMatchObject({ size: Buffer.byteLength(minified), formatted: true, note: null, progress: 1 });
    expect(status.lineCount).toBe(prettyLines.length);
    expect(ticks).toBeGreaterThanOrEqual(10);

    const head = await client.http.bodyLines({ handle, start: 0, count: 5 });
    expect(head.lines).toEqual(prettyLines.slice(0, 5));
    const middle = await client.http.bodyLines({ handle, start: 1_234_567, count: 1000 });
    expect(middle.lines).toEqual(prettyLines.slice(1_234_567, 1_235_567));
    const tail = await client.http.bodyLines({ handle, start: status.lineCount - 3, count: 10 });
    expect(tail.lines).toEqual(prettyLines.slice(-3));
    expect(tail.lines.at(-1)).toBe('}');
    const past = await client.http.bodyLines({ handle, start: status.lineCount + 5, count: 10 });
    expect(past.lines).toEqual([]);
  });

  it('finds text near the end by line and column, case-insensitively on request, in pages', async () => {
    const handle = await sendBig(minified);
    await built(handle);
    const expectedLine = prettyLines.findIndex((line) => line.includes('ZEBRA-needle'));
    const column = prettyLines[expectedLine]!.indexOf('ZEBRA-needle');

    const exact = await client.http.bodySearch({ handle, query: 'ZEBRA-needle', caseSensitive: true, limit: 10 });
    expect(exact).toEqual({ matches: [{ line: expectedLine, column, length: 12 }], complete: true, cancelled: false });
    const lower = await client.http.bodySearch({ handle, query: 'zebra-NEEDLE', caseSensitive: true, limit: 10 });
    expect(lower.matches).toEqual([]);
    const folded = await client.http.bodySearch({ handle, query: 'zebra-NEEDLE', caseSensitive: false, limit: 10 });
    expect(folded.matches).toEqual([{ line: expectedLine, column, length: 12 }]);

    // "SKU-976" is in every 977th order; pages go on from after the last match
    const expected = prettyLines.flatMap((line, i) => (line.includes('"SKU-976"') ? [i] : []));
    const page1 = await client.http.bodySearch({ handle, query: '"SKU-976"', caseSensitive: true, limit: 50 });
    expect(page1.complete).toBe(false);
    const lastOf1 = page1.matches.at(-1)!;
    const page2 = await client.http.bodySearch({
      handle,
      query: '"SKU-976"',
      caseSensitive: true,
      fromLine: lastOf1.line,
      fromColumn: lastOf1.column + 1,
      limit: 10_000,
    });
    expect(page2.complete).toBe(true);
    expect([...page1.matches, ...page2.matches].map((m) => m.line)).toEqual(expected);
  });

  it('stops a search when a newer one on the same body starts', async () => {
    const handle = await sendBig(minified);
    await built(handle);
    const slow = client.http.bodySearch({ handle, query: 'no such text anywhere', caseSensitive: false, limit: 10 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await client.http.bodySearchCancel({ handle });
    expect(cancelled.cancelled).toBe(true);
    expect(await slow).toEqual({ matches: [], complete: false, cancelled: true });
  });

  it('says NOT_FOUND for a body no longer kept', async () => {
    await expect(client.http.bodyView({ handle: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('BodyViews on text that is not minified JSON', () => {
  let store: BodyStore;
  let views: BodyViews;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bb-body-view-text-'));
    store = new BodyStore(dataDir);
    views = new BodyViews(store, { keep: 2 });
  });
  afterAll(async () => {
    await views.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function keep(text: string): Promise<string> {
    const { handle, stream } = store.create();
    await new Promise<void>((resolve, reject) => stream.end(Buffer.from(text), () => resolve()).on('error', reject));
    return handle;
  }

  it('shows lines as they are, cuts a very long line and still finds the lines after it', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const lines = [
      'first\r',
      'é second',
      long,
      'after the long one',
      ...Array.from({ length: 500 }, (_, i) => `l${i}`),
    ];
    const handle = await keep(`${lines.join('\n')}\n`);
    const status = await views.whenBuilt(handle);
    expect(status).toMatchObject({ formatted: false, lineCount: lines.length });
    const read = await views.lines({ handle, start: 0, count: 6 });
    expect(read.lines).toEqual(['first', 'é second', 'x'.repeat(MAX_LINE_BYTES), 'after the long one', 'l0', 'l1']);
    expect(read.truncated).toEqual([2]);
    const end = await views.lines({ handle, start: lines.length - 2, count: 5 });
    expect(end.lines).toEqual(['l498', 'l499']);
    const found = await views.search({
      handle,
      query: 'AFTER',
      caseSensitive: false,
      fromLine: 0,
      fromColumn: 0,
      limit: 5,
    });
    expect(found.matches).toEqual([{ line: 3, column: 0, length: 5 }]);
  });

  it('shows JSON that breaks off as received, with a note, and drops the copies of views it no longer keeps', async () => {
    const broken = `{"a":[${'1,'.repeat(5000)}2]]`;
    const handle = await keep(broken);
    const status = await views.whenBuilt(handle);
    expect(status).toMatchObject({ formatted: false, lineCount: 1 });
    expect(status.note).toMatch(/not formatted as JSON \(Unexpected "\]" at byte/);
    const good = await keep(JSON.stringify({ a: 'b'.repeat(3000) }));
    expect(await views.whenBuilt(good)).toMatchObject({ formatted: true, lineCount: 3 });
    await views.whenBuilt(await keep('one'));
    await views.whenBuilt(await keep('two'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.pretty'))).toEqual([]);
    writeFileSync(join(store.dir, 'orphan.pretty'), 'x');
    await views.prune();
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.pretty'))).toEqual([]);
  });
});
