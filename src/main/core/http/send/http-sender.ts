/**
 * Sends one resolved request with undici: one Agent per TLS mode kept for the sender's life (connections and TLS
 * sessions reused), redirects followed by hand so each hop is recorded and its cookies kept, a timeout over the
 * whole exchange, cancel by AbortSignal, bodies decoded (gzip, deflate, br) and kept inline up to a threshold or
 * streamed to the body store beyond it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../../shared/errors';
import type { OAuth2Tokens } from '../auth/oauth2-tokens';
import {
  applyAuth,
  AUTH_CHALLENGES,
  AUTH_SCHEMES,
  challengeOf,
  type AuthContribution,
  type ChallengeTable,
  type SchemeTable,
} from './auth-schemes';
import { BodySink, INLINE_BODY_BYTES, inlineBody } from './body-sink';
import type { BodyStore } from './body-store';
import type { WorkspaceCookies } from './cookie-jar';
import { decodersFor } from './content-decoding';
import { dispatchExchange, type ExchangeHead } from './dispatch-exchange';
import { DispatcherPool } from './dispatchers';
import { httpVersionOf, nowMs, timingOf, type ExchangeTimes } from './exchange-timing';
import { noBody, prepareBody, type BuiltBody } from './request-body';
import { SendCancel } from './send-cancel';
import { clearDeadline, startDeadline } from './send-deadlines';
import { mapSendError } from './send-errors';
import type { CancelSignal, HeaderEntry, HttpResponse, OutgoingRequest, RedirectHop, ResponseBody } from './send-types';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Backbench';
/** Added where the request names none. */
const DEFAULT_HEADERS: readonly HeaderEntry[] = [
  { name: 'Accept', value: '*/*' },
  { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
  { name: 'User-Agent', value: USER_AGENT },
];

export interface HttpSenderOptions {
  bodies: BodyStore;
  cookies?: WorkspaceCookies;
  /** Bodies up to this many bytes are returned inline (default 2 MB). */
  inlineBytes?: number;
  /** OAuth 2.0 tokens; without it `oauth2` auth answers NOT_SUPPORTED. */
  oauth2?: OAuth2Tokens;
}

export class HttpSender {
  private readonly dispatchers = new DispatcherPool();
  private readonly schemes: SchemeTable;
  private readonly challenges: ChallengeTable;
  private readonly inlineBytes: number;

  constructor(private readonly options: HttpSenderOptions) {
    const tokens = options.oauth2;
    this.schemes = tokens
      ? { ...AUTH_SCHEMES, oauth2: (auth, target) => tokens.apply(auth, target.signal) }
      : AUTH_SCHEMES;
    this.challenges = tokens ? { ...AUTH_CHALLENGES, oauth2: (auth) => tokens.challenge(auth) } : AUTH_CHALLENGES;
    this.inlineBytes = options.inlineBytes ?? INLINE_BODY_BYTES;
  }

  /** Sends `request`; REQUEST_CANCELLED when `signal` aborts, TIMEOUT past the request's timeout. */
  async send(request: OutgoingRequest, signal?: CancelSignal): Promise<HttpResponse> {
    const started = nowMs();
    // a URL that auth may add query parameters to is the send's own; otherwise a parsed one is shared
    let target = request.auth ? targetOf(parseUrl(request.url)) : parsedTarget(request.url);
    let url = target.url;
    const authOrigin = target.origin;

    // a plain cancel object and a deadline on a shared timer: no AbortController, no EventTarget listener but the
    // caller's, no setTimeout per request
    const cancel = new SendCancel();
    const { timeoutMs } = request.settings;
    const deadline = timeoutMs > 0 ? startDeadline(timeoutMs, started, cancel) : null;
    const onCancel = signal
      ? () => cancel.abort(new AppError('REQUEST_CANCELLED', 'The request was cancelled.'))
      : null;
    if (signal && onCancel) {
      if (signal.aborted) onCancel();
      signal.addEventListener('abort', onCancel, { once: true });
    }

    const redirects: RedirectHop[] = [];
    let method = request.method;
    let ownHeaders = request.headers;
    const challenge = challengeOf(request.auth, this.challenges);
    let challenged = false;
    try {
      // most sends name no certificate, no body and no auth: those steps then take no await
      const dispatcher =
        this.dispatchers.pooled(request.settings) ?? (await this.dispatchers.for(request.settings, request));
      const bodiless = request.body === undefined || request.body.type === 'none';
      let makeBody = bodiless ? noBody : await prepareBody(request.body, request.baseDir, request.filesRoot);
      // the first body is built before auth: a signer (SigV4) hashes it and signs its Content-Type
      let firstBody: BuiltBody | null = bodiless ? NO_BODY : await makeBody();
      const built = firstBody;
      let auth = NO_AUTH;
      if (request.auth) {
        const target = authTarget(method, url, ownHeaders, built);
        // made only for a scheme that reads it (an OAuth 2.0 sign-in waits on it)
        Object.defineProperty(target, 'signal', { get: () => cancel.signal, enumerable: true });
        auth = await applyAuth(request.auth, target, this.schemes).catch((error: unknown) => {
          // a file body is an open stream: close it when auth fails before it is sent
          if (built.body instanceof Readable) built.body.destroy();
          throw error;
        });
      }
      if (auth.query.length > 0) {
        for (const { name, value } of auth.query) url.searchParams.append(name, value);
        target = targetOf(url);
      }
      for (;;) {
        const times: ExchangeTimes = { start: nowMs() };
        const built = firstBody ?? (await makeBody());
        firstBody = null;
        const { cookies } = this.options;
        const headers =
          ownHeaders.length === 0 && auth.headers.length === 0 && built.headers.length === 0 && !cookies
            ? DEFAULT_FLAT
            : await headersOf(headerList(ownHeaders, target.origin, authOrigin, auth, built.headers), cookies, url);
        const head = await dispatchExchange(
          dispatcher,
          {
            origin: target.origin,
            path: target.path,
            method,
            headers,
            body: built.body,
            inlineUpTo: this.inlineBytes,
          },
          times,
          cancel,
        );
        if (this.options.cookies) await this.options.cookies.store(url.href, valuesOf(head.headers, 'set-cookie'));
        if (head.status === 401 && challenge && request.auth && !challenged && target.origin === authOrigin) {
          // a challenge scheme (Digest, OAuth 2.0 after a cached token) answers the 401 once; a second is the response
          challenged = true;
          const answer = await challenge(
            request.auth,
            { method, url, headers: ownHeaders },
            valuesOf(head.headers, 'www-authenticate'),
          );
          if (answer) {
            head.discard();
            auth = { headers: answer.headers, query: auth.query };
            continue;
          }
        }
        const location = valuesOf(head.headers, 'location')[0];
        if (request.settings.followRedirects && REDIRECTS.has(head.status) && location !== undefined) {
          if (redirects.length >= request.settings.maxRedirects) {
            return await this.finish(head, times, url, redirects, started, cancel, true);
          }
          // a redirect's body is not shown: drain it so the connection can be reused
          head.discard();
          times.end = nowMs();
          redirects.push({ method, url: url.href, status: head.status, location, totalMs: timingOf(times).totalMs });
          target = targetOf(parseUrl(new URL(location, url).href));
          url = target.url;
          // 303, and 301/302 after a POST, become a GET without a body (what browsers and curl do)
          if (head.status === 303 || ((head.status === 301 || head.status === 302) && method === 'POST')) {
            if (method !== 'HEAD') method = 'GET';
            makeBody = await prepareBody(undefined, request.baseDir);
            // the body is gone, and with it what described it
            ownHeaders = ownHeaders.filter((header) => !/^content-/i.test(header.name));
          }
          continue;
        }
        return await this.finish(head, times, url, redirects, started, cancel, false);
      }
    } catch (error) {
      if (cancel.reason) throw cancel.reason;
      throw mapSendError(error, url);
    } finally {
      if (deadline) clearDeadline(deadline);
      if (signal && onCancel) signal.removeEventListener('abort', onCancel);
    }
  }

  /** Closes every pooled connection. */
  async close(): Promise<void> {
    await this.dispatchers.close();
  }

  private finish(
    head: ExchangeHead,
    times: ExchangeTimes,
    url: URL,
    redirects: RedirectHop[],
    started: number,
    cancel: SendCancel,
    redirectLimitReached: boolean,
  ): HttpResponse | Promise<HttpResponse> {
    // a small body as sent: no stream, no decoder, no sink, no await (see dispatch-exchange.ts)
    if (head.collected) {
      const body = inlineBody(head.collected, head.collected.length, head.wireBytes());
      return responseOf(head, times, url, redirects, started, redirectLimitReached, body);
    }
    const sink = new BodySink(this.options.bodies, this.inlineBytes);
    const encoding = valuesOf(head.headers, 'content-encoding').join(',');
    return pipeline([head.body!, ...decodersFor(encoding), sink], { signal: cancel.signal }).then(() =>
      responseOf(head, times, url, redirects, started, redirectLimitReached, sink.result(head.wireBytes())),
    );
  }
}

function responseOf(
  head: ExchangeHead,
  times: ExchangeTimes,
  url: URL,
  redirects: RedirectHop[],
  started: number,
  redirectLimitReached: boolean,
  body: ResponseBody,
): HttpResponse {
  times.end = nowMs();
  return {
    status: head.status,
    statusText: head.statusText,
    httpVersion: httpVersionOf(times),
    headers: head.headers,
    url: url.href,
    redirects,
    redirectLimitReached,
    timing: timingOf(times),
    totalMs: Math.round((nowMs() - started) * 100) / 100,
    body,
  };
}

const NO_AUTH: AuthContribution = { headers: [], query: [] };
const NO_BODY: BuiltBody = { body: null, headers: [] };
/** The headers of a request that names none, has no body and no auth: most of a collection run's. */
const DEFAULT_FLAT = flat(DEFAULT_HEADERS);

/** The request's headers, then what auth and the body type add where the request names none. */
function headerList(
  requestHeaders: readonly HeaderEntry[],
  origin: string,
  authOrigin: string,
  auth: AuthContribution,
  bodyHeaders: HeaderEntry[],
): HeaderEntry[] {
  const sameOrigin = origin === authOrigin;
  // one pass with a set of lower-cased names: this runs for every request and every redirect hop
  const list: HeaderEntry[] = [];
  const names = new Set<string>();
  for (const header of requestHeaders) {
    const lower = header.name.toLowerCase();
    // credentials the user typed go only to the origin they were typed for, not to where a redirect leads
    if (!sameOrigin && (lower === 'authorization' || lower === 'cookie')) continue;
    list.push(header);
    names.add(lower);
  }
  const add = (header: HeaderEntry) => {
    const lower = header.name.toLowerCase();
    if (names.has(lower)) return;
    names.add(lower);
    list.push(header);
  };
  if (sameOrigin) auth.headers.forEach(add);
  bodyHeaders.forEach(add);
  for (const header of DEFAULT_HEADERS) add(header);
  return list;
}

/** `list` with the jar's cookies, flat. */
async function headersOf(list: HeaderEntry[], cookies: WorkspaceCookies | undefined, url: URL): Promise<string[]> {
  return flat(cookies ? await withJar(list, cookies, url) : list);
}

/** The jar's cookies for `url` joined to the request's Cookie header (or as one). */
async function withJar(list: HeaderEntry[], cookies: WorkspaceCookies, url: URL): Promise<HeaderEntry[]> {
  const jar = await cookies.cookieHeader(url.href);
  if (jar === '') return list;
  const index = list.findIndex((header) => header.name.toLowerCase() === 'cookie');
  if (index === -1) list.push({ name: 'Cookie', value: jar });
  else list[index] = { name: list[index]!.name, value: `${list[index]!.value}; ${jar}` };
  return list;
}

/** `[name, value, name, value…]`, as undici takes headers. */
function flat(list: readonly HeaderEntry[]): string[] {
  const out: string[] = [];
  for (const header of list) out.push(header.name, header.value);
  return out;
}

/** What a scheme signs: the request's headers, then the body's where the request names none, and a text body. */
function authTarget(method: string, url: URL, own: readonly HeaderEntry[], body: BuiltBody) {
  const names = new Set(own.map((header) => header.name.toLowerCase()));
  const headers = [...own, ...body.headers.filter((header) => !names.has(header.name.toLowerCase()))];
  const text = body.body === null ? null : typeof body.body === 'string' ? body.body : undefined;
  return { method, url, headers, body: text };
}

function valuesOf(headers: HeaderEntry[], name: string): string[] {
  return headers.filter((header) => header.name.toLowerCase() === name).map((header) => header.value);
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('INVALID_INPUT', `"${text}" is not a valid URL; write it as http://host/path.`, { url: text });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('INVALID_INPUT', `Only http and https URLs can be sent (got ${url.protocol}).`, { url: text });
  }
  return url;
}

interface Target {
  url: URL;
  origin: string;
  /** Path and query, as undici takes them. */
  path: string;
}

function targetOf(url: URL): Target {
  return { url, origin: url.origin, path: url.pathname + url.search };
}

// a run sends the same few URLs again and again: parsed once (bounded; cleared when full)
const PARSED_MAX = 256;
const parsed = new Map<string, Target>();

/** The parsed URL of `text`, shared between sends: nothing may change it. */
function parsedTarget(text: string): Target {
  let target = parsed.get(text);
  if (target === undefined) {
    target = targetOf(parseUrl(text));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, target);
  }
  return target;
}
