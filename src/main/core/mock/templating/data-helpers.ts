import Handlebars from 'handlebars';
import type { Helper } from './helper-args';
import { param, splitArgs, text } from './helper-args';
import { BUCKET_EDITS, editBucketValue, type BucketEdit } from './bucket-edit';
import { scopeOf } from './render-scope';
import { requestValueAtPath } from './request-path';
import { splitPath } from './value-path';

/** The value at `path` of the bucket the first parameter names; undefined when there is no such bucket. */
function bucketValue(args: unknown[]): { found: boolean; value: unknown } {
  const { params, options } = splitArgs(args);
  const nameOrId = text(param(params, 0));
  const scope = scopeOf(options);
  if (nameOrId === '' || scope.state.data === undefined) return { found: false, value: undefined };
  const bucket = scope.state.data.read(nameOrId, scope.request, scope.state);
  if (!bucket.found) return bucket;
  // Mockoon's getValueFromPath: a path into an object or array only; a text or number bucket is itself
  const data = bucket.value;
  const path = text(param(params, 1));
  if (typeof data !== 'object' || data === null || path === '') return { found: true, value: data };
  return { found: true, value: requestValueAtPath(data, path, '') };
}

/**
 * Data buckets (Mockoon's `data` and `dataRaw`): the bucket by name or id (its id, or the first whose name
 * contains the text), and a path into its value (dotted, or JSONPath when it starts with `$`).
 */
export const dataHelpers: Record<string, Helper> = {
  /** `{{data 'users' '0.name'}}`: the value as text, objects, arrays and null as JSON; '' for no bucket. */
  data(...args) {
    const { found, value } = bucketValue(args);
    if (!found) return '';
    // as Mockoon's: null is JSON too
    if (typeof value === 'object') return new Handlebars.SafeString(JSON.stringify(value));
    return value === undefined ? '' : String(value);
  },

  /** `{{#each (dataRaw 'users')}}…{{/each}}`: the value itself, for `each`, `eq`, `len`… */
  dataRaw(...args) {
    return bucketValue(args).value;
  },

  /**
   * `{{setData 'push' 'users' '' (object name='Cy')}}`: changes a bucket as Mockoon's `setData` does — the edit
   * (`set`, the default for any other word, `merge`, `push`, `del`, `inc`, `dec`, `invert`), the bucket, a
   * dotted path into its value ('' or none: the whole value) and the operand. Renders nothing.
   */
  setData(...args) {
    const { params, options } = splitArgs(args);
    const scope = scopeOf(options);
    const store = scope.state.data;
    if (params.length < 2 || store === undefined) return '';
    const word = text(param(params, 0));
    const edit: BucketEdit = (BUCKET_EDITS as readonly string[]).includes(word) ? (word as BucketEdit) : 'set';
    const nameOrId = text(param(params, 1));
    const bucket =
      nameOrId === '' ? { found: false, value: undefined } : store.read(nameOrId, scope.request, scope.state);
    if (!bucket.found) return '';
    const path = param(params, 2);
    const keys = path === undefined || path === null || String(path) === '' ? null : splitPath(String(path));
    const replaced = editBucketValue(bucket.value, edit, keys, param(params, 3));
    if (replaced !== null) store.write?.(nameOrId, replaced.value);
    return '';
  },
};
