import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { problemRange } from './problem-range';

const doc = Text.of(['Table users {', '  id integr [pk]', '}']);

describe('problemRange', () => {
  it('covers the word at the 1-based line and column', () => {
    const range = problemRange(doc, { line: 2, column: 6, message: 'Unknown type' });
    expect(doc.sliceString(range.from, range.to)).toBe('integr');
  });

  it('keeps a position past the end of a line or the document inside it, one character wide at least', () => {
    expect(problemRange(doc, { line: 9, column: 1, message: '' })).toEqual({ from: 31, to: 32 });
    const range = problemRange(doc, { line: 1, column: 99, message: '' });
    expect(doc.sliceString(range.from, range.to)).toBe('\n');
  });
});
