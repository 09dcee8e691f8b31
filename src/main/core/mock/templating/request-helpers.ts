import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { param, splitArgs, text } from './helper-args';
import { scopeOf } from './render-scope';
import { valueAtPath } from './value-path';

/**
 * A value for output, as Mockoon gives it: objects and arrays (or anything when `stringify` is true) as JSON,
 * the rest as text. Wrapped so that Handlebars never escapes it.
 */
function output(value: unknown, stringify: boolean): Handlebars.SafeString {
  if (stringify || (typeof value === 'object' && value !== null)) {
    return new Handlebars.SafeString(JSON.stringify(value) ?? '');
  }
  return new Handlebars.SafeString(value === undefined || value === null ? '' : String(value));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Helpers that read the request being answered (Mockoon's request helpers, same names and arguments). */
export const requestHelpers: Record<string, Helper> = {
  /** `body` → the raw body; `body 'user.name' 'default' stringify` → the value at a path of the parsed body. */
  body(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const path = text(param(params, 0));
    if (path === '') return new Handlebars.SafeString(request.bodyText);
    const fallback = param(params, 1, '');
    return output(valueAtPath(request.body ?? {}, path, fallback), param(params, 2, false) === true);
  },

  /** The value at a path of the parsed body, unformatted, for `each`, `eq`, `len`… */
  bodyRaw(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const fallback = param(params, 1, '');
    if (request.body === undefined || request.body === null) return fallback;
    return valueAtPath(request.body, text(param(params, 0)), fallback);
  },

  /** A path parameter of the matched route (`/users/:id` → `urlParam 'id'`). */
  urlParam(...args) {
    const { params, options } = splitArgs(args);
    return scopeOf(options).request.params[text(param(params, 0))] ?? '';
  },

  urlParams(...args) {
    return scopeOf(splitArgs(args).options).request.params;
  },

  /** `queryParam 'filter.name' 'default' stringify`; a name given twice is an array (JSON on output). */
  queryParam(...args) {
    const { params, options } = splitArgs(args);
    const { request } = scopeOf(options);
    const value = valueAtPath(request.query, text(param(params, 0)), param(params, 1, ''));
    return output(value, param(params, 2, false) === true);
  },

  queryParamRaw(...args) {
    const { params, options } = splitArgs(args);
    return valueAtPath(scopeOf(options).request.query, text(param(params, 0)), param(params, 1, ''));
  },

  queryParams(...args) {
    return scopeOf(splitArgs(args).options).request.query;
  },

  /** A request header, by name in any case; several values are joined with ', '. */
  header(...args) {
    const { params, options } = splitArgs(args);
    const name = text(param(params, 0)).toLowerCase();
    const value = headerValue(scopeOf(options).request.headers[name]);
    return value === undefined || value === '' ? text(param(params, 1)) : value;
  },

  headers(...args) {
    return scopeOf(splitArgs(args).options).request.headers;
  },

  cookie(...args) {
    const { params, options } = splitArgs(args);
    const { cookies } = scopeOf(options).request;
    const name = text(param(params, 0));
    const value = Object.hasOwn(cookies, name) ? cookies[name] : undefined;
    return value === undefined || value === '' ? text(param(params, 1)) : value;
  },

  method(...args) {
    return scopeOf(splitArgs(args).options).request.method;
  },

  /** The request path without the query string, as received (`/users/42`). */
  urlPath(...args) {
    return scopeOf(splitArgs(args).options).request.path;
  },

  /** The mock's base URL with its prefix (from the server), else `http://<Host header>`. */
  baseUrl(...args) {
    const { request, state } = scopeOf(splitArgs(args).options);
    if (state.baseUrl !== undefined) return state.baseUrl;
    const host = headerValue(request.headers.host);
    return host === undefined ? '' : `http://${host}`;
  },

  /** The Host header without its port. */
  hostname(...args) {
    const host = headerValue(scopeOf(splitArgs(args).options).request.headers.host) ?? '';
    return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  },
};
