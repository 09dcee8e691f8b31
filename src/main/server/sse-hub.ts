import type { ServerResponse } from 'node:http';
import type { EventMessage } from '../../shared/rpc';
import { SECURITY_HEADERS } from './request-guard';

/** Proxies and idle-connection reapers drop a silent stream; a comment line keeps it alive. */
export const HEARTBEAT_MS = 15_000;

/** The open `GET /events` streams; every core event is written to each as one SSE `data:` line. */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.heartbeat = setInterval(() => this.writeAll(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // an immediate comment lets the client see the stream is open (and flushes the headers)
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(message: EventMessage): void {
    let line: string;
    try {
      line = `data: ${JSON.stringify({ topic: message.topic, payload: message.payload })}\n\n`;
    } catch {
      return; // an unserialisable payload is a core bug; it must not break the stream
    }
    this.writeAll(line);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private writeAll(chunk: string): void {
    for (const res of this.clients) {
      if (!res.writableEnded) res.write(chunk);
    }
  }
}
