import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../../shared/dispatcher';
import type { RpcResponse } from '../../shared/rpc';
import { encodeRpcResponse, RPC_BINARY_TYPE, type EncodedResponse } from '../../shared/rpc-wire';
import { readJsonBody, sendJson } from './http-body';
import { SECURITY_HEADERS } from './request-guard';

/**
 * `POST /rpc`: one JSON envelope in, one RpcResponse out (JSON, or binary when it holds packed rows — see
 * rpc-wire.ts). The dispatcher validates everything inside.
 */
export async function handleRpc(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch): Promise<void> {
  const envelope = await readJsonBody(req, res);
  if (!envelope.ok) return;
  let response: RpcResponse;
  try {
    response = await dispatch(envelope.value);
  } catch (error) {
    // the dispatcher never throws; this guards a host bug from taking the server down
    const message = error instanceof Error ? error.message : String(error);
    response = { ok: false, error: { code: 'INTERNAL', message: `Unexpected error: ${message}` } };
  }
  let encoded: EncodedResponse;
  try {
    encoded = encodeRpcResponse(response);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, {
      ok: false,
      error: { code: 'INTERNAL', message: `The result could not be serialised: ${message}` },
    });
    return;
  }
  const parts = 'json' in encoded ? [jsonBytes(encoded.json)] : encoded.binary;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'json' in encoded ? 'application/json; charset=utf-8' : RPC_BINARY_TYPE,
    'Content-Length': 'json' in encoded ? parts[0]!.byteLength : encoded.byteLength,
    'Cache-Control': 'no-store',
  });
  // the parts go out as they are (one writev), the rows of a page without another copy
  res.cork();
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  res.end(parts[parts.length - 1]);
}

/**
 * The UTF-8 bytes of a JSON text, encoded once (a string body is measured for Content-Length, then encoded
 * again by the socket). Pages are mostly ASCII, whose UTF-8 is its Latin-1: a plain copy instead of an encoder.
 */
function jsonBytes(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  return Buffer.from(text, length === text.length ? 'latin1' : 'utf8');
}
