import { stores } from '../../stores/app-stores';
import type { HttpDraft } from '../../stores/http.store';

/** Opens a new request tab, its method and URL filled in from `seed` (a mock's URL…). */
export function openHttpTab(seed?: Partial<HttpDraft>): string {
  const id = stores.tabs.getState().openTab({ kind: 'http', connectionId: null });
  stores.http.getState().ensureSession(id, seed);
  return id;
}
