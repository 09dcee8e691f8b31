import { create } from 'zustand';
import type { HttpResponse } from '../../../shared/contract/http.contract';
import type { AppErrorShape } from '../../../shared/errors';
import type { HttpRequestFile, KeyValue } from '../../../shared/http-request';
import { toErrorShape } from '../rpc/error-shape';
import { BODY_PREVIEW_BYTES } from './http-format';
import type { AppClient } from './store-deps';

/** What the request editor edits: a request file's model with the parts the first UI slice shows. */
export type HttpDraft = HttpRequestFile;

/** The first bytes of a body kept on disk (too big to come back inline). */
export interface BodyPreview {
  text: string;
  /** Bytes shown. */
  shown: number;
  size: number;
  error: AppErrorShape | null;
}

/** One HTTP tab: its request as edited, the send under way and the last outcome. */
export interface HttpSession {
  draft: HttpDraft;
  /** The send under way (its id for http.cancel); null when idle. */
  sendId: string | null;
  response: HttpResponse | null;
  error: AppErrorShape | null;
  preview: BodyPreview | null;
}

export interface HttpState {
  byTab: Record<string, HttpSession>;
  /** Makes the tab's session (a blank GET, or `seed`) when it has none. */
  ensureSession(tabId: string, seed?: Partial<HttpDraft>): void;
  editDraft(tabId: string, edit: (draft: HttpDraft) => HttpDraft): void;
  /** Sends the draft; the outcome lands in the session (a response, or an error with its code). */
  send(tabId: string): Promise<void>;
  /** Cancels the tab's send under way (its send then ends with REQUEST_CANCELLED). */
  cancel(tabId: string): Promise<void>;
  disposeTab(tabId: string): void;
}

export interface HttpDeps {
  client: AppClient;
}

export const blankDraft = (seed?: Partial<HttpDraft>): HttpDraft => ({
  name: 'New request',
  method: 'GET',
  url: '',
  headers: [],
  body: { type: 'none' },
  ...seed,
});

/** The request as sent: rows without a name are dropped (a table's last row is the one being typed). */
export function requestToSend(draft: HttpDraft): HttpRequestFile {
  const headers = (draft.headers ?? []).filter((h: KeyValue) => h.name.trim() !== '');
  return { ...draft, method: draft.method.trim() || 'GET', url: draft.url.trim(), headers };
}

/** HTTP request tabs: each one's draft request, its send under way and its last response. */
export function createHttpStore({ client }: HttpDeps) {
  return create<HttpState>()((set, get) => {
    const patch = (tabId: string, change: Partial<HttpSession>) =>
      set((s) => {
        const session = s.byTab[tabId];
        return session ? { byTab: { ...s.byTab, [tabId]: { ...session, ...change } } } : s;
      });

    // the first KB of a body kept on disk; dropped when another send replaced the response meanwhile
    const preview = async (tabId: string, handle: string, size: number) => {
      try {
        const chunk = await client.http.readBody({ handle, offset: 0, length: BODY_PREVIEW_BYTES, encoding: 'utf8' });
        if (get().byTab[tabId]?.response?.body.handle !== handle) return;
        patch(tabId, { preview: { text: chunk.data, shown: chunk.nextOffset, size, error: null } });
      } catch (error) {
        if (get().byTab[tabId]?.response?.body.handle !== handle) return;
        patch(tabId, { preview: { text: '', shown: 0, size, error: toErrorShape(error) } });
      }
    };

    return {
      byTab: {},

      ensureSession(tabId, seed) {
        if (get().byTab[tabId]) return;
        set((s) => ({
          byTab: {
            ...s.byTab,
            [tabId]: { draft: blankDraft(seed), sendId: null, response: null, error: null, preview: null },
          },
        }));
      },

      editDraft(tabId, edit) {
        const session = get().byTab[tabId];
        if (session) patch(tabId, { draft: edit(session.draft) });
      },

      async send(tabId) {
        const session = get().byTab[tabId];
        if (!session || session.sendId) return;
        const sendId = crypto.randomUUID();
        patch(tabId, { sendId });
        try {
          const response = await client.http.send({ sendId, request: requestToSend(session.draft) });
          if (get().byTab[tabId]?.sendId !== sendId) return;
          patch(tabId, { sendId: null, response, error: null, preview: null });
          if (response.body.handle) await preview(tabId, response.body.handle, response.body.size);
        } catch (error) {
          if (get().byTab[tabId]?.sendId !== sendId) return;
          patch(tabId, { sendId: null, response: null, error: toErrorShape(error), preview: null });
        }
      },

      async cancel(tabId) {
        const sendId = get().byTab[tabId]?.sendId;
        if (sendId) await client.http.cancel({ sendId });
      },

      disposeTab(tabId) {
        const session = get().byTab[tabId];
        if (session?.sendId) void client.http.cancel({ sendId: session.sendId }).catch(() => undefined);
        set((s) => {
          const { [tabId]: _gone, ...rest } = s.byTab;
          return { byTab: rest };
        });
      },
    };
  });
}

export type HttpStore = ReturnType<typeof createHttpStore>;
