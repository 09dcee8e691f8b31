/**
 * What a mock file holds (issue 7), as a zod schema. The parsed value keeps only what the file says — defaults
 * (host 127.0.0.1, status 200, mode `first`…) are applied where the mock runs (`compile-mock.ts`), so writing a
 * mock back never adds fields the user did not write.
 */
import { z } from 'zod';

export const DEFAULT_MOCK_HOST = '127.0.0.1';
/** The methods Node's HTTP parser accepts (`http.METHODS`), listed here so the schema stays isomorphic. */
export const HTTP_METHODS: readonly string[] = [
  'ACL',
  'BIND',
  'CHECKOUT',
  'CONNECT',
  'COPY',
  'DELETE',
  'GET',
  'HEAD',
  'LINK',
  'LOCK',
  'M-SEARCH',
  'MERGE',
  'MKACTIVITY',
  'MKCALENDAR',
  'MKCOL',
  'MOVE',
  'NOTIFY',
  'OPTIONS',
  'PATCH',
  'POST',
  'PROPFIND',
  'PROPPATCH',
  'PURGE',
  'PUT',
  'QUERY',
  'REBIND',
  'REPORT',
  'SEARCH',
  'SOURCE',
  'SUBSCRIBE',
  'TRACE',
  'UNBIND',
  'UNLINK',
  'UNLOCK',
  'UNSUBSCRIBE',
];
const METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);

const Milliseconds = z
  .number({ error: 'expected a number of milliseconds' })
  .int({ error: 'expected a whole number of milliseconds' })
  .min(0, { error: 'expected 0 or more milliseconds' })
  .max(600_000, { error: 'expected at most 600000 ms (10 minutes)' });

/** A fixed delay in ms, or a random one drawn from [min, max] for each request. */
export const LatencySchema = z.union(
  [
    Milliseconds,
    z
      .strictObject({ min: Milliseconds, max: Milliseconds })
      .refine((range) => range.min <= range.max, { error: 'min must not be greater than max', path: ['max'] }),
  ],
  { error: 'expected milliseconds or { min, max }' },
);
export type Latency = z.infer<typeof LatencySchema>;

export const RULE_TARGETS = ['header', 'query', 'param', 'cookie', 'body', 'data'] as const;
export const RULE_OPS = ['equals', 'regex', 'exists', 'schema', 'blank', 'emptyArray', 'includes'] as const;

/**
 * One condition on the request. `name` names the header, query value, path parameter, cookie or data bucket
 * (`data`: its name or id); `path` is a dotted path into the parsed body or the bucket's value (`user.tags.0`;
 * absent: the whole value). Operators: `equals` (a list holds
 * when one item equals a plain value), `regex`, `exists`, `schema` (a JSON schema), `blank` (absent, null or
 * empty text), `emptyArray` (a list with no item), `includes` (a list with an item equal to `value`); `exists`, `blank` and `emptyArray` read no value. `not`
 * turns the result over (`not: true` with `equals` holds when the value differs or is absent).
 */
