/**
 * Compare of two recorded responses: each one as text (status line, headers, the body pretty-printed when it is
 * JSON), diffed by line with the `diff` package, laid out side by side with long unchanged runs folded.
 */
import { diffLines } from 'diff';
import type { HttpHistoryEntry } from '../../../../../shared/http-history';

/** One row of the side-by-side view; a null side is a line the other side has alone. */
export type DiffRow =
  | { kind: 'same'; left: string; right: string }
  | { kind: 'changed'; left: string | null; right: string | null }
  | { kind: 'folded'; lines: number };

export interface ResponseDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** The two were too different to diff within the time allowed. */
  tooBig: boolean;
}

/** Unchanged lines kept around a change; longer unchanged runs fold. */
const CONTEXT = 3;
/** The diff gives up after this long rather than freezing the window on two very different 1 MB bodies. */
const DIFF_TIMEOUT_MS = 1500;

/** A response as the lines compared: status, headers (in order), a blank line, the body. */
export function responseText(entry: HttpHistoryEntry): string {
  const response = entry.response;
  if (!response) return `(no response: ${entry.errorCode ?? 'error'} ${entry.errorMessage ?? ''})\n`;
  const lines = [`HTTP/${response.httpVersion} ${response.status} ${response.statusText}`];
  for (const { name, value } of response.headers) lines.push(`${name}: ${value}`);
  lines.push('', bodyText(response.body));
  if (response.body.truncated) lines.push(`(only the first ${response.body.data.length} bytes were kept)`);
  return `${lines.join('\n')}\n`;
}

function bodyText(body: NonNullable<HttpHistoryEntry['response']>['body']): string {
  if (body.encoding === 'base64') return `(binary body, ${body.size} bytes, base64)\n${body.data}`;
  if (body.truncated) return body.data;
  try {
    return JSON.stringify(JSON.parse(body.data), null, 2);
  } catch {
    return body.data;
  }
}

const splitLines = (value: string) => {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

export function diffResponses(left: HttpHistoryEntry, right: HttpHistoryEntry): ResponseDiff {
  const changes = diffLines(responseText(left), responseText(right), { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return { rows: [], added: 0, removed: 0, tooBig: true };
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const line of splitLines(change.value)) rows.push({ kind: 'same', left: line, right: line });
      continue;
    }
    // a removal followed by an addition is a change of those lines: pair them up side by side
    const gone = change.removed ? splitLines(change.value) : [];
    const next = changes[i + 1];
    const came = change.added ? splitLines(change.value) : next?.added ? splitLines(next.value) : [];
    if (change.removed && next?.added) i++;
    removed += gone.length;
    added += came.length;
    for (let k = 0; k < Math.max(gone.length, came.length); k++)
      rows.push({ kind: 'changed', left: gone[k] ?? null, right: came[k] ?? null });
  }
  return { rows: fold(rows), added, removed, tooBig: false };
}

/** Folds runs of unchanged lines longer than twice the context (the start keeps its status line; the end folds). */
function fold(rows: DiffRow[]): DiffRow[] {
  const folded: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== 'same') {
      folded.push(rows[i++]!);
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === 'same') end++;
    const keepBefore = CONTEXT;
    const keepAfter = end === rows.length ? 0 : CONTEXT;
    const run = end - i;
    if (run > keepBefore + keepAfter + 1) {
      folded.push(...rows.slice(i, i + keepBefore));
      folded.push({ kind: 'folded', lines: run - keepBefore - keepAfter });
      folded.push(...rows.slice(end - keepAfter, end));
    } else {
      folded.push(...rows.slice(i, end));
    }
    i = end;
  }
  return folded;
}
