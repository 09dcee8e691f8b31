import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REQUEST_BYTES } from '../../shared/rpc';
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

/** A JSON answer with the security headers, never cached. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Reads a JSON request body of at most `limit` bytes. On anything else (wrong content type, too large, not JSON)
 * it answers the request itself and returns `{ ok: false }`.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_REQUEST_BYTES,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  // a cross-site form can post text/plain without a preflight; application/json it cannot
  if (!/^application\/json\s*(;|$)/.test(contentType)) {
    drain(req);
    sendError(res, 415, 'INVALID_INPUT', `${req.url ?? ''} needs Content-Type: application/json.`, true);
    return { ok: false };
  }
  const result = await readBody(req, limit);
  if (!result.ok) {
    if (result.reason === 'aborted') return { ok: false };
    res.setHeader('Connection', 'close');
    drain(req);
    sendError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The request is larger than ${limit} bytes; send less data per call.`,
      true,
    );
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(result.body.toString('utf8')) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sendJson(res, 400, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `The request body is not valid JSON: ${detail}` },
    });
    return { ok: false };
  }
}
