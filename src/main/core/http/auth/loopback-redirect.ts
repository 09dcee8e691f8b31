/**
 * The redirect end of an authorization-code flow on this machine (RFC 8252 §7.3): a one-shot listener on
 * 127.0.0.1 at a free port. It answers the first request to its path that carries the expected `state` —
 * with a page telling the user to go back to the app — and closes; anything else gets a 404 and is ignored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../shared/errors';

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback` */
  redirectUri: string;
  /** The authorization code; AUTH_FAILED when the server answered with an error, TIMEOUT past the wait. */
  code: Promise<string>;
  close(): void;
}

const PATH = '/callback';

export async function listenForRedirect(
  state: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<LoopbackRedirect> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  const close = () => {
    if (timer) clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  };
  const code = new Promise<string>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 300_000;
    timer = setTimeout(() => {
      close();
      reject(new AppError('TIMEOUT', `No sign-in came back within ${timeoutMs / 1000} s; get the token again.`));
    }, timeoutMs);
    options.signal?.addEventListener(
      'abort',
      () => {
        close();
        reject(new AppError('REQUEST_CANCELLED', 'The sign-in was cancelled.'));
      },
      { once: true },
    );
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname !== PATH || url.searchParams.get('state') !== state) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not the sign-in this app waits for.');
        return;
      }
      const error = url.searchParams.get('error');
      const got = url.searchParams.get('code');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(
        error || !got
          ? 'Sign-in failed; go back to Backbench.'
          : 'Signed in; you can close this page and go back to Backbench.',
      );
      close();
      if (error || !got) {
        const description = url.searchParams.get('error_description');
        reject(
          new AppError(
            'AUTH_FAILED',
            `The authorization server refused the sign-in: ${error ?? 'no code'}${description ? ` (${description})` : ''}.`,
            { error },
          ),
        );
      } else {
        resolve(got);
      }
    });
  });
  return { redirectUri: `http://127.0.0.1:${port}${PATH}`, code, close };
}
