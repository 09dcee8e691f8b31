import { z } from 'zod';
import { proc } from '../proc';
import { AuthSchema, EnvironmentFileSchema, HttpRequestFileSchema } from '../http-request';
import { HttpHistoryEntry, HttpHistoryReopened, HttpHistorySummary, HttpStatusClass } from '../http-history';
import { GraphqlSchemaInfo, WsdlInfo } from '../http-protocols';
import {
  BodyViewStatus,
  CollectionPath,
  EnvironmentPath,
  EnvironmentSummary,
  FolderNode,
  HttpCookie,
  HttpRunOutcome,
  HttpRunReport,
  HttpRunSummary,
  HttpSendResult,
  ImportOutcome,
  ImportPreview,
  ImportSource,
  Name,
  OAuth2TokenSummary,
  RequestPath,
  ResolvedVariable,
  RunId,
  SendId,
  SettingsOf,
} from './http-shapes';

export * from './http-shapes';

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
   * of the method, the resolved URL, the status or the request or response body text; `status` keeps one status
   * class (`error`: no response). `total` counts the matches.
   */
  history: proc(
    z.object({
      search: z.string().max(500).optional(),
      status: HttpStatusClass.optional(),
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
  // kept run reports (issue 8): a run tab shows its last report after a reload and re-attaches to a run under way
  /**
   * Runs of the collection or folder at `path` (all paths when absent): those under way first, then the last
   * finished ones kept in the app database (at most 20 per path, newest first).
   */
  runs: proc(z.object({ path: CollectionPath.optional() }), z.object({ runs: z.array(HttpRunSummary) })),
  /**
   * A run's report: for a finished one its final report (null when it failed to start, `summary.error` says
   * why); for one under way the newest outcomes so far (at most 2000; `http.runProgressed` events carry the
   * rest). NOT_FOUND once it is no longer kept.
   */
  runReport: proc(
    z.object({ id: RunId }),
    z.object({
      summary: HttpRunSummary,
      report: HttpRunReport.nullable(),
      outcomes: z.array(HttpRunOutcome),
      skipped: z.number().int(),
    }),
  ),
};
