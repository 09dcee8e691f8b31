/**
 * What the HTTP client's files hold (issue 8), as zod schemas: a request file, a collection's and a folder's
 * settings, an environment. Like mock files, a parsed value keeps only what the file says — defaults (timeout,
 * redirects, TLS verification…) are applied where the request is sent — so writing a file back never adds fields
 * the user did not write, and a file round-trips byte for byte.
 *
 * Layout on disk (under the workspace folder):
 *   collections/<collection>/collection.yaml        CollectionSettings
 *   collections/<collection>/<folder>/folder.yaml   FolderSettings (optional)
 *   collections/<collection>/**\/<name>.request.yaml HttpRequestFile
 *   environments/<name>.yaml                        EnvironmentFile (secret values are never written: the app
 *                                                   database keeps them, encrypted)
 *   globals.yaml                                    EnvironmentFile of the global variables
 */
import { z } from 'zod';

const Text = z.string({ error: 'expected text' });
const Name = z.string({ error: 'expected text' }).min(1, { error: 'must not be empty' });

/** A method token: GET, POST… or any custom one (RFC 9110 token characters, upper or lower case as typed). */
export const HttpMethodSchema = z
  .string({ error: 'expected an HTTP method' })
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'expected an HTTP method (letters, digits, no spaces)' })
  .max(64, { error: 'expected at most 64 characters' });

/** A name/value row of a table in the editor; a disabled row is kept in the file but not sent. */
export const KeyValueSchema = z.strictObject({
  name: Text,
  value: Text,
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
});
export type KeyValue = z.infer<typeof KeyValueSchema>;

/** A path relative to the request's folder, or absolute; it must lie inside the workspace (checked where it is read). */
const FilePath = Name;

export const MultipartPartSchema = z
  .strictObject({
    name: Name,
    /** Text value; `{{variables}}` resolved. */
    value: Text.optional(),
    /** A file sent as the part's content. */
    file: FilePath.optional(),
    contentType: Text.optional(),
    enabled: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .refine((part) => (part.value === undefined) !== (part.file === undefined), {
    error: 'give value or file, one of them',
    path: ['value'],
  });
export type MultipartPart = z.infer<typeof MultipartPartSchema>;

export const BODY_TYPES = ['none', 'json', 'text', 'xml', 'form', 'multipart', 'binary', 'graphql', 'soap'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** The request body; `{{variables}}` are resolved in every text. */
export const RequestBodySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('none') }),
    /** Sent as typed (validated and formatted in the editor), Content-Type application/json unless a header says. */
    z.strictObject({ type: z.literal('json'), text: Text }),
    z.strictObject({ type: z.literal('text'), text: Text }),
    z.strictObject({ type: z.literal('xml'), text: Text }),
    /** application/x-www-form-urlencoded. */
    z.strictObject({ type: z.literal('form'), fields: z.array(KeyValueSchema) }),
    z.strictObject({ type: z.literal('multipart'), parts: z.array(MultipartPartSchema) }),
    z.strictObject({ type: z.literal('binary'), file: FilePath, contentType: Text.optional() }),
    /** POSTed as `{ query, variables, operationName }`. `variables` is JSON text. */
    z.strictObject({
      type: z.literal('graphql'),
      query: Text,
      variables: Text.optional(),
      operationName: Text.optional(),
    }),
    /** An XML envelope; `action` becomes the SOAPAction header (SOAP 1.1) or the action parameter (1.2). */
    z.strictObject({
      type: z.literal('soap'),
      text: Text,
      action: Text.optional(),
      version: z.enum(['1.1', '1.2'], { error: 'expected 1.1 or 1.2' }).optional(),
    }),
  ],
  { error: 'expected a body type: none, json, text, xml, form, multipart, binary, graphql or soap' },
);
export type RequestBody = z.infer<typeof RequestBodySchema>;

/** Auth; every text may hold `{{variables}}` (the way to keep a secret out of the file). */
export const AuthSchema = z.discriminatedUnion(
  'type',
  [
    /** Use the folder's, else the collection's (the default when a request names none). */
    z.strictObject({ type: z.literal('inherit') }),
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({ type: z.literal('basic'), username: Text, password: Text }),
    z.strictObject({ type: z.literal('bearer'), token: Text }),
    z.strictObject({
      type: z.literal('apikey'),
      name: Name,
      value: Text,
      in: z.enum(['header', 'query'], { error: 'expected header or query' }),
    }),
    z.strictObject({ type: z.literal('digest'), username: Text, password: Text }),
    z.strictObject({
      type: z.literal('oauth2'),
      grant: z.enum(['client_credentials', 'authorization_code'], {
        error: 'expected client_credentials or authorization_code',
      }),
      tokenUrl: Name,
      /** authorization_code only; the system browser opens it, the redirect comes back to a loopback port. */
      authorizationUrl: Text.optional(),
      clientId: Name,
      clientSecret: Text.optional(),
      scope: Text.optional(),
      /** authorization_code: PKCE S256 unless false. */
      pkce: z.boolean({ error: 'expected true or false' }).optional(),
      /** How the client id and secret reach the token URL: HTTP Basic (the default, RFC 6749 §2.3.1) or the body. */
      clientAuth: z.enum(['basic', 'body'], { error: 'expected basic or body' }).optional(),
    }),
    z.strictObject({
      type: z.literal('awsv4'),
      accessKeyId: Name,
      secretAccessKey: Name,
      sessionToken: Text.optional(),
      region: Name,
      service: Name,
    }),
  ],
  { error: 'expected an auth type: inherit, none, basic, bearer, apikey, digest, oauth2 or awsv4' },
);
export type Auth = z.infer<typeof AuthSchema>;

