import { z } from 'zod';
import { proc } from '../proc';
import {
  AssertionSchema,
  AuthSchema,
  CollectionSettingsSchema,
  EnvironmentFileSchema,
  FolderSettingsSchema,
  HttpRequestFileSchema,
} from '../http-request';
import { HttpHistoryEntry, HttpHistoryReopened, HttpHistorySummary } from '../http-history';
import { GraphqlSchemaInfo, WsdlInfo } from '../http-protocols';

/** A path under the workspace's `collections/` folder (`shop/users/get-user.request.yaml`, `shop/users`). */
const CollectionPath = z.string().min(1).max(1024);
const RequestPath = CollectionPath.regex(/\.request\.yaml$/, 'a request file path must end in .request.yaml');
/** An environment's file in `environments/` (`staging.yaml`), or `globals` for the global variables. */
const EnvironmentPath = z.string().min(1).max(255);
const Name = z.string().min(1).max(200);
/** Chosen by the caller before `http.send`, so Cancel works while the send is under way. */
const SendId = z.string().min(1).max(100);

const Header = z.object({ name: z.string(), value: z.string() });

/** What `http.oauthToken` tells of a token (never the token itself). */
export const OAuth2TokenSummary = z.object({
  tokenType: z.string(),
  /** ISO time; null when the server gave no lifetime. */
  expiresAt: z.string().nullable(),
  scope: z.string().optional(),
  hasRefreshToken: z.boolean(),
  fromCache: z.boolean(),
  /** The first characters, to recognize it. */
  preview: z.string(),
});

export const HttpTiming = z.object({
  dnsMs: z.number(),
  connectMs: z.number(),
  tlsMs: z.number(),
  firstByteMs: z.number(),
  downloadMs: z.number(),
  totalMs: z.number(),
  reusedConnection: z.boolean(),
});

export const HttpResponse = z.object({
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string(),
  /** In the order received; repeated names kept. */
  headers: z.array(Header),
  /** The URL that answered, after redirects. */
  url: z.string(),
  redirects: z.array(
    z.object({
      method: z.string(),
      url: z.string(),
      status: z.number().int(),
      location: z.string(),
      totalMs: z.number(),
    }),
  ),
  /** The redirect limit stopped the chain: this response is the last redirect. */
  redirectLimitReached: z.boolean(),
  /** Phases of the final exchange. */
  timing: HttpTiming,
  /** All of it: every redirect and the body. */
  totalMs: z.number(),
  body: z.object({
    /** Decoded bytes. */
    size: z.number().int(),
    /** Bytes on the wire (before gzip/deflate/br decoding). */
    wireSize: z.number().int(),
    /** Inline bodies (up to 2 MB): utf8 text when valid UTF-8, else base64; null for a body on disk. */
    encoding: z.enum(['utf8', 'base64']).nullable(),
    data: z.string().nullable(),
    /** A body past the threshold is kept in the data dir; read it with `http.readBody`. */
    handle: z.string().nullable(),
  }),
});
export type HttpResponse = z.infer<typeof HttpResponse>;

const ScriptPhase = z.enum(['preRequest', 'postResponse']);

/** `http.send`'s result: the response and what its scripts and assertions said (empty lists when none ran). */
export const HttpSendResult = HttpResponse.extend({
  /** `bb.test` / `pm.test` results of the post-response scripts, in run order; `script` names where it ran. */
  tests: z.array(
    z.object({
      /** `collection`, `folder "<path>"` or `request`. */
      script: z.string(),
      name: z.string(),
      passed: z.boolean(),
      error: z.string().optional(),
    }),
  ),
  /** One per enabled assertion of the request, in file order. */
  assertions: z.array(
    z.object({
      assertion: AssertionSchema,
      passed: z.boolean(),
      /** What the target held (absent when it was not there). */
      actual: z.unknown(),
      message: z.string(),
    }),
  ),
  /** `console.*` output of every script that ran (pre-request and post-response). */
  scriptLogs: z.array(
    z.object({
      script: z.string(),
      phase: ScriptPhase,
      level: z.enum(['log', 'info', 'warn', 'error', 'debug']),
      message: z.string(),
    }),
  ),
  /**
   * A post-response script that threw or hit a limit (the chain and the result go on), and notes of the send
   * (`script` null): a body streamed to disk over 10 MB that scripts and assertions did not read, a variable
   * change with nowhere to be kept.
   */
  scriptErrors: z.array(z.object({ script: z.string().nullable(), phase: ScriptPhase, message: z.string() })),
});
export type HttpSendResult = z.infer<typeof HttpSendResult>;

