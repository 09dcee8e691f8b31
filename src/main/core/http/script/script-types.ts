/** What the sender hands a script run and what it gets back: plain data, so the sandbox knows no host. */

export type ScriptPhase = 'preRequest' | 'postResponse';

/** Variable scopes, in the order a name is looked up (`bb.variables.get`, `pm.variables.get`, `{{name}}`). */
export const VARIABLE_SCOPES = ['runtime', 'data', 'environment', 'collection', 'globals'] as const;
export type VariableScope = (typeof VARIABLE_SCOPES)[number];
/** Scopes a script can change (`data` is the runner's current data-file row, read-only). */
export const WRITABLE_SCOPES = ['runtime', 'environment', 'collection', 'globals'] as const;
export type WritableScope = (typeof WRITABLE_SCOPES)[number];

/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * A header name as a script leaves it, before `{{variables}}` resolve: token characters and `{{…}}` references
 * (`X-{{prefix}}-Id`). The resolved name is checked against HEADER_NAME before the send.
 */
export const HEADER_NAME_TEMPLATE = /^(?:[!#$%&'*+.^_`|~0-9A-Za-z-]|\{\{[^{}\r\n\0]+\}\})+$/;

export interface ScriptRequest {
  method: string;
  /** Resolved, as it will be sent. */
  url: string;
  headers: [string, string][];
  /** The body as text (json, text, xml, graphql…); null when there is none or it is not text (multipart, file). */
  body: string | null;
}

export interface ScriptResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The body decoded as text. */
  body: string;
  timeMs: number;
  /** Bytes received. */
  size: number;
}

export interface ScriptLimits {
  /** Wall-clock time for the whole run; default 1000 ms. */
  timeMs?: number;
  /** Memory the script may use on top of its inputs; default 32 MiB. */
  memoryBytes?: number;
  /** The interpreter's stack; default 256 KiB. */
  stackBytes?: number;
}

export interface ScriptRunInput {
  phase: ScriptPhase;
  code: string;
  request: ScriptRequest;
  /** Post-response scripts only. */
  response?: ScriptResponse;
  /** The current values per scope; absent scopes are empty. */
  variables?: Partial<Record<VariableScope, Record<string, string>>>;
  info?: { requestName?: string; iteration?: number };
  limits?: ScriptLimits;
}

export interface ScriptTestResult {
  name: string;
  passed: boolean;
  error?: string;
}

export interface ScriptLog {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

export interface ScriptRunResult {
  tests: ScriptTestResult[];
  /** Per scope, the names the script set (new text) or removed (null); the caller applies them. */
  variables: Record<WritableScope, Record<string, string | null>>;
  /** Pre-request scripts: the request as the script left it (the caller sends this one). */
  request?: ScriptRequest;
  logs: ScriptLog[];
  /** Why the script stopped early (an exception, a limit); what it did before still counts. */
  error?: string;
}
