import { create } from 'zustand';
import type { Contract } from '../../../shared/contract';
import type { ConnectionStatus, SavedConnection } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import type { ProcInput, ProcOutput } from '../../../shared/proc';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient, Notifier } from './store-deps';

export type AppInfo = ProcOutput<Contract['app']['info']>;
export type CreateConnectionInput = ProcInput<Contract['connections']['create']>;
export type UpdateConnectionInput = ProcInput<Contract['connections']['update']>;
export type TestConnectionInput = ProcInput<Contract['connections']['test']>;
export type TestConnectionResult = ProcOutput<Contract['connections']['test']>;
export type ParsedConnectionUrl = ProcOutput<Contract['connections']['parseUrl']>;
export type PickPathInput = ProcInput<Contract['app']['pickPath']>;

export interface ConnectionsState {
  connections: SavedConnection[];
  connectionsLoaded: boolean;
  /**
   * The connection the sidebar tree and the header show. It follows the active tab's connection (the app wires
   * that up), and a click in the connections list changes it.
   */
  selectedConnectionId: string | null;
  statusById: Record<string, ConnectionStatus>;
  /** Connections with a connect/disconnect call in flight (for spinners and disabled buttons). */
  connectingById: Record<string, boolean>;
  /** Why the last connect attempt failed, with its ErrorCode (cleared by the next success). */
  connectErrorById: Record<string, AppErrorShape | undefined>;
  appInfo: AppInfo | null;
  loadAppInfo(): Promise<AppInfo | null>;
  loadConnections(): Promise<void>;
  selectConnection(id: string | null): void;
  /** Opens the live connection and loads its schema; false (and a toast) when it failed. */
  connect(id: string): Promise<boolean>;
  disconnect(id: string): Promise<void>;
  applyConnectionStatus(status: ConnectionStatus): void;
  // The dialog shows errors inline next to its fields, so these reject with the AppError instead of toasting.
  createConnection(input: CreateConnectionInput): Promise<SavedConnection>;
  updateConnection(input: UpdateConnectionInput): Promise<SavedConnection>;
  testConnection(input: TestConnectionInput): Promise<TestConnectionResult>;
  parseConnectionUrl(url: string): Promise<ParsedConnectionUrl>;
  pickPath(input: PickPathInput): Promise<string | null>;
  duplicateConnection(id: string): Promise<void>;
  deleteConnection(id: string): Promise<void>;
}

export interface ConnectionsDeps {
  client: AppClient;
  notifier: Notifier;
  /** A connection is open and shown: its schema should be loaded (the schema store caches it). */
  onSchemaWanted(connectionId: string): void;
  /** A saved connection was deleted: drop its schema and unbind the tabs that used it. */
  onDeleted(connectionId: string): void;
}

/** The saved connection currently selected (shown in the sidebar and the header), if any. */
export const selectSelectedConnection = (s: ConnectionsState): SavedConnection | undefined =>
  s.connections.find((c) => c.id === s.selectedConnectionId);

/** The engine of a saved connection (SQLite when unknown: the most permissive SQL to read). */
export const selectEngine = (s: ConnectionsState, connectionId: string | null): SavedConnection['params']['engine'] =>
  s.connections.find((c) => c.id === connectionId)?.params.engine ?? 'sqlite';

/**
 * The statuses after a reload of the list: those of deleted connections dropped, the host's answer applied —
 * except where the status changed while we asked (an event or a connect call is newer) or a connect is in
 * flight, and except that "disconnected" does not hide the error of a failed connect.
 */
function mergeStatuses(
  s: ConnectionsState,
  asked: Record<string, ConnectionStatus>,
  connections: SavedConnection[],
  statuses: ConnectionStatus[] | null,
): Record<string, ConnectionStatus> {
  const next: Record<string, ConnectionStatus> = {};
  const known = new Set(connections.map((c) => c.id));
  for (const c of connections) {
    const current = s.statusById[c.id];
    if (current) next[c.id] = current;
  }
  for (const status of statuses ?? []) {
    const id = status.connectionId;
    if (!known.has(id)) continue;
    const current = s.statusById[id];
    if (current !== asked[id] || s.connectingById[id]) continue;
    if (status.state === 'disconnected' && current?.state === 'error') continue;
    next[id] = status;
  }
  return next;
}

