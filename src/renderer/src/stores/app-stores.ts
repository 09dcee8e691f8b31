import { useStore } from 'zustand';
import { appRegistry } from '../app/app-registry';
import { client, uploadImportFile, uploadsToHost } from '../rpc/client';
import { createAppStores } from './create-app-stores';
import type { ConnectionsState } from './connections.store';
import type { DataState } from './data.store';
import type { DesignerState } from './designer.store';
import { autoLayout } from '../features/designer/layout/auto-layout';
import type { HistoryState } from './history.store';
import type { HttpState } from './http.store';
import type { HttpHistoryState } from './http-history.store';
import { createHttpOauthStore, type HttpOauthState } from './http-oauth.store';
import type { MocksState } from './mocks.store';
import type { NotificationsState } from './notifications.store';
import type { ResultsState } from './results.store';
import type { SchemaState } from './schema.store';
import type { TabsState } from './tabs.store';
import type { TransferState } from './transfer.store';
import type { UiState } from './ui.store';

const UI_STORAGE_KEY = 'backbench.ui';

/** The app's stores, over the real client; components read them through the hooks below. */
export const stores = createAppStores({
  client,
  ...(uploadsToHost ? { upload: uploadImportFile } : {}),
  tabModel: (kind) => appRegistry.tabKind(kind).model,
  uiStorage: {
    read: () => JSON.parse(localStorage.getItem(UI_STORAGE_KEY) ?? '{}') as unknown,
    write: (value) => localStorage.setItem(UI_STORAGE_KEY, JSON.stringify(value)),
  },
  viewportWidth: window.innerWidth,
  designLayout: autoLayout,
});

// components select narrow slices: `useTabs((s) => s.activeTabId)`
export const useUi = <T>(selector: (s: UiState) => T): T => useStore(stores.ui, selector);
export const useNotifications = <T>(selector: (s: NotificationsState) => T): T =>
  useStore(stores.notifications, selector);
export const useConnections = <T>(selector: (s: ConnectionsState) => T): T => useStore(stores.connections, selector);
export const useSchema = <T>(selector: (s: SchemaState) => T): T => useStore(stores.schema, selector);
export const useTabs = <T>(selector: (s: TabsState) => T): T => useStore(stores.tabs, selector);
export const useResults = <T>(selector: (s: ResultsState) => T): T => useStore(stores.results, selector);
export const useHistory = <T>(selector: (s: HistoryState) => T): T => useStore(stores.history, selector);
export const useData = <T>(selector: (s: DataState) => T): T => useStore(stores.data, selector);
export const useTransfer = <T>(selector: (s: TransferState) => T): T => useStore(stores.transfer, selector);
export const useMocks = <T>(selector: (s: MocksState) => T): T => useStore(stores.mocks, selector);
export const useHttp = <T>(selector: (s: HttpState) => T): T => useStore(stores.http, selector);
export const useDesigner = <T>(selector: (s: DesignerState) => T): T => useStore(stores.designer, selector);
export const useHttpHistory = <T>(selector: (s: HttpHistoryState) => T): T => useStore(stores.httpHistory, selector);

/** OAuth 2.0 token state of the request editor's Auth section, and the sign-in page the core asks to open. */
export const httpOauth = createHttpOauthStore(client);
client.on('http.authorizationRequested', (event) => httpOauth.getState().applySignIn(event));
export const useHttpOauth = <T>(selector: (s: HttpOauthState) => T): T => useStore(httpOauth, selector);
