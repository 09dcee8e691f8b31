/**
 * Valid JSON re-indented by its characters, never through JSON.parse → stringify: a number keeps the digits the
 * server sent (`12345678901234567890` stays exact, `1.0` stays `1.0`), and keys keep their order and escapes.
 * Two spaces per level, `{}` and `[]` kept empty on one line, the output of JSON.stringify(value, null, 2)
 * otherwise.
 */
export function indentJson(json: string): string {
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      out += json.slice(i, end + 1);
      i = end;
    } else if (c === '{' || c === '[') {
      let next = i + 1;
      while (next < json.length && /\s/.test(json[next]!)) next++;
      if (json[next] === (c === '{' ? '}' : ']')) {
        out += c + json[next];
        i = next;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += ',' + newline();
    else if (c === ':') out += ': ';
    else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}
