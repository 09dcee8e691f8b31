/**
 * Reads a value at a path such as `user.name`, `items.0.id`, `items[0].id` or `a\.b` (a key that contains a
 * dot), as Mockoon's `body`, `queryParam` and `getVar` do. Only own properties are followed, so a template cannot
 * reach `constructor`, `__proto__` or anything else inherited.
 */
export function valueAtPath(data: unknown, path: string, fallback: unknown): unknown {
  if (path === '') return data;
  // a key spelled exactly as the path wins, as in lodash's get (a query's `filter[name]`, a body's `a.b`)
  if (typeof data === 'object' && data !== null && Object.hasOwn(data, path)) {
    const value = (data as Record<string, unknown>)[path];
    return value === undefined ? fallback : value;
  }
  let current: unknown = data;
  for (const key of splitPath(path)) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return fallback;
    current = (current as Record<string, unknown>)[key];
  }
  return current === undefined ? fallback : current;
}

/** `a.b[0].c` → `['a', 'b', '0', 'c']`; `a\.b.c` → `['a.b', 'c']`. */
export function splitPath(path: string): string[] {
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === '\\' && path[i + 1] === '.') {
      key += '.';
      i++;
    } else if (char === '.') {
      keys.push(key);
      key = '';
    } else if (char === '[') {
      const end = path.indexOf(']', i);
      if (end === -1) {
        key += char;
        continue;
      }
      if (key !== '') keys.push(key);
      keys.push(path.slice(i + 1, end).replace(/^['"]|['"]$/g, ''));
      key = '';
      i = end;
      if (path[i + 1] === '.') i++;
    } else {
      key += char;
    }
  }
  if (key !== '' || keys.length === 0) keys.push(key);
  return keys;
}
