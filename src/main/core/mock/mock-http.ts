/**
 * The two shapes every part of a mock server works on (issue 7): a request as parsed once on arrival, and the
 * response a route, a template or a REST resource gives. The HTTP server turns a Node request into a
 * `MockRequest` and writes a `MockResponse`; routing, rules, templates and REST resources never see Node's
 * objects, so each is tested without a socket and the CLI, the browser host and the desktop app share them.
 */

/** One HTTP request as a mock sees it. */
export interface MockRequest {
  /** Upper case, as sent (`GET`, `PATCH`, or a custom method). */
  method: string;
  /** The path as received, without the query string and still percent-encoded (`/users/42`). */
  path: string;
  /** Path parameters of the matched route (`:id` → `{ id: '42' }`), decoded; empty before matching. */
  params: Record<string, string>;
  /** Query string values; a name given more than once keeps every value, in order. */
  query: Record<string, string | string[]>;
  /** Header names in lower case (Node's IncomingHttpHeaders). */
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
  /** The body as UTF-8 text ('' when there is none). */
  bodyText: string;
  /**
   * The body parsed by its content type: JSON (`application/json`, `+json`) → the value; form-urlencoded → an
   * object of strings; otherwise undefined. A JSON body that does not parse is answered 400 before routing.
   */
  body: unknown;
}

/** What a mock answers. */
export interface MockResponse {
  status: number;
  /** Header names in lower case; a value list writes the header once per value (`set-cookie`). */
  headers: Record<string, string | string[]>;
  body: string | Uint8Array;
  /**
   * The headers as the flat list `writeHead` takes, content-length included: made once, at load, for a response
   * that is the same for every request, so the server does not build it per request. Must agree with `headers`.
   */
  wire?: readonly (string | readonly string[])[];
  /**
   * What the request log keeps of it (headers, body cut for the log), made once at load with `wire` and shared
   * by every entry of it. Must agree with `headers` and `body`.
   */
  logged?: Readonly<{ headers: Record<string, string | string[]>; body: string }>;
  /** What answered, for the request log when no route of the mock matched (`GET /api/products/:id` of a table). */
  route?: string;
}

/** Answers one request: a static or templated route response, or a REST resource over a table. */
export type MockHandler = (request: MockRequest) => MockResponse | Promise<MockResponse>;

/** A JSON response with the right content type; `body` is serialised with JSON.stringify. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}
