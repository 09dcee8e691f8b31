import type { Faker } from '@faker-js/faker';
import type { MockRequest } from '../mock-http';
import type { HelperOptions } from './helper-args';

/** What outlives one render: given by the server for each request. */
export interface TemplateState {
  /**
   * The mock's public base URL with its prefix (`http://127.0.0.1:3000/api`), for `baseUrl`. When absent,
   * `baseUrl` is built from the request's Host header.
   */
  baseUrl?: string;
  /** Variables shared by every request of one mock (`setGlobalVar` / `getGlobalVar`); kept by the server. */
  globals?: Map<string, unknown>;
  /** The mock's data buckets (`data`, `dataRaw`); kept by the server. */
  data?: DataBucketReader;
}

/** Reads a data bucket by name or id (data-buckets.ts); `state` is what the bucket's own template renders with. */
export interface DataBucketReader {
  read(nameOrId: string, request: MockRequest, state: object): { found: boolean; value: unknown };
  /** Replaces a bucket's value (`setData` without a path); false when no bucket has that name or id. */
  write?(nameOrId: string, value: unknown): boolean;
}

/** The request and state of the render in progress, carried in Handlebars' root data frame. */
export interface RenderScope {
  request: MockRequest;
  state: TemplateState;
  /** The template's source of randomness (seedable: the caller may pass its own Faker). */
  faker: Faker;
  /** Random UUIDs: the Faker's when one was given (repeatable), else node:crypto's (~100× faster). */
  uuid: () => string;
  /** The template's clock. */
  now: () => Date;
  /** Items `repeat` has produced so far in this render, so nested repeats cannot multiply without bound. */
  repeated: number;
}

/**
 * The data-frame key the scope travels under. Data frames are copied into every nested block (`each`, `repeat`),
 * so helpers anywhere in the template find it; `setVar` refuses this name.
 */
export const SCOPE_KEY = 'backbench_scope';

export function scopeOf(options: HelperOptions): RenderScope {
  const scope = options.data?.[SCOPE_KEY] as RenderScope | undefined;
  if (scope === undefined) throw new Error('A template helper was called outside a template render');
  return scope;
}
