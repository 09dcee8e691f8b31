/**
 * Plain-text search through a body view's lines, streamed in 1 MB chunks (a turn for the event loop after
 * each, and a look at `signal`): matches as (line, column in UTF-16 units, length), from a position on, at
 * most `limit` of them. Case-insensitive search uses the regexp `i` flag, which keeps match lengths and
 * columns those of the text itself.
 */
import { AppError } from '../../../../shared/errors';
import { utf8Boundary } from '../http-service';
import { openBody, type BodyView } from './body-view';

const CHUNK = 1024 * 1024;

export interface SearchMatch {
  line: number;
  column: number;
  length: number;
}

export interface SearchInput {
  query: string;
  caseSensitive: boolean;
  /** Matches at or after this position (line, column). */
  from: { line: number; column: number };
  limit: number;
  signal: AbortSignal;
}

export interface SearchPage {
  matches: SearchMatch[];
  /** The whole body was searched from `from`: no match after the last one returned. */
  complete: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function searchBody(view: BodyView, input: SearchInput): Promise<SearchPage> {
  const { query, from, limit, signal } = input;
  if (query.length === 0) throw new AppError('INVALID_INPUT', 'Type something to search for.');
  const pattern = new RegExp(escapeRegExp(query), input.caseSensitive ? 'g' : 'gi');
  const matches: SearchMatch[] = [];
  const cp = view.index.checkpoint(from.line);
  const end = view.index.bytes;
  const file = await openBody(view.file);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let pos = cp.offset;
    // `carry` is the end of the text before (shorter than the query, so a match across chunks is found once);
    // `line` and `lineStart` say where its lines are: line `line` starts at index `lineStart` of carry + text
    let carry = '';
    let line = cp.line;
    let lineStart = 0;
    while (pos < end) {
      if (signal.aborted) throw new AppError('REQUEST_CANCELLED', 'The search was cancelled.');
      const want = Math.min(CHUNK, end - pos);
      const { bytesRead } = await file.read(buffer, 0, want, pos);
      if (bytesRead === 0) break;
      const cut = pos + bytesRead >= end ? bytesRead : utf8Boundary(buffer.subarray(0, bytesRead));
      pos += cut;
      const text = carry + buffer.toString('utf8', 0, cut);
      let cursor = 0;
      /** Moves line/lineStart up to `index` of text. */
      const advance = (index: number) => {
        let nl = text.indexOf('\n', cursor);
        while (nl !== -1 && nl < index) {
          line++;
          lineStart = nl + 1;
          nl = text.indexOf('\n', nl + 1);
        }
        cursor = index;
      };
      pattern.lastIndex = 0;
      for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
        advance(found.index);
        const column = found.index - lineStart;
        if (line > from.line || (line === from.line && column >= from.column)) {
          if (matches.length === limit) return { matches, complete: false };
          matches.push({ line, column, length: found[0].length });
        }
      }
      const keep = Math.min(text.length, query.length - 1);
      advance(text.length - keep);
      carry = text.slice(text.length - keep);
      lineStart -= text.length - keep;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { matches, complete: !view.indexing };
  } finally {
    await file.close();
  }
}
