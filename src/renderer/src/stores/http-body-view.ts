import { create } from 'zustand';
import type { BodyViewStatus } from '../../../shared/contract/http.contract';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient } from './store-deps';

/** Lines are fetched and kept in blocks of this many. */
export const BLOCK_LINES = 200;
/** Blocks kept per body (the rest are fetched again when scrolled back to). */
const KEEP_BLOCKS = 60;
/** Matches asked for at a time. */
const MATCH_PAGE = 5000;
const POLL_MS = 250;

export interface LineBlock {
  lines: string[];
  truncated: Set<number>;
}

export interface BodyMatch {
  line: number;
  column: number;
  length: number;
}

export interface BodySearchState {
  query: string;
  caseSensitive: boolean;
  matches: BodyMatch[];
  /** Every match is in `matches`. */
  complete: boolean;
  busy: boolean;
  /** Index in `matches` of the match shown, -1 before the first. */
  current: number;
  error: AppErrorShape | null;
}

export interface BodyViewEntry {
  status: BodyViewStatus | null;
  error: AppErrorShape | null;
  blocks: Map<number, LineBlock>;
  /** Bumped when blocks arrive, so viewers re-render. */
  version: number;
  search: BodySearchState | null;
}

export interface BodyViewState {
  byHandle: Record<string, BodyViewEntry>;
  /** Opens the body's view and follows its build until done. */
  open(handle: string): Promise<void>;
  /** Fetches the blocks holding lines `first`..`last` that are not kept yet. */
  ensureLines(handle: string, first: number, last: number): void;
  /** Searches from the top; the first match becomes current. */
  search(handle: string, query: string, caseSensitive: boolean): Promise<void>;
  /** Moves to the next (1) or previous (-1) match, wrapping when every match is known. */
  step(handle: string, direction: 1 | -1): Promise<void>;
  clearSearch(handle: string): void;
  close(handle: string): void;
}

/** The text of a line when its block is kept, else undefined. */
export function selectLine(entry: BodyViewEntry | undefined, line: number): string | undefined {
  return entry?.blocks.get(Math.floor(line / BLOCK_LINES))?.lines[line % BLOCK_LINES];
}

/** The matches on `line` (matches are in line order), by binary search. */
export function matchesOnLine(matches: BodyMatch[], line: number): { index: number; match: BodyMatch }[] {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  const found: { index: number; match: BodyMatch }[] = [];
  for (let i = lo; i < matches.length && matches[i]!.line === line; i++) found.push({ index: i, match: matches[i]! });
  return found;
}

/**
 * The big-body viewer's state: per body handle its build status, the blocks of lines fetched (a bounded
 * number, most recent kept), and its search. Only this store calls `http.bodyView/bodyLines/bodySearch`.
 */