export const RuleSchema = z
  .strictObject({
    target: z.enum(RULE_TARGETS, { error: 'expected header, query, param, cookie, body or data' }),
    name: z.string().min(1, { error: 'must not be empty' }).optional(),
    path: z.string().optional(),
    op: z.enum(RULE_OPS, { error: 'expected equals, regex, exists, schema, blank, emptyArray or includes' }),
    value: z.unknown().optional(),
    not: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.target !== 'body' && rule.name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message:
          rule.target === 'data'
            ? "a data rule needs the bucket's name or id"
            : `a ${rule.target} rule needs the ${rule.target}'s name`,
      });
    }
    if (rule.target !== 'body' && rule.target !== 'data' && rule.path !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'only a body or data rule has a path; use name' });
    }
    if ((rule.op === 'equals' || rule.op === 'includes') && rule.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `an ${rule.op} rule needs a value` });
    }
    if (rule.op === 'regex') {
      if (typeof rule.value !== 'string') {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'a regex rule needs the pattern as a string' });
      } else {
        try {
          new RegExp(rule.value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid regex: ${(error as Error).message}` });
        }
      }
    }
    if (rule.op === 'schema') {
      if (typeof rule.value !== 'object' || rule.value === null || Array.isArray(rule.value)) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'a schema rule needs a JSON schema object' });
      } else {
        try {
          z.fromJSONSchema(rule.value as Parameters<typeof z.fromJSONSchema>[0]);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: `not a JSON schema this mock can use: ${(error as Error).message}`,
          });
        }
      }
    }
  });
export type MockRule = z.infer<typeof RuleSchema>;

/** Answers a share (`rate`, 0–1, default 1) of requests with a fault instead of the response. */
export const FaultSchema = z.strictObject({
  /** `drop` closes the connection without an answer; `error` answers `status` (default 500). */
  type: z.enum(['drop', 'error'], { error: 'expected drop or error' }),
  rate: z
    .number({ error: 'expected a rate from 0 to 1' })
    .min(0)
    .max(1, { error: 'expected a rate from 0 to 1' })
    .optional(),
  status: z
    .int({ error: 'expected an integer 100–599' })
    .min(100)
    .max(599, { error: 'expected an integer 100–599' })
    .optional(),
});
export type MockFault = z.infer<typeof FaultSchema>;

const BodyFileSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .refine((file) => !isAbsolutePath(file) && !file.includes('\0') && !leavesFolder(file), {
    error: "must be a path inside the mock's folder",
  });

export const ResponseSchema = z
  .strictObject({
    status: z
      .int({ error: 'expected an integer 100–599' })
      .min(100, { error: 'expected an integer 100–599' })
      .max(599, { error: 'expected an integer 100–599' })
      .optional(),
    headers: z.record(z.string(), z.string({ error: 'expected a text value' })).optional(),
    /** Text as is; any other YAML value is sent as JSON. */
    body: z.unknown().optional(),
    /** A file in the mock's folder, read for each request. */
    bodyFile: BodyFileSchema.optional(),
    /**
     * The body is the value of this data bucket (name or id), sent as JSON unless it is text. On a `crud` route
     * the response answers the CRUD request over the bucket instead.
     */
    dataBucket: z
      .string({ error: 'expected the name or id of a data bucket' })
      .min(1, { error: 'must not be empty' })
      .optional(),
    /** false: the body (text or file) is sent as written, `{{` and all; headers and the file's path stay templates. */
    templating: z.boolean({ error: 'expected true or false' }).optional(),
    latency: LatencySchema.optional(),
    rules: z.array(RuleSchema).optional(),
    rulesOperator: z.enum(['AND', 'OR'], { error: 'expected AND or OR' }).optional(),
    default: z.boolean({ error: 'expected true or false' }).optional(),
    fault: FaultSchema.optional(),
  })
  .refine((response) => response.body === undefined || response.bodyFile === undefined, {
    error: 'give body or bodyFile, not both',
    path: ['bodyFile'],
  })
  .refine((response) => response.dataBucket === undefined || (response.body ?? response.bodyFile) === undefined, {
    error: 'give body, bodyFile or dataBucket, only one',
    path: ['dataBucket'],
  });
export type MockRouteResponse = z.infer<typeof ResponseSchema>;

export const RESPONSE_MODES = ['first', 'sequential', 'random'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

export const RouteSchema = z
  .strictObject({
    /** An HTTP method in upper case, or `*` for any. */
    method: z.string().refine((method) => method === '*' || METHOD_SET.has(method), {
      error: 'expected an HTTP method in upper case (GET, POST…) or *',
    }),
    /** find-my-way syntax: `/users/:id`, `/files/*`, `/img/:name(^\\d+).png`. */
    path: z.string().startsWith('/', { error: 'must start with /' }),
    responses: z.array(ResponseSchema).min(1, { error: 'a route needs at least one response' }),
    responseMode: z.enum(RESPONSE_MODES, { error: 'expected first, sequential or random' }).optional(),
    /**
     * A CRUD route, as Mockoon's: `path` and `path/:id` answer GET (list, one), POST, PUT, PATCH and DELETE over
     * the JSON array of the data bucket its picked response names (`dataBucket`).
     */
    crud: z.boolean({ error: 'expected true or false' }).optional(),
    /** The item field CRUD requests find items by (a dotted path; default `id`). */
    crudKey: z.string().min(1, { error: 'must not be empty' }).optional(),
  })
  .superRefine((route, ctx) => {
    const defaults = route.responses.flatMap((response, index) => (response.default ? [index] : []));
    if (defaults.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['responses', defaults[1]!, 'default'],
        message: `only one response may be the default (responses[${defaults[0]}] already is)`,
      });
    }
  });
export type MockRoute = z.infer<typeof RouteSchema>;

/**
 * A table of a saved connection served as a REST resource at `path` (`GET/POST /items`, `GET/PUT/PATCH/DELETE
 * /items/:id`). The connection is named, not referenced by id, so the file means the same in every clone.
 */
export const ResourceSchema = z.strictObject({
  path: z.string().regex(/^\/[^/:*?#]+$/, { error: 'expected one path segment such as /items (no :, *, ? or #)' }),
  connection: z.string({ error: 'expected the name of a saved connection' }).min(1, { error: 'must not be empty' }),
  /** Absent: the connection's default schema or database. */
  schema: z.string().min(1).optional(),
  table: z.string({ error: 'expected a table name' }).min(1, { error: 'must not be empty' }),
  readOnly: z.boolean({ error: 'expected true or false' }).optional(),
});
export type MockResource = z.infer<typeof ResourceSchema>;

/**
 * Where requests no route or resource answers are forwarded (`https://api.example.com`, optionally with a base
 * path that the request's path is appended to). `record` keeps each proxied exchange as a route.
 */
export const ProxySchema = z.strictObject({
  target: z
    .string({ error: 'expected a URL such as https://api.example.com' })
    .refine((target) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(target) && URL.canParse(target), {
      error: 'expected an http:// or https:// URL without a query or fragment',
    }),
  /** Removes the mock's prefix from the path before forwarding (`/api/users` → `<target>/users`). */
  removePrefix: z.boolean({ error: 'expected true or false' }).optional(),
  /** Keeps each proxied exchange as a route (deduplicated by method and path). */
  record: z.boolean({ error: 'expected true or false' }).optional(),
  /** Set on every forwarded request, replacing the client's value (an API key…). */
  headers: z
    .record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'expected a header name' }),
      z.string({ error: 'expected a text value' }).refine((value) => !/[\r\n\0]/.test(value), {
        error: 'must not contain a line break',
      }),
    )
    .optional(),
});
export type MockProxy = z.infer<typeof ProxySchema>;