export const RequestNode = z.object({
  kind: z.literal('request'),
  path: z.string(),
  name: z.string(),
  /** null when the file does not load (`error` names the file and the field). */
  method: z.string().nullable(),
  order: z.number().nullable(),
  error: z.string().nullable(),
});
export type RequestNode = z.infer<typeof RequestNode>;

export interface FolderNode {
  kind: 'folder';
  path: string;
  name: string;
  order: number | null;
  error: string | null;
  children: (FolderNode | RequestNode)[];
}
export const FolderNode: z.ZodType<FolderNode> = z.lazy(() =>
  z.object({
    kind: z.literal('folder'),
    path: z.string(),
    name: z.string(),
    order: z.number().nullable(),
    error: z.string().nullable(),
    children: z.array(z.union([FolderNode, RequestNode])),
  }),
);

const SettingsOf = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('collection'), path: CollectionPath, settings: CollectionSettingsSchema }),
  z.object({ kind: z.literal('folder'), path: CollectionPath, settings: FolderSettingsSchema }),
]);

export const HttpCookie = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  /** ISO date; null for a session cookie. */
  expires: z.string().nullable(),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  hostOnly: z.boolean(),
  sameSite: z.string().nullable(),
});

export const EnvironmentSummary = z.object({ path: z.string(), name: z.string(), error: z.string().nullable() });

export const ResolvedVariable = z.object({
  name: z.string(),
  value: z.string(),
  scope: z.enum(['global', 'collection', 'environment', 'runtime']),
  secret: z.boolean(),
});

export const HttpImportFormat = z.enum(['postman', 'postman-environment', 'openapi', 'har', 'insomnia', 'curl']);
export type HttpImportFormat = z.infer<typeof HttpImportFormat>;

/** What an import reads: a chosen or uploaded file by its id, or pasted text (exactly one; a big file is uploaded). */
const ImportSource = z.object({
  fileId: z.string().min(1).max(200).optional(),
  text: z.string().max(5_000_000).optional(),
  /** Names pasted text in messages (default "pasted text"). */
  fileName: z.string().min(1).max(255).optional(),
  format: HttpImportFormat.optional(),
});

export const HttpImportPreview = z.object({
  fileName: z.string(),
  format: HttpImportFormat,
  kind: z.enum(['collection', 'environment', 'request']),
  name: z.string(),
  requests: z.number().int(),
  folders: z.number().int(),
  environments: z.number().int(),
  variables: z.number().int(),
  warnings: z.array(z.string()),
});
export type HttpImportPreview = z.infer<typeof HttpImportPreview>;
const ImportPreview = HttpImportPreview;

export const HttpImportOutcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('collection'),
    format: HttpImportFormat,
    /** The new collection's folder under `collections/`. */
    path: z.string(),
    name: z.string(),
    requests: z.number().int(),
    folders: z.number().int(),
    /** Environment files written with it. */
    environments: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('environment'),
    format: HttpImportFormat,
    path: z.string(),
    name: z.string(),
    variables: z.number().int(),
    warnings: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('request'),
    format: HttpImportFormat,
    request: HttpRequestFileSchema,
    warnings: z.array(z.string()),
  }),
]);
export type HttpImportOutcome = z.infer<typeof HttpImportOutcome>;
const ImportOutcome = HttpImportOutcome;
/** How far a big body's line view has been built (`http.bodyView`). */
export const BodyViewStatus = z.object({
  /** Bytes of the body. */
  size: z.number().int(),
  /** Bytes of the text shown so far (the formatted copy's when `formatted`). */
  viewSize: z.number().int(),
  lineCount: z.number().int(),
  /** Minified JSON shown pretty-printed. */
  formatted: z.boolean(),
  indexing: z.boolean(),
  /** 0..1 */
  progress: z.number(),
  /** Why JSON was shown unformatted, or why the build failed. */
  note: z.string().nullable(),
});
export type BodyViewStatus = z.infer<typeof BodyViewStatus>;
/** A collection run's id, made by `http.runCollection`. */
const RunId = z.string().min(1).max(100);

