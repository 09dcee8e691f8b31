/**
 * A regex that matches letters in either case, for Mockoon's `regex_i` (a rule's pattern carries no flags
 * here): `ab` → `[aA][bB]`, `[a-f]` → `[a-fA-F]`; escapes (`\d`, `\p{L}`) and group names stay as they are.
 */
export function caseInsensitive(pattern: string): string {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const braced = /^\\[pPu]\{[^}]*\}/.exec(pattern.slice(index));
      const escape = braced ? braced[0] : pattern.slice(index, index + 2);
      out += escape;
      index += escape.length - 1;
    } else if (char === '(' && /^\(\?<[A-Za-z_]/.test(pattern.slice(index))) {
      const end = pattern.indexOf('>', index);
      out += pattern.slice(index, end + 1);
      index = end;
    } else if (char === '[') {
      let end = index + 1;
      while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
      const content = pattern.slice(index + 1, end);
      const body = content.startsWith('^') ? content.slice(1) : content;
      out += `[${content}${swapCase(body)}]`;
      index = end;
    } else {
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      out += lower === upper ? char : `[${lower}${upper}]`;
    }
  }
  return out;
}

/** Letters in the other case, escapes (`\d`) kept. */
function swapCase(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\') {
      out += text.slice(index, index + 2);
      index++;
    } else {
      out += char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return out;
}