/**
 * A data bucket, as Mockoon's: `value` is text and a template, rendered once (when first used after the mock
 * starts or its bucket changes), then parsed as JSON when it is JSON. Templates read it with `data`/`dataRaw`,
 * responses send it with `dataBucket`, `crud` routes change it; changes live until the mock stops.
 */
export const DataBucketSchema = z.strictObject({
  name: z.string({ error: 'expected a name' }).min(1, { error: 'must not be empty' }),
  /** A short id templates may use instead of the name (Mockoon's). */
  id: z.string().min(1, { error: 'must not be empty' }).optional(),
  value: z.string({ error: 'expected text (JSON or a template)' }),
});
export type MockDataBucket = z.infer<typeof DataBucketSchema>;

export const MockDefinitionSchema = z.strictObject(
  {
    name: z.string({ error: 'expected a name' }).min(1, { error: 'must not be empty' }),
    port: z
      .int({ error: 'expected a port number 0–65535' })
      .min(0, { error: 'expected a port number 0–65535' })
      .max(65_535, { error: 'expected a port number 0–65535' }),
    host: z.string().min(1, { error: 'must not be empty' }).optional(),
    /** Put before every route's path (`/api`). */
    prefix: z
      .string()
      .regex(/^\/.*[^/]$/, { error: 'must start with / and not end with /' })
      .optional(),
    cors: z.boolean({ error: 'expected true or false' }).optional(),
    /** false: paths match whatever their letter case (`/USERS/5` finds `/users/:id`), as in Mockoon. Default true. */
    caseSensitive: z.boolean({ error: 'expected true or false' }).optional(),
    /** Added to every response's own latency. */
    latency: LatencySchema.optional(),
    routes: z.array(RouteSchema, { error: 'expected a list of routes' }),
    /** Tables served as REST resources (answering what no route matched). */
    resources: z.array(ResourceSchema, { error: 'expected a list of resources' }).optional(),
    /** Forwards what neither a route nor a resource answers to a real API. */
    proxy: ProxySchema.optional(),
    /** Serves over TLS with a certificate made for localhost on first use. */
    https: z.boolean({ error: 'expected true or false' }).optional(),
    /** Data buckets, kept in memory while the mock runs. */
    data: z.array(DataBucketSchema, { error: 'expected a list of data buckets' }).optional(),
  },
  { error: 'expected a mapping with name, port and routes' },
);
export type MockDefinition = z.infer<typeof MockDefinitionSchema>;

/** `/x`, `\\x`, `C:x`: absolute on some platform (the file may be opened on any of them). */
function isAbsolutePath(file: string): boolean {
  return /^[\\/]/.test(file) || /^[A-Za-z]:/.test(file);
}

/** Whether a relative path climbs above its folder (`..`, `a/../..`), with either separator. */
function leavesFolder(file: string): boolean {
  let depth = 0;
  for (const part of file.split(/[\\/]/)) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}
