import type { ResultPage, Row } from '../../../shared/domain';
import { PageCache, pagesForRange } from '../features/results/page-cache';
import type { ResultTab } from '../features/results/result-types';
import { toErrorShape } from '../rpc/error-shape';
import type { ResultsState } from './results.store';
import type { AppClient } from './store-deps';

/** Rows per query.run first page and per query.page request. */
export const PAGE_SIZE = 500;
/** Pages kept per result (PAGE_SIZE × this rows at most); the rest is re-read from the handle on demand. */
const MAX_CACHED_PAGES = 20;
/** Rows skipped by the first request of a walk ahead; later steps grow or shrink to take about STEP_MS each. */
const FIRST_STEP = 50_000;
const STEP_MS = 400;
const MAX_STEP = 2_000_000;
/** Most rows a copy of a selection reads. */
export const MAX_COPY_ROWS = 100_000;

/** The open handle of a result whose rows are not all read yet, else null. */
export const handleOf = (r: ResultTab | undefined): string | null =>
  r?.result?.kind === 'rows' && !r.result.complete ? r.result.handle : null;

/**
 * The rows of each result of one results store, kept outside the reactive state: pages are big and change
 * often, so the store only bumps `pageVersion` when one lands.
 */
export class ResultRows {
  readonly caches = new Map<string, PageCache>();
  readonly inflight = new Map<string, Promise<ResultPage>>();
  /** Results whose walk ahead the user stopped. */
  readonly stopped = new Set<string>();

  /**
   * Starts a result's cache with the first page that query.run returned. A first page the host cut at its size
   * budget (`sizeLimited`) is not kept: the grid reads page 0 again whole through fetchPage.
   */
  start(resultId: string, firstRows: Row[], sizeLimited = false): void {
    const cache = new PageCache(PAGE_SIZE, MAX_CACHED_PAGES);
    if (!sizeLimited) cache.setPage(0, firstRows);
    this.caches.set(resultId, cache);
  }

  drop(resultId: string): void {
    this.caches.delete(resultId);
    this.stopped.delete(resultId);
  }
}

/** A page whole: one the host cut at its size budget (`sizeLimited`) is completed with further calls. */
async function wholePage(client: AppClient, handle: string, offset: number, limit: number): Promise<ResultPage> {
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

type PagingActions = Pick<
  ResultsState,
  'ensureRows' | 'readRow' | 'fetchRows' | 'fetchPage' | 'readCell' | 'goToEnd' | 'goToRow' | 'stopReadingAhead'
>;

/** Reading rows of a result through its handle: the grid's window, copies, and walks ahead to a far row. */
export function createPagingActions(
  client: AppClient,
  rows: ResultRows,
  get: () => ResultsState,
  patch: (id: string, fn: (r: ResultTab) => Partial<ResultTab>) => void,
): PagingActions {
  /**
   * Reads ahead until row `target` (0-based) is known to exist, or to the end with `target` null. The host
   * streams through the rows in between without sending them; each step asks for one row far ahead, sized so a
   * step takes about STEP_MS, so progress shows and Stop answers quickly even on a slow server.
   */
  const readAhead = async (resultId: string, target: number | null): Promise<void> => {
    const handle = handleOf(get().resultsById[resultId]);
    const reached = (r: ResultTab) => r.done || (target !== null && r.rowsLoaded > target);
    const start = get().resultsById[resultId];
    if (!handle || !start || reached(start)) return;
    rows.stopped.delete(resultId);
    patch(resultId, () => ({ readingAhead: { target } }));
    let step = FIRST_STEP;
    try {
      for (;;) {
        const r = get().resultsById[resultId];
        if (!r || reached(r) || rows.stopped.has(resultId)) break;
        const offset = target === null ? r.rowsLoaded + step : Math.min(target, r.rowsLoaded + step);
        const began = performance.now();
        const page = await get().fetchPage(handle, offset, 1);
        if (rows.stopped.has(resultId)) break;
        patch(resultId, (x) => ({ rowsLoaded: Math.max(x.rowsLoaded, page.rowsRead), done: page.done }));
        const took = Math.max(1, performance.now() - began);
        step = Math.round(Math.min(MAX_STEP, Math.max(FIRST_STEP / 5, (step * STEP_MS) / took)));
      }
    } catch (error) {
      const shape = toErrorShape(error);
      patch(resultId, () => ({ pageError: { code: shape.code, message: shape.message } }));
    } finally {
      patch(resultId, () => ({ readingAhead: null }));
    }
  };

  return {
    ensureRows(resultId, first, last) {
      const r = get().resultsById[resultId];
      const cache = rows.caches.get(resultId);
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
            if (rows.caches.get(resultId) !== cache) return;
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
      return rows.caches.get(resultId)?.row(index);
    },

    async fetchRows(resultId, from, to) {
      const r = get().resultsById[resultId];
      const cache = rows.caches.get(resultId);
      const end = Math.min(to, from + MAX_COPY_ROWS);
      const handle = handleOf(r);
      if (!handle) {
        const out: Row[] = [];
        for (let i = from; i < end; i++) {
          const row = cache?.row(i);
          if (row) out.push(row);
        }
        return out;
      }
      const out: Row[] = [];
      for (let offset = from; offset < end; offset += 5000) {
        const page = await get().fetchPage(handle, offset, Math.min(5000, end - offset));
        out.push(...page.rows);
        if (page.done) break;
      }
      return out;
    },

    fetchPage(handle, offset, limit) {
      const key = `${handle}:${offset}:${limit}`;
      const pending = rows.inflight.get(key);
      if (pending) return pending;
      const request = wholePage(client, handle, offset, limit).finally(() => rows.inflight.delete(key));
      rows.inflight.set(key, request);
      return request;
    },

    readCell(resultId, row, column, offset, length) {
      const result = get().resultsById[resultId]?.result;
      if (result?.kind !== 'rows') return Promise.reject(new Error('This result has no rows.'));
      return client.query.cell({ handle: result.handle, row, column, offset, length });
    },

    goToEnd(resultId) {
      return readAhead(resultId, null);
    },

    goToRow(resultId, rowIndex) {
      return readAhead(resultId, Math.max(0, Math.floor(rowIndex)));
    },

    stopReadingAhead(resultId) {
      rows.stopped.add(resultId);
      // the request in flight may take a while on a slow server: the UI stops waiting now
      patch(resultId, () => ({ readingAhead: null }));
    },
  };
}
