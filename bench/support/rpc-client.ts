import { Agent, request } from 'node:http';
import { unpackValue } from '../../src/shared/packed-rows';
import { decodeRpcBinary, RPC_BINARY_TYPE } from '../../src/shared/rpc-wire';

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
 * `POST /rpc` as the renderer's HTTP transport and typed client do it: one JSON request body, the whole
 * response read and parsed (JSON, or binary with packed rows, which are unpacked into rows as the client
 * does), over a kept-alive connection (a browser reuses its connection to the page's origin).
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
              const body = Buffer.concat(chunks);
              let reply: { ok?: boolean; value?: unknown; error?: { code: string; message: string } };
              try {
                reply = res.headers['content-type']?.startsWith(RPC_BINARY_TYPE)
                  ? (decodeRpcBinary(body) as typeof reply)
                  : (JSON.parse(body.toString('utf8')) as typeof reply);
              } catch (error) {
                reject(
                  new Error(
                    `${method}: HTTP ${res.statusCode} unreadable (${String(error)}): ${body.toString('utf8', 0, 200)}`,
                  ),
                );
                return;
              }
              if (reply.ok === true) resolve(unpackValue(reply.value) as T);
              else
                reject(
                  new RpcError(
                    method,
                    reply.error?.code ?? `HTTP_${res.statusCode}`,
                    reply.error?.message ?? body.toString('utf8', 0, 200),
                  ),
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
