import { describe, expect, it } from 'vitest';
import { WorkspaceCookies } from './cookie-jar';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

/** /r/<n> redirects to /r/<n-1> with `status`, /r/0 answers 200 with the method and body it got. */
async function chainServer(status = 302) {
  return http((req, res, body) => {
    const match = /^\/r\/(\d+)/.exec(req.url!);
    const left = match ? Number(match[1]) : 0;
    if (left > 0) {
      res.writeHead(status, { location: `/r/${left - 1}` });
      res.end(`moved to /r/${left - 1}`);
    } else {
      res.end(`${req.method} ${body.toString()}`);
    }
  });
}

describe('redirects', () => {
  it('follows a chain and records each hop', async () => {
    const server = await chainServer();
    const { sender } = await makeSender();
    const response = await sender.send(outgoing(`${server.url}/r/3`));
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.url}/r/0`);
    expect(response.redirects.map(({ url, status, location }) => ({ url, status, location }))).toEqual([
      { url: `${server.url}/r/3`, status: 302, location: '/r/2' },
      { url: `${server.url}/r/2`, status: 302, location: '/r/1' },
      { url: `${server.url}/r/1`, status: 302, location: '/r/0' },
    ]);
    expect(response.redirectLimitReached).toBe(false);
  });

  it('returns the redirect itself when following is off, and stops at the limit', async () => {
    const server = await chainServer();
    const { sender } = await makeSender();
    const off = await sender.send(outgoing(`${server.url}/r/2`, { settings: { followRedirects: false } as never }));
    expect(off).toMatchObject({ status: 302, redirects: [], redirectLimitReached: false });
    expect(off.headers.find((h) => h.name.toLowerCase() === 'location')?.value).toBe('/r/1');

    const limited = await sender.send(outgoing(`${server.url}/r/5`, { settings: { maxRedirects: 2 } as never }));
    expect(limited).toMatchObject({ status: 302, url: `${server.url}/r/3`, redirectLimitReached: true });
    expect(limited.body.data).toBe('moved to /r/2');
    expect(limited.redirects).toHaveLength(2);
    expect(server.received).toHaveLength(1 + 3);
  });

  it('turns a POST into a GET on 303 (and 302), keeps method and body on 307/308', async () => {
    const body = { type: 'text' as const, text: 'payload' };
    const headers = [{ name: 'Content-Type', value: 'text/x-mine' }];
    const { sender } = await makeSender();
    for (const [status, expected] of [
      [303, 'GET '],
      [302, 'GET '],
      [307, 'POST payload'],
      [308, 'POST payload'],
    ] as const) {
      const server = await chainServer(status);
      const response = await sender.send(outgoing(`${server.url}/r/1`, { method: 'POST', body, headers }));
      expect(response.body.data, String(status)).toBe(expected);
      const landed = server.received[1]!.headers;
      expect(landed['content-type'], String(status)).toBe(status >= 307 ? 'text/x-mine' : undefined);
    }
  });

  it('sends credentials only to the origin they were given for', async () => {
    const other = await http((_req, res) => res.end('elsewhere'));
    const first = await http((_req, res) => {
      res.writeHead(302, { location: `${other.url}/landing` });
      res.end();
    });
    const { sender } = await makeSender();
    await sender.send(
      outgoing(first.url, {
        auth: { type: 'bearer', token: 'secret' },
        headers: [
          { name: 'Cookie', value: 'mine=1' },
          { name: 'X-Trace', value: 't1' },
        ],
      }),
    );
    expect(first.received[0]!.headers.authorization).toBe('Bearer secret');
    const landed = other.received[0]!;
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers.cookie).toBeUndefined();
    expect(landed.headers['x-trace']).toBe('t1');
  });
});

describe('the cookie jar', () => {
  it('keeps cookies set on a redirect, sends them on the next hop and later requests, and persists them', async () => {
    const server = await http((req, res) => {
      if (req.url === '/login') {
        res.writeHead(302, {
          location: '/home',
          'set-cookie': ['sid=abc; Path=/; HttpOnly', 'theme=dark; Path=/home'],
        });
        res.end();
      } else {
        res.end(req.headers.cookie ?? '');
      }
    });
    const workspace = `${tempDir()}/ws-cookies`;
    const { sender, cookies, dataDir } = await makeSender({ workspace });
    const landed = await sender.send(outgoing(`${server.url}/login`));
    expect(landed.body.data).toBe('theme=dark; sid=abc');
    const later = await sender.send(outgoing(`${server.url}/other`, { headers: [{ name: 'Cookie', value: 'x=1' }] }));
    expect(later.body.data).toBe('x=1; sid=abc');

    const listed = await cookies.list();
    expect(listed.map((c) => [c.name, c.value, c.path, c.httpOnly, c.hostOnly])).toEqual([
      ['sid', 'abc', '/', true, true],
      ['theme', 'dark', '/home', false, true],
    ]);
    expect(listed[0]!.domain).toBe('127.0.0.1');

    await cookies.flush();
    const reopened = await WorkspaceCookies.open(dataDir, workspace);
    expect((await reopened.list()).map((c) => c.name)).toEqual(['sid', 'theme']);
    const otherWorkspace = await WorkspaceCookies.open(dataDir, `${tempDir()}/elsewhere`);
    expect(await otherWorkspace.list()).toEqual([]);

    expect(await reopened.clear({ domain: '127.0.0.1', name: 'theme' })).toBe(1);
    expect((await reopened.list()).map((c) => c.name)).toEqual(['sid']);
    expect(await reopened.clear()).toBe(1);
    await reopened.flush();
    expect(await (await WorkspaceCookies.open(dataDir, workspace)).list()).toEqual([]);
  });
});
