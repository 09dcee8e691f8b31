/**
 * The request logs of the mock tabs (issue 7): read on open, appended from `mock.requestsLogged` batches, cut to
 * the newest MOCK_LOG_LIMIT — the part of the mocks store that follows what running mocks answered.
 */
import type { StoreApi } from 'zustand';
import type { MockRequestDetail, MockRequestSummary } from '../../../shared/contract/mock.contract';
import type { EventPayload } from '../../../shared/events';
import type { AppClient, Notifier } from './store-deps';

/** The renderer keeps at most this many requests per mock (the core's log holds as many). */
export const MOCK_LOG_LIMIT = 1000;

export interface MockLog {
  requests: MockRequestSummary[];
  /** Requests the core left out of full event batches (still readable through a reload while logged). */
  skipped: number;
}

export interface MockLogSlice {
  logs: Record<string, MockLog>;
  loadRequests(path: string): Promise<void>;
  clearRequests(path: string): Promise<void>;
  readRequest(path: string, id: number): Promise<MockRequestDetail | null>;
  applyRequests(event: EventPayload<'mock.requestsLogged'>): void;
}

type Store = StoreApi<MockLogSlice>;

/** Empties a mock's log (on start, and when cleared). */
export function resetLog(set: Store['setState'], path: string): void {
  set((s) => ({ logs: { ...s.logs, [path]: { requests: [], skipped: 0 } } }));
}

export function createMockLogSlice(
  set: Store['setState'],
  get: Store['getState'],
  { client, notifier }: { client: AppClient; notifier: Notifier },
): MockLogSlice {
  return {
    logs: {},

    async loadRequests(path) {
      try {
        const requests = await client.mock.requests({ path, limit: MOCK_LOG_LIMIT });
        set((s) => ({ logs: { ...s.logs, [path]: { requests, skipped: 0 } } }));
      } catch (error) {
        notifier.notifyError('Could not read the request log', error);
      }
    },

    async clearRequests(path) {
      try {
        await client.mock.clearRequests({ path });
        resetLog(set, path);
      } catch (error) {
        notifier.notifyError('Could not clear the request log', error);
      }
    },

    async readRequest(path, id) {
      try {
        return await client.mock.request({ path, id });
      } catch (error) {
        notifier.notifyError('Could not read the request', error);
        return null;
      }
    },

    applyRequests({ path, requests, skipped }) {
      const log = get().logs[path] ?? { requests: [], skipped: 0 };
      const lastId = log.requests[log.requests.length - 1]?.id ?? -1;
      const fresh = requests.filter((r) => r.id > lastId);
      if (fresh.length === 0 && skipped === 0) return;
      const all = [...log.requests, ...fresh];
      set((s) => ({
        logs: {
          ...s.logs,
          [path]: { requests: all.slice(-MOCK_LOG_LIMIT), skipped: log.skipped + skipped },
        },
      }));
    },
  };
}
