import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EventMessage } from '../../shared/rpc';
import { RESYNC_EVENT } from '../../shared/events';
import { SECURITY_HEADERS } from './request-guard';

/** Proxies and idle-connection reapers drop a silent stream; a comment line keeps it alive. */
export const HEARTBEAT_MS = 15_000;
/** Events kept for clients that reconnect with `Last-Event-ID`, by count and by serialised size. */
export const REPLAY_EVENTS = 1000;
export const REPLAY_BYTES = 4 * 1024 * 1024;

export interface SseHubOptions {
  heartbeatMs?: number;
  replayEvents?: number;
  replayBytes?: number;
  /** Where problems go: an event that cannot be serialised is a core bug and must leave a trace. */
  onError?: (fields: object, message: string) => void;
}

interface Buffered {
  seq: number;
  chunk: string;
}

interface Client {
  res: ServerResponse;
  /** The sequence number of the last event written to this client. */
  sent: number;
  /** write() said the socket buffer is full: nothing more is written until 'drain'. */
  congested: boolean;
}

/**
 * The open `GET /events` streams. Every event gets an id `<epoch>-<seq>` (the epoch changes with each start of
 * the host, the sequence number only grows) and is kept in a bounded replay buffer:
 * - a client that reconnects with `Last-Event-ID` gets what it missed, in order;
 * - a client whose id is older than the buffer, or from an earlier run of the host, gets a `resync` event
 *   instead and re-reads the state it shows;
 * - a slow client is never written to without bound: once its socket buffer is full it waits for 'drain' and
 *   then catches up from the replay buffer; if it falls behind the buffer it is dropped, and reconnects.
 */
export class SseHub {
  readonly epoch = randomBytes(4).toString('hex');
  private readonly clients = new Set<Client>();
  private readonly buffer: Buffered[] = [];
  private bufferBytes = 0;
  private seq = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly replayEvents: number;
  private readonly replayBytes: number;
  private readonly onError: (fields: object, message: string) => void;

  constructor(options: SseHubOptions = {}) {
    this.replayEvents = options.replayEvents ?? REPLAY_EVENTS;
    this.replayBytes = options.replayBytes ?? REPLAY_BYTES;
    this.onError = options.onError ?? (() => undefined);
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) if (!client.congested) this.write(client, ': heartbeat\n\n');
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** The id of the newest event, as sent in `id:` lines. */
  get lastEventId(): string {
    return `${this.epoch}-${this.seq}`;
  }

  /** Starts a stream; `lastEventId` is the `Last-Event-ID` the client sent when it reconnects. */
  open(res: ServerResponse, lastEventId?: string): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const client: Client = { res, sent: this.seq, congested: false };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    res.on('drain', () => {
      client.congested = false;
      this.catchUp(client);
    });
    const resumeFrom = lastEventId === undefined ? undefined : this.replayableFrom(lastEventId);
    if (resumeFrom === undefined) {
      // the current id at once: a client dropped before its first event still reconnects with a Last-Event-ID
      // (an id-only block sets it), and so learns what it missed. The comment flushes the headers.
      this.write(client, `: connected\nid: ${this.lastEventId}\n\n`);
    } else if (resumeFrom === null) {
      this.write(client, `id: ${this.lastEventId}\nevent: ${RESYNC_EVENT}\ndata: {}\n\n`);
    } else {
      this.write(client, ': resumed\n\n');
      client.sent = resumeFrom;
      this.catchUp(client);
    }
  }

  publish(message: EventMessage): void {
    let data: string;
    try {
      data = JSON.stringify({ topic: message.topic, payload: message.payload });
    } catch (error) {
      // a core bug; it must not break the stream, and must not vanish either
      this.onError({ topic: message.topic, err: error }, 'An event could not be serialised and was not sent');
      return;
    }
    this.seq += 1;
    const chunk = `id: ${this.epoch}-${this.seq}\ndata: ${data}\n\n`;
    this.buffer.push({ seq: this.seq, chunk });
    this.bufferBytes += chunk.length;
    // keep at least the newest event, however big
    while (this.buffer.length > 1 && (this.buffer.length > this.replayEvents || this.bufferBytes > this.replayBytes)) {
      this.bufferBytes -= this.buffer.shift()!.chunk.length;
    }
    for (const client of this.clients) {
      if (!client.congested) this.catchUp(client);
      else if (this.fellBehind(client)) this.drop(client);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }

  /** The sequence number to resume after, or null when the client must resync. */
  private replayableFrom(lastEventId: string): number | null {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId.trim());
    if (!match || match[1] !== this.epoch) return null;
    const seq = Number(match[2]);
    if (!Number.isSafeInteger(seq) || seq > this.seq) return null;
    if (seq === this.seq) return seq;
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    return seq + 1 >= oldest ? seq : null;
  }

  private fellBehind(client: Client): boolean {
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    return client.sent < this.seq && client.sent + 1 < oldest;
  }

  /** Writes what the client has not had yet, until its socket buffer is full. */
  private catchUp(client: Client): void {
    if (client.sent >= this.seq || client.res.writableEnded) return;
    if (this.fellBehind(client)) {
      this.drop(client);
      return;
    }
    const first = this.buffer[0]!.seq;
    while (client.sent < this.seq && !client.congested) {
      const next = this.buffer[client.sent + 1 - first]!;
      client.sent = next.seq;
      this.write(client, next.chunk);
    }
  }

  private write(client: Client, chunk: string): void {
    if (client.res.writableEnded || client.res.destroyed) return;
    if (!client.res.write(chunk)) client.congested = true;
  }

  /** Cuts a client that fell behind the replay buffer: it reconnects with its Last-Event-ID and gets a resync. */
  private drop(client: Client): void {
    this.clients.delete(client);
    client.res.destroy();
  }
}
