import { request } from 'node:http';

/**
 * How a bench signs in to the browser host, given the start URL `backbench web` printed: returns the headers
 * every `POST /rpc` must carry, the same ones the renderer's page sends.
 *
 * Today the start URL's `?token=` is traded (GET, 302) for an HttpOnly cookie, and the page's same-origin
 * fetches send that cookie with their Origin. This is the one place to change when the host trades a
 * one-time start token for a per-session secret instead.
 */
export async function signIn(startUrl: string): Promise<Record<string, string>> {
  const url = new URL(startUrl);
  const setCookie = await new Promise<string[]>((resolve, reject) => {
    request(url, { method: 'GET', agent: false }, (res) => {
      res.resume();
      if (res.statusCode !== 302) reject(new Error(`signing in to ${url.origin} answered ${res.statusCode}`));
      else resolve(res.headers['set-cookie'] ?? []);
    })
      .on('error', reject)
      .end();
  });
  if (setCookie.length === 0) throw new Error(`signing in to ${url.origin} set no cookie`);
  // name=value of each cookie, without its attributes
  const cookie = setCookie.map((c) => c.split(';', 1)[0]!).join('; ');
  return { Cookie: cookie, Origin: url.origin };
}
