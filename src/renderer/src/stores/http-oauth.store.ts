/**
 * OAuth 2.0 tokens as the request editor's Auth section shows them (issue 8, item 2): per tab, the token's
 * summary (type, expiry — never the token), a request under way and its error; and the sign-in page the core
 * asks the user to open (`http.authorizationRequested`: the desktop app opened it already, the browser host's
 * page offers it as a link).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/events';
import type { Auth } from '../../../shared/http-request';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../rpc/error-shape';
import type { AppClient } from './store-deps';

export interface OauthTokenSummary {
  tokenType: string;
  expiresAt: string | null;
  scope?: string;
  hasRefreshToken: boolean;
  fromCache: boolean;
  preview: string;
}

export interface OauthTabState {
  token: OauthTokenSummary | null;
  busy: boolean;
  error: AppErrorShape | null;
  /** A cleared count, shown once after Clear tokens. */
  cleared?: number;
}

export interface HttpOauthState {
  byTab: Record<string, OauthTabState>;
  /** The sign-in page waiting to be opened, while a sign-in is under way. */
  signInUrl: string | null;
  /** `cached` only looks; `get` uses a valid cached one or fetches; `new` always fetches. */
  loadToken(tabId: string, input: { auth: Auth; path?: string; mode: 'cached' | 'get' | 'new' }): Promise<void>;
  clearTokens(tabId: string, filter: { tokenUrl?: string; clientId?: string }): Promise<void>;
  applySignIn(event: EventPayload<'http.authorizationRequested'>): void;
}

export function createHttpOauthStore(client: AppClient): StoreApi<HttpOauthState> {
  return createStore<HttpOauthState>((set) => {
    const patch = (tabId: string, change: Partial<OauthTabState>) =>
      set((s) => ({
        byTab: {
          ...s.byTab,
          [tabId]: { token: null, busy: false, error: null, ...s.byTab[tabId], ...change },
        },
      }));
    return {
      byTab: {},
      signInUrl: null,
      async loadToken(tabId, { auth, path, mode }) {
        patch(tabId, { busy: mode !== 'cached', error: null, cleared: undefined });
        try {
          const { token } = await client.http.oauthToken({ auth, ...(path ? { path } : {}), mode });
          patch(tabId, { token, busy: false });
        } catch (error) {
          patch(tabId, { busy: false, error: mode === 'cached' ? null : toErrorShape(error) });
        } finally {
          if (mode !== 'cached') set({ signInUrl: null });
        }
      },
      async clearTokens(tabId, filter) {
        try {
          const { removed } = await client.http.clearOauthTokens(filter);
          patch(tabId, { token: null, error: null, cleared: removed });
        } catch (error) {
          patch(tabId, { error: toErrorShape(error) });
        }
      },
      applySignIn({ url }) {
        set({ signInUrl: url });
      },
    };
  });
}
