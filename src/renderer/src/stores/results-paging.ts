import type { ResultPage, Row } from '../../../shared/domain';
import { PageCache, pagesForRange } from '../features/results/page-cache';
import type { ResultTab } from '../features/results/result-types';
import { client } from '../rpc/client';
import { toErrorShape } from '../rpc/error-shape';
import type { AppState } from './app-store';
import type { ResultsSlice } from './results.slice';

/** Rows per query.run first page and per query.page request. */
export const PAGE_SIZE = 500;
/** Pages kept per result (PAGE_SIZE × this rows at most); the rest is re-read from the handle on demand. */
const MAX_CACHED_PAGES = 20;
/** Rows skipped per request while walking to the last row (the host streams through them, sending none). */
const GO_TO_END_STEP = 50_000;
/** Most rows a copy of a selection reads. */
export const MAX_COPY_ROWS = 100_000;

/** The rows of each result, by result id (kept outside the store: pages are big and change often). */
const caches = new Map<string, PageCache>();
const inflight = new Map<string, Promise<ResultPage>>();
const stopGoToEnd = new Set<string>();

/** The open handle of a result whose rows are not all read yet, else null. */
export const handleOf = (r: ResultTab | undefined): string | null =>
  r?.result?.kind === 'rows' && !r.result.complete ? r.result.handle : null;

/**
 * Starts a result's cache with the first page that query.run returned. A first page the host cut at its size
 * budget (`sizeLimited`) is not kept: the grid reads page 0 again whole through fetchPage.
 */
export function startRowCache(resultId: string, firstRows: Row[], sizeLimited = false): void {
  const cache = new PageCache(PAGE_SIZE, MAX_CACHED_PAGES);
  if (!sizeLimited) cache.setPage(0, firstRows);
  caches.set(resultId, cache);
}

/** A page whole: one the host cut at its size budget (`sizeLimited`) is completed with further calls. */
async function wholePage(handle: string, offset: number, limit: number): Promise<ResultPage> {
  let page = await client.query.page({ handle, offset, limit });
  while (page.sizeLimited && page.rows.length < limit) {
    const more = await client.query.page({
      handle,
      offset: offset + page.rows.length,
      limit: limit - page.rows.length,
    });
    page = { ...more, offset, rows: page.rows.concat(more.rows) };
    if (more.rows.length === 0) break;
  }
  return page;
}

export function dropRowCache(resultId: string): void {
  caches.delete(resultId);
  stopGoToEnd.delete(resultId);
}

type PagingActions = Pick<
  ResultsSlice,
  'ensureRows' | 'readRow' | 'fetchRows' | 'fetchPage' | 'readCell' | 'goToEnd' | 'stopGoToEnd'
>;

/** Reading rows of a result through its handle: the grid's window, copies, and the walk to the last row. */
export function createPagingActions(
  get: () => AppState,
  patch: (id: string, fn: (r: ResultTab) => Partial<ResultTab>) => void,
): PagingActions {
  return {
    ensureRows(resultId, first, last) {
      const r = get().resultsById[resultId];
      const cache = caches.get(resultId);
      const handle = handleOf(r);
      if (!r || !cache) return;
      cache.setFocus(cache.pageOf(Math.max(0, first)));
      if (!handle) return;
      for (const page of pagesForRange(first, last, PAGE_SIZE)) {
        const offset = page * PAGE_SIZE;
        if (cache.hasPage(page) || (r.done && offset >= r.rowsLoaded)) continue;
        get()
          .fetchPage(handle, offset, PAGE_SIZE)
          .then((result) => {
            if (caches.get(resultId) !== cache) return;
            cache.setPage(page, result.rows);
            patch(resultId, (x) => ({
              pageVersion: x.pageVersion + 1,
              rowsLoaded: result.done
                ? result.rowsRead
                : Math.max(x.rowsLoaded, result.rowsRead, offset + result.rows.length),
              done: x.done || result.done,
              pageError: null,
            }));
          })
          .catch((error: unknown) => {
            const shape = toErrorShape(error);
            patch(resultId, () => ({ pageError: { code: shape.code, message: shape.message } }));
          });
      }
    },

    readRow(resultId, index) {
      return caches.get(resultId)?.row(index);
    },

    async fetchRows(resultId, from, to) {
      const r = get().resultsById[resultId];
      const cache = caches.get(resultId);
      const end = Math.min(to, from + MAX_COPY_ROWS);
      const handle = handleOf(r);
      if (!handle) {
        const rows: Row[] = [];
        for (let i = from; i < end; i++) {
          const row = cache?.row(i);
          if (row) rows.push(row);
        }
        return rows;
      }
      const rows: Row[] = [];
      for (let offset = from; offset < end; offset += 5000) {
        const page = await get().fetchPage(handle, offset, Math.min(5000, end - offset));
        rows.push(...page.rows);
        if (page.done) break;
      }
      return rows;
    },

    fetchPage(handle, offset, limit) {
      const key = `${handle}:${offset}:${limit}`;
      const pending = inflight.get(key);
      if (pending) return pending;
      const request = wholePage(handle, offset, limit).finally(() => inflight.delete(key));
      inflight.set(key, request);
      return request;
    },

    readCell(resultId, row, column, offset, length) {
      const result = get().resultsById[resultId]?.result;
      if (result?.kind !== 'rows') return Promise.reject(new Error('This result has no rows.'));
      return client.query.cell({ handle: result.handle, row, column, offset, length });
    },

    async goToEnd(resultId) {
      const handle = handleOf(get().resultsById[resultId]);
      if (!handle || get().resultsById[resultId]?.done) return;
      stopGoToEnd.delete(resultId);
      patch(resultId, () => ({ goingToEnd: true }));
      try {
        while (!stopGoToEnd.has(resultId)) {
          const r = get().resultsById[resultId];
          if (!r || r.done) break;
          // ask for one row far ahead: the host streams through the rows in between without sending them
          const page = await get().fetchPage(handle, r.rowsLoaded + GO_TO_END_STEP, 1);
          patch(resultId, (x) => ({ rowsLoaded: Math.max(x.rowsLoaded, page.rowsRead), done: page.done }));
        }
      } catch (error) {
        const shape = toErrorShape(error);
        patch(resultId, () => ({ pageError: { code: shape.code, message: shape.message } }));
      } finally {
        patch(resultId, () => ({ goingToEnd: false }));
      }
    },

    stopGoToEnd(resultId) {
      stopGoToEnd.add(resultId);
    },
  };
}
