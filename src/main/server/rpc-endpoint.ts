import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../../shared/dispatcher';
import { MAX_REQUEST_BYTES, type RpcResponse } from '../../shared/rpc';
import { SECURITY_HEADERS, sendError } from './request-guard';

// after a 413 the rest of an oversized body is drained (so the client reads the response, not a reset), up to this
const MAX_DRAIN_BYTES = 16 * MAX_REQUEST_BYTES;

type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the request body, stopping at `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolveBody) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolveBody({ ok: false, reason: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        req.off('data', onData);
        resolveBody({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!settled) resolveBody({ ok: true, body: Buffer.concat(chunks, size) });
      settled = true;
    });
    req.on('error', () => {
      if (!settled) resolveBody({ ok: false, reason: 'aborted' });
      settled = true;
    });
  });
}

function drain(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

function sendJson(res: ServerResponse, status: number, value: RpcResponse): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** `POST /rpc`: one JSON envelope in, one RpcResponse out. The dispatcher validates everything inside. */
export async function handleRpc(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch): Promise<void> {
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  // a cross-site form can post text/plain without a preflight; application/json it cannot
  if (!/^application\/json\s*(;|$)/.test(contentType)) {
    drain(req);
    sendError(res, 415, 'INVALID_INPUT', 'POST /rpc needs Content-Type: application/json.', true);
    return;
  }
  const result = await readBody(req, MAX_REQUEST_BYTES);
  if (!result.ok) {
    if (result.reason === 'aborted') return;
    res.setHeader('Connection', 'close');
    drain(req);
    sendError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The request is larger than ${MAX_REQUEST_BYTES} bytes; send less data per call.`,
      true,
    );
    return;
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(result.body.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sendJson(res, 400, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `The request body is not valid JSON: ${detail}` },
    });
    return;
  }
  let response: RpcResponse;
  try {
    response = await dispatch(envelope);
  } catch (error) {
    // the dispatcher never throws; this guards a host bug from taking the server down
    const message = error instanceof Error ? error.message : String(error);
    response = { ok: false, error: { code: 'INTERNAL', message: `Unexpected error: ${message}` } };
  }
  let body: string;
  try {
    body = JSON.stringify(response);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, {
      ok: false,
      error: { code: 'INTERNAL', message: `The result could not be serialised: ${message}` },
    });
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
