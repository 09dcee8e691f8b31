import { describe, expect, it } from 'vitest';
import { PageCache, pagesForRange } from './page-cache';

const rows = (page: number, size: number) => Array.from({ length: size }, (_, i) => [page * size + i]);

describe('PageCache', () => {
  it('returns rows of loaded pages and undefined elsewhere', () => {
    const cache = new PageCache(10, 5);
    cache.setPage(2, rows(2, 10));
    expect(cache.row(25)).toEqual([25]);
    expect(cache.row(5)).toBeUndefined();
    expect(cache.hasPage(2)).toBe(true);
  });

  it('keeps at most maxPages, evicting the pages farthest from the focus', () => {
    const cache = new PageCache(10, 3);
    for (const p of [0, 1, 2]) cache.setPage(p, rows(p, 10));
    cache.setFocus(50);
    cache.setPage(50, rows(50, 10));
    expect(cache.size).toBe(3);
    expect(cache.hasPage(0)).toBe(false);
    expect(cache.hasPage(50)).toBe(true);
    expect(cache.hasPage(2)).toBe(true);
  });
});

describe('pagesForRange', () => {
  it('covers the inclusive row range', () => {
    expect(pagesForRange(0, 9, 10)).toEqual([0]);
    expect(pagesForRange(5, 25, 10)).toEqual([0, 1, 2]);
    expect(pagesForRange(-3, 4, 10)).toEqual([0]);
    expect(pagesForRange(5, 4, 10)).toEqual([]);
  });
});
