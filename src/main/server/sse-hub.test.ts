import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/rpc';
import { signIn, tokenOf } from './http-test-client';
import { startWebHost, type WebHost, type WebHostOptions } from './web-host';

interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** An `GET /events` client that parses the stream into events and can stop reading (a slow or frozen tab). */
class StreamReader {
  readonly events: SseEvent[] = [];
  bytes = 0;
  closed = false;
  /** The last `id:` seen, as a browser's EventSource keeps it (an id-only block sets it too). */
  lastId: string | undefined;
  private buffer = '';
  private waiters: (() => void)[] = [];
  res!: IncomingMessage;
  req!: ClientRequest;

  static open(port: number, session: string, lastEventId?: string): Promise<StreamReader> {
    const reader = new StreamReader();
    return new Promise((resolveOpen, reject) => {
      reader.req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/events',
          agent: false,
          headers: {
            Host: `127.0.0.1:${port}`,
            'X-Backbench-Session': session,
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
          },
        },
        (res) => {
          reader.res = res;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => reader.feed(chunk));
          res.on('close', () => {
            reader.closed = true;
            reader.notify();
          });
          res.on('error', () => undefined);
          resolveOpen(reader);
        },
      );
      reader.req.on('error', (error) => (reader.res ? undefined : reject(error)));
      reader.req.end();
    });
  }

  private feed(chunk: string): void {
    this.bytes += chunk.length;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = this.lastId = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) this.events.push({ id, event, data: data.join('\n') });
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `check` holds (re-checked whenever data arrives or the stream closes). */
  async until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise<void>((resolveWait) => this.waiters.push(resolveWait));
  }

  close(): void {
    this.req.destroy();
  }
}

const topics = (events: SseEvent[]) =>
  events.map((e) => (e.event === 'message' ? (JSON.parse(e.data) as EventMessage).payload : e.event));

describe('browser host event stream', () => {
  let rendererDir: string;
  let host: WebHost;
  let session: string;
  let publish: (message: EventMessage) => void;
  const readers: StreamReader[] = [];
  const errors: { fields: object; message: string }[] = [];

  const startHost = async (options: Partial<WebHostOptions> = {}) => {
    host = await startWebHost({
      dispatch: async () => ({ ok: true, value: null }),
      rendererDir,
      subscribe: (sink) => {
        publish = sink;
      },
      logError: (fields, message) => errors.push({ fields, message }),
      ...options,
    });
    session = await signIn(host.port, tokenOf(host.startUrl()));
  };
  const open = async (lastEventId?: string) => {
    const reader = await StreamReader.open(host.port, session, lastEventId);
    readers.push(reader);
    return reader;
  };
  const emit = (n: number, extra: Record<string, unknown> = {}) =>
    publish({ topic: 'test.event', payload: { n, ...extra } });

  beforeAll(() => {
    rendererDir = mkdtempSync(join(tmpdir(), 'bb-sse-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
  });
  afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    errors.length = 0;
    await host.close();
  });

  it('gives every event an id <epoch>-<seq> that only grows', async () => {
    await startHost();
    const reader = await open();
    for (let n = 1; n <= 3; n++) emit(n);
    await reader.until(() => reader.events.length === 3);
    expect(reader.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const ids = reader.events.map((e) => e.id!);
    const [epoch] = ids[0]!.split('-');
    expect(ids).toEqual([`${epoch}-1`, `${epoch}-2`, `${epoch}-3`]);
    expect(topics(reader.events)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    await startHost();
    const first = await open();
    for (let n = 1; n <= 3; n++) emit(n);
    await first.until(() => first.events.length === 3);
    const lastSeen = first.lastId!;
    first.close();
    // published while the tab was away
    for (let n = 4; n <= 6; n++) emit(n);
    const back = await open(lastSeen);
    await back.until(() => back.events.length === 3);
    emit(7);
    await back.until(() => back.events.length === 4);
    expect(topics(back.events)).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }, { n: 7 }]);
    // up to date: nothing is replayed
    const current = await open(back.lastId);
    emit(8);
    await current.until(() => current.events.length === 1);
    expect(topics(current.events)).toEqual([{ n: 8 }]);
  });

  it('sends resync when the client missed more than the replay buffer, or the host restarted', async () => {
    await startHost({ replayEvents: 5 });
    const first = await open();
    emit(1);
    await first.until(() => first.events.length === 1);
    const stale = first.lastId!;
    first.close();
    for (let n = 2; n <= 20; n++) emit(n);
    const behind = await open(stale);
    await behind.until(() => behind.events.length === 1);
    expect(behind.events[0]).toMatchObject({ event: 'resync' });
    // its id is the newest event's, so the next reconnect resumes from there
    expect(behind.events[0]!.id).toMatch(/-20$/);
    emit(21);
    await behind.until(() => behind.events.length === 2);
    expect(topics(behind.events)).toEqual(['resync', { n: 21 }]);

    for (const id of ['0000-1', 'garbage', `${stale.split('-')[0]}-999`]) {
      const other = await open(id);
      await other.until(() => other.events.length === 1);
      expect(other.events[0]!.event, id).toBe('resync');
    }
  });

  it('does not write without bound to a client that stops reading: it is dropped and resyncs', async () => {
    await startHost({ replayBytes: 256 * 1024 });
    const slow = await open();
    for (let n = 1; n <= 10; n++) emit(n);
    await slow.until(() => slow.events.length === 10);
    slow.res.pause();
    const big = 'x'.repeat(16 * 1024);
    const count = 4000;
    for (let n = 11; n <= count; n++) emit(n, { big });
    const published = count * big.length;
    slow.res.resume();
    await slow.until(() => slow.closed);
    // it got what the sockets held when it froze, not the 64 MB published
    expect(slow.bytes).toBeLessThan(published / 4);
    expect(slow.events.length).toBeLessThan(count);
    // events it did get arrived in order, without gaps
    const ns = topics(slow.events).map((p) => (p as { n: number }).n);
    expect(ns).toEqual(ns.map((_, i) => i + 1));
    expect(ns.length).toBeGreaterThanOrEqual(10);
    const back = await open(slow.lastId);
    await back.until(() => back.events.length === 1);
    expect(back.events[0]!.event).toBe('resync');
  });

  it('resyncs a client dropped before its first event (it still has the id it connected at)', async () => {
    await startHost({ replayEvents: 5 });
    const early = await open();
    await early.until(() => early.lastId !== undefined);
    early.close();
    for (let n = 1; n <= 20; n++) emit(n);
    const back = await open(early.lastId);
    await back.until(() => back.events.length === 1);
    expect(back.events[0]!.event).toBe('resync');
  });

  it('lets a slow client catch up from the replay buffer without losing an event', async () => {
    await startHost({ replayBytes: 64 * 1024 * 1024, replayEvents: 10_000 });
    const slow = await open();
    slow.res.pause();
    const big = 'y'.repeat(8 * 1024);
    const count = 3000;
    for (let n = 1; n <= count; n++) emit(n, { big });
    slow.res.resume();
    await slow.until(() => slow.events.length === count || slow.closed);
    expect(slow.closed).toBe(false);
    const ns = topics(slow.events).map((p) => (p as { n: number }).n);
    expect(ns).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('logs an event that cannot be serialised and keeps the stream going', async () => {
    await startHost();
    const reader = await open();
    publish({ topic: 'test.broken', payload: { value: 10n } });
    emit(2);
    await reader.until(() => reader.events.length === 1);
    expect(topics(reader.events)).toEqual([{ n: 2 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('could not be serialised');
    expect(errors[0]!.fields).toMatchObject({ topic: 'test.broken' });
  });
});