/** Saved connections, their live status, and the selection the sidebar shows. */
export function createConnectionsStore({ client, notifier, onSchemaWanted, onDeleted }: ConnectionsDeps) {
  return create<ConnectionsState>()((set, get) => ({
    connections: [],
    connectionsLoaded: false,
    selectedConnectionId: null,
    statusById: {},
    connectingById: {},
    connectErrorById: {},
    appInfo: null,

    async loadAppInfo() {
      try {
        const appInfo = await client.app.info({});
        set({ appInfo });
        return appInfo;
      } catch (error) {
        notifier.notifyError('Could not read app info', error);
        return null;
      }
    },

    async loadConnections() {
      const asked = get().statusById;
      try {
        // live states too: after a reload or a reconnect of the event stream, status events may have been missed
        const [connections, statuses] = await Promise.all([
          client.connections.list({}),
          client.connections.statuses({}).catch(() => null),
        ]);
        set((s) => ({
          connections,
          connectionsLoaded: true,
          selectedConnectionId:
            s.selectedConnectionId && connections.some((c) => c.id === s.selectedConnectionId)
              ? s.selectedConnectionId
              : (connections[0]?.id ?? null),
          statusById: mergeStatuses(s, asked, connections, statuses),
        }));
        const { selectedConnectionId, statusById } = get();
        if (selectedConnectionId && statusById[selectedConnectionId]?.state === 'connected') {
          onSchemaWanted(selectedConnectionId);
        }
      } catch (error) {
        set({ connectionsLoaded: true });
        notifier.notifyError('Could not load saved connections', error);
      }
    },

    selectConnection(id) {
      if (get().selectedConnectionId !== id) set({ selectedConnectionId: id });
      if (id && get().statusById[id]?.state === 'connected') onSchemaWanted(id);
    },

    async connect(id) {
      set((s) => ({
        connectingById: { ...s.connectingById, [id]: true },
        connectErrorById: { ...s.connectErrorById, [id]: undefined },
      }));
      try {
        const status = await client.connections.connect({ id });
        get().applyConnectionStatus(status);
        if (status.state !== 'connected') {
          const name = get().connections.find((c) => c.id === id)?.name ?? 'connection';
          notifier.notify({
            kind: 'error',
            title: `Could not connect to ${name}`,
            message: status.message ?? 'The connection did not open.',
          });
          return false;
        }
        onSchemaWanted(id);
        return true;
      } catch (error) {
        const name = get().connections.find((c) => c.id === id)?.name ?? 'connection';
        const shape = toErrorShape(error);
        set((s) => ({ connectErrorById: { ...s.connectErrorById, [id]: shape } }));
        get().applyConnectionStatus({ connectionId: id, state: 'error', message: shape.message });
        notifier.notifyError(`Could not connect to ${name}`, error);
        return false;
      } finally {
        set((s) => ({ connectingById: { ...s.connectingById, [id]: false } }));
      }
    },

    async disconnect(id) {
      set((s) => ({ connectingById: { ...s.connectingById, [id]: true } }));
      try {
        get().applyConnectionStatus(await client.connections.disconnect({ id }));
      } catch (error) {
        notifier.notifyError('Could not disconnect', error);
      } finally {
        set((s) => ({ connectingById: { ...s.connectingById, [id]: false } }));
      }
    },

    applyConnectionStatus(status) {
      set((s) => ({ statusById: { ...s.statusById, [status.connectionId]: status } }));
    },

    async createConnection(input) {
      const saved = await client.connections.create(input);
      await get().loadConnections();
      set({ selectedConnectionId: saved.id });
      return saved;
    },

    async updateConnection(input) {
      const saved = await client.connections.update(input);
      await get().loadConnections();
      return saved;
    },

    testConnection: (input) => client.connections.test(input),
    parseConnectionUrl: (url) => client.connections.parseUrl({ url }),

    async pickPath(input) {
      const { path } = await client.app.pickPath(input);
      return path;
    },

    async duplicateConnection(id) {
      try {
        const copy = await client.connections.duplicate({ id });
        await get().loadConnections();
        set({ selectedConnectionId: copy.id });
        notifier.notify({ kind: 'success', title: 'Connection duplicated', message: `Saved as “${copy.name}”.` });
      } catch (error) {
        notifier.notifyError('Could not duplicate the connection', error);
      }
    },

    async deleteConnection(id) {
      try {
        await client.connections.delete({ id });
        set((s) => {
          const statusById = { ...s.statusById };
          delete statusById[id];
          return { statusById, selectedConnectionId: s.selectedConnectionId === id ? null : s.selectedConnectionId };
        });
        onDeleted(id);
        await get().loadConnections();
      } catch (error) {
        notifier.notifyError('Could not delete the connection', error);
      }
    },
  }));
}

export type ConnectionsStore = ReturnType<typeof createConnectionsStore>;
