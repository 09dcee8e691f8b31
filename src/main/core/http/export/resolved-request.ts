/**
 * "Copy as cURL (variables resolved)": a request's `{{variables}}` replaced by the values its scopes give them,
 * before it is written as code. Secret variables are put in only when the caller asks for them; otherwise they,
 * and any name no scope defines, stay as written and are named in the warnings (never an empty string).
 */
import type { HttpRequestFile } from '../../../../shared/http-request';
import { VariableResolver } from '../variables/variable-resolver';

export interface ExportVariable {
  name: string;
  value: string;
  secret: boolean;
}

export function resolveForExport(
  request: HttpRequestFile,
  variables: readonly ExportVariable[],
  options: { secrets: boolean; now: () => Date },
): { request: HttpRequestFile; warnings: string[] } {
  const values = new Map(variables.filter((v) => options.secrets || !v.secret).map((v) => [v.name, v.value]));
  // the visible variables are already narrowest-wins: one layer holds them
  const resolver = new VariableResolver([{ scope: 'runtime', values }], options.now);
  const unresolved = new Set<string>();
  const r = (text: string) => resolver.resolve(text, unresolved);
  const resolved: HttpRequestFile = {
    ...request,
    url: r(request.url),
    ...(request.headers ? { headers: resolveStrings(request.headers, r) } : {}),
    ...(request.pathParams ? { pathParams: resolveStrings(request.pathParams, r) } : {}),
    ...(request.body ? { body: resolveStrings(request.body, r) } : {}),
    ...(request.auth ? { auth: resolveStrings(request.auth, r) } : {}),
  };
  const secretNames = new Set(variables.filter((v) => v.secret).map((v) => v.name));
  const kept = [...unresolved].filter((name) => secretNames.has(name));
  const undefinedNames = [...unresolved].filter((name) => !secretNames.has(name));
  const list = (names: string[]) => names.map((name) => `{{${name}}}`).join(', ');
  const warnings: string[] = [];
  if (kept.length > 0) {
    warnings.push(
      `Secret variables kept as written: ${list(kept)} (copy with secrets resolved to put their values in).`,
    );
  }
  if (undefinedNames.length > 0) {
    warnings.push(`Not defined in the chosen environment or any scope, kept as written: ${list(undefinedNames)}.`);
  }
  return { request: resolved, warnings };
}

/** Every string inside `value` through `r`; the fixed words among them (`type: json`) hold no `{{` and stay. */
function resolveStrings<T>(value: T, r: (text: string) => string): T {
  if (typeof value === 'string') return r(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => resolveStrings(item, r)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveStrings(item, r)])) as T;
}
