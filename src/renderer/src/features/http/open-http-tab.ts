import { stores } from '../../stores/app-stores';
import type { HttpDraft } from '../../stores/http.store';

/** Opens a new request tab, its method and URL filled in from `seed` (a mock's URL…). */
export function openHttpTab(seed?: Partial<HttpDraft>): string {
  const id = stores.tabs.getState().openTab({ kind: 'http', connectionId: null });
  stores.http.getState().ensureSession(id, seed);
  return id;
}

/** Opens a request file in a tab (the open one when there is one, read again so a change outside shows). */
export function openHttpRequestFile(path: string, name: string): string {
  const open = stores.tabs.getState().tabs.some((t) => t.kind === 'http' && t.path === path);
  const id = stores.tabs.getState().openTab({ kind: 'http', path, connectionId: null, title: name });
  // a new tab reads its file when its view mounts; an open one keeps unsaved edits (loadFile does not replace them)
  if (open) void stores.http.getState().loadFile(id, path);
  return id;
}
