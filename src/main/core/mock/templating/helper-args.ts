import Handlebars from 'handlebars';

/**
 * What Handlebars hands a helper as its last argument. `data` is the current data frame (`@index`, `@root`,
 * variables set with `setVar`); `loc` says where the call is, so an error can name the line.
 */
export interface HelperOptions {
  fn: (context: unknown, runtime?: { data?: Record<string, unknown> }) => string;
  inverse: (context: unknown, runtime?: { data?: Record<string, unknown> }) => string;
  hash: Record<string, unknown>;
  data?: Record<string, unknown>;
  loc?: { start: { line: number; column: number } };
  name?: string;
}

/** A helper as registered: positional parameters, then Handlebars' options. */
export type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** Splits a helper call into its parameters and the options Handlebars appends. */
export function splitArgs(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

/** A helper's result may be a SafeString (from another helper); compare and compute on the plain value. */
export function plain(value: unknown): unknown {
  return value instanceof Handlebars.SafeString ? value.toString() : value;
}

/** A parameter as text; absent or an options object (a parameter left out) is ''. */
export function text(value: unknown): string {
  const unwrapped = plain(value);
  if (unwrapped === undefined || unwrapped === null) return '';
  if (typeof unwrapped === 'object') return isOptions(unwrapped) ? '' : JSON.stringify(unwrapped);
  return String(unwrapped);
}

/** A parameter as a number, or undefined when it is absent or not numeric. */
export function numberOrUndefined(value: unknown): number | undefined {
  const unwrapped = plain(value);
  if (unwrapped === undefined || unwrapped === null || unwrapped === '' || typeof unwrapped === 'object') {
    return undefined;
  }
  const number = Number(unwrapped);
  return Number.isNaN(number) ? undefined : number;
}

/** True for Handlebars' options object, which takes the place of a parameter the template left out. */
export function isOptions(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

/** The parameter at `index`, or `fallback` (undefined unless given) when the template left it out. */
export function param(params: unknown[], index: number, fallback?: unknown): unknown {
  const value = params[index];
  return value === undefined || isOptions(value) ? fallback : plain(value);
}

/** A render-time error naming the helper and the line of its call (the server answers 500 with it). */
export function helperError(name: string, options: HelperOptions | undefined, message: string): Error {
  const line = options?.loc?.start.line;
  return new Error(`${name}: ${message}${line === undefined ? '' : ` (line ${line})`}`);
}
