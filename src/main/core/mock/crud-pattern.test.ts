import { describe, expect, it } from 'vitest';
import { filterPattern, isSafePattern } from './crud-pattern';

describe('CRUD filter patterns', () => {
  it('runs the usual patterns as regexes, as Mockoon does', () => {
    for (const pattern of ['^(ann|bob)', 'a.n', 'x+y*', '\\d{3}', '(?:ab)?c', '(?<first>a)b', '[(+*]', 'a\\(b']) {
      expect(isSafePattern(pattern), pattern).toBe(true);
    }
    expect(filterPattern('^(ann|bob)', 'like').test('Bob B')).toBe(true);
    expect(filterPattern('^(ann|bob)', 'like').test('Cy Bob')).toBe(false);
    expect(filterPattern('a.n', 'start').test('ANNE')).toBe(true);
    expect(filterPattern('a.n', 'start').test('xann')).toBe(false);
    expect(filterPattern('n|x', 'end').source).toBe('n|x$');
  });

  it('matches a pattern that could backtrack without end, or does not compile, as plain text', () => {
    for (const pattern of [
      '(a+)+$',
      '(a|aa)*b',
      '(\\w*\\s?)*x',
      '(x(a*))+',
      '(a)\\1',
      '(?<n>a)\\k<n>',
      'a'.repeat(257),
    ]) {
      expect(isSafePattern(pattern), pattern).toBe(false);
    }
    const slow = filterPattern('(a+)+$', 'like');
    expect(slow.test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(slow.test('x(A+)+$')).toBe(true);
    const broken = filterPattern('a(b', 'like');
    expect(broken.test('a(b')).toBe(true);
    expect(broken.test('ab')).toBe(false);
  });

  it('lets a repeated group without repetition inside, and an optional one, run', () => {
    expect(isSafePattern('(ab)+c')).toBe(true);
    expect(isSafePattern('(a+)?b')).toBe(true);
    expect(isSafePattern('((a+))+')).toBe(false);
  });
});
