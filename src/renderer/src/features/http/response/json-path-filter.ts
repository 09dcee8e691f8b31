/** The JSONPath filter box of the Pretty view: what a path selects in a JSON body (no code ever runs). */
import { JSONPath } from 'jsonpath-plus';

export type JsonPathResult = { values: unknown[] } | { error: string };

/**
 * The mistakes jsonpath-plus forgives silently (it reads `$.items[` as `$.items`), caught so a typo says so
 * instead of showing another place. The same rules as the core's assertions (evaluate-assertions.ts).
 */
function pathSyntaxError(path: string): string | null {
  if (!path.startsWith('$')) return 'A path starts with $ (for example $.items[*].id).';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (depth === 0) return `A quote outside brackets at position ${i + 1}.`;
      quote = c;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return `A ] without its [ at position ${i + 1}.`;
  }
  if (quote) return 'A quote is not closed.';
  if (depth > 0) return 'A [ is not closed.';
  if (path.endsWith('.') && !path.endsWith('..')) return 'The path ends with a dot.';
  return null;
}

/** Every value `path` selects in `json`, in document order; an error names what is wrong with the path. */
export function selectJsonPath(json: unknown, path: string): JsonPathResult {
  const trimmed = path.trim();
  const syntax = pathSyntaxError(trimmed);
  if (syntax) return { error: syntax };
  try {
    // eval: false — filter expressions would run code (CVE-2024-21534, CVE-2025-1302)
    const values = JSONPath({ path: trimmed, json: json as object, eval: false, wrap: true, resultType: 'value' });
    return { values: values as unknown[] };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      error: /eval/i.test(text)
        ? 'Filter and script expressions ([?(…)], (…)) are not supported here; select by names, indexes and *.'
        : `Not a JSONPath: ${text}`,
    };
  }
}
