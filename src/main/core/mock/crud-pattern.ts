/**
 * The regular expressions of a CRUD list's `like`, `start` and `end` filters. Mockoon runs the query's text as a
 * regex (`name_like=^(ann|bob)`); so does Backbench, unless the pattern could backtrack without end — the client
 * chooses it, and one such request would hold the mock's only thread. Such a pattern, and one that is not a
 * valid regex (Mockoon answers 500), is matched as plain text instead.
 */

const MAX_PATTERN = 256;

/**
 * Whether a client's pattern is safe to run: at most 256 characters, no backreference, and no repeated group
 * holding a repetition or an alternative — the shapes that backtrack exponentially (`(a+)+`, `(a|a)*`,
 * `(\w*\s?)*`). A group followed by `?` is not repeated.
 */
export function isSafePattern(pattern: string): boolean {
  if (pattern.length > MAX_PATTERN) return false;
  // per open group: whether it holds a quantifier or an alternative
  const open: boolean[] = [];
  const markRisky = () => {
    if (open.length > 0) open[open.length - 1] = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      // \1…\9 and \k<name> refer back to a group
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return false;
      i++;
    } else if (char === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if (char === '(') {
      open.push(false);
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the group's kind, not a quantifier
      if (pattern[i + 1] === '?') {
        i += 2;
        if (pattern[i] === '<') {
          if (pattern[i + 1] === '=' || pattern[i + 1] === '!') i++;
          else i = Math.max(i, pattern.indexOf('>', i));
        }
      }
    } else if (char === ')') {
      const risky = open.pop() ?? false;
      if (risky && /[*+{]/.test(pattern[i + 1] ?? '')) return false;
      if (risky) markRisky();
    } else if (char === '|' || char === '*' || char === '+' || char === '?' || char === '{') {
      markRisky();
    }
  }
  return true;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regex a filter runs: Mockoon's (`query`, `^query`, `query$`, letter case aside), or the text as written. */
export function filterPattern(query: string, at: 'like' | 'start' | 'end'): RegExp {
  const wrap = (source: string) => (at === 'start' ? `^${source}` : at === 'end' ? `${source}$` : source);
  if (isSafePattern(query)) {
    try {
      return new RegExp(wrap(query), 'i');
    } catch {
      // not a valid regex: matched as text below
    }
  }
  return new RegExp(wrap(escape(query)), 'i');
}
