/** The app's GraphQL/SOAP body store over the real client, reading the tab's draft from the http store. */
import { useStore } from 'zustand';
import { client } from '../../../rpc/client';
import { stores } from '../../../stores/app-stores';
import { requestToSend } from '../../../stores/http.store';
import { createProtocolBodiesStore, selectProtocolTab, type ProtocolTabState } from './protocol-bodies.store';

export const protocolBodiesStore = createProtocolBodiesStore({
  client,
  tabRequest: (tabId) => {
    const draft = stores.http.getState().byTab[tabId]?.draft;
    if (!draft) return undefined;
    const tab = stores.tabs.getState().tabs.find((t) => t.id === tabId);
    return {
      request: requestToSend(draft),
      path: tab?.kind === 'http' ? (tab.path ?? null) : null,
      environment: stores.httpEnvironments.getState().selected,
    };
  },
});

export const useProtocolTab = (tabId: string): ProtocolTabState =>
  useStore(protocolBodiesStore, (s) => selectProtocolTab(s, tabId));
export const protocolActions = () => protocolBodiesStore.getState();
