/**
 * Turns one finished `http.send` (a response, or a failure) into a history entry: the request as sent and as
 * edited with secrets masked, the response's headers and its body up to a cap (a body kept on disk is read for
 * its first bytes), then keeps it and tells open panels. Recording never fails a send: a problem is logged.
 */
import { AppError } from '../../../../shared/errors';
import type { EmitFn } from '../../../../shared/events';
import type { HttpHistoryBody, HttpHistoryReopened } from '../../../../shared/http-history';
import type { HttpRequestFile, RequestBody } from '../../../../shared/http-request';
import { errorFields, type Logger } from '../../logging/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { SendResult } from '../run/scripted-send';
import type { BodyStore } from '../send/body-store';
import type { HttpResponse, OutgoingRequest } from '../send/send-types';
import type { HttpHistoryStore } from './http-history-store';
import { maskHeaderValue, maskRequestFile, maskUrl, maskValues } from './mask-secrets';
import { maskDeep, reopenRequest, sealRequest } from './reopen-request';

/** Response bodies are kept up to this many bytes (the rest is noted as truncated). */
export const HISTORY_RESPONSE_BODY_CAP = 1024 * 1024;
/** Request bodies are kept up to this many bytes. */
export const HISTORY_REQUEST_BODY_CAP = 256 * 1024;

export interface FinishedSend {
  startedAt: Date;
  durationMs: number;
  /** The request as edited. */
  request: HttpRequestFile;
  path: string | null;
  /** What went out; null when the send failed before (an undefined variable, a pre-request script). */
  outgoing: OutgoingRequest | null;
  /** Values of the secret variables in scope: masked wherever they were substituted. */
  secrets: string[];
  /** With what the scripts and assertions said when they ran (`http.send`'s result). */
  response: (HttpResponse & Partial<Pick<SendResult, 'tests' | 'assertions' | 'scriptErrors'>>) | null;
  error: unknown;
}

export class HttpHistoryRecorder {
  constructor(
    private readonly deps: {
      store: HttpHistoryStore;
      bodies: BodyStore;
      emit: EmitFn;
      logger: Logger;
      responseBodyCap?: number;
      /** Encrypts the request as edited when masking changed it, so re-open restores its credentials. */
      secrets?: SecretStore;
    },
  ) {}

  async record(send: FinishedSend): Promise<void> {
    try {
      const entry = await this.entryOf(send);
      const id = this.deps.store.append(entry, this.seal(send.request, entry.request));
      this.deps.emit('http.historyAppended', { id });
    } catch (error) {
      this.deps.logger.warn(errorFields(error), 'A sent request was not kept in the HTTP history');
    }
  }

  /** A recorded request for a new tab: its credentials restored, or emptied and named (never the mask). */
  reopen(id: number): HttpHistoryReopened {
    const { request, sealed } = this.deps.store.requestToReopen(id);
    return reopenRequest(request, sealed, this.deps.secrets);
  }

  private seal(original: HttpRequestFile, masked: HttpRequestFile): string | null {
    try {
      return sealRequest(original, masked, this.deps.secrets);
    } catch (error) {
      // the entry is kept without it: re-open then asks for the masked fields again
      this.deps.logger.warn(errorFields(error), 'A history entry keeps no credentials: they could not be encrypted');
      return null;
    }
  }

  private async entryOf(send: FinishedSend) {
    const { outgoing, response, secrets } = send;
    const mask = (text: string) => maskValues(text, secrets);
    const method = outgoing?.method ?? send.request.method;
    const url = maskUrl(mask(outgoing?.url ?? send.request.url));
    const failure = send.error === null || send.error === undefined ? null : errorOf(send.error);
    return {
      sentAt: send.startedAt.toISOString(),
      method,
      url,
      path: send.path,
      status: response?.status ?? null,
      durationMs: response?.totalMs ?? send.durationMs,
      size: response?.body.size ?? null,
      errorCode: failure?.code ?? null,
      errorMessage: failure ? mask(failure.message) : null,
      sent: {
        method,
        url,
        headers: (outgoing?.headers ?? []).map(({ name, value }) => ({
          name,
          value: maskHeaderValue(name, mask(value)),
        })),
        body: outgoing?.body ? sentBody(outgoing.body, mask) : null,
      },
      request: maskRequestFile(send.request, secrets),
      response: response
        ? {
            status: response.status,
            statusText: response.statusText,
            httpVersion: response.httpVersion,
            headers: response.headers.map(({ name, value }) => ({ name, value: maskHeaderValue(name, value) })),
            url: maskUrl(mask(response.url)),
            totalMs: response.totalMs,
            body: await this.responseBody(response),
            timing: response.timing,
            redirects: response.redirects.map((hop) => ({
              ...hop,
              url: maskUrl(mask(hop.url)),
              location: maskUrl(mask(hop.location)),
            })),
            redirectLimitReached: response.redirectLimitReached,
            tests: maskDeep(response.tests ?? [], mask),
            assertions: maskDeep(response.assertions ?? [], mask),
            scriptErrors: maskDeep(response.scriptErrors ?? [], mask),
          }
        : null,
    };
  }

  private async responseBody(response: HttpResponse): Promise<HttpHistoryBody> {
    const cap = this.deps.responseBodyCap ?? HISTORY_RESPONSE_BODY_CAP;
    const { body } = response;
    if (body.data !== null) {
      const bytes = Buffer.from(body.data, body.encoding === 'base64' ? 'base64' : 'utf8');
      return capped(bytes, body.size, cap);
    }
    if (body.handle === null || body.size === 0)
      return { encoding: 'utf8', data: '', size: body.size, truncated: false };
    const range = await this.deps.bodies.read(body.handle, 0, Math.min(cap, body.size));
    return capped(range.bytes.subarray(0, range.length), body.size, cap);
  }
}

/** The first `cap` bytes as utf8 text when they are (a character cut at the end dropped), else base64. */
function capped(bytes: Buffer, size: number, cap: number): HttpHistoryBody {
  const kept = bytes.length > cap ? bytes.subarray(0, cap) : bytes;
  const truncated = size > kept.length;
  try {
    const data = new TextDecoder('utf-8', { fatal: true }).decode(kept, { stream: truncated });
    return { encoding: 'utf8', data, size, truncated };
  } catch {
    return { encoding: 'base64', data: kept.toString('base64'), size, truncated };
  }
}

/** The body as text (a form as its urlencoded text, files by name), capped. */
function sentBody(body: RequestBody, mask: (text: string) => string): HttpHistoryBody | null {
  const text = bodyText(body);
  if (text === null) return null;
  const bytes = Buffer.from(mask(text), 'utf8');
  return capped(bytes, bytes.length, HISTORY_REQUEST_BODY_CAP);
}

function bodyText(body: RequestBody): string | null {
  switch (body.type) {
    case 'none':
      return null;
    case 'json':
    case 'text':
    case 'xml':
    case 'soap':
      return body.text;
    case 'form':
      return new URLSearchParams(
        body.fields
          .filter((field) => field.enabled !== false)
          .map(({ name, value }): [string, string] => [name, value]),
      ).toString();
    case 'multipart':
      return body.parts
        .filter((part) => part.enabled !== false)
        .map((part) => `${part.name}: ${part.file !== undefined ? `@${part.file}` : (part.value ?? '')}`)
        .join('\n');
    case 'binary':
      return `@${body.file}`;
    case 'graphql':
      return JSON.stringify({
        query: body.query,
        variables: body.variables ?? undefined,
        operationName: body.operationName ?? undefined,
      });
  }
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
