import { request } from 'node:http';

/**
 * How a bench signs in to the browser host, given a start link `backbench web` printed (`…/#token=<t>`): the
 * start token is traded once at `POST /session` for a per-session secret, as the renderer's page does, and the
 * headers every `POST /rpc` must then carry are returned (the page's same-origin headers and the session).
 */
export async function signIn(startUrl: string): Promise<Record<string, string>> {
  const url = new URL(startUrl);
  const token = /(?:^#|[#&])token=([^&]+)/.exec(url.hash)?.[1] ?? url.searchParams.get('token');
  if (!token) throw new Error(`not a start link (no #token=): ${startUrl}`);
  const page = { Origin: url.origin, 'Sec-Fetch-Site': 'same-origin' };
  const body = JSON.stringify({ startToken: decodeURIComponent(token) });
  const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      new URL('/session', url.origin),
      {
        method: 'POST',
        agent: false,
        headers: { ...page, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (reply.status !== 200) throw new Error(`signing in to ${url.origin} answered ${reply.status}: ${reply.text}`);
  const { session } = JSON.parse(reply.text) as { session: string };
  return { ...page, 'X-Backbench-Session': session };
}
