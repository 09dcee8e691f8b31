/**
 * What Mockoon's `setData` helper does to a data bucket's value (object-path's set, push and del, and its own
 * merge, inc, dec and invert): a value at a path is changed in place, as Mockoon does; a change of the whole
 * value (no path) is returned for the store to keep. A path that goes through a text or number, or names a
 * property every object has (`__proto__`, `constructor`, `prototype`), changes nothing.
 */

export const BUCKET_EDITS = ['set', 'merge', 'push', 'del', 'inc', 'dec', 'invert'] as const;
export type BucketEdit = (typeof BUCKET_EDITS)[number];

type Container = Record<string, unknown> | unknown[];

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** object-path reads a key that is an integer written plainly (`0`, `12`) as an array index. */
const isIndex = (key: string) => String(Number.parseInt(key, 10)) === key;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => isContainer(value) && !Array.isArray(value);

function own(container: Container, key: string): boolean {
  return Array.isArray(container) && isIndex(key) ? Number(key) < container.length : Object.hasOwn(container, key);
}

function getAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isContainer(current) || !own(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The container holding the last key, made on the way as object-path makes it (an array before an index). */
function parentOf(root: unknown, keys: readonly string[]): Container | null {
  if (keys.some((key) => UNSAFE_KEYS.has(key))) return null;
  let current = root;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isContainer(current)) return null;
    const key = keys[i]!;
    const record = current as Record<string, unknown>;
    if (!own(current, key) || record[key] === undefined) record[key] = isIndex(keys[i + 1]!) ? [] : {};
    current = record[key];
  }
  return isContainer(current) ? current : null;
}

function setAt(root: unknown, keys: readonly string[], value: unknown): void {
  const parent = parentOf(root, keys);
  if (parent !== null) (parent as Record<string, unknown>)[keys[keys.length - 1]!] = value;
}

function deleteAt(root: unknown, keys: readonly string[]): void {
  if (keys.some((key) => UNSAFE_KEYS.has(key))) return;
  const parent = getAt(root, keys.slice(0, -1));
  const last = keys[keys.length - 1]!;
  if (!isContainer(parent) || !own(parent, last)) return;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
}

/**
 * Applies one `setData` edit to `value`. `keys` null: the whole value. Returns the new whole value when it is
 * replaced (`{ value }`), null when the change was made in place or nothing changed.
 */
export function editBucketValue(
  value: unknown,
  edit: BucketEdit,
  keys: readonly string[] | null,
  operand: unknown,
): { value: unknown } | null {
  const put = (next: unknown) => {
    if (keys === null) return { value: next };
    setAt(value, keys, next);
    return null;
  };
  const current = keys === null ? value : getAt(value, keys);
  switch (edit) {
    case 'set':
      return put(operand);
    case 'merge':
      return put(isPlainObject(current) && isPlainObject(operand) ? { ...current, ...operand } : operand);
    case 'push':
      if (Array.isArray(current)) current.push(operand);
      return null;
    case 'del':
      if (keys === null) return { value: undefined };
      deleteAt(value, keys);
      return null;
    case 'inc':
    case 'dec': {
      // as Mockoon: a step that is not a number changes nothing; none (or 0) steps by 1
      if (operand && Number.isNaN(Number(operand))) return null;
      if (Number.isNaN(Number(current))) return null;
      const step = Number(operand) || 1;
      return put(Number(current) + (edit === 'inc' ? step : -step));
    }
    case 'invert':
      return typeof current === 'boolean' ? put(!current) : null;
  }
}
