import { Agent, request } from 'node:http';

/** A failed RPC (the host answered `ok: false`), with its ErrorCode. */
export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(`${method}: ${message} (${code})`);
  }
}

export interface RpcClient {
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  close(): void;
}

/**
 * `POST /rpc` as the renderer's HTTP transport does it: one JSON request body, the whole JSON response read
 * and parsed, over a kept-alive connection (a browser reuses its connection to the page's origin).
 */
export function createRpcClient(origin: string, headers: Record<string, string>): RpcClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let nextId = 1;
  return {
    call<T>(method: string, input: unknown): Promise<T> {
      const body = JSON.stringify({ id: nextId++, method, input });
      return new Promise<T>((resolve, reject) => {
        const req = request(
          `${origin}/rpc`,
          {
            method: 'POST',
            agent,
            headers: {
              ...headers,
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let reply: { ok?: boolean; value?: T; error?: { code: string; message: string } };
              try {
                reply = JSON.parse(text) as typeof reply;
              } catch {
                reject(new Error(`${method}: HTTP ${res.statusCode} without JSON: ${text.slice(0, 200)}`));
                return;
              }
              if (reply.ok === true) resolve(reply.value as T);
              else
                reject(
                  new RpcError(method, reply.error?.code ?? `HTTP_${res.statusCode}`, reply.error?.message ?? text),
                );
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
