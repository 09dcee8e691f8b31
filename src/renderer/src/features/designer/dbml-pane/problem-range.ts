import type { Text } from '@codemirror/state';
import type { DbmlProblem } from '../../../../../shared/contract/designer.contract';

/** A parser's 1-based line and column as a document range: the rest of the word there, at least one character. */
export function problemRange(doc: Text, problem: DbmlProblem): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(1, problem.line), doc.lines));
  const from = Math.min(line.from + Math.max(0, problem.column - 1), line.to);
  const word = /^\w+/.exec(doc.sliceString(from, line.to));
  const to = Math.min(from + Math.max(1, word?.[0].length ?? 1), doc.length);
  return { from, to };
}
