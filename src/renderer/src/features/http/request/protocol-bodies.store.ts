/**
 * What the GraphQL and SOAP body editors fetch per tab (issue 8 item 1): the endpoint's schema by introspection
 * and a WSDL's operations. Only this store calls the client for them; the tab's request, file and environment
 * come in as functions.
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../../../shared/errors';
import type { HttpRequestFile } from '../../../../../shared/http-request';
import type { GraphqlSchemaInfo, WsdlInfo } from '../../../../../shared/http-protocols';
import { toErrorShape } from '../../../rpc/error-shape';
import type { AppClient } from '../../../stores/store-deps';

export interface ProtocolTabState {
  schema: GraphqlSchemaInfo | null;
  schemaLoading: boolean;
  schemaError: AppErrorShape | null;
  wsdl: WsdlInfo | null;
  wsdlLoading: boolean;
  wsdlError: AppErrorShape | null;
}

export interface ProtocolBodiesState {
  byTab: Record<string, ProtocolTabState>;
  /** Introspects the endpoint the tab's request points at, as that request would be sent. */
  fetchSchema(tabId: string): Promise<boolean>;
  /** Reads a WSDL from a URL (fetched with the tab's auth and variables) or from its text. */
  loadWsdl(tabId: string, source: { url: string } | { text: string }): Promise<boolean>;
}

export interface ProtocolBodiesDeps {
  client: AppClient;
  /** The tab's request as it would be sent, its file and the chosen environment. */
  tabRequest(tabId: string): { request: HttpRequestFile; path: string | null; environment: string | null } | undefined;
}

const EMPTY: ProtocolTabState = {
  schema: null,
  schemaLoading: false,
  schemaError: null,
  wsdl: null,
  wsdlLoading: false,
  wsdlError: null,
};

/** The tab's state, or the empty one before anything was fetched. */
export const selectProtocolTab = (s: ProtocolBodiesState, tabId: string): ProtocolTabState => s.byTab[tabId] ?? EMPTY;

export function createProtocolBodiesStore({ client, tabRequest }: ProtocolBodiesDeps) {
  return create<ProtocolBodiesState>()((set) => {
    const patch = (tabId: string, change: Partial<ProtocolTabState>) =>
      set((s) => ({ byTab: { ...s.byTab, [tabId]: { ...(s.byTab[tabId] ?? EMPTY), ...change } } }));
    const scope = (tab: NonNullable<ReturnType<typeof tabRequest>>) => ({
      ...(tab.path ? { path: tab.path } : {}),
      environment: tab.environment,
    });

    return {
      byTab: {},

      async fetchSchema(tabId) {
        const tab = tabRequest(tabId);
        if (!tab) return false;
        patch(tabId, { schemaLoading: true, schemaError: null });
        try {
          const schema = await client.http.graphqlSchema({ request: tab.request, ...scope(tab) });
          patch(tabId, { schema, schemaLoading: false });
          return true;
        } catch (error) {
          patch(tabId, { schemaLoading: false, schemaError: toErrorShape(error) });
          return false;
        }
      },

      async loadWsdl(tabId, source) {
        const tab = tabRequest(tabId);
        if (!tab) return false;
        patch(tabId, { wsdlLoading: true, wsdlError: null });
        try {
          const wsdl = await client.http.wsdlOperations(
            'url' in source ? { url: source.url, request: tab.request, ...scope(tab) } : { text: source.text },
          );
          patch(tabId, { wsdl, wsdlLoading: false });
          return true;
        } catch (error) {
          patch(tabId, { wsdlLoading: false, wsdlError: toErrorShape(error) });
          return false;
        }
      },
    };
  });
}
