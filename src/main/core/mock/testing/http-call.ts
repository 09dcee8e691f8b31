/**
 * A plain HTTP call for the mock server's tests: node:http without an agent (a fresh connection each time), so
 * a dropped connection is an error and every status and header arrives as sent; the path is sent as written.
 */
import { request as httpRequest } from 'node:http';

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function call(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<CallResult> {
  return new Promise((resolveCall, rejectCall) => {
    // the path goes as written: a WHATWG URL would resolve `%2E%2E` segments before sending
    const { hostname, port } = new URL(url);
    const path = url.replace(/^http:\/\/[^/]+/, '') || '/';
    const req = httpRequest({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolveCall({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', rejectCall);
    });
    req.on('error', rejectCall);
    req.end(body);
  });
}

/** The JSON of a call's body. */
export function json(result: CallResult): unknown {
  return JSON.parse(result.text);
}
