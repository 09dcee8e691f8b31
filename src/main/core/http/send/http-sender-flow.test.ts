import { once } from 'node:events';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';

const { http, https, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

describe('the response', () => {
  it('gives status text, HTTP version, headers in order with repeats, and a utf8 or base64 body', async () => {
    const server = await http((_req, res) => {
      res.writeHead(201, 'Made It', [
        ['X-B', '1'],
        ['X-A', '2'],
        ['X-B', '3'],
      ]);
      res.end('héllo');
    });
    const { sender } = await makeSender();
    const response = await sender.send(outgoing(`${server.url}/x`));
    expect(response).toMatchObject({ status: 201, statusText: 'Made It', httpVersion: '1.1', url: `${server.url}/x` });
    expect(response.headers.filter((h) => h.name.startsWith('X-'))).toEqual([
      { name: 'X-B', value: '1' },
      { name: 'X-A', value: '2' },
      { name: 'X-B', value: '3' },
    ]);
    expect(response.body).toMatchObject({ encoding: 'utf8', data: 'héllo', size: 6, handle: null });

    const binary = await http((_req, res) => res.end(Buffer.from([0xff, 0, 0xfe])));
    const raw = await sender.send(outgoing(binary.url));
    expect(raw.body).toMatchObject({ encoding: 'base64', data: Buffer.from([0xff, 0, 0xfe]).toString('base64') });
    // invalid UTF-8 without a NUL (a lone continuation byte) is binary too; a BOM is kept in text
    const invalid = await http((_req, res) => res.end(Buffer.from([0x61, 0x80, 0x62])));
    expect((await sender.send(outgoing(invalid.url))).body).toMatchObject({ encoding: 'base64', data: 'YYBi' });
    const bom = await http((_req, res) => res.end(Buffer.from([0xef, 0xbb, 0xbf, 0x61])));
    expect((await sender.send(outgoing(bom.url))).body).toMatchObject({ encoding: 'utf8', data: '\uFEFFa' });
  });

  it('decodes gzip, deflate (zlib and raw), br and stacked codings; reports wire and decoded sizes', async () => {
    const text = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ id: i, name: `item ${i}` })) });
    const encoded: Record<string, Buffer> = {
      gzip: gzipSync(text),
      deflate: deflateSync(text),
      'deflate-raw': deflateRawSync(text),
      br: brotliCompressSync(text),
      'gzip, br': brotliCompressSync(gzipSync(text)),
    };
    const server = await http((req, res) => {
      const coding = req.url!.slice(1).replace('%20', ' ').replace('%2C', ',');
      res.setHeader('content-encoding', coding === 'deflate-raw' ? 'deflate' : coding);
      res.end(encoded[coding]);
    });
    const { sender } = await makeSender();
    for (const coding of Object.keys(encoded)) {
      const response = await sender.send(outgoing(`${server.url}/${encodeURIComponent(coding)}`));
      expect(response.body.data, coding).toBe(text);
      expect(response.body.size).toBe(Buffer.byteLength(text));
      expect(response.body.wireSize).toBe(encoded[coding]!.length);
    }
    expect(server.received[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('streams a 20 MB body to a file of the data dir and reads it back in ranges', async () => {
    const size = 20 * 1024 * 1024;
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = i % 251;
    const server = await http((_req, res) => {
      res.setHeader('content-length', size);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += block.length;
          if (!res.write(block)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const { sender, bodies } = await makeSender();
    const response = await sender.send(outgoing(server.url));
    expect(response.body).toMatchObject({ size, wireSize: size, encoding: null, data: null });
    const handle = response.body.handle!;
    expect(handle).toMatch(/^[0-9a-f-]{36}$/);
    const range = await bodies.read(handle, 5 * 1024 * 1024 + 10, 1000);
    expect(range).toMatchObject({ offset: 5 * 1024 * 1024 + 10, length: 1000, size });
    expect(range.bytes.equals(block.subarray(10, 1010))).toBe(true);
    const tail = await bodies.read(handle, size - 5, 100);
    expect(tail.length).toBe(5);
    await expect(bodies.read('../../etc/passwd', 0, 10)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('measures phases: a fresh connection, then the same one reused', async () => {
    const server = await https((_req, res) => res.end('tls'));
    const { sender } = await makeSender();
    const first = await sender.send(outgoing(server.url, { settings: { verifyTls: false } as never }));
    expect(first.body.data).toBe('tls');
    expect(first.timing.reusedConnection).toBe(false);
    expect(first.timing.tlsMs).toBeGreaterThan(0);
    const { dnsMs, connectMs, tlsMs, firstByteMs, downloadMs, totalMs } = first.timing;
    expect(dnsMs + connectMs + tlsMs + firstByteMs + downloadMs).toBeLessThanOrEqual(totalMs + 0.05);
    // undici waits one turn of the event loop before it reuses a socket (client-h1.js, onMessageComplete)
    await new Promise((resolve) => setImmediate(resolve));
    const second = await sender.send(outgoing(server.url, { settings: { verifyTls: false } as never }));
    expect(second.timing).toMatchObject({ reusedConnection: true, dnsMs: 0, connectMs: 0, tlsMs: 0 });
  });
});

describe('edge cases of the response', () => {
  it('answers HEAD and 204 without waiting for a body, and fails clearly on a corrupt gzip body', async () => {
    const server = await http((req, res) => {
      if (req.url === '/corrupt') {
        res.setHeader('content-encoding', 'gzip');
        res.end(Buffer.from('this is not gzip at all'));
      } else if (req.method === 'HEAD') {
        res.setHeader('content-length', '1000');
        res.end();
      } else {
        res.statusCode = 204;
        res.end();
      }
    });
    const { sender } = await makeSender();
    const head = await sender.send(outgoing(server.url, { method: 'HEAD' }));
    expect(head).toMatchObject({ status: 200, body: { size: 0, data: '' } });
    const empty = await sender.send(outgoing(server.url, { method: 'DELETE' }));
    expect(empty).toMatchObject({ status: 204, body: { size: 0 } });
    await expect(sender.send(outgoing(`${server.url}/corrupt`))).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringContaining('could not be decoded'),
    });
  });

  it('sends to a host name, resolved on a fresh connection', async () => {
    const server = await http((req, res) => res.end(req.headers.host));
    const port = new URL(server.url).port;
    const { sender } = await makeSender();
    const response = await sender.send(outgoing(`http://localhost:${port}/`));
    expect(response.body.data).toBe(`localhost:${port}`);
    expect(response.timing.reusedConnection).toBe(false);
  });
});

describe('TLS, timeout and cancel', () => {
  it('refuses an untrusted certificate unless verification is off', async () => {
    const server = await https((_req, res) => res.end('secret'));
    const { sender } = await makeSender();
    await expect(sender.send(outgoing(server.url))).rejects.toMatchObject({
      code: 'SSL_ERROR',
      message: expect.stringContaining('Verify TLS'),
    });
    const response = await sender.send(outgoing(server.url, { settings: { verifyTls: false } as never }));
    expect(response.body.data).toBe('secret');
  });

  it('times out a server that never answers, and one that stops mid-body (chunked or with a length)', async () => {
    const silent = await http(() => undefined);
    const { sender } = await makeSender();
    await expect(sender.send(outgoing(silent.url, { settings: { timeoutMs: 200 } as never }))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    const stalling = await http((_req, res) => res.write('partial'));
    await expect(sender.send(outgoing(stalling.url, { settings: { timeoutMs: 200 } as never }))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    // a small body with a length is gathered without a stream: the timeout must reach it too
    const short = await http((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    await expect(sender.send(outgoing(short.url, { settings: { timeoutMs: 200 } as never }))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it('cancels a request in flight; the server sees the connection close', async () => {
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    let closed: Promise<unknown> = Promise.resolve();
    const server = await http((req) => {
      closed = once(req.socket, 'close');
      arrived();
    });
    const { sender } = await makeSender();
    const controller = new AbortController();
    const sending = sender.send(outgoing(server.url), controller.signal);
    await reached;
    controller.abort();
    await expect(sending).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    await closed;
  });

  it('says which host refused the connection', async () => {
    const server = await http(() => undefined);
    const url = server.url;
    await server.close();
    const { sender } = await makeSender();
    await expect(sender.send(outgoing(url))).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });
});