export function createBodyViewStore({ client, pollMs = POLL_MS }: { client: AppClient; pollMs?: number }) {
  const loading = new Set<string>();
  const polling = new Set<string>();
  return create<BodyViewState>()((set, get) => {
    const patch = (handle: string, change: (entry: BodyViewEntry) => Partial<BodyViewEntry>) =>
      set((s) => {
        const entry = s.byHandle[handle];
        if (!entry) return s;
        return { byHandle: { ...s.byHandle, [handle]: { ...entry, ...change(entry) } } };
      });
    const setStatus = (handle: string, status: BodyViewStatus) =>
      patch(handle, (entry) => {
        // a body that fell back from formatted to as-received has other lines
        const relined = entry.status !== null && entry.status.formatted !== status.formatted;
        return relined
          ? { status, blocks: new Map(), version: entry.version + 1, search: null }
          : { status, version: entry.version + 1 };
      });

    const follow = async (handle: string) => {
      if (polling.has(handle)) return;
      polling.add(handle);
      try {
        for (;;) {
          if (!get().byHandle[handle]) return;
          const status = await client.http.bodyView({ handle });
          setStatus(handle, status);
          if (!status.indexing) return;
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      } catch (error) {
        patch(handle, () => ({ error: toErrorShape(error) }));
      } finally {
        polling.delete(handle);
      }
    };

    const fetchBlock = async (handle: string, block: number) => {
      const key = `${handle}:${block}`;
      if (loading.has(key)) return;
      loading.add(key);
      try {
        const range = await client.http.bodyLines({ handle, start: block * BLOCK_LINES, count: BLOCK_LINES });
        patch(handle, (entry) => {
          const blocks = new Map(entry.blocks);
          if (range.lines.length > 0) blocks.set(block, { lines: range.lines, truncated: new Set(range.truncated) });
          for (const old of blocks.keys()) {
            if (blocks.size <= KEEP_BLOCKS) break;
            if (old !== block) blocks.delete(old);
          }
          const grew = !entry.status || range.lineCount > entry.status.lineCount;
          const { start: _start, lines: _lines, truncated: _truncated, ...status } = range;
          return { blocks, version: entry.version + 1, ...(grew ? { status } : {}) };
        });
      } catch (error) {
        patch(handle, () => ({ error: toErrorShape(error) }));
      } finally {
        loading.delete(key);
      }
    };

    const fetchMatches = async (handle: string, from: BodyMatch | null) => {
      const search = get().byHandle[handle]?.search;
      if (!search) return null;
      const page = await client.http.bodySearch({
        handle,
        query: search.query,
        caseSensitive: search.caseSensitive,
        fromLine: from ? from.line : 0,
        fromColumn: from ? from.column + 1 : 0,
        limit: MATCH_PAGE,
      });
      // a newer search replaced this one
      const now = get().byHandle[handle]?.search;
      if (page.cancelled || now?.query !== search.query || now.caseSensitive !== search.caseSensitive) return null;
      return page;
    };

    return {
      byHandle: {},

      async open(handle) {
        if (!get().byHandle[handle]) {
          set((s) => ({
            byHandle: {
              ...s.byHandle,
              [handle]: { status: null, error: null, blocks: new Map(), version: 0, search: null },
            },
          }));
        }
        await follow(handle);
      },

      ensureLines(handle, first, last) {
        const entry = get().byHandle[handle];
        if (!entry?.status) return;
        const count = entry.status.lineCount;
        const lastLine = Math.min(last, count - 1);
        for (let block = Math.floor(Math.max(0, first) / BLOCK_LINES); block * BLOCK_LINES <= lastLine; block++) {
          // a block cut short by a build under way is asked for again once there are more lines
          const kept = entry.blocks.get(block);
          if (!kept || kept.lines.length < Math.min(BLOCK_LINES, count - block * BLOCK_LINES))
            void fetchBlock(handle, block);
        }
      },

      async search(handle, query, caseSensitive) {
        if (!get().byHandle[handle]) return;
        if (query === '') {
          get().clearSearch(handle);
          return;
        }
        patch(handle, () => ({
          search: { query, caseSensitive, matches: [], complete: false, busy: true, current: -1, error: null },
        }));
        try {
          const page = await fetchMatches(handle, null);
          if (!page) return;
          patch(handle, (entry) => ({
            search: {
              ...entry.search!,
              matches: page.matches,
              complete: page.complete,
              busy: false,
              current: page.matches.length > 0 ? 0 : -1,
            },
          }));
        } catch (error) {
          patch(handle, (entry) => ({
            search: entry.search && { ...entry.search, busy: false, error: toErrorShape(error) },
          }));
        }
      },

      async step(handle, direction) {
        const search = get().byHandle[handle]?.search;
        if (!search || search.busy || search.matches.length === 0) return;
        const next = search.current + direction;
        if (next >= 0 && next < search.matches.length) {
          patch(handle, (entry) => ({ search: { ...entry.search!, current: next } }));
          return;
        }
        if (direction === 1 && !search.complete) {
          patch(handle, (entry) => ({ search: { ...entry.search!, busy: true } }));
          const page = await fetchMatches(handle, search.matches.at(-1)!).catch(() => null);
          patch(handle, (entry) => {
            const now = entry.search!;
            if (!page) return { search: { ...now, busy: false } };
            const matches = [...now.matches, ...page.matches];
            return {
              search: {
                ...now,
                matches,
                complete: page.complete,
                busy: false,
                current: Math.min(next, matches.length - 1),
              },
            };
          });
          return;
        }
        // every match is known (or going back from the first): wrap around
        const wrapped = direction === 1 ? 0 : search.complete ? search.matches.length - 1 : 0;
        patch(handle, (entry) => ({ search: { ...entry.search!, current: wrapped } }));
      },

      clearSearch(handle) {
        void client.http.bodySearchCancel({ handle }).catch(() => undefined);
        patch(handle, () => ({ search: null }));
      },

      close(handle) {
        set((s) => {
          const { [handle]: _gone, ...rest } = s.byHandle;
          return { byHandle: rest };
        });
      },
    };
  });
}

export type BodyViewStore = ReturnType<typeof createBodyViewStore>;
