/**
 * A request of the file model (inheritance already applied) to the resolved request the sender takes: every
 * text through the variable resolver, `:name` path segments filled, disabled rows left out. All unresolved
 * variables of the whole request are reported together.
 */
import type { HttpRequestFile, KeyValue, RequestBody } from '../../../../shared/http-request';
import type { SendableAuth } from '../send/auth-schemes';
import type { OutgoingRequest, ResolvedSettings } from '../send/send-types';
import { throwIfUnresolved, type VariableResolver } from './variable-resolver';

export interface RequestToResolve {
  request: Pick<HttpRequestFile, 'method' | 'url' | 'pathParams' | 'body'>;
  /** The effective headers (collection's, folder's, then the request's). */
  headers: readonly KeyValue[];
  /** The effective auth; undefined for none. */
  auth?: SendableAuth;
  settings: ResolvedSettings;
  baseDir: string;
  /** See OutgoingRequest.filesRoot. */
  filesRoot?: string;
}

export function resolveRequest(input: RequestToResolve, resolver: VariableResolver): OutgoingRequest {
  const texts = new Texts(resolver);
  const r = texts.r;
  const params = input.request.pathParams;
  const pathParams = params?.length ? new Map(texts.rows(params).map((row) => [row.name, row.value])) : NO_PARAMS;
  const url = fillPathParams(withScheme(r(input.request.url).trim()), pathParams);
  const resolved: OutgoingRequest = {
    method: input.request.method,
    url,
    headers: texts.rows(input.headers),
    body: input.request.body ? resolveBody(input.request.body, r) : undefined,
    auth: input.auth ? resolveAuth(input.auth, r) : undefined,
    settings: resolveSettings(input.settings, r),
    baseDir: input.baseDir,
    ...(input.filesRoot !== undefined ? { filesRoot: input.filesRoot } : {}),
  };
  throwIfUnresolved(texts.unresolved);
  return resolved;
}

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/** The texts of one request through the resolver, collecting what stays unresolved. */
class Texts {
  readonly unresolved = new Set<string>();
  /** One text (a bound function: the body, auth and settings helpers take it as it is). */
  readonly r: (text: string) => string;

  constructor(private readonly resolver: VariableResolver) {
    this.r = this.text.bind(this);
  }

  text(text: string): string {
    return text.includes('{{') ? this.resolver.resolve(text, this.unresolved) : text;
  }

  /** Enabled rows, resolved. */
  rows(list: readonly KeyValue[] | undefined): { name: string; value: string }[] {
    const out: { name: string; value: string }[] = [];
    for (const row of list ?? []) {
      if (row.enabled !== false) out.push({ name: this.text(row.name), value: this.text(row.value) });
    }
    return out;
  }
}

/** `example.com/x` → `http://example.com/x` (what other clients do with a URL typed without a scheme). */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/** Replaces `:name` segments of the path (not the port, not the query) with their URL-encoded values. */
export function fillPathParams(url: string, params: ReadonlyMap<string, string>): string {
  if (params.size === 0) return url;
  const schemeEnd = url.indexOf('://');
  const pathStart = url.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 3);
  if (pathStart === -1) return url;
  const rest = url.slice(pathStart);
  const cut = rest.search(/[?#]/);
  const path = cut === -1 ? rest : rest.slice(0, cut);
  const tail = cut === -1 ? '' : rest.slice(cut);
  const filled = path.replace(/\/:([A-Za-z_][\w-]*)(?=\/|$)/g, (whole, name: string) =>
    params.has(name) ? `/${encodeURIComponent(params.get(name)!)}` : whole,
  );
  return url.slice(0, pathStart) + filled + tail;
}

function resolveBody(body: RequestBody, r: (text: string) => string): RequestBody {
  switch (body.type) {
    case 'none':
      return body;
    case 'json':
    case 'text':
    case 'xml':
      return { ...body, text: r(body.text) };
    case 'form':
      return {
        ...body,
        fields: body.fields.map((field) => ({ ...field, name: r(field.name), value: r(field.value) })),
      };
    case 'multipart':
      return {
        ...body,
        parts: body.parts.map((part) => ({
          ...part,
          name: r(part.name),
          ...(part.value !== undefined ? { value: r(part.value) } : {}),
          ...(part.file !== undefined ? { file: r(part.file) } : {}),
        })),
      };
    case 'binary':
      return { ...body, file: r(body.file) };
    case 'graphql':
      return {
        ...body,
        query: r(body.query),
        ...(body.variables !== undefined ? { variables: r(body.variables) } : {}),
        ...(body.operationName !== undefined ? { operationName: r(body.operationName) } : {}),
      };
    case 'soap':
      return { ...body, text: r(body.text), ...(body.action !== undefined ? { action: r(body.action) } : {}) };
  }
}

/** Every text field of the auth through the resolver (enums and booleans as they are). */
function resolveAuth(auth: SendableAuth, r: (text: string) => string): SendableAuth {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(auth)) {
    out[key] = typeof value === 'string' && key !== 'type' && key !== 'in' && key !== 'grant' ? r(value) : value;
  }
  return out as SendableAuth;
}

/** The settings that are text (proxy, client certificate files, the key's passphrase) through the resolver. */
function resolveSettings(settings: ResolvedSettings, r: (text: string) => string): ResolvedSettings {
  // most requests set none of them: the settings as they are, no copy
  if (TEXT_SETTINGS.every((key) => settings[key] === undefined)) return settings;
  const out = { ...settings };
  for (const key of TEXT_SETTINGS) {
    const value = settings[key];
    if (value !== undefined) out[key] = r(value);
  }
  return out;
}

const TEXT_SETTINGS = ['proxy', 'clientCert', 'clientKey', 'clientKeyPassphrase'] as const;
