import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** Test support for the browser host: raw HTTP requests on loopback, and signing in the way the page does. */

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path is sent exactly as given (no client-side normalisation of `..`). */
export function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveReply({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers our page sends with a JSON POST (same origin). */
export function pageHeaders(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    'Sec-Fetch-Site': 'same-origin',
    'Content-Type': 'application/json',
    ...extra,
  };
}

/** Trades a start token at `POST /session` like the page does; the whole reply, for tests that inspect it. */
export function postSession(port: number, startToken: string): Promise<Reply> {
  return send(port, '/session', {
    method: 'POST',
    headers: pageHeaders(port),
    body: JSON.stringify({ startToken }),
  });
}

/** Signs in with a start token and returns the session secret (throws when refused). */
export async function signIn(port: number, startToken: string): Promise<string> {
  const reply = await postSession(port, startToken);
  if (reply.status !== 200) throw new Error(`POST /session answered ${reply.status}: ${reply.body}`);
  return (JSON.parse(reply.body) as { session: string }).session;
}

/** The start token of a start link (`…/#token=<t>`). */
export function tokenOf(startUrl: string): string {
  const match = /#token=([^&]+)$/.exec(startUrl);
  if (!match) throw new Error(`not a start link: ${startUrl}`);
  return match[1]!;
}

/** Calls one procedure over `POST /rpc` with a session. */
export function rpc(port: number, session: string, method: string, input: unknown = {}): Promise<Reply> {
  return send(port, '/rpc', {
    method: 'POST',
    headers: pageHeaders(port, { 'X-Backbench-Session': session }),
    body: JSON.stringify({ id: 1, method, input }),
  });
}