export const ASSERTION_TARGETS = ['status', 'header', 'jsonpath', 'body', 'responseTime'] as const;
export const ASSERTION_OPS = [
  'equals',
  'notEquals',
  'contains',
  'exists',
  'notExists',
  'type',
  'lessThan',
  'greaterThan',
  'matches',
] as const;
export type AssertionTarget = (typeof ASSERTION_TARGETS)[number];
export type AssertionOp = (typeof ASSERTION_OPS)[number];

/**
 * A declarative check on the response. `header` names the header in `name`; `jsonpath` gives the expression in
 * `path` (`$.items[0].id`); `responseTime` is in ms. `type` compares with string, number, boolean, object, array
 * or null; `matches` takes a regular expression.
 */
export const AssertionSchema = z
  .strictObject({
    target: z.enum(ASSERTION_TARGETS, { error: 'expected status, header, jsonpath, body or responseTime' }),
    name: Text.optional(),
    path: Text.optional(),
    op: z.enum(ASSERTION_OPS, {
      error: 'expected equals, notEquals, contains, exists, notExists, type, lessThan, greaterThan or matches',
    }),
    value: z.unknown().optional(),
    enabled: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .superRefine((assertion, ctx) => {
    if (assertion.target === 'header' && assertion.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'a header assertion needs the header name' });
    }
    if (assertion.target === 'jsonpath' && assertion.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'a jsonpath assertion needs a path such as $.id' });
    }
    if (assertion.op !== 'exists' && assertion.op !== 'notExists' && assertion.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${assertion.op} assertion needs a value` });
    }
  });
export type Assertion = z.infer<typeof AssertionSchema>;

export const ScriptsSchema = z.strictObject({
  /** Runs in the sandbox before the request is sent; may set variables and change the request. */
  preRequest: Text.optional(),
  /** Runs after the response; may set variables and record tests (`bb.test`, `pm.test`). */
  postResponse: Text.optional(),
});
export type Scripts = z.infer<typeof ScriptsSchema>;

/** Send settings; absent ones take the collection's, then the app's defaults (30 s, follow up to 10, verify). */
export const SendSettingsSchema = z.strictObject({
  timeoutMs: z.int({ error: 'expected whole milliseconds' }).min(0).max(3_600_000).optional(),
  followRedirects: z.boolean({ error: 'expected true or false' }).optional(),
  maxRedirects: z.int({ error: 'expected a whole number' }).min(0).max(100).optional(),
  verifyTls: z.boolean({ error: 'expected true or false' }).optional(),
  /** An HTTP proxy, `http://host:port` (`http://user:password@host:port` for one that asks); may hold `{{variables}}`. */
  proxy: Text.optional(),
  /** A client certificate (PEM) for TLS, and its key; paths inside the workspace, relative to the request's folder. */
  clientCert: FilePath.optional(),
  clientKey: FilePath.optional(),
  /** The key's passphrase: write a `{{variable}}` (a secret one) so it stays out of the file. */
  clientKeyPassphrase: Text.optional(),
  /** Offer HTTP/2 by ALPN; the server decides (the response's httpVersion says `2`). */
  http2: z.boolean({ error: 'expected true or false' }).optional(),
});
export type SendSettings = z.infer<typeof SendSettingsSchema>;

/** One request file (`<name>.request.yaml`). */
export const HttpRequestFileSchema = z.strictObject({
  name: Name,
  method: HttpMethodSchema,
  /** As typed, `{{variables}}` and `:pathParams` included; the query-params table edits its query part. */
  url: Text,
  /** Values for `:name` segments of the URL path. */
  pathParams: z.array(KeyValueSchema).optional(),
  headers: z.array(KeyValueSchema).optional(),
  body: RequestBodySchema.optional(),
  auth: AuthSchema.optional(),
  settings: SendSettingsSchema.optional(),
  assertions: z.array(AssertionSchema).optional(),
  scripts: ScriptsSchema.optional(),
  /** Position among its siblings (lower first; then by name). */
  order: z.number({ error: 'expected a number' }).optional(),
  docs: Text.optional(),
});
export type HttpRequestFile = z.infer<typeof HttpRequestFileSchema>;

/** A variable row; a secret one's value lives in the app database (encrypted), never in the file. */
export const VariableSchema = z.strictObject({
  name: Name,
  value: Text.optional(),
  secret: z.boolean({ error: 'expected true or false' }).optional(),
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
});
export type Variable = z.infer<typeof VariableSchema>;

/** What a collection or folder gives the requests inside it. */
const InheritedSettings = {
  auth: AuthSchema.optional(),
  headers: z.array(KeyValueSchema).optional(),
  scripts: ScriptsSchema.optional(),
  settings: SendSettingsSchema.optional(),
};

/** `collection.yaml` at a collection's root. */
export const CollectionSettingsSchema = z.strictObject({
  name: Name,
  variables: z.array(VariableSchema).optional(),
  ...InheritedSettings,
  docs: Text.optional(),
});
export type CollectionSettings = z.infer<typeof CollectionSettingsSchema>;

/** `folder.yaml` in a folder of a collection (optional). */
export const FolderSettingsSchema = z.strictObject({
  name: Name.optional(),
  order: z.number({ error: 'expected a number' }).optional(),
  ...InheritedSettings,
});
export type FolderSettings = z.infer<typeof FolderSettingsSchema>;

/** `environments/<name>.yaml`. */
export const EnvironmentFileSchema = z.strictObject({
  name: Name,
  variables: z.array(VariableSchema),
});
export type EnvironmentFile = z.infer<typeof EnvironmentFileSchema>;
