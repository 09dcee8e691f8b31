/**
 * Sends a helper request (an introspection query, a WSDL download) through the HTTP client's send path, so the
 * tab's auth, headers, variables, cookies and settings apply, and returns the response's text.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type { HttpRequestFile } from '../../../../shared/http-request';
import type { SendInput } from '../http-service';
import type { SendResult } from '../run/scripted-send';
import type { BodyStore } from '../send/body-store';

export interface FetchDeps {
  send(input: SendInput): Promise<SendResult>;
  bodies: Pick<BodyStore, 'read'>;
}

export interface FetchInput {
  request: HttpRequestFile;
  path?: string;
  environment?: string | null;
}

/** A schema or WSDL past this is refused rather than parsed. */
const MAX_TEXT_BYTES = 50 * 1024 * 1024;

export async function fetchText(
  deps: FetchDeps,
  input: FetchInput,
  what: string,
): Promise<{ status: number; text: string; contentType: string }> {
  // the request's own scripts and assertions are about its own response, not this one
  const { scripts: _scripts, assertions: _assertions, ...request } = input.request;
  const result = await deps.send({
    sendId: `helper-${randomUUID()}`,
    request,
    ...(input.path ? { path: input.path } : {}),
    environment: input.environment ?? null,
  });
  const contentType = result.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  const { body } = result;
  if (body.size > MAX_TEXT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The ${what} is ${body.size} bytes; at most 50 MB is read.`, {
      size: body.size,
    });
  }
  let bytes: Buffer;
  if (body.handle) bytes = (await deps.bodies.read(body.handle, 0, body.size)).bytes;
  else bytes = Buffer.from(body.data ?? '', body.encoding === 'base64' ? 'base64' : 'utf8');
  return { status: result.status, text: bytes.toString('utf8'), contentType };
}
