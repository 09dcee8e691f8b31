/** XML bodies indented for reading, and the first structural error found on the way (no DOM, no entities). */

export interface XmlFormatted {
  text: string;
  /** The first tag that does not close, closes another or closes nothing, with its line; null when none. */
  error: string | null;
}

type Token =
  | { kind: 'open' | 'close' | 'self'; name: string; raw: string; line: number }
  | { kind: 'other' | 'text'; raw: string; line: number };

const SPECIAL: [string, string][] = [
  ['<?', '?>'],
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
];

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let line = 1;
  const push = (token: Token, end: number) => {
    tokens.push(token);
    for (let i = at; i < end; i++) if (xml.charCodeAt(i) === 10) line++;
    at = end;
  };
  while (at < xml.length) {
    if (xml[at] !== '<') {
      const end = xml.indexOf('<', at);
      const stop = end < 0 ? xml.length : end;
      push({ kind: 'text', raw: xml.slice(at, stop), line }, stop);
      continue;
    }
    const special = SPECIAL.find(([open]) => xml.startsWith(open, at));
    if (special) {
      const end = xml.indexOf(special[1], at + special[0].length);
      const stop = end < 0 ? xml.length : end + special[1].length;
      push({ kind: 'other', raw: xml.slice(at, stop), line }, stop);
      continue;
    }
    // a tag (or <!DOCTYPE …>): up to the next > outside quotes, [ … ] for a DOCTYPE's internal subset
    let quote = '';
    let bracket = 0;
    let end = at + 1;
    for (; end < xml.length; end++) {
      const c = xml[end]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') bracket++;
      else if (c === ']') bracket--;
      else if (c === '>' && bracket <= 0) break;
    }
    const raw = xml.slice(at, end + 1);
    const name = /^<\/?\s*([^\s/>]+)/.exec(raw)?.[1] ?? '';
    const kind = raw.startsWith('<!') ? 'other' : raw.startsWith('</') ? 'close' : raw.endsWith('/>') ? 'self' : 'open';
    push(kind === 'other' ? { kind, raw, line } : { kind, name, raw, line }, end + 1);
  }
  return tokens;
}

/**
 * Two spaces per level; an element holding only text stays on one line (`<id>7</id>`); whitespace between tags
 * is dropped, other text is trimmed onto its own line. Mixed content reads less naturally but keeps every char
 * that matters.
 */
export function formatXml(xml: string): XmlFormatted {
  const tokens = tokenize(xml);
  const lines: string[] = [];
  const open: { name: string; line: number }[] = [];
  let error: string | null = null;
  const pad = () => '  '.repeat(open.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'text') {
      const text = token.raw.trim();
      if (text) lines.push(pad() + text);
      continue;
    }
    if (token.kind === 'open') {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text?.kind === 'text' && close?.kind === 'close' && close.name === token.name && !text.raw.includes('\n')) {
        lines.push(pad() + token.raw + text.raw + close.raw);
        i += 2;
        continue;
      }
      // <a></a> stays one line
      if (text?.kind === 'close' && text.name === token.name) {
        lines.push(pad() + token.raw + text.raw);
        i += 1;
        continue;
      }
      lines.push(pad() + token.raw);
      open.push({ name: token.name, line: token.line });
      continue;
    }
    if (token.kind === 'close') {
      const top = open.pop();
      if (!top) error ??= `Line ${token.line}: </${token.name}> closes no element.`;
      else if (top.name !== token.name)
        error ??= `Line ${token.line}: </${token.name}> closes <${top.name}> opened on line ${top.line}.`;
      lines.push(pad() + token.raw);
      continue;
    }
    lines.push(pad() + token.raw);
  }
  const unclosed = open.at(-1);
  if (unclosed) error ??= `Line ${unclosed.line}: <${unclosed.name}> is never closed.`;
  return { text: lines.join('\n'), error };
}