const RunCheck = z.object({
  kind: z.enum(['assertion', 'test']),
  name: z.string(),
  passed: z.boolean(),
  message: z.string().optional(),
});

/** One request sent in one iteration of a run (core/http/runner/run-types.ts). */
export const HttpRunOutcome = z.object({
  iteration: z.number().int(),
  index: z.number().int(),
  name: z.string(),
  path: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  timeMs: z.number(),
  size: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  checks: z.array(RunCheck),
  scriptErrors: z.array(z.string()),
  passed: z.boolean(),
});

const RunLatency = z.object({ p50: z.number(), p95: z.number(), max: z.number(), mean: z.number() });
const RunCounts = z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int() });

/** A run's final report: per request of the collection and per assertion or test, counts and latencies. */
export const HttpRunReport = z.object({
  collection: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  iterations: z.number().int(),
  cancelled: z.boolean(),
  bailed: z.boolean(),
  totals: z.object({
    requests: z.number().int(),
    responses: z.number().int(),
    errors: z.number().int(),
    assertions: RunCounts,
    tests: RunCounts,
    scriptErrors: z.number().int(),
  }),
  latency: RunLatency,
  requests: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      path: z.string(),
      method: z.string(),
      runs: z.number().int(),
      responses: z.number().int(),
      errors: z.number().int(),
      firstError: z.object({ iteration: z.number().int(), code: z.string(), message: z.string() }).nullable(),
      statuses: z.record(z.string(), z.number().int()),
      scriptErrors: z.number().int(),
      firstScriptError: z.object({ iteration: z.number().int(), message: z.string() }).nullable(),
      latency: RunLatency,
      totalMs: z.number(),
      checks: z.array(
        z.object({
          kind: z.enum(['assertion', 'test']),
          name: z.string(),
          passed: z.number().int(),
          failed: z.number().int(),
          firstFailure: z.object({ iteration: z.number().int(), message: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  passed: z.boolean(),
});

export const httpContract = {
  /**
   * Sends a request (as edited, saved or not) and returns the response. With `path` (its request file), auth,
   * headers and settings are inherited from its folders and collection, the collection's variables apply and
   * relative body files are read from its folder. Variables resolve global < collection < `environment` <
   * `variables` (runtime); an undefined one fails with INVALID_INPUT naming every such variable
   * (`details.unresolved`). Fails with TIMEOUT, REQUEST_CANCELLED (`http.cancel`), CONNECTION_REFUSED,
   * HOST_NOT_FOUND, SSL_ERROR (untrusted certificate: turn off verifyTls), CONNECTION_LOST, NOT_SUPPORTED (an auth
   * type not available yet). Cookies of the workspace's jar are sent and updated.
   *
   * Scripts run in the sandbox (docs/http-scripts.md), collection's, then folders', then the request's, for
   * both phases (Postman's order). Pre-request scripts may change the request (before `{{variables}}` resolve)
   * and variables; one that fails stops the send with INVALID_INPUT naming the script (`details.script`). Then
   * post-response scripts and the request's assertions run on the response (a body on disk is read up to 10 MB).
   * Variables scripts set: runtime ones are kept for the session (they apply to later sends and
   * `http.variables`); environment, globals and collection ones are written to their files (a secret stays
   * secret).
   */
  send: proc(
    z.object({
      sendId: SendId,
      request: HttpRequestFileSchema,
      path: RequestPath.optional(),
      environment: EnvironmentPath.nullable().optional(),
      variables: z.record(z.string().max(200), z.string().max(1_000_000)).optional(),
    }),
    HttpSendResult,
  ),
  /** Cancels a send under way (its `http.send` fails with REQUEST_CANCELLED); false when none runs by that id. */
  cancel: proc(z.object({ sendId: SendId }), z.object({ cancelled: z.boolean() })),
  /**
   * Reads `length` bytes (at most 4 MB) of a body kept on disk from `offset`: `utf8` text (cut back to a whole
   * character; `nextOffset` says where to go on) or `base64`. NOT_FOUND once the body is no longer kept.
   */
  readBody: proc(
    z.object({
      handle: z.uuid(),
      offset: z.number().int().min(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(4 * 1024 * 1024),
      encoding: z.enum(['utf8', 'base64']).optional(),
    }),
    z.object({
      offset: z.number().int(),
      nextOffset: z.number().int(),
      size: z.number().int(),
      encoding: z.enum(['utf8', 'base64']),
      data: z.string(),
    }),
  ),
  /** Every collection of the workspace with its folders and requests, ordered by `order`, then name. */
  collections: proc(z.object({}), z.array(FolderNode)),
  /**
   * A request file: its text and, when it loads, its model; otherwise `error` names the file and the field (the
   * text is still returned so the user can fix it).
   */
  readRequest: proc(
    z.object({ path: RequestPath }),
    z.object({
      path: z.string(),
      text: z.string(),
      request: HttpRequestFileSchema.nullable(),
      error: z.string().nullable(),
    }),
  ),
  /**
   * Writes a request file atomically from its model (keys in their fixed order) or its text as typed — exactly one;
   * a text that does not load is refused with INVALID_INPUT naming the field, and the file is left as it was.
   */
  saveRequest: proc(
    z.object({
      path: RequestPath,
      request: HttpRequestFileSchema.optional(),
      text: z.string().max(5_000_000).optional(),
    }),
    z.object({ path: z.string(), request: HttpRequestFileSchema }),
  ),
  /** A new request file in a collection or folder, named after the request (a free file name is chosen). */
  createRequest: proc(
    z.object({ parent: CollectionPath, request: HttpRequestFileSchema }),
    z.object({ path: z.string() }),
  ),
  /** A new collection (folder + collection.yaml) named after `name`; CONFLICT when the folder exists. */
  createCollection: proc(z.object({ name: Name }), z.object({ path: z.string() })),
  /** A new folder (with its folder.yaml) inside a collection or folder; CONFLICT when it exists. */
  createFolder: proc(z.object({ parent: CollectionPath, name: Name }), z.object({ path: z.string() })),
  /** Renames a request, folder or collection: its name and its file or folder. Returns the new path. */
  rename: proc(z.object({ path: CollectionPath, name: Name }), z.object({ path: z.string() })),
  /** Deletes a request file, or a folder or collection with everything in it. */
  delete: proc(z.object({ path: CollectionPath }), z.object({ deleted: z.boolean() })),
  /** A collection's settings (path without a slash) or a folder's, secret collection variables with their values. */
  readSettings: proc(z.object({ path: CollectionPath }), SettingsOf),
  /** Writes collection.yaml or folder.yaml; secret variables' values go to the encrypted store, never the file. */
  saveSettings: proc(SettingsOf, z.object({ saved: z.boolean() })),
  /** The environments of the workspace (`environments/*.yaml`). */
  environments: proc(z.object({}), z.array(EnvironmentSummary)),
  /** An environment (or `globals`) with secret values filled in from the encrypted store. */
  readEnvironment: proc(z.object({ path: EnvironmentPath }), EnvironmentFileSchema),
  /**
   * Writes an environment (or `globals`): secret variables without their value in the file, the value encrypted in
   * the app database (a secret given without a value keeps the one kept).
   */
  saveEnvironment: proc(
    z.object({ path: EnvironmentPath, environment: EnvironmentFileSchema }),
    z.object({ saved: z.boolean() }),
  ),
  /** A new empty environment named after `name` (`staging.yaml`); CONFLICT when that file exists. */
  createEnvironment: proc(z.object({ name: Name }), z.object({ path: z.string() })),
  /** Deletes an environment file and its secret values. */
  deleteEnvironment: proc(z.object({ path: EnvironmentPath }), z.object({ deleted: z.boolean() })),
  /**
   * The variables a request would see (for highlighting and hover): each name with its value and the scope it
   * comes from, narrowest winning.
   */
  variables: proc(
    z.object({ path: RequestPath.optional(), environment: EnvironmentPath.nullable().optional() }),
    z.array(ResolvedVariable),
  ),
  /**
   * Forgets the runtime variables scripts set this session (`pm.variables.set`, `bb.variables.set`): later sends
   * and `http.variables` no longer see them. Environment, collection and global variables are not touched.
   * Returns how many went.
   */
  clearRuntimeVariables: proc(z.object({}), z.object({ removed: z.number().int() })),
  /** The workspace's cookie jar. */
  cookies: proc(z.object({}), z.array(HttpCookie)),
  /** Removes every cookie, or those matching `domain` (and `path`, `name`). Returns how many went. */
  clearCookies: proc(
    z.object({
      domain: z.string().max(255).optional(),
      path: z.string().max(1024).optional(),
      name: z.string().max(1024).optional(),
    }),
    z.object({ removed: z.number().int() }),
  ),
  /**
   * Adds a cookie to the workspace's jar, or replaces the one of the same domain, path and name (an edit that
   * renames or moves a cookie removes the old one with `clearCookies`). `domain` without a leading dot is sent to
   * that host only; `expires` null makes a session cookie. INVALID_INPUT names a field the jar refuses.
   */
  setCookie: proc(
    z.object({
      name: z.string().min(1).max(1024),
      value: z.string().max(8192),
      domain: z.string().min(1).max(255),
      path: z.string().max(1024).optional(),
      expires: z.iso.datetime({ offset: true }).nullable().optional(),
      secure: z.boolean().optional(),
      httpOnly: z.boolean().optional(),
    }),
    HttpCookie,
  ),
  // history (issue 8, item 8)
  /**
   * Sends from the app, newest first, `limit` at a time from `offset`. `search` matches a substring (any case)
   * of the method, the resolved URL, the status or the request or response body text. `total` counts the matches.
   */
  history: proc(
    z.object({
      search: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(500),
      offset: z.number().int().min(0).optional(),
    }),
    z.object({ entries: z.array(HttpHistorySummary), total: z.number().int() }),
  ),
  /** One history entry in full: the request as sent and as edited, and the response kept. NOT_FOUND once gone. */
  historyEntry: proc(z.object({ id: z.number().int().min(1) }), HttpHistoryEntry),
  /** Deletes one history entry (`id`), or every one without it. Returns how many went. */
  deleteHistory: proc(z.object({ id: z.number().int().min(1).optional() }), z.object({ removed: z.number().int() })),

  // import and export (issue 8, items 10–11)
  /**
   * Desktop: asks in the native open dialog for a file to import (Postman, OpenAPI/Swagger, HAR, Insomnia) and
   * returns its id for `http.previewImport` / `http.importFile` (null when the dialog was closed). NOT_SUPPORTED in
   * the browser host, which uploads the file instead (`POST /upload`, same id). No path ever comes from the caller.
   */
  chooseImportFile: proc(z.object({}), z.object({ fileId: z.string(), name: z.string() }).nullable()),
  /**
   * What a chosen or uploaded file (`fileId`) or pasted `text` holds, without writing anything: its format (detected
   * from the content; INVALID_INPUT when `format` is given and the content is something else), its name and what an
   * import would make. INVALID_INPUT naming the file and what is wrong when it is none of the formats or does not
   * parse; NOT_FOUND once an upload has gone.
   */
  previewImport: proc(ImportSource, ImportPreview),
  /**
   * Imports a file or pasted text: a Postman collection, OpenAPI 3.x/Swagger 2 document, HAR capture or Insomnia v5
   * export becomes a new collection of request files (a free name when one is taken: `shop-api-2`, "Shop API 2"; its
   * environments, if it carries some, new environment files); a Postman environment becomes a new environment file
   * (secrets as secret variables, their values in the encrypted store); a cURL command comes back as a request
   * model, not written. `warnings` name what was skipped. Nothing is written when it fails.
   */
  importFile: proc(ImportSource.extend({ name: Name.optional() }), ImportOutcome),
  /** A cURL command (pasted into the URL bar) → a request model: method, URL, headers, body, auth, settings. */
  parseCurl: proc(
    z.object({ command: z.string().min(1).max(1_000_000) }),
    z.object({ request: HttpRequestFileSchema, warnings: z.array(z.string()) }),
  ),
  /**
   * A request as a cURL command or JavaScript `fetch` code, `{{variables}}` as written. With `path` (its file), the
   * auth and headers its folders and collection give it are included. `warnings` name what the code leaves out.
   * With `resolve`, variables are replaced by their values (globals, the collection's, `environment`'s, the
   * session's; `{{$uuid}}`…) — secret variables only with `resolveSecrets`, else kept as written and named in
   * `warnings`, as is a variable no scope defines.
   */
  exportRequest: proc(
    z.object({
      request: HttpRequestFileSchema,
      format: z.enum(['curl', 'fetch']),
      path: RequestPath.optional(),
      resolve: z.boolean().optional(),
      environment: EnvironmentPath.nullable().optional(),
      resolveSecrets: z.boolean().optional(),
    }),
    z.object({ code: z.string(), warnings: z.array(z.string()) }),
  ),
  /**
   * A collection as Postman Collection v2.1 JSON: returned as `document` to download, or with `saveAs` (desktop)
   * written where the user chooses in the native save dialog (`savedTo`; both null when the dialog was closed).
   * Secret variables are written without their value; `warnings` name what Postman cannot hold.
   */
  exportCollection: proc(
    z.object({ path: CollectionPath, saveAs: z.boolean().optional() }),
    z.object({
      fileName: z.string(),
      document: z.string().nullable(),
      savedTo: z.string().nullable(),
      warnings: z.array(z.string()),
    }),
  ),
  // big-body viewer (issue 8 item 6): a body kept on disk as lines, read and searched in ranges
  /**
   * Opens a body kept on disk (`body.handle`) as lines: the first call starts building its line index (and, for
   * JSON that arrived minified, a copy with 2-space indentation — values byte for byte) in the background and
   * returns at once; call again to follow `progress`. Lines are readable up to `lineCount` while it builds.
   * NOT_FOUND once the body is no longer kept.
   */
  bodyView: proc(z.object({ handle: z.uuid() }), BodyViewStatus),
  /**
   * Lines `start`.. (at most 1000) of an opened body, as text; a line past 10,000 bytes is cut (its number is in
   * `truncated`). Returns the view's status too, so a reader sees the count grow while it builds.
   */
  bodyLines: proc(
    z.object({ handle: z.uuid(), start: z.number().int().min(0), count: z.number().int().min(1).max(1000) }),
    BodyViewStatus.extend({
      start: z.number().int(),
      lines: z.array(z.string()),
      truncated: z.array(z.number().int()),
    }),
  ),
  /**
   * Plain-text search of an opened body from (`fromLine`, `fromColumn`) on: at most `limit` matches as 0-based line,
   * column (UTF-16 units of the line's text) and length; `complete` when none follows the last. A new search of
   * the same body stops the one under way (which returns `cancelled`).
   */
  bodySearch: proc(
    z.object({
      handle: z.uuid(),
      query: z.string().min(1).max(1000),
      caseSensitive: z.boolean(),
      fromLine: z.number().int().min(0).optional(),
      fromColumn: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(10_000),
    }),
    z.object({
      matches: z.array(z.object({ line: z.number().int(), column: z.number().int(), length: z.number().int() })),
      complete: z.boolean(),
      cancelled: z.boolean(),
    }),
  ),
  /** Stops the search under way on a body; false when none ran. */
  bodySearchCancel: proc(z.object({ handle: z.uuid() }), z.object({ cancelled: z.boolean() })),
  /**
   * Starts a run of a collection or folder of the workspace (`path`: `shop` or `shop/users`) and returns its id at
   * once; `http.runProgressed` events report each request and, last, the report (or the error that stopped
   * it). Requests go through the same path as `http.send` (inheritance, scripts, variables, assertions); variables
   * scripts set last for the run and are not written to files. `data` rows are iterations (their columns runtime
   * variables, `pm.iterationData`); `iterations` defaults to their count, else 1. `concurrency` iterations are in
   * flight at once, each in order; `delayMs` goes before each request; `bail` stops after the first failure;
   * `timeoutMs` overrides every request's timeout.
   */
  runCollection: proc(
    z.object({
      path: CollectionPath,
      environment: EnvironmentPath.nullable().optional(),
      iterations: z.number().int().min(1).max(1_000_000).optional(),
      data: z
        .array(z.record(z.string().max(200), z.string().max(100_000)))
        .max(100_000)
        .optional(),
      delayMs: z.number().int().min(0).max(3_600_000).optional(),
      concurrency: z.number().int().min(1).max(100).optional(),
      bail: z.boolean().optional(),
      timeoutMs: z.number().int().min(0).max(3_600_000).optional(),
    }),
    z.object({ runId: RunId }),
  ),
  /** Cancels a run under way (requests in flight are cancelled; the report says `cancelled`); false when none. */
  cancelRun: proc(z.object({ runId: RunId }), z.object({ cancelled: z.boolean() })),
  /**
   * Rows of a run's data file read in the UI (`text`; `fileName` ending `.json` → a JSON array of objects, else CSV
   * with a header row), parsed by the same rules as `backbench run --data`: one row per iteration, values as text.
   * INVALID_INPUT naming the file and what is wrong.
   */
  parseRunData: proc(
    z.object({ text: z.string().max(5_000_000), fileName: z.string().min(1).max(255) }),
    z.object({ rows: z.array(z.record(z.string(), z.string())), columns: z.array(z.string()) }),
  ),
  /** A run's report as a file's text: JUnit XML (CI systems read it) or JSON, as `backbench run --reporter` writes. */
  formatRunReport: proc(
    z.object({ report: HttpRunReport, format: z.enum(['junit', 'json']) }),
    z.object({ text: z.string() }),
  ),
  // OAuth 2.0 tokens (issue 8, item 2)
  /**
   * The OAuth 2.0 token of an auth (given, else the effective one of the request file at `path`; `{{variables}}`
   * resolved with `environment`): `cached` only looks (null when none is kept), `get` returns the cached one if
   * still valid, else refreshes or fetches one (the authorization code grant opens the sign-in page in the
   * browser and waits for it to come back), `new` always fetches. The token itself never leaves the core:
   * the answer says its type, expiry and scope.
   */
  oauthToken: proc(
    z.object({
      auth: AuthSchema.optional(),
      path: RequestPath.optional(),
      environment: EnvironmentPath.nullable().optional(),
      mode: z.enum(['cached', 'get', 'new']),
    }),
    z.object({ token: OAuth2TokenSummary.nullable(), authFrom: z.string().nullable() }),
  ),
  /** Forgets cached OAuth 2.0 tokens (memory and app database): all, or those of a token URL (and client id). */
  clearOauthTokens: proc(
    z.object({ tokenUrl: z.string().max(2048).optional(), clientId: z.string().max(1024).optional() }),
    z.object({ removed: z.number().int() }),
  ),
  /**
   * A history entry's request as edited, to open in a tab: its literal credentials restored from the encrypted
   * copy the history keeps (`restored`), else emptied and named in `cleared` — never the mask. NOT_FOUND once gone.
   */
  historyRequest: proc(z.object({ id: z.number().int().min(1) }), HttpHistoryReopened),
  // GraphQL and SOAP bodies (issue 8 item 1)
  /**
   * The schema of the GraphQL endpoint `request` points at: the standard introspection query POSTed as that
   * request would be sent (its auth, headers, inherited settings and variables apply; its own scripts and
   * assertions do not), answered as types and fields for completion plus the SDL. INVALID_INPUT when the
   * endpoint answers no schema (introspection off, not GraphQL).
   */
  graphqlSchema: proc(
    z.object({
      request: HttpRequestFileSchema,
      path: RequestPath.optional(),
      environment: EnvironmentPath.nullable().optional(),
    }),
    GraphqlSchemaInfo,
  ),
  /**
   * A WSDL 1.1's services, ports (SOAP 1.1/1.2) and operations with their SOAPAction, input parts and a starter
   * envelope. Give `text`, or `url` to GET it with `request`'s auth, headers and variables (the tab's request).
   */
  wsdlOperations: proc(
    z
      .object({
        text: z.string().max(20_000_000).optional(),
        url: z.string().min(1).max(8192).optional(),
        request: HttpRequestFileSchema.optional(),
        path: RequestPath.optional(),
        environment: EnvironmentPath.nullable().optional(),
      })
      .refine((input) => (input.text === undefined) !== (input.url === undefined), {
        error: 'give text or url, one of them',
        path: ['url'],
      }),
    WsdlInfo,
  ),
};
