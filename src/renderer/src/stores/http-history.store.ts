import { create } from 'zustand';
import type { HttpSendResult } from '../../../shared/contract/http.contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { HttpHistoryEntry, HttpHistorySummary, HttpStatusClass } from '../../../shared/http-history';
import type { HttpRequestFile } from '../../../shared/http-request';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

const HISTORY_PAGE = 200;
/** Several sends may land at once (a burst of clicks): refresh once they settle. */
const REFRESH_DELAY_MS = 150;

/** What a re-opened entry shows in its new tab: its request, and its response or the error it ended with. */
export interface ReopenedSend {
  /** The tab's title: the request's name when it came from a file, else its method and URL path. */
  title: string;
  request: HttpRequestFile;
  response: HttpSendResult | null;
  error: AppErrorShape | null;
}

export interface HttpHistoryState {
  entries: HttpHistorySummary[];
  total: number;
  loading: boolean;
  error: AppErrorShape | null;
  search: string;
  /** The status class the list keeps (null: all). */
  statusFilter: HttpStatusClass | null;
  /** Entries ticked for Compare (at most two, the oldest tick drops out). */
  selected: number[];
  /** The two entries being compared (older first); null when the Compare view is closed. */
  compare: [HttpHistoryEntry, HttpHistoryEntry] | null;
  load(): Promise<void>;
  setSearch(search: string): void;
  /** Keeps one status class (null: all) and reloads the list. */
  setStatusFilter(status: HttpStatusClass | null): Promise<void>;
  /** Keeps the list fresh from `http.historyAppended` while a History view is open; returns the unsubscribe. */
  watch(): () => void;
  /** Opens the entry in a new request tab with its request and its recorded response. */
  open(id: number): Promise<void>;
  toggleSelected(id: number): void;
  /** Reads the two ticked entries in full and opens the Compare view. */
  compareSelected(): Promise<void>;
  closeCompare(): void;
  remove(id: number): Promise<void>;
  clear(): Promise<void>;
}

export interface HttpHistoryDeps {
  client: AppClient;
  notifier: Notifier;
  /** Opens a new request tab holding a past send. */
  openSend(send: ReopenedSend): void;
}

/**
 * The recorded response in the shape a request tab shows: its timing phases, redirect hops, tests and assertions
 * as kept (an entry kept before they were has zero phases and empty lists); script console output is not kept.
 */
export function responseOfEntry(entry: HttpHistoryEntry): HttpSendResult | null {
  const response = entry.response;
  if (!response) return null;
  const { body } = response;
  const note = body.truncated
    ? [
        {
          script: null,
          phase: 'postResponse' as const,
          message: `From the history: only the first ${formatBytes(body.data.length)} of this ${formatBytes(body.size)} body were kept.`,
        },
      ]
    : [];
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: response.httpVersion,
    headers: response.headers,
    url: response.url,
    redirects: response.redirects ?? [],
    redirectLimitReached: response.redirectLimitReached ?? false,
    timing: response.timing ?? {
      dnsMs: 0,
      connectMs: 0,
      tlsMs: 0,
      firstByteMs: 0,
      downloadMs: 0,
      totalMs: response.totalMs,
      reusedConnection: false,
    },
    totalMs: response.totalMs,
    body: { size: body.size, wireSize: body.size, encoding: body.encoding, data: body.data, handle: null },
    tests: response.tests ?? [],
    assertions: response.assertions ?? [],
    scriptLogs: [],
    scriptErrors: [...(response.scriptErrors ?? []), ...note],
  };
}

