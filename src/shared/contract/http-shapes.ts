/**
 * The shapes `http.contract.ts`'s procedures take and return (issue 8): paths and names, the response and the
 * send result, the collections tree, cookies, variables, imports, big-body views and collection runs.
 */
import { z } from 'zod';
import {
  AssertionSchema,
  CollectionSettingsSchema,
  FolderSettingsSchema,
  HttpRequestFileSchema,
} from '../http-request';

/** A path under the workspace's `collections/` folder (`shop/users/get-user.request.yaml`, `shop/users`). */
export const CollectionPath = z.string().min(1).max(1024);
export const RequestPath = CollectionPath.regex(/\.request\.yaml$/, 'a request file path must end in .request.yaml');
/** An environment's file in `environments/` (`staging.yaml`), or `globals` for the global variables. */
export const EnvironmentPath = z.string().min(1).max(255);
export const Name = z.string().min(1).max(200);
/** Chosen by the caller before `http.send`, so Cancel works while the send is under way. */
export const SendId = z.string().min(1).max(100);

export const Header = z.object({ name: z.string(), value: z.string() });

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

export const ScriptPhase = z.enum(['preRequest', 'postResponse']);

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

export const SettingsOf = z.discriminatedUnion('kind', [
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
export const ImportSource = z.object({
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
export const ImportPreview = HttpImportPreview;

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
export const ImportOutcome = HttpImportOutcome;
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
export const RunId = z.string().min(1).max(100);

export const RunCheck = z.object({
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

export const RunLatency = z.object({ p50: z.number(), p95: z.number(), max: z.number(), mean: z.number() });
export const RunCounts = z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int() });

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

/** A collection run in the list of a collection's runs (`http.runs`): under way, or one of the last kept. */
export const HttpRunSummary = z.object({
  id: RunId,
  /** The collection or folder run (`shop`, `shop/users`). */
  path: z.string(),
  startedAt: z.string(),
  /** null while it runs. */
  finishedAt: z.string().nullable(),
  running: z.boolean(),
  /** The report's verdict; false for a run that failed to start or was cancelled, and while it runs. */
  passed: z.boolean(),
  cancelled: z.boolean(),
  /** Requests finished (so far, while it runs). */
  requests: z.number().int(),
  /** Of them, those that failed. */
  failed: z.number().int(),
  durationMs: z.number().nullable(),
  /** What stopped a run that could not start or failed. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type HttpRunSummary = z.infer<typeof HttpRunSummary>;
