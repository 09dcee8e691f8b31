import type { Row } from '../../../../shared/domain';

/**
 * A bounded cache of fixed-size row pages for one result handle. The grid asks for the window it shows;
 * pages far from where the user looks are evicted so a 1,000,000-row result never sits in memory.
 */
export class PageCache {
  private readonly pages = new Map<number, Row[]>();
  /** The page the user looked at last; eviction drops the pages farthest from it. */
  private focus = 0;

  constructor(
    readonly pageSize: number,
    readonly maxPages: number,
  ) {}

  pageOf(rowIndex: number): number {
    return Math.floor(rowIndex / this.pageSize);
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  /** The row at `rowIndex`, or undefined while its page is not loaded. */
  row(rowIndex: number): Row | undefined {
    return this.pages.get(this.pageOf(rowIndex))?.[rowIndex % this.pageSize];
  }

  setFocus(page: number): void {
    this.focus = page;
  }

  setPage(page: number, rows: Row[]): void {
    this.pages.set(page, rows);
    this.evict();
  }

  get size(): number {
    return this.pages.size;
  }

  clear(): void {
    this.pages.clear();
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - this.focus) - Math.abs(a - this.focus));
    for (const page of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(page);
  }
}

/** Pages covering rows [first, last] (inclusive), nearest to `first` first. */
export function pagesForRange(first: number, last: number, pageSize: number): number[] {
  const pages: number[] = [];
  if (last < first) return pages;
  for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}