function titleOf(entry: HttpHistoryEntry): string {
  if (entry.path) return entry.request.name;
  const path = /^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(entry.url)?.[1];
  return `${entry.method} ${path || '/'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The HTTP panel's History: past sends, searchable; re-open one, compare two, delete. */
export function createHttpHistoryStore({ client, notifier, openSend }: HttpHistoryDeps) {
  // a later answer must not be overwritten by a slower earlier one (search-as-you-type)
  let request = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  return create<HttpHistoryState>()((set, get) => ({
    entries: [],
    total: 0,
    loading: false,
    error: null,
    search: '',
    statusFilter: null,
    selected: [],
    compare: null,

    async load() {
      const mine = ++request;
      set({ loading: true });
      try {
        const search = get().search.trim();
        const status = get().statusFilter ?? undefined;
        const { entries, total } = await client.http.history({
          search: search || undefined,
          status,
          limit: HISTORY_PAGE,
        });
        if (mine !== request) return;
        const kept = new Set(entries.map((e) => e.id));
        set((s) => ({ entries, total, error: null, selected: s.selected.filter((id) => kept.has(id)) }));
      } catch (error) {
        if (mine === request) set({ error: toErrorShape(error) });
      } finally {
        if (mine === request) set({ loading: false });
      }
    },

    setSearch(search) {
      set({ search });
    },

    async setStatusFilter(statusFilter) {
      if (statusFilter === get().statusFilter) return;
      set({ statusFilter });
      await get().load();
    },

    watch() {
      const off = client.on('http.historyAppended', () => {
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => {
          refreshTimer = null;
          void get().load();
        }, REFRESH_DELAY_MS);
      });
      return () => {
        off();
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = null;
      };
    },

    async open(id) {
      try {
        // the request with its credentials (historyRequest), never the masked copy the entry shows
        const [entry, reopened] = await Promise.all([
          client.http.historyEntry({ id }),
          client.http.historyRequest({ id }),
        ]);
        const error = entry.errorCode
          ? ({ code: entry.errorCode, message: entry.errorMessage ?? '' } as AppErrorShape)
          : null;
        openSend({ title: titleOf(entry), request: reopened.request, response: responseOfEntry(entry), error });
        if (reopened.cleared.length > 0) {
          notifier.notify({
            kind: 'info',
            title: 'Re-enter the credentials',
            message: `The history kept no usable copy of ${reopened.cleared.join(', ')}: ${
              reopened.cleared.length === 1 ? 'it is' : 'they are'
            } empty in the new tab — type ${reopened.cleared.length === 1 ? 'it' : 'them'} again before sending.`,
          });
        }
      } catch (error) {
        notifier.notifyError('Could not open the history entry', error);
        void get().load();
      }
    },

    toggleSelected(id) {
      set((s) => ({
        selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id].slice(-2),
      }));
    },

    async compareSelected() {
      const ids = [...get().selected].sort((a, b) => a - b);
      if (ids.length !== 2) return;
      try {
        const [older, newer] = await Promise.all(ids.map((id) => client.http.historyEntry({ id })));
        set({ compare: [older!, newer!] });
      } catch (error) {
        notifier.notifyError('Could not compare the responses', error);
        void get().load();
      }
    },

    closeCompare() {
      set({ compare: null });
    },

    async remove(id) {
      try {
        await client.http.deleteHistory({ id });
        set((s) => ({ selected: s.selected.filter((x) => x !== id) }));
        await get().load();
      } catch (error) {
        notifier.notifyError('Could not delete the history entry', error);
      }
    },

    async clear() {
      try {
        const { removed } = await client.http.deleteHistory({});
        set({ selected: [], compare: null });
        notifier.notify({ kind: 'info', title: 'HTTP history cleared', message: `${removed} requests removed.` });
        await get().load();
      } catch (error) {
        notifier.notifyError('Could not clear the HTTP history', error);
      }
    },
  }));
}

export type HttpHistoryStore = ReturnType<typeof createHttpHistoryStore>;

/** The mark a history line shows for its assertions and tests: null when none ran. */
export function selectChecksMark(entry: HttpHistorySummary): { passed: boolean; label: string } | null {
  const checks = entry.checks;
  if (!checks) return null;
  const total = checks.passed + checks.failed;
  return checks.failed === 0
    ? { passed: true, label: `${total} check${total === 1 ? '' : 's'} passed` }
    : { passed: false, label: `${checks.failed} of ${total} check${total === 1 ? '' : 's'} failed` };
}
